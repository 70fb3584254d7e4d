package steps_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/steps"
)

// work is a long step whose chunks cost chunk of (fake) time each: it sums
// 1..N ten at a time, counting every time each chunk is processed.
type work struct {
	clk   *clock.Fake
	chunk time.Duration
	mu    sync.Mutex
	runs  map[int64]int // chunk start → times processed
	fail  func(start int64) error
}

func newWork(clk *clock.Fake, chunk time.Duration) *work {
	return &work{clk: clk, chunk: chunk, runs: map[int64]int{}}
}

func (w *work) sum(_ context.Context, in counter, st *cursor, p *steps.Progress) (counter, error) {
	for st.Next < in.N && p.Next() {
		w.mu.Lock()
		w.runs[st.Next]++
		w.mu.Unlock()
		if w.fail != nil {
			if err := w.fail(st.Next); err != nil {
				return counter{}, err
			}
		}
		w.clk.Advance(w.chunk)
		for end := min(st.Next+10, in.N); st.Next < end; {
			st.Next++
			st.Sum += st.Next
		}
		p.Save(st.Next, in.N)
	}
	return counter{N: st.Sum}, nil
}

// redone counts chunks processed more than once.
func (w *work) redone() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, c := range w.runs {
		n += c - 1
	}
	return n
}

