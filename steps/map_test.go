package steps_test

import (
	"context"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/steps"
	"github.com/baton-run/baton/steps/steptest"
)

// A long step inside a Map: each item gets its own checkpoint (keyed by
// the item's content) and is sliced on its own; the Map's output is exact.
func TestLongStepInMapOnTheEngine(t *testing.T) {
	t.Parallel()
	var e *steptest.Env
	sum := func(_ context.Context, in counter, st *cursor, p *steps.Progress) (counter, error) {
		for st.Next < in.N && p.Next() {
			e.Clock.(*clock.Fake).Advance(300 * time.Millisecond)
			for end := min(st.Next+10, in.N); st.Next < end; {
				st.Next++
				st.Sum += st.Next
			}
			p.Save(st.Next, in.N)
		}
		return counter{N: st.Sum}, nil
	}
	parts := steps.Field(func(b *batch) *[]counter { return &b.Parts })
	wf := steps.New("fan", &steps.WorkflowOptions{Function: steps.Function{Timeout: time.Second}}).Add(
		steps.Map("each", steps.Sequence(steps.Long("part", sum, nil)), &steps.MapOptions{Items: parts, MaxConcurrency: 1}))
	e = steptest.New(t, wf, nil)
	res := e.Run("fan-1", batch{Parts: []counter{{N: 100}, {N: 50}, {N: 100}}})
	if res.Status != "SUCCEEDED" || string(res.Output) != `[{"n":5050},{"n":1275},{"n":5050}]` {
		t.Fatalf("%s %s (%s %s)", res.Status, res.Output, res.Error, res.Cause)
	}
	// 10 + 5 chunks of 300 ms under a 1 s timeout: 3 chunks a slice. The
	// third item equals the first: its checkpoint is done, one invocation.
	if n := e.Invocations("part"); n != 4+2+1 {
		t.Errorf("%d invocations of part, want 7", n)
	}
}

// Batching: 250 items in batches of 100 make three invocations, in the
// step's own function.
func TestMapBatchesOnTheEngine(t *testing.T) {
	t.Parallel()
	e := steptest.New(t, batchesWorkflow(), nil)
	res := e.Run("bill-1", map[string]any{"invoices": make([]counter, 250)})
	if res.Status != "SUCCEEDED" || string(res.Output) != `[{"n":100},{"n":100},{"n":50}]` {
		t.Fatalf("%s %s (%s %s)", res.Status, res.Output, res.Error, res.Cause)
	}
	if n := e.Invocations("bill"); n != 3 {
		t.Errorf("%d invocations of bill, want 3", n)
	}
}

// The fan-out workflow end to end: a Map of long steps (ToleratedFailures
// makes it DISTRIBUTED), then a Parallel whose branches see the Map's output.
func TestFanoutWorkflowOnTheEngine(t *testing.T) {
	t.Parallel()
	e := steptest.New(t, fanoutWorkflow(), nil)
	res := e.Run("fan-2", batch{Parts: []counter{{N: 10}, {N: 20}}})
	want := `[[{"n":55},{"n":210}],[{"n":55},{"n":210}]]`
	if res.Status != "SUCCEEDED" || string(res.Output) != want {
		t.Fatalf("%s %s (%s %s); want %s", res.Status, res.Output, res.Error, res.Cause, want)
	}
}
