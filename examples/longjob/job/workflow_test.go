package job

import (
	"path/filepath"
	"testing"

	"github.com/baton-run/baton/internal/golden"
)

// The job's compiled definition, pinned (go test -update rewrites it).
func TestWorkflowGolden(t *testing.T) {
	asl, err := Workflow().ASL()
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "longjob.asl.json"), asl)
}
