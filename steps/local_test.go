package steps_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/sqlitestore"
	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/steps"
)

// localRun is what the examples run workflows on: the local engine with the
// steps in-process, checkpoints in SQLite, on a fake clock (waits and
// retry delays take no time).
type localRun struct {
	Clock   *clock.Fake
	dir     string
	store   *checkpoint.Store
	engine  *local.Engine
	arn     string
	invokes map[string]int
}

func newLocalRun(wf *steps.Workflow) *localRun {
	dir, _ := os.MkdirTemp("", "baton-example-")
	r := &localRun{Clock: clock.NewAutoFake(epoch), dir: dir, invokes: map[string]int{}}
	r.store, _ = sqlitestore.Open(filepath.Join(dir, "baton.db"), &checkpoint.Options{Now: r.Clock.Now})
	h, err := steps.NewHandler(wf, r.store, &steps.HandlerOptions{Clock: r.Clock, Timeout: 2 * time.Second})
	if err != nil {
		panic(err)
	}
	hs := local.NewHandlers().Register(wf.Name(), h)
	count := local.InvokerFunc(func(ctx context.Context, res string, in []byte, m local.InvokeMeta) ([]byte, error) {
		step, _ := steps.PayloadStep(in)
		r.invokes[step]++
		return hs.Invoke(ctx, res, in, m)
	})
	r.engine, _ = local.Open(local.Options{Path: filepath.Join(dir, "baton.db"), Clock: r.Clock, Invoker: count})
	asl, _ := wf.ASL()
	sm, err := r.engine.CreateStateMachine(context.Background(), wf.Name(), asl, nil)
	if err != nil {
		panic(err)
	}
	r.arn = sm.Arn
	return r
}

// run runs one execution to its end: its status and output (or error).
func (r *localRun) run(name string, input any) (local.Status, string) {
	in, _ := json.Marshal(input)
	x, err := r.engine.StartExecution(context.Background(), r.arn, name, string(in))
	if err != nil {
		panic(err)
	}
	x, _ = r.engine.Wait(context.Background(), x.Arn)
	if x.Status != local.StatusSucceeded {
		return x.Status, x.Error
	}
	return x.Status, x.Output
}

func (r *localRun) close() {
	r.engine.Close()
	r.store.Close()
	os.RemoveAll(r.dir)
}
