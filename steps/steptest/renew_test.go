package steptest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/steps"
	"github.com/baton-run/baton/steps/steptest"
)

// renewing deploys a workflow whose long step adds 10, 20, ... n, a chunk
// per number, two chunks per 1 s slice, continuing as new executions after
// maxSlices slices. It records the chunks run in *chunks.
func renewing(t *testing.T, maxSlices int, opts *steptest.Options, chunks *[]int64) *steptest.Env {
	var e *steptest.Env
	sum := func(_ context.Context, in job, st *cursor, p *steps.Progress) (job, error) {
		for st.Next < in.N && p.Next() {
			*chunks = append(*chunks, st.Next)
			e.Clock.(*clock.Fake).Advance(400 * time.Millisecond)
			st.Next += 10
			st.Sum += st.Next
			p.Save(st.Next, in.N)
		}
		return job{N: st.Sum}, nil
	}
	wf := steps.New("renewing", &steps.WorkflowOptions{MaxSlicesPerExecution: maxSlices,
		Function: steps.Function{Timeout: time.Second}}).Add(steps.Long("sum", sum, nil))
	e = steptest.New(t, wf, opts)
	return e
}

// A long step past MaxSlicesPerExecution continues as a new execution of
// the same machine (its renew state runs states:startExecution on the local
// engine); every execution of the chain carries the first one's job id, no
// chunk runs twice, and the last execution ends with the exact result.
func TestContinueAsNewOnTheLocalEngine(t *testing.T) {
	var chunks []int64
	e := renewing(t, 3, nil, &chunks)
	res := e.Run("job-r", job{N: 200}) // 20 chunks, 2 per 1 s slice: 10 slices
	var out job
	if err := res.Decode(&out); err != nil || res.Status != "SUCCEEDED" {
		t.Fatalf("status %s output %s (%s %s)", res.Status, res.Output, res.Error, res.Cause)
	}
	var want int64
	for n := int64(10); n <= 200; n += 10 {
		want += n
	}
	if out.N != want {
		t.Errorf("output %d, want %d", out.N, want)
	}
	slices := e.Invocations("sum")
	if wantX := (slices + 2) / 3; len(res.Executions) != wantX || slices < 10 {
		t.Errorf("%d executions for %d slices, want %d (3 slices each) and ≥ 10 slices", len(res.Executions), slices, wantX)
	}
	if len(chunks) != 20 {
		t.Errorf("%d chunks ran, want exactly 20 (none redone across executions)", len(chunks))
	}
	if rec := e.Checkpoint("job-r", "sum"); !rec.Done {
		t.Errorf("the job's checkpoint (keyed by the first execution's name) is not done: %+v", rec)
	}
	checkChain(t, e, res.Executions)
}

// Continuing as new is what keeps a long step under the history limit: one
// slice records 7 events, so ten slices in one execution pass a 40-event
// limit (States.Runtime), while executions of 3 slices stay under it.
func TestContinueAsNewStaysUnderTheHistoryLimit(t *testing.T) {
	for _, tc := range []struct {
		maxSlices int
		status    string
	}{{3, "SUCCEEDED"}, {50, "FAILED"}} {
		var chunks []int64
		e := renewing(t, tc.maxSlices, &steptest.Options{MaxHistoryEvents: 40}, &chunks)
		res := e.Run("job-h", job{N: 200})
		if string(res.Status) != tc.status {
			t.Errorf("%d slices an execution: %s (%s %s), want %s", tc.maxSlices, res.Status, res.Error, res.Cause, tc.status)
		}
		if tc.status == "FAILED" && (res.Error != "States.Runtime" || len(res.History) != 40) {
			t.Errorf("failed with %s %q after %d events; want States.Runtime at the 40th", res.Error, res.Cause, len(res.History))
		}
		for _, x := range res.Executions {
			if evs, _, _ := e.Engine.GetExecutionHistory(context.Background(), x, local.HistoryOptions{}); len(evs) > 40 {
				t.Errorf("execution %s recorded %d events", x, len(evs))
			}
		}
	}
}

// checkChain checks that each execution after the first was started by the
// one before it, with the resume envelope as input.
func checkChain(t *testing.T, e *steptest.Env, chain []string) {
	t.Helper()
	for i := 1; i < len(chain); i++ {
		x, err := e.Engine.DescribeExecution(context.Background(), chain[i])
		if err != nil {
			t.Fatal(err)
		}
		parent, ok := steps.ContinuedFrom(x.Input)
		if !ok || parent != chain[i-1] || !strings.Contains(x.Input, `"job":"job-r"`) {
			t.Errorf("execution %d input %s: want batonResume for job job-r started by %s", i, x.Input, chain[i-1])
		}
	}
}
