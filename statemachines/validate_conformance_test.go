package statemachines

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/baton-run/baton/internal/testenv"
)

// validationCase is the part of a conformance-validation expected.json the
// tests compare against.
type validationCase struct {
	Kind        string `json:"kind"`
	Result      string `json:"result"`
	Diagnostics []struct {
		Code     string  `json:"code"`
		Message  string  `json:"message"`
		Location *string `json:"location"`
	} `json:"diagnostics"`
	FromMessage []struct {
		Code     string `json:"code"`
		Message  string `json:"message"`
		Location string `json:"location"`
	} `json:"diagnostics_from_message"`
	Error *struct {
		Message string `json:"message"`
	} `json:"error"`
	Request struct {
		Type     *string `json:"type"`
		Severity *string `json:"severity"`
	} `json:"request"`
	DefinitionFile string   `json:"definition_file"`
	Placeholders   []string `json:"placeholders"`
}

// expectedDiag is one diagnostic AWS recorded.
type expectedDiag struct{ code, message, location string }

func (c *validationCase) expected() []expectedDiag {
	var out []expectedDiag
	for _, d := range c.Diagnostics {
		loc := ""
		if d.Location != nil {
			loc = *d.Location
		}
		out = append(out, expectedDiag{d.Code, d.Message, loc})
	}
	for _, d := range c.FromMessage {
		out = append(out, expectedDiag{d.Code, d.Message, d.Location})
	}
	return out
}

// TestConformanceValidation replays every definition-validation case
// recorded from AWS and compares the result (OK/FAIL), the diagnostic codes
// and, where the recording is exact, the messages and locations.
func TestConformanceValidation(t *testing.T) {
	dir := testenv.Shared(t, "conformance-validation/cases")
	cases, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	passed := 0
	for _, e := range cases {
		ok := t.Run(e.Name(), func(t *testing.T) { runValidationCase(t, filepath.Join(dir, e.Name())) })
		if ok {
			passed++
		}
	}
	t.Logf("conformance-validation: %d/%d cases agree with AWS", passed, len(cases))
}

func runValidationCase(t *testing.T, dir string) {
	var c validationCase
	readJSONFile(t, filepath.Join(dir, "expected.json"), &c)
	data, err := os.ReadFile(filepath.Join(dir, c.DefinitionFile))
	if err != nil {
		t.Fatal(err)
	}
	opts := ValidateOptions{Severity: SeverityError} // AWS's default
	if c.Request.Type != nil {
		opts.Type = MachineType(*c.Request.Type)
	}
	if c.Request.Severity != nil {
		opts.Severity = Severity(*c.Request.Severity)
	}
	_, diags := ParseAndValidate(data, opts)
	got := "OK"
	if HasErrors(diags) {
		got = "FAIL"
	}
	if got != c.Result {
		t.Fatalf("result %s, AWS %s; diagnostics: %v", got, c.Result, diags)
	}
	if c.Kind == "create_error" && c.Error != nil && len(c.Placeholders) == 0 {
		if got := InvalidDefinitionMessage(diags); got != c.Error.Message {
			t.Errorf("CreateStateMachine message\ngot  %q\nwant %q", got, c.Error.Message)
		}
	}
	for _, want := range c.expected() {
		if !hasDiagnostic(diags, want, len(c.Placeholders) == 0) {
			t.Errorf("missing AWS diagnostic %s %q at %q; got %v", want.code, want.message, want.location, diags)
		}
	}
}

// hasDiagnostic reports whether diags has want's code, and when exact its
// message and location too.
func hasDiagnostic(diags []Diagnostic, want expectedDiag, exact bool) bool {
	return slices.ContainsFunc(diags, func(d Diagnostic) bool {
		if d.Code != want.code {
			return false
		}
		return !exact || (d.Message == want.message && d.Location == want.location)
	})
}

func readJSONFile(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestConformanceDefinitionsValid checks that every definition that ran on
// AWS parses and validates without errors.
func TestConformanceDefinitionsValid(t *testing.T) {
	forEachCorpusDefinition(t, func(t *testing.T, data []byte) {
		if _, diags := ParseAndValidate(data, ValidateOptions{}); HasErrors(diags) {
			t.Errorf("AWS ran this definition, but it is invalid here: %v", diags)
		}
	})
}

// forEachCorpusDefinition runs fn, as a subtest named after the case, on
// every definition of the execution corpus (all ran on AWS).
func forEachCorpusDefinition(t *testing.T, fn func(t *testing.T, data []byte)) {
	t.Helper()
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
			fn(t, data)
		})
	}
}
