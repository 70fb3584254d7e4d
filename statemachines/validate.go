package statemachines

import (
	"fmt"
	"unicode/utf8"
)

// MachineType is the type of state machine a definition is validated for:
// some integrations (.waitForTaskToken, .sync, activities) are STANDARD
// only.
type MachineType string

// The two state machine types.
const (
	Standard MachineType = "STANDARD"
	Express  MachineType = "EXPRESS"
)

// ValidateOptions tune Validate. The zero value validates for a STANDARD
// state machine.
type ValidateOptions struct {
	// Type is the state machine type. Defaults to Standard.
	Type MachineType
	// Severity is the least severe diagnostic returned: SeverityError
	// drops warnings (AWS's default). Defaults to SeverityWarning (all).
	Severity Severity
}

// Validate checks the meaning of a parsed (or hand-built) definition as
// AWS Step Functions does for a STANDARD state machine, and returns every
// problem found, errors and warnings, with AWS's diagnostic codes, in
// definition order. The definition is valid when no diagnostic is an ERROR
// (see HasErrors).
func Validate(m *StateMachine) []Diagnostic {
	return ValidateWith(m, ValidateOptions{})
}

// ValidateWith is Validate with options.
func ValidateWith(m *StateMachine, opts ValidateOptions) []Diagnostic {
	if opts.Type == "" {
		opts.Type = Standard
	}
	v := &validator{opts: opts, seen: map[string]bool{}, labels: map[string]bool{}}
	if m == nil {
		v.errorf(CodeSchemaValidation, "", "Definition must be a valid JSON object")
		return v.diags
	}
	v.top = m.Language()
	v.machine(m, "")
	return filterSeverity(v.diags, opts.Severity)
}

// filterSeverity drops warnings when min is SeverityError.
func filterSeverity(diags []Diagnostic, min Severity) []Diagnostic {
	if min != SeverityError {
		return diags
	}
	out := diags[:0]
	for _, d := range diags {
		if d.Severity == SeverityError {
			out = append(out, d)
		}
	}
	return out
}

// ParseAndValidate parses data and, when it parses, validates it. It
// returns the model (nil when the text does not parse) and every
// diagnostic: the parse problems, then the validation problems.
func ParseAndValidate(data []byte, opts ValidateOptions) (*StateMachine, []Diagnostic) {
	m, err := Parse(data)
	if err == nil {
		return m, ValidateWith(m, opts)
	}
	pe, ok := err.(*ParseError)
	if !ok {
		return nil, []Diagnostic{{Severity: SeverityError, Code: CodeInvalidJSON, Message: err.Error()}}
	}
	if !pe.Model {
		return nil, pe.Diagnostics
	}
	// AWS lists the definition's own QueryLanguage problem first, a
	// state's after the state's other problems.
	var top, states []Diagnostic
	for _, d := range pe.Diagnostics {
		if d.Location == "/QueryLanguage" {
			top = append(top, d)
		} else {
			states = append(states, d)
		}
	}
	diags := append(top, ValidateWith(m, opts)...)
	return nil, append(diags, states...)
}

// validator accumulates diagnostics while walking a definition.
type validator struct {
	opts  ValidateOptions
	diags []Diagnostic
	seen  map[string]bool // state names in the whole definition
	// labels are the Map Labels in the whole definition.
	labels map[string]bool
	top    QueryLanguage // the definition's QueryLanguage, which every state inherits
	// inCatch is set while a catcher's Output and Assign are checked, where
	// $states.errorOutput is defined.
	inCatch bool
}

func (v *validator) errorf(code, loc, format string, args ...any) {
	v.report(SeverityError, code, loc, fmt.Sprintf(format, args...))
}

func (v *validator) warnf(code, loc, format string, args ...any) {
	v.report(SeverityWarning, code, loc, fmt.Sprintf(format, args...))
}

func (v *validator) report(sev Severity, code, loc, msg string) {
	v.diags = append(v.diags, Diagnostic{Severity: sev, Code: code, Message: msg, Location: loc})
}

// schemaf reports a SCHEMA_VALIDATION_FAILED error; an empty loc means the
// whole document, "/".
func (v *validator) schemaf(loc, format string, args ...any) {
	if loc == "" {
		loc = "/"
	}
	v.errorf(CodeSchemaValidation, loc, format, args...)
}

// machine validates a definition or a nested body (Parallel branch, Map
// ItemProcessor) at ptr.
func (v *validator) machine(m *StateMachine, ptr string) {
	v.atLeast(child(ptr, "TimeoutSeconds"), m.TimeoutSeconds, 0)
	v.atMost(child(ptr, "TimeoutSeconds"), m.TimeoutSeconds, maxWaitSeconds)
	if len(m.States) == 0 {
		v.schemaf(child(ptr, "States"), "Value cannot be empty")
		return
	}
	names := stateNames(m)
	for _, name := range names {
		v.stateName(name, child(child(ptr, "States"), name))
	}
	for _, name := range names {
		s := m.States[name]
		v.state(s, child(child(ptr, "States"), name))
	}
	v.graph(m, ptr, names)
}

// maxStateNameLength is AWS's limit on state names, in characters.
const maxStateNameLength = 80

// stateName checks one state name: its length, its characters and its
// uniqueness across the whole definition.
func (v *validator) stateName(name, ptr string) {
	switch {
	case name == "":
		v.errorf(CodeInvalidStateName, ptr, "State name must not be empty")
	case utf8.RuneCountInString(name) > maxStateNameLength:
		v.errorf(CodeInvalidStateName, ptr, "State name '%s' exceeds the maximum length of %d characters", name, maxStateNameLength)
	case hasControlChar(name):
		v.errorf(CodeInvalidStateName, ptr, "State name '%s' must not contain control characters", name)
	}
	if v.seen[name] {
		v.errorf(CodeDuplicateStateName, ptr, "Duplicate State name: %s", name)
	}
	v.seen[name] = true
}

func hasControlChar(s string) bool {
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			return true
		}
	}
	return false
}
