package pipeline

import (
	"path/filepath"
	"testing"

	"github.com/baton-run/baton/internal/golden"
	"github.com/baton-run/baton/statemachines"
)

// The pipeline's compiled definition, pinned (go test -update rewrites it).
func TestWorkflowGolden(t *testing.T) {
	asl, err := Workflow().ASL()
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "imagepipeline.asl.json"), asl)
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
