package steps_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/steps"
	"github.com/baton-run/baton/steps/steptest"
)

// Past MaxSlicesPerExecution slices a long step answers "renew" (the
// compiled machine then starts itself again), and the new execution's
// input, {"batonResume": envelope}, goes through the resume router straight
// back to the step, which carries on with the same job's checkpoint.
func TestContinueAsNewCarriesTheJob(t *testing.T) {
	t.Parallel()
	var e *steptest.Env
	var chunks int
	sum := func(ctx context.Context, in counter, st *cursor, p *steps.Progress) (counter, error) {
		for st.Next < in.N && p.Next() {
			chunks++
			e.Clock.(*clock.Fake).Advance(400 * time.Millisecond)
			st.Next += 10
			st.Sum += st.Next
			p.Save(st.Next, in.N)
		}
		return counter{N: st.Next}, nil
	}
	wf := steps.New("renew", &steps.WorkflowOptions{MaxSlicesPerExecution: 3, Function: steps.Function{Timeout: time.Second}}).
		Add(steps.Long("sum", sum, nil))
	e = steptest.New(t, wf, nil)

	// Drive the first execution's slices by hand, as its state machine would.
	in := any(counter{N: 100})
	var r sliceResult
	for range 3 {
		out, err := invoke(t.Context(), e.Handler, "sum", "first-execution", in)
		if err != nil {
			t.Fatal(err)
		}
		json.Unmarshal(out, &r)
		in = r.Output
	}
	if r.Status != "renew" {
		t.Fatalf("after 3 slices: status %q, want renew", r.Status)
	}
	// What sum.renew starts: the same state machine with the envelope.
	var env map[string]any
	json.Unmarshal(r.Output, &env)
	res := e.Run("second-execution", map[string]any{"batonResume": env})
	if res.Status != "SUCCEEDED" || string(res.Output) != `{"n":100}` {
		t.Fatalf("continued execution: %s %s (%s %s)", res.Status, res.Output, res.Error, res.Cause)
	}
	if chunks != 10 {
		t.Errorf("%d chunks ran in all, want 10 (none redone)", chunks)
	}
	if rec := e.Checkpoint("first-execution", "sum"); !rec.Done {
		t.Errorf("the job's checkpoint (keyed by the first execution) is not done: %+v", rec)
	}
}

// With NoRenew the step keeps answering "continue".
func TestNoRenew(t *testing.T) {
	t.Parallel()
	clk := clock.NewAutoFake(epoch)
	w := newWork(clk, 600*time.Millisecond)
	wf := steps.New("sum", &steps.WorkflowOptions{MaxSlicesPerExecution: 1, Function: steps.Function{Timeout: time.Second}}).
		Add(steps.Long("sum", w.sum, nil))
	h, err := steps.NewHandler(wf, openStore(t, clk), &steps.HandlerOptions{Clock: clk, NoRenew: true})
	if err != nil {
		t.Fatal(err)
	}
	out, n, err := drive(t, h, clk, "sum", "exec", counter{N: 50})
	if err != nil || string(out) != `{"n":1275}` || n != 5 {
		t.Errorf("%s after %d invocations (%v); want {\"n\":1275} after 5, never renewing", out, n, err)
	}
}
