package steps_test

import (
	"path/filepath"
	"testing"

	goldenfile "github.com/baton-run/baton/internal/golden"
	"github.com/baton-run/baton/internal/testenv"
	"github.com/baton-run/baton/statemachines"
	"github.com/baton-run/baton/steps"
)

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

func TestCompileGolden(t *testing.T) {
	for _, wf := range []*steps.Workflow{ordersWorkflow(), sumWorkflow(nil), fanoutWorkflow(), batchesWorkflow()} {
		t.Run(wf.Name(), func(t *testing.T) {
			asl, err := wf.ASL()
			if err != nil {
				t.Fatal(err)
			}
			golden(t, wf.Name()+".asl.json", asl)
			m, err := statemachines.Parse(asl)
			if err != nil {
				t.Fatalf("baton's own parser refuses the definition: %v", err)
			}
			if ds := statemachines.Validate(m); statemachines.HasErrors(ds) {
				t.Fatalf("baton validate refuses the definition: %v", ds)
			}
		})
	}
}

// The compiled definitions pass the outside validators too:
// asl-validator and the AWS Toolkit's amazon-states-language-service.
func TestCompiledASLPassesOutsideValidators(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.asl.json"))
	more, _ := filepath.Glob(filepath.Join("..", "examples", "*", "*", "testdata", "*.asl.json"))
	files = append(files, more...)
	for i, f := range files {
		files[i], _ = filepath.Abs(f)
	}
	verdicts := testenv.ASLValidators(t, files)
	if len(files) < 4 || len(verdicts) != len(files) {
		t.Fatalf("%d verdicts for %d files %v", len(verdicts), len(files), files)
	}
	for file, v := range verdicts {
		if !v.ASLValidator.Valid || !v.ASLS.Valid {
			t.Errorf("%s: asl-validator %v, amazon-states-language-service %v", file, v.ASLValidator, v.ASLS)
		}
	}
}
