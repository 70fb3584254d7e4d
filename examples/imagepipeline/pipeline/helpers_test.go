package pipeline_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/sqlitestore"
	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/steps"
	"github.com/baton-run/baton/steps/steptest"
)

// localRun is a workflow deployed on the local engine for a runnable
// example: steps in-process, checkpoints in SQLite, a fake clock that skips
// every wait. It is steptest.New for code without a *testing.T.
// start is when the examples' fake clock starts.
var start = steptest.Epoch

type localRun struct {
	Clock  *clock.Fake
	Engine *local.Engine
	Dir    string // a temporary directory, removed by close
	store  *checkpoint.Store
	arn    string
}

// newLocalRun deploys wf; observe, when not nil, sees every step event.
func newLocalRun(wf *steps.Workflow, observe func(steps.Event)) *localRun {
	dir := must(os.MkdirTemp("", "imagepipeline-example-"))
	r := &localRun{Clock: clock.NewAutoFake(start), Dir: dir}
	r.store = must(sqlitestore.Open(filepath.Join(dir, "checkpoints.db"), &checkpoint.Options{Now: r.Clock.Now}))
	h := must(steps.NewHandler(wf, r.store, &steps.HandlerOptions{Clock: r.Clock, Observe: observe}))
	invoker := local.NewHandlers().Register(wf.Name(), h) // the aws-lambda-go adapter, as on Lambda
	r.Engine = must(local.Open(local.Options{Clock: r.Clock, Invoker: invoker}))
	r.arn = must(r.Engine.CreateStateMachine(context.Background(), wf.Name(), must(wf.ASL()), nil)).Arn
	return r
}

// run starts an execution and waits for its end.
func (r *localRun) run(name string, input any) local.Execution {
	ctx := context.Background()
	x := must(r.Engine.StartExecution(ctx, r.arn, name, string(must(json.Marshal(input)))))
	return must(r.Engine.Wait(ctx, x.Arn))
}

func (r *localRun) close() {
	r.Engine.Close()
	r.store.Close()
	os.RemoveAll(r.Dir)
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
