package lambdaemu

import (
	"context"
	"testing"
	"time"

	"github.com/baton-run/baton/steps"
)

type num struct{ N int }

func double(_ context.Context, in num) (num, error) { return num{in.N * 2}, nil }

func TestForWorkflowsDeclaresEachFunctionOnce(t *testing.T) {
	t.Parallel()
	big := steps.Function{Name: "big", Timeout: 10 * time.Minute, MemoryMB: 2048}
	a := steps.New("a", &steps.WorkflowOptions{Function: steps.Function{Name: "shared", Timeout: 30 * time.Second}}).
		Add(steps.Task("one", double, nil), steps.Task("two", double, &steps.TaskOptions{Function: &big}))
	b := steps.New("b", &steps.WorkflowOptions{Function: steps.Function{Name: "shared", Timeout: 30 * time.Second}}).
		Add(steps.Task("three", double, nil))
	fs, err := ForWorkflows("/opt/bootstrap", map[string]string{"K": "v"}, nil, a, b)
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	if got := fs.Names(); len(got) != 2 || got[0] != "big" || got[1] != "shared" {
		t.Fatalf("functions %v, want [big shared]", got)
	}
	f, _ := fs.Get("big")
	if c := f.Config(); c.Timeout != 10*time.Minute || c.MemoryMB != 2048 || c.Path != "/opt/bootstrap" || c.Env["K"] != "v" {
		t.Errorf("big = %+v", c)
	}
	clash := steps.New("c", &steps.WorkflowOptions{Function: steps.Function{Name: "shared", Timeout: time.Minute}}).
		Add(steps.Task("four", double, nil))
	if _, err := ForWorkflows("/opt/bootstrap", nil, nil, a, clash); err == nil {
		t.Error("two configurations of one function were accepted")
	}
}
