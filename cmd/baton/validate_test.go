package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func writeDefinition(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "def.json")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestValidateCommand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, def string
		args      []string
		wantOut   string // with FILE standing for the definition's path
		wantCode  int
	}{
		{"valid", `{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}`, nil, "FILE: OK\n", 0},
		{"invalid", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}`, nil,
			"FILE: /States/A/Next: MISSING_TRANSITION_TARGET: Missing 'Next' target: B\nFILE: /: MISSING_END_STATE: Workflow has no terminal state\n", 2},
		{"warning only", `{"StartAt":"A","States":{"A":{"Type":"Fail","Error":"$.e"}}}`, []string{"-q"},
			"FILE: /States/A/Error: NO_PATH: The value of 'Error' looks like a path, but the field name does not end with 'Path' (use ErrorPath)\n", 0},
		{"warnings hidden", `{"StartAt":"A","States":{"A":{"Type":"Fail","Error":"$.e"}}}`, []string{"--severity", "ERROR"}, "FILE: OK\n", 0},
		{"express", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}}`, []string{"--type", "EXPRESS"},
			"FILE: /States/A/Resource: SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration\n", 2},
		{"not JSON", `nope`, nil,
			`FILE: [Source: (String)"nope"; line: 1, column: 5]: INVALID_JSON_DESCRIPTION: Unrecognized token 'nope': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')  at [Source: (String)"nope"; line: 1, column: 5]` + "\n", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			file := writeDefinition(t, tt.def)
			var out bytes.Buffer
			code := validateMain(&out, append(tt.args, file))
			want := string(bytes.ReplaceAll([]byte(tt.wantOut), []byte("FILE"), []byte(file)))
			if code != tt.wantCode || out.String() != want {
				t.Errorf("exit %d, output:\n%s\nwant exit %d, output:\n%s", code, out.String(), tt.wantCode, want)
			}
		})
	}
}

func TestValidateCommandUsage(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if code := validateMain(&out, nil); code != 2 {
		t.Errorf("no file: exit %d, want 2", code)
	}
	if code := validateMain(&out, []string{"--type", "FAST", "x.json"}); code != 2 {
		t.Errorf("bad type: exit %d, want 2", code)
	}
	if code := validateMain(&out, []string{"--severity", "INFO", "x.json"}); code != 2 {
		t.Errorf("bad severity: exit %d, want 2", code)
	}
	if code := validateMain(&out, []string{filepath.Join(t.TempDir(), "missing.json")}); code != 2 {
		t.Errorf("missing file: exit %d, want 2", code)
	}
}
