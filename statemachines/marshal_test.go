package statemachines

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/baton-run/baton/internal/testenv"
)

// TestMarshalRoundTripConformance checks, for every definition that ran on
// AWS, that Marshal writes the same JSON document that was parsed (compared
// as decoded JSON, so member order and spacing do not matter) and that
// Parse(Marshal(m)) gives back an equal model.
func TestMarshalRoundTripConformance(t *testing.T) {
	dir := testenv.Shared(t, "conformance/cases")
	files, err := filepath.Glob(filepath.Join(dir, "*", "definition.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no definitions under %s: %v", dir, err)
	}
	for _, f := range files {
		t.Run(filepath.Base(filepath.Dir(f)), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			checkRoundTrip(t, data)
		})
	}
}

func checkRoundTrip(t *testing.T, data []byte) {
	t.Helper()
	m, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	out, err := Marshal(m)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	var want, got any
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("Marshal wrote invalid JSON: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("Marshal changed the document:\nwant %s\ngot  %s", data, out)
	}
	m2, err := Parse(out)
	if err != nil {
		t.Fatalf("Parse(Marshal(m)): %v", err)
	}
	if !reflect.DeepEqual(m, m2) {
		t.Fatalf("Parse(Marshal(m)) differs from m")
	}
}
