package statemachines

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzParse checks, for arbitrary text, that Parse neither panics nor
// accepts what encoding/json rejects, that what it accepts decodes to the
// same JSON values as encoding/json, that Validate does not panic on it,
// and that Parse(Marshal(m)) gives back m. Seeds: testdata/fuzz/FuzzParse
// plus the definitions under testdata.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"testdata/corpus/*.json", "testdata/validate/*.json", "testdata/bench/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if v, err := readJSON(data); err == nil {
			checkLikeEncodingJSON(t, data, v)
		}
		m, err := Parse(data)
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("Parse returned %T, want *ParseError", err)
			}
			return
		}
		Validate(m)
		out, err := Marshal(m)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		m2, err := Parse(out)
		if err != nil {
			t.Fatalf("Parse(Marshal(m)): %v\n%s", err, out)
		}
		if !reflect.DeepEqual(m, m2) {
			t.Fatalf("Parse(Marshal(m)) != m\ninput: %q\nmarshalled: %s", data, out)
		}
	})
}

// checkLikeEncodingJSON checks that text readJSON accepted is valid for
// encoding/json and decodes to the same values.
func checkLikeEncodingJSON(t *testing.T, data []byte, v any) {
	t.Helper()
	var want any
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatalf("readJSON accepted %q, encoding/json rejects it: %v", data, err)
	}
	if got := plain(v); !reflect.DeepEqual(got, want) {
		t.Fatalf("readJSON(%q) = %#v, encoding/json gives %#v", data, got, want)
	}
}
