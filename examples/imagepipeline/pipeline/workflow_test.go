package pipeline

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/baton-run/baton/statemachines"
)

var update = flag.Bool("update", false, "rewrite testdata/imagepipeline.asl.json")

// The pipeline's compiled definition, pinned (go test -update rewrites it).
func TestWorkflowGolden(t *testing.T) {
	asl, err := Workflow().ASL()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "imagepipeline.asl.json")
	if *update {
		if err := os.WriteFile(path, asl, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(asl, want) {
		t.Errorf("%s differs from the compiled definition (%v):\n%s", path, err, asl)
	}
}

// The compiled definition passes `baton validate`: it parses strictly and
// has no diagnostics, warnings included.
func TestWorkflowValidates(t *testing.T) {
	asl, err := Workflow().ASL()
	if err != nil {
		t.Fatal(err)
	}
	if _, diags := statemachines.ParseAndValidate(asl, statemachines.ValidateOptions{}); len(diags) > 0 {
		t.Errorf("baton validate reports %d problems:", len(diags))
		for _, d := range diags {
			t.Errorf("  %s %s at %s: %s", d.Severity, d.Code, d.Location, d.Message)
		}
	}
}