func longHandler(t testing.TB, clk *clock.Fake, w *work, timeout time.Duration, opts *steps.LongOptions, observe func(steps.Event)) *steps.Handler {
	t.Helper()
	wf := steps.New("sum", &steps.WorkflowOptions{Function: steps.Function{Timeout: timeout}}).
		Add(steps.Long("sum", w.sum, opts))
	h, err := steps.NewHandler(wf, openStore(t, clk), &steps.HandlerOptions{Clock: clk, Observe: observe})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func gauss(n int64) int64 { return n * (n + 1) / 2 }

// A job of 20 s of chunks under a 5 s timeout finishes in at least 4 slices
// with the exact sum, and every slice returns before its deadline.
func TestLongStepRunsInSlicesBeforeTheDeadline(t *testing.T) {
	t.Parallel()
	clk := clock.NewAutoFake(epoch)
	w := newWork(clk, 20*time.Millisecond) // 1000 chunks × 20 ms = 20 s
	var mu sync.Mutex
	var ends []steps.Event
	h := longHandler(t, clk, w, 5*time.Second, nil, func(e steps.Event) {
		if e.Kind == steps.EventContinue || e.Kind == steps.EventDone {
			mu.Lock()
			ends = append(ends, e)
			mu.Unlock()
		}
	})
	out, n, err := drive(t, h, clk, "sum", "exec-1", counter{N: 10_000})
	if err != nil {
		t.Fatal(err)
	}
	var got counter
	json.Unmarshal(out, &got)
	if got.N != gauss(10_000) {
		t.Errorf("sum = %d, want %d", got.N, gauss(10_000))
	}
	t.Logf("%d invocations; slice ends: %+v", n, ends)
	if n < 4 || len(ends) != n {
		t.Errorf("%d invocations, %d slice ends; want ≥ 4 of each, equal", n, len(ends))
	}
	for _, e := range ends {
		if e.Work > e.Budget {
			t.Errorf("slice %d worked %s, past its %s budget", e.Slice, e.Work, e.Budget)
		}
	}
	if r := w.redone(); r != 0 {
		t.Errorf("%d chunks processed twice without any kill", r)
	}
}

// A repeated invocation of a finished step returns the stored output
// without running the handler.
func TestLongStepDoneReturnsStoredOutput(t *testing.T) {
	t.Parallel()
	clk := clock.NewAutoFake(epoch)
	w := newWork(clk, time.Millisecond)
	h := longHandler(t, clk, w, 5*time.Second, nil, nil)
	first, _, err := drive(t, h, clk, "sum", "exec-1", counter{N: 100})
	if err != nil {
		t.Fatal(err)
	}
	runs := len(w.runs)
	again, n, err := drive(t, h, clk, "sum", "exec-1", counter{N: 100})
	if err != nil || n != 1 || string(again) != string(first) || len(w.runs) != runs || w.redone() != 0 {
		t.Errorf("second run: %s in %d invocations (err %v), first %s; chunks run %d → %d",
			again, n, err, first, runs, len(w.runs))
	}
}

// A chunk longer than the whole budget fails the step after
// MaxStalledSlices slices, naming the chunk and its duration.
func TestLongStepWithoutProgressFails(t *testing.T) {
	t.Parallel()
	clk := clock.NewAutoFake(epoch)
	w := newWork(clk, 6*time.Second)
	h := longHandler(t, clk, w, 5*time.Second, &steps.LongOptions{MaxStalledSlices: 3}, nil)
	_, n, err := drive(t, h, clk, "sum", "exec-1", counter{N: 100})
	var np *steps.NoProgressError
	if !errors.As(err, &np) {
		t.Fatalf("err = %v after %d invocations, want *NoProgressError", err, n)
	}
	want := `step "sum" made no progress in 3 slices: chunk 0 ran 5s without finishing (slice budget 5s)`
	if err.Error() != want || n != 4 {
		t.Errorf("after %d invocations: %v\nwant (after 4): %s", n, err, want)
	}
}

type namedJob struct {
	counter
	Job string `json:"job"`
}

func (j namedJob) JobID() string { return j.Job }

// A job that failed is resumed by a new execution whose input names the
// job: it carries on from the last checkpoint instead of starting over.
func TestResumeFailedJobFromNewExecution(t *testing.T) {
	t.Parallel()
	clk := clock.NewAutoFake(epoch)
	w := newWork(clk, 10*time.Millisecond)
	broken := true
	w.fail = func(start int64) error {
		if broken && start == 5000 {
			return &RejectedError{Reason: "disk full"}
		}
		return nil
	}
	wf := steps.New("sum", &steps.WorkflowOptions{Function: steps.Function{Timeout: 5 * time.Second}}).
		Add(steps.Long("sum", func(ctx context.Context, in namedJob, st *cursor, p *steps.Progress) (counter, error) {
			return w.sum(ctx, in.counter, st, p)
		}, &steps.LongOptions{CheckpointEvery: time.Second}))
	h, err := steps.NewHandler(wf, openStore(t, clk), &steps.HandlerOptions{Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	input := namedJob{counter: counter{N: 10_000}, Job: "nightly-1126"}
	if _, _, err := drive(t, h, clk, "sum", "exec-1", input); !errors.As(err, new(*RejectedError)) {
		t.Fatalf("first execution: err = %v, want the RejectedError", err)
	}
	broken = false
	out, _, err := drive(t, h, clk, "sum", "exec-2-redo", input)
	if err != nil {
		t.Fatal(err)
	}
	var got counter
	json.Unmarshal(out, &got)
	if got.N != gauss(10_000) || w.runs[0] != 1 {
		t.Errorf("sum = %d (want %d); chunk 0 ran %d times (want 1: resumed, not restarted)", got.N, gauss(10_000), w.runs[0])
	}
	if r := w.redone(); r > 100+1 {
		t.Errorf("redid %d chunks; one checkpoint interval is 100", r)
	}
}

// State over the store's size limit fails the step at once with a
// permanent, named error.
func TestLongStepStateTooLarge(t *testing.T) {
	t.Parallel()
	clk := clock.NewAutoFake(epoch)
	big := func(_ context.Context, in counter, st *struct{ Blob []byte }, p *steps.Progress) (counter, error) {
		for p.Next() {
			st.Blob = make([]byte, 500_000)
			clk.Advance(2 * time.Second)
			p.Save(1, 1)
		}
		return counter{}, nil
	}
	wf := steps.New("big", nil).Add(steps.Long("big", big, &steps.LongOptions{CheckpointEvery: time.Second}))
	h, err := steps.NewHandler(wf, openStore(t, clk), &steps.HandlerOptions{Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	_, err = invoke(context.Background(), h, "big", "exec", counter{})
	if steps.ErrorName(err) != "StateTooLargeError" {
		t.Errorf("err = %v (%s), want StateTooLargeError", err, steps.ErrorName(err))
	}
}

// In-process retries stop when the next delay would not fit in the
// invocation: the error goes back to the state machine at once.
func TestTaskRetryBoundedByTheDeadline(t *testing.T) {
	t.Parallel()
	clk := clock.NewAutoFake(epoch)
	calls := 0
	flaky := func(context.Context, counter) (counter, error) { calls++; return counter{}, &ThrottledError{} }
	policy := &steps.RetryPolicy{Errors: steps.ErrorNames(&ThrottledError{}), Interval: 2 * time.Second, MaxAttempts: 5}
	wf := steps.New("flaky", &steps.WorkflowOptions{Function: steps.Function{Timeout: 5 * time.Second}}).
		Add(steps.Task("flaky", flaky, &steps.TaskOptions{Retry: policy}))
	h, _ := steps.NewHandler(wf, nil, &steps.HandlerOptions{Clock: clk})
	_, err := invoke(context.Background(), h, "flaky", "", counter{})
	// Delays 2 s then 4 s: only the first fits in 5 s.
	if !errors.As(err, new(*ThrottledError)) || calls != 2 || clk.Now().Sub(epoch) != 2*time.Second {
		t.Errorf("err %v after %d calls and %s; want ThrottledError after 2 calls and 2s", err, calls, clk.Now().Sub(epoch))
	}
}

// A transient error inside a long step is retried in-process from the last
// saved state: the sum stays exact and at most one checkpoint interval of
// chunks is redone.
func TestLongStepRetriesTransientErrorsInProcess(t *testing.T) {
	t.Parallel()
	clk := clock.NewAutoFake(epoch)
	w := newWork(clk, 20*time.Millisecond)
	failed := false
	w.fail = func(start int64) error {
		if start == 5000 && !failed {
			failed = true
			return &ThrottledError{}
		}
		return nil
	}
	var retries int
	policy := &steps.RetryPolicy{Errors: steps.ErrorNames(&ThrottledError{}), Interval: 100 * time.Millisecond}
	h := longHandler(t, clk, w, 5*time.Second, &steps.LongOptions{Retry: policy, CheckpointEvery: time.Second},
		func(e steps.Event) {
			if e.Kind == steps.EventRetry {
				retries++
			}
		})
	out, _, err := drive(t, h, clk, "sum", "exec-1", counter{N: 10_000})
	var got counter
	json.Unmarshal(out, &got)
	if err != nil || got.N != gauss(10_000) || retries != 1 {
		t.Fatalf("sum %d (want %d), err %v, %d in-process retries (want 1)", got.N, gauss(10_000), err, retries)
	}
	if r := w.redone(); r == 0 || r > 50+1 {
		t.Errorf("redid %d chunks; want 1..51 (one 1 s interval of 20 ms chunks)", r)
	}
}
