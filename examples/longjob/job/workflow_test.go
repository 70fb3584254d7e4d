package job

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/longjob.asl.json")

// The job's compiled definition, pinned (go test -update rewrites it).
func TestWorkflowGolden(t *testing.T) {
	asl, err := Workflow().ASL()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "longjob.asl.json")
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
