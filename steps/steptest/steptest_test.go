package steptest_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/steps"
	"github.com/baton-run/baton/steps/steptest"
)

type job struct {
	N int64 `json:"n"`
}

type cursor struct {
	Next int64 `json:"next"`
	Sum  int64 `json:"sum"`
}

// env deploys a workflow whose long step sums 1..n, 100 per chunk, each
// chunk costing 100 ms of fake time, under a 2 s function timeout.
func env(t *testing.T, chunks *[]int64) *steptest.Env {
	var e *steptest.Env
	sum := func(_ context.Context, in job, st *cursor, p *steps.Progress) (job, error) {
		for st.Next < in.N && p.Next() {
			*chunks = append(*chunks, st.Next)
			e.Clock.(*clock.Fake).Advance(100 * time.Millisecond)
			for end := min(st.Next+100, in.N); st.Next < end; {
				st.Next++
				st.Sum += st.Next
			}
			p.Save(st.Next, in.N)
		}
		return job{N: st.Sum}, nil
	}
	half := func(_ context.Context, in job) (job, error) { return job{N: in.N / 2}, nil }
	wf := steps.New("sum", &steps.WorkflowOptions{Function: steps.Function{Timeout: 2 * time.Second}}).Add(
		steps.Long("sum", sum, nil),
		steps.Task("half", half, nil),
	)
	e = steptest.New(t, wf, nil)
	return e
}

func TestRunOnTheLocalEngine(t *testing.T) {
	var chunks []int64
	e := env(t, &chunks)
	res := e.Run("job-1", job{N: 10_000}) // 100 chunks × 100 ms = 10 s: ≥ 5 slices of 2 s
	if res.Status != "SUCCEEDED" {
		t.Fatalf("status %s: %s %s", res.Status, res.Error, res.Cause)
	}
	var out job
	res.Decode(&out)
	if want := int64(10_000*10_001/2) / 2; out.N != want {
		t.Errorf("output %d, want %d", out.N, want)
	}
	if n := e.Invocations("sum"); n < 5 {
		t.Errorf("%d slices, want ≥ 5", n)
	}
	if len(chunks) != 100 {
		t.Errorf("%d chunks ran, want exactly 100", len(chunks))
	}
	if rec := e.Checkpoint("job-1", "sum"); !rec.Done || rec.Progress.Done != 10_000 {
		t.Errorf("checkpoint %+v, want done at 10000/10000", rec)
	}
}

func TestResumeAtState(t *testing.T) {
	var chunks []int64
	e := env(t, &chunks)
	// As if earlier slices had summed 1..9000.
	e.ResumeAt("job-2", "sum", cursor{Next: 9000, Sum: 9000 * 9001 / 2}, checkpoint.Progress{Done: 9000, Total: 10_000})
	res := e.Run("job-2", job{N: 10_000})
	var out job
	json.Unmarshal(res.Output, &out)
	if res.Status != "SUCCEEDED" || out.N != int64(10_000*10_001/2)/2 {
		t.Fatalf("status %s output %s (%s %s)", res.Status, res.Output, res.Error, res.Cause)
	}
	if len(chunks) != 10 || chunks[0] != 9000 {
		t.Errorf("ran chunks %v, want the last 10 starting at 9000", chunks)
	}
}
