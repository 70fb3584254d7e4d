package statemachines

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baton-run/baton/internal/golden"
)

// TestValidateGolden validates each definition under testdata/validate
// (as EXPRESS when its name starts with "express_") and compares the
// diagnostics, one per line, with NAME.golden. Run with -update to rewrite
// the golden files after a deliberate change, and review the diff.
func TestValidateGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "validate", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no definitions in testdata/validate: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			opts := ValidateOptions{}
			if strings.HasPrefix(name, "express_") {
				opts.Type = Express
			}
			_, diags := ParseAndValidate(data, opts)
			if !HasErrors(diags) {
				t.Errorf("%s is meant to be invalid but has no errors", f)
			}
			compareGolden(t, strings.TrimSuffix(f, ".json")+".golden", formatDiagnostics(diags))
		})
	}
}

// formatDiagnostics renders diagnostics one per line, as `baton validate`
// prints them (without the file name).
func formatDiagnostics(diags []Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(strings.ReplaceAll(d.Severity.String()+" "+d.String(), "\n", `\n`))
		b.WriteByte('\n')
	}
	return b.String()
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	golden.Check(t, path, []byte(got))
}
