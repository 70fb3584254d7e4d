// Package steptest runs workflows in tests: on baton's local engine (the
// same ASL semantics as Step Functions), with the steps served in-process
// through aws-lambda-go's handler adapter, long-step checkpoints in a real
// SQLite file, and a fake clock so Wait states, retry delays and slice
// deadlines cost no real time.
//
// A test can also start a long step "resumed at state S" (ResumeAt): the
// checkpoint is seeded as if earlier slices had reached S.
package steptest

import (
	"context"
	"encoding/json"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/sqlitestore"
	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/steps"
	"github.com/baton-run/baton/steps/internal/slicestate"
)

// Epoch is where the default fake clock starts.
var Epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Options configure New. A nil *Options means all defaults.
type Options struct {
	// Clock is the clock of the engine, the store and the steps.
	// Defaults to an auto-advancing fake (clock.NewAutoFake) starting at
	// Epoch: waits finish as soon as nothing else is running. clock.Real
	// runs long steps against real deadlines.
	Clock clock.Clock
	// Timeout replaces every function's timeout. Defaults to each
	// function's own.
	Timeout time.Duration
	// Observe sees every step event. Defaults to none.
	Observe func(steps.Event)
	// MaxHistoryEvents is the engine's history limit per execution
	// (local.Options.MaxHistoryEvents). Defaults to Step Functions' 25,000.
	MaxHistoryEvents int
}

// Env is a workflow deployed on a local engine for one test.
type Env struct {
	Clock   clock.Clock
	Store   *checkpoint.Store
	Engine  *local.Engine
	Handler *steps.Handler

	t       testing.TB
	wf      *steps.Workflow
	arn     string
	mu      sync.Mutex
	invokes map[string][]Call
}

// Call is one invocation of a step's function.
type Call struct {
	Duration time.Duration // measured around the call, on the Env's clock
	Err      error         // the function's error, nil on success
}

// New compiles wf, deploys it on a fresh engine and returns the Env. It
// fails the test if the workflow does not compile.
func New(t testing.TB, wf *steps.Workflow, opts *Options) *Env {
	t.Helper()
	o := withDefaults(opts)
	e := &Env{t: t, wf: wf, Clock: o.Clock, invokes: map[string][]Call{}}
	var err error
	dir := t.TempDir()
	e.Store, err = sqlitestore.Open(filepath.Join(dir, "checkpoints.db"), &checkpoint.Options{Now: o.Clock.Now})
	fatal(t, err)
	t.Cleanup(func() { e.Store.Close() })
	e.Handler, err = steps.NewHandler(wf, e.Store, &steps.HandlerOptions{Clock: o.Clock, Observe: o.Observe, Timeout: o.Timeout})
	fatal(t, err)
	e.Engine, err = local.Open(local.Options{Path: filepath.Join(dir, "engine.db"), Clock: o.Clock, Invoker: e.invoker(),
		MaxHistoryEvents: o.MaxHistoryEvents})
	fatal(t, err)
	t.Cleanup(func() { e.Engine.Close() })
	asl, err := wf.ASL()
	fatal(t, err)
	sm, err := e.Engine.CreateStateMachine(context.Background(), wf.Name(), asl, nil)
	fatal(t, err)
	e.arn = sm.Arn
	return e
}

func withDefaults(o *Options) Options {
	var v Options
	if o != nil {
		v = *o
	}
	if v.Clock == nil {
		v.Clock = clock.NewAutoFake(Epoch)
	}
	return v
}

