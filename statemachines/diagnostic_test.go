package statemachines

import "testing"

func TestInvalidDefinitionMessage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		diags []Diagnostic
		want  string
	}{
		{"none", nil, ""},
		{"warnings only", []Diagnostic{{Severity: SeverityWarning, Code: CodeNoDollar, Message: "m", Location: "/States/A"}}, ""},
		{"one, as AWS recorded it", []Diagnostic{{Severity: SeverityError, Code: CodeSchemaValidation,
			Message: "Express state machine does not support '.waitForTaskToken' service integration ", Location: "/States/Publish/Resource"}},
			"Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at /States/Publish/Resource'"},
		{"two", []Diagnostic{
			{Severity: SeverityError, Code: CodeMissingTransitionTarget, Message: "Missing 'Next' target: B", Location: "/States/A/Next"},
			{Severity: SeverityWarning, Code: CodeNoPath, Message: "w", Location: "/States/A"},
			{Severity: SeverityError, Code: CodeSchemaValidation, Message: "Definition must be a valid JSON object"}},
			"Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next, SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object at null'"},
		{"location already in the message", []Diagnostic{{Severity: SeverityError, Code: CodeInvalidJSON, Message: "Bad\n at [Source: x]", Location: "[Source: x]"}},
			"Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: Bad\n at [Source: x]'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := InvalidDefinitionMessage(tt.diags); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
