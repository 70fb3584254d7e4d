package synth

import (
	"strings"
	"testing"

	"github.com/baton-run/baton/examples/imagepipeline/pipeline"
	"github.com/baton-run/baton/examples/longjob/job"
	"github.com/baton-run/baton/steps"
)

// exampleWorkflows are the project's example workflows; each has golden
// artefacts and must pass the policy rules.
var exampleWorkflows = map[string]func() *steps.Workflow{
	"longjob":       job.Workflow,
	"imagepipeline": pipeline.Workflow,
}

func TestExamplesGolden(t *testing.T) {
	for name, wf := range exampleWorkflows {
		out, err := Synth(wf(), nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		golden(t, "examples/"+name+".template.yaml", out.Template)
		golden(t, "examples/"+name+".asl.json", out.ASL)
	}
}

func TestExamplesPassGuardRules(t *testing.T) {
	bin := cfnGuard(t)
	for name, wf := range exampleWorkflows {
		out, err := Synth(wf(), nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if report, err := guard(t, bin, out.Template); err != nil {
			t.Errorf("%s: cfn-guard rejects the template: %v\n%s", name, err, report)
		}
	}
}

// TestDistributedMapChildPermissions: only a workflow with a distributed Map
// may describe and stop child executions.
func TestDistributedMapChildPermissions(t *testing.T) {
	for name, want := range map[string]bool{"longjob": false, "imagepipeline": true} {
		out, err := Synth(exampleWorkflows[name](), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(string(out.Template), "DistributedMapChildren"); got != want {
			t.Errorf("%s: child-execution statement present = %v, want %v", name, got, want)
		}
	}
}