// invoker serves every function of the workflow with the Handler, through
// the engine's aws-lambda-go adapter, counting invocations per step.
func (e *Env) invoker() local.Invoker {
	hs := local.NewHandlers()
	fns, err := e.wf.Functions()
	fatal(e.t, err)
	for _, f := range fns {
		hs.Register(f.Name, e.Handler)
	}
	return local.InvokerFunc(func(ctx context.Context, res string, in []byte, meta local.InvokeMeta) ([]byte, error) {
		start := e.Clock.Now()
		out, err := hs.Invoke(ctx, res, in, meta)
		if step, perr := steps.PayloadStep(in); perr == nil {
			e.mu.Lock()
			e.invokes[step] = append(e.invokes[step], Call{Duration: e.Clock.Now().Sub(start), Err: err})
			e.mu.Unlock()
		}
		return out, err
	})
}

// Result is a finished execution: the last of its chain when a long step
// continued as new executions.
type Result struct {
	Status  local.Status
	Output  json.RawMessage
	Error   string
	Cause   string
	History []local.HistoryEvent // of the last execution
	// Executions are the ARNs of the chain, the started one first: more
	// than one when a long step ran past MaxSlicesPerExecution.
	Executions []string
}

// Decode decodes the execution's output into v.
func (r Result) Decode(v any) error { return json.Unmarshal(r.Output, v) }

// Run starts an execution called name (the job id of its long steps) with
// input and waits for its end, following it when it continues as a new
// execution (steps.ContinuedAs).
func (e *Env) Run(name string, input any) Result {
	e.t.Helper()
	ctx := context.Background()
	in, err := json.Marshal(input)
	fatal(e.t, err)
	x, err := e.Engine.StartExecution(ctx, e.arn, name, string(in))
	fatal(e.t, err)
	var chain []string
	for {
		chain = append(chain, x.Arn)
		x, err = e.Engine.Wait(ctx, x.Arn)
		fatal(e.t, err)
		next, ok := e.successor(ctx, x)
		if !ok {
			break
		}
		x = next
	}
	hist, _, err := e.Engine.GetExecutionHistory(ctx, x.Arn, local.HistoryOptions{})
	fatal(e.t, err)
	return Result{Status: x.Status, Output: json.RawMessage(x.Output), Error: x.Error, Cause: x.Cause,
		History: hist, Executions: chain}
}

// successor returns the execution that x continued as, if it did.
func (e *Env) successor(ctx context.Context, x local.Execution) (local.Execution, bool) {
	arn, ok := steps.ContinuedAs(x.Output)
	if x.Status != local.StatusSucceeded || !ok {
		return x, false
	}
	next, err := e.Engine.DescribeExecution(ctx, arn)
	if from, ok := steps.ContinuedFrom(next.Input); err != nil || !ok || from != x.Arn {
		return x, false
	}
	return next, true
}

// Invocations returns how many times the step's function was invoked for
// step (a long step: once per slice, plus retries).
func (e *Env) Invocations(step string) int {
	return len(e.Calls(step))
}

// Calls returns the invocations of step's function, in order.
func (e *Env) Calls(step string) []Call {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]Call(nil), e.invokes[step]...)
}

// ResumeAt seeds the checkpoint of job's long step (a top-level step's
// name, or a nested step's path "map/step") as if earlier slices had saved
// state with progress p: the next execution of that job starts the step
// from state.
func (e *Env) ResumeAt(job, step string, state any, p checkpoint.Progress) {
	e.t.Helper()
	ctx := context.Background()
	key := checkpoint.Key{Job: job, Step: step}
	rec, err := e.Store.Claim(ctx, key, checkpoint.NewOwner(), e.Clock.Now().Add(time.Minute))
	fatal(e.t, err)
	rec.State, err = slicestate.Encode(state, p.Done)
	fatal(e.t, err)
	rec.Progress = p
	_, err = e.Store.Release(ctx, rec)
	fatal(e.t, err)
}

// Checkpoint returns the stored checkpoint of job's step.
func (e *Env) Checkpoint(job, step string) checkpoint.Record {
	e.t.Helper()
	rec, err := e.Store.Get(context.Background(), checkpoint.Key{Job: job, Step: step})
	fatal(e.t, err)
	return rec
}

// fatal fails t when err is not nil.
func fatal(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
