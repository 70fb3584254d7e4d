package awslambda_test

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint/sqlitestore"
	"github.com/baton-run/baton/steps"
	"github.com/baton-run/baton/steps/awslambda"
)

// The Lambda entry point links neither the local engine, SQLite nor the
// CLI: what a deployed bootstrap carries is the step runtime, the DynamoDB
// driver and the AWS SDK.
func TestLinksNoEngineNoSQLite(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/baton-run/baton/steps/awslambda").CombinedOutput()
	if err != nil {
		t.Skipf("go list: %v\n%s", err, out)
	}
	for _, bad := range []string{"modernc.org/sqlite", "baton/orchestrator", "baton/checkpoint/sqlitestore", "baton/steps/steptest"} {
		if strings.Contains(string(out), bad) {
			t.Errorf("steps/awslambda depends on %s", bad)
		}
	}
	if !strings.Contains(string(out), "baton/checkpoint/dynamostore") {
		t.Error("steps/awslambda does not link the DynamoDB checkpoint driver")
	}
}

type n struct {
	N int `json:"n"`
}

func inc(_ context.Context, v n) (n, error) { return n{v.N + 1}, nil }

// The router serves the steps that run in its function, and refuses a
// function that serves none.
func TestRouter(t *testing.T) {
	own := &steps.Function{Name: "big", Timeout: time.Minute, MemoryMB: 4096}
	wf := steps.New("w", nil).Add(steps.Task("a", inc, nil), steps.Task("b", inc, &steps.TaskOptions{Function: own}))
	store, err := sqlitestore.Open(t.TempDir()+"/cp.db", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	r, err := awslambda.NewRouter("w", store, nil, wf)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := r.Invoke(context.Background(), []byte(`{"step":"a","input":{"n":1}}`)); err != nil || string(out) != `{"n":2}` {
		t.Errorf("a: %s %v", out, err)
	}
	if _, err := r.Invoke(context.Background(), []byte(`{"step":"b","input":{"n":1}}`)); steps.ErrorName(err) != "UnknownStepError" {
		t.Errorf("b runs in function big, not w: err %v", err)
	}
	if _, err := awslambda.NewRouter("other", store, nil, wf); err == nil || err.Error() != `no step of the 1 workflows runs in function "other"` {
		t.Errorf("NewRouter(other) = %v", err)
	}
}
