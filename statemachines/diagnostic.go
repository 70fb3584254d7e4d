package statemachines

import (
	"fmt"
	"strings"
)

// Severity is how bad a Diagnostic is: an ERROR makes a definition invalid,
// a WARNING does not.
type Severity string

// The two severities of AWS's ValidateStateMachineDefinition.
const (
	SeverityError   Severity = "ERROR"
	SeverityWarning Severity = "WARNING"
)

// Diagnostic codes, as AWS's ValidateStateMachineDefinition reports them.
const (
	CodeInvalidJSON             = "INVALID_JSON_DESCRIPTION"
	CodeSchemaValidation        = "SCHEMA_VALIDATION_FAILED"
	CodeMissingTransitionTarget = "MISSING_TRANSITION_TARGET"
	CodeDuplicateStateName      = "DUPLICATE_STATE_NAME"
	CodeMissingEndState         = "MISSING_END_STATE"
	CodeInvalidStateName        = "INVALID_STATE_NAME"
	CodeInvalidVariableName     = "INVALID_VARIABLE_NAME"
	CodeReservedVariableName    = "RESERVED_VARIABLE_NAME"
	CodeInvalidLabelName        = "INVALID_LABEL_NAME"
	CodeDuplicateLabelName      = "DUPLICATE_LABEL_NAME"
	CodeInvalidJSONata          = "INVALID_JSONATA_EXPRESSION"
	CodeUnsupportedJSONata      = "UNSUPPORTED_JSONATA_EXPRESSION"
	CodeInvalidResource         = "INVALID_RESOURCE"
)

// Diagnostic is one problem found in a definition.
//
// Location is where the problem is, written as AWS writes it: a JSON
// pointer into the definition with array elements as "[i]" and names
// unescaped ("/States/Load/Retry[0]/BackoffRate"), "/" for the whole
// document, "" when AWS reports none (MISSING_END_STATE), or for text that
// is not JSON the parser position as AWS words it
// (`[Source: (String)"..."; line: 1, column: 4]`).
//
// AWS reports unreachable states with MISSING_TRANSITION_TARGET and invalid
// paths with SCHEMA_VALIDATION_FAILED; so does Validate.
type Diagnostic struct {
	Severity Severity
	Code     string
	Message  string
	Location string
}

// String formats the diagnostic as "location: CODE: message", with "/"
// for a diagnostic without a location.
func (d Diagnostic) String() string {
	loc := d.Location
	if loc == "" {
		loc = "/"
	}
	return loc + ": " + d.Code + ": " + d.Message
}

// HasErrors reports whether any diagnostic is an ERROR.
func HasErrors(ds []Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// ParseError is what Parse returns for a definition it cannot turn into a
// model: text that is not JSON (one INVALID_JSON_DESCRIPTION diagnostic with
// Line and Column), or JSON that does not have ASL's shape (one
// SCHEMA_VALIDATION_FAILED diagnostic per unknown field, wrong type or
// missing required field).
type ParseError struct {
	Diagnostics []Diagnostic
	// Model is true when Parse returned the model along with this error:
	// the problems leave it whole (a QueryLanguage outside the enum), and
	// ParseAndValidate validates it as AWS does. It is still invalid.
	Model bool
	// Line and Column (1-based, in bytes) locate a JSON syntax error, as
	// Jackson does: the column just after the offending character or
	// token. Zero otherwise.
	Line, Column int
}

// Error describes the first problem and how many more there are.
func (e *ParseError) Error() string {
	if len(e.Diagnostics) == 0 {
		return "invalid state machine definition"
	}
	var b strings.Builder
	b.WriteString("invalid state machine definition: ")
	b.WriteString(e.Diagnostics[0].String())
	if n := len(e.Diagnostics) - 1; n > 0 {
		fmt.Fprintf(&b, " (and %d more)", n)
	}
	return b.String()
}

// String returns the severity's name.
func (s Severity) String() string { return string(s) }

// InvalidDefinitionMessage words the ERROR diagnostics as AWS's
// CreateStateMachine and UpdateStateMachine do in their InvalidDefinition
// error: "Invalid State Machine Definition: 'CODE: message at location,
// CODE: message at location'". It returns "" when there is no error.
func InvalidDefinitionMessage(diags []Diagnostic) string {
	var parts []string
	for _, d := range diags {
		if d.Severity != SeverityError {
			continue
		}
		part := d.Code + ": " + d.Message
		switch {
		case d.Location == "":
			part += " at null" // as AWS words a diagnostic without a location
		case !strings.HasSuffix(d.Message, d.Location):
			part += " at " + d.Location
		}
		parts = append(parts, part)
	}
	if len(parts) == 0 {
		return ""
	}
	return "Invalid State Machine Definition: '" + strings.Join(parts, ", ") + "'"
}
