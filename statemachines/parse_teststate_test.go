package statemachines

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/baton-run/baton/internal/testenv"
)

// TestParseTestStateDefinitions parses every definition AWS's TestState API
// accepted in the recorded TestState corpus: whole state machines as they
// are, single states inside a one-state machine. A field AWS accepts must
// never be rejected as unsupported.
func TestParseTestStateDefinitions(t *testing.T) {
	dir := testenv.Shared(t, "conformance-teststate/cases")
	files, err := filepath.Glob(filepath.Join(dir, "*", "request.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no requests under %s: %v", dir, err)
	}
	for _, f := range files {
		t.Run(filepath.Base(filepath.Dir(f)), func(t *testing.T) {
			var req struct {
				Definition json.RawMessage `json:"definition"`
			}
			var exp struct {
				Kind string `json:"kind"`
			}
			readJSONFile(t, f, &req)
			readJSONFile(t, filepath.Join(filepath.Dir(f), "expected.json"), &exp)
			if exp.Kind != "result" || len(req.Definition) == 0 || req.Definition[0] != '{' {
				t.Skip("AWS did not run this definition")
			}
			def := wrapState(t, req.Definition)
			if _, err := Parse(def); err != nil {
				t.Errorf("AWS ran this definition, Parse rejects it: %v\n%s", err, def)
			}
		})
	}
}

// wrapState returns a whole state machine as it is, and a single state as
// the only state of a machine.
func wrapState(t *testing.T, def json.RawMessage) []byte {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(def, &probe); err != nil {
		t.Fatal(err)
	}
	if _, whole := probe["States"]; whole {
		return def
	}
	return append(append([]byte(`{"StartAt":"S","States":{"S":`), def...), "}}"...)
}
