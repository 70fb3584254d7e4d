package steps_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/steps"
)

// entryDriver runs a long step the way the compiled slice loop does on
// Step Functions, Task state entry by entry: every attempt of one entry
// carries the same $$.State.EnteredTime, and the first kills attempts of
// each entry are killed in their first chunk, before any save: the
// invocation is abandoned (it never returns, releases nothing), and the
// compiled Retry invokes the entry again retryDelay later, before the
// abandoned attempt's deadline.
type entryDriver struct {
	t          testing.TB
	h          *steps.Handler
	clk        *clock.Fake
	kills      int
	retryDelay time.Duration

	total  int // kills of any attempt, on top of kills per entry
	killAt int // the attempt's chunk (0-based) in which it is killed

	killNext  atomic.Bool
	inAttempt atomic.Int64 // chunks the current attempt started
	blocked   chan struct{}
	release   chan struct{}
	zombies   sync.WaitGroup
	killed    int // attempts killed
	overran   int // attempts that ran past their deadline
}

func newEntryDriver(t testing.TB, h *steps.Handler, clk *clock.Fake, w *work, kills int) *entryDriver {
	d := &entryDriver{t: t, h: h, clk: clk, kills: kills, retryDelay: 100 * time.Millisecond,
		blocked: make(chan struct{}), release: make(chan struct{})}
	w.fail = func(int64) error {
		if d.killNext.Load() && d.inAttempt.Add(1) > int64(d.killAt) && d.killNext.CompareAndSwap(true, false) {
			d.blocked <- struct{}{}
			<-d.release // a zombie, if ever released
		}
		return nil
	}
	t.Cleanup(func() { close(d.release); d.zombies.Wait() })
	return d
}

// attempt is one invocation's outcome.
type attempt struct {
	out json.RawMessage
	err error
}

// invokeEntry calls the handler like an attempt of a Task state entry.
func invokeEntry(h *steps.Handler, execution, entered string, input any) attempt {
	in, err := json.Marshal(input)
	if err != nil {
		return attempt{err: err}
	}
	payload, _ := json.Marshal(steps.Payload{Step: "sum", Execution: execution, Entered: entered, Input: in})
	out, err := h.Invoke(context.Background(), payload)
	return attempt{out, err}
}

// kill starts an attempt and abandons it in its chunk killAt. An attempt
// that ends before (a done step, a NoProgressError, a short slice) is
// returned with killed false.
func (d *entryDriver) kill(execution, entered string, input any) (attempt, chan attempt, bool) {
	d.inAttempt.Store(0)
	d.killNext.Store(true)
	res := make(chan attempt, 1)
	d.zombies.Add(1)
	go func() {
		defer d.zombies.Done()
		res <- invokeEntry(d.h, execution, entered, input)
	}()
	select {
	case <-d.blocked:
		d.killed++
		return attempt{}, res, true
	case a := <-res:
		d.killNext.Store(false)
		return a, nil, false
	}
}

// run drives the step to the end; it returns the output, the number of
// Task state entries (slices) and the error that ended the step, if any.
// Only SliceTimeoutError and LeaseLostError (a chunk overran the deadline)
// are retried besides the kills: any other error, LeaseHeldError included,
// ends the run.
func (d *entryDriver) run(execution string, input any) (json.RawMessage, int, error) {
	in := input
	for entry := 1; entry < 1000; entry++ {
		a := d.entry(execution, in)
		if a.err != nil {
			return nil, entry, a.err
		}
		var r sliceResult
		if err := json.Unmarshal(a.out, &r); err != nil {
			d.t.Fatalf("entry %d returned %s: %v", entry, a.out, err)
		}
		if r.Status == "done" {
			return r.Output, entry, nil
		}
		in = r.Output
	}
	d.t.Fatal("the step did not finish in 1000 slices")
	return nil, 0, nil
}

// entry runs the attempts of one Task state entry.
func (d *entryDriver) entry(execution string, in any) attempt {
	entered := d.clk.Now().UTC().Format(time.RFC3339Nano)
	for n := 0; n <= 10; n++ { // the resume retrier's MaxAttempts
		a, killed := attempt{}, false
		if n < d.kills || d.killed < d.total {
			a, _, killed = d.kill(execution, entered, in)
		} else {
			a = invokeEntry(d.h, execution, entered, in)
		}
		var (
			timeout *steps.SliceTimeoutError
			lost    *steps.LeaseLostError
		)
		switch {
		case killed:
			d.clk.Advance(d.retryDelay)
		case errors.As(a.err, &timeout), errors.As(a.err, &lost):
			d.overran++
			d.clk.Advance(time.Second)
		default:
			return a
		}
	}
	return attempt{err: errors.New("the resume retrier gave up")}
}

// Kills that land early in slices, again and again, cost only the chunk in
// flight: each retry takes the killed attempt's lease over at once (no
// LeaseHeldError), and as no killed slice spent its budget, none counts as
// a stall (no NoProgressError), even with more kills in a row than
// MaxStalledSlices. The result is exact.
func TestRepeatedEarlyKillsResume(t *testing.T) {
	t.Parallel()
	for _, kills := range []int{1, 5, 10} {
		clk := clock.NewAutoFake(epoch)
		w := newWork(clk, 100*time.Millisecond) // 100 chunks × 100 ms = 10 s
		h := longHandler(t, clk, w, 3*time.Second, &steps.LongOptions{MaxStalledSlices: 2, CheckpointEvery: time.Minute}, nil)
		d := newEntryDriver(t, h, clk, w, kills)
		out, slices, err := d.run("exec-1", counter{N: 1000})
		if err != nil {
			t.Fatalf("%d kills per slice: %v after %d slices (%d kills)", kills, err, slices, d.killed)
		}
		var got counter
		json.Unmarshal(out, &got)
		if got.N != gauss(1000) || slices < 4 || d.killed != kills*slices {
			t.Errorf("%d kills per slice: sum %d in %d slices with %d kills; want %d in ≥ 4 slices, %d kills",
				kills, got.N, slices, d.killed, gauss(1000), kills*slices)
		}
		if r := w.redone(); r != d.killed {
			t.Errorf("%d kills per slice: %d chunks redone, want %d (the one in flight per kill)", kills, r, d.killed)
		}
	}
}

// A chunk longer than the slice budget still fails the step with
// NoProgressError after MaxStalledSlices slices, early kills in between
// or not: the slices that ran their budget are counted, the killed ones
// are not.
func TestOversizedChunkFailsDespiteEarlyKills(t *testing.T) {
	t.Parallel()
	for _, kills := range []int{0, 1, 3} {
		clk := clock.NewAutoFake(epoch)
		w := newWork(clk, 6*time.Second)
		h := longHandler(t, clk, w, 5*time.Second, &steps.LongOptions{MaxStalledSlices: 3}, nil)
		d := newEntryDriver(t, h, clk, w, kills)
		_, _, err := d.run("exec-1", counter{N: 100})
		var np *steps.NoProgressError
		if !errors.As(err, &np) {
			t.Fatalf("%d kills per slice: err = %v, want *NoProgressError", kills, err)
		}
		want := `step "sum" made no progress in 3 slices: chunk 0 ran 5s without finishing (slice budget 5s)`
		if err.Error() != want || d.overran != 3 || d.killed != kills {
			t.Errorf("%d kills per slice: %v after %d kills, %d overruns\nwant: %s after %d kills, 3 overruns",
				kills, err, d.killed, d.overran, want, kills)
		}
	}
}

// A killed attempt that comes back to life (a zombie) after its successor
// took the lease over and saved cannot overwrite the newer progress: its
// writes are rejected with LeaseLostError.
func TestZombieCannotOverwriteAfterTakeover(t *testing.T) {
	t.Parallel()
	clk := clock.NewAutoFake(epoch)
	w := newWork(clk, 100*time.Millisecond)
	store := openStore(t, clk)
	wf := steps.New("sum", &steps.WorkflowOptions{Function: steps.Function{Timeout: 3 * time.Second}}).
		Add(steps.Long("sum", w.sum, &steps.LongOptions{CheckpointEvery: 500 * time.Millisecond}))
	h, err := steps.NewHandler(wf, store, &steps.HandlerOptions{Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	d := newEntryDriver(t, h, clk, w, 1)
	entered := clk.Now().UTC().Format(time.RFC3339Nano)
	_, zombie, killed := d.kill("exec-1", entered, counter{N: 1000})
	if !killed {
		t.Fatal("the first attempt was not killed")
	}
	clk.Advance(d.retryDelay)
	a := invokeEntry(h, "exec-1", entered, counter{N: 1000})
	if a.err != nil {
		t.Fatalf("the retry: %v", a.err)
	}
	key := checkpoint.Key{Job: "exec-1", Step: "sum"}
	before, err := store.Get(context.Background(), key)
	if err != nil || before.Progress.Done == 0 {
		t.Fatalf("after the retry's slice: %+v, %v; want saved progress", before, err)
	}
	d.release <- struct{}{} // not a kill: wake the one blocked zombie
	z := <-zombie
	var lost *steps.LeaseLostError
	if !errors.As(z.err, &lost) {
		t.Errorf("the zombie returned %s, %v; want *LeaseLostError", z.out, z.err)
	}
	after, err := store.Get(context.Background(), key)
	if err != nil || after.Version != before.Version || after.Progress != before.Progress || string(after.State) != string(before.State) {
		t.Errorf("the zombie changed the checkpoint: %+v → %+v (%v)", before, after, err)
	}
}

// Kills spread over the job, each after the killed attempt saved progress,
// outnumber the resume Retry's MaxAttempts (10): they do not exhaust it,
// as a slice that resumes after a kill hands back to the state machine at
// its first checkpoint and the next Task state entry counts afresh. Each
// kill costs at most the chunks since the last checkpoint.
func TestKillsAfterProgressDoNotExhaustRetries(t *testing.T) {
	t.Parallel()
	clk := clock.NewAutoFake(epoch)
	w := newWork(clk, 100*time.Millisecond)
	h := longHandler(t, clk, w, 3*time.Second, &steps.LongOptions{CheckpointEvery: 500 * time.Millisecond}, nil)
	d := newEntryDriver(t, h, clk, w, 0)
	d.total, d.killAt = 15, 7 // in chunk 7: after the save at chunk 5
	out, slices, err := d.run("exec-1", counter{N: 2000})
	if err != nil {
		t.Fatalf("%v after %d slices, %d kills", err, slices, d.killed)
	}
	var got counter
	json.Unmarshal(out, &got)
	if got.N != gauss(2000) || d.killed != d.total {
		t.Errorf("sum %d after %d kills; want %d after %d", got.N, d.killed, gauss(2000), d.total)
	}
	if r := w.redone(); r > 3*d.killed {
		t.Errorf("%d chunks redone after %d kills, want ≤ 3 per kill (chunks 5 to 7)", r, d.killed)
	}
	t.Logf("%d kills, %d slices, %d chunks redone", d.killed, slices, w.redone())
}

// On the real clock, a slice still in its first chunk shortly before its
// deadline records that it spent its budget (on Lambda it is killed at the
// deadline and cannot record anything later): abandoned there, such
// slices count as stalls, and the step fails with NoProgressError after
// MaxStalledSlices of them.
func TestChunkRunningAtDeadlineIsAStall(t *testing.T) {
	t.Parallel()
	const timeout = 400 * time.Millisecond
	release := make(chan struct{})
	var zombies sync.WaitGroup
	t.Cleanup(func() { close(release); zombies.Wait() })
	block := func(context.Context, counter, *cursor, *steps.Progress) (counter, error) {
		<-release // one chunk that never ends in time
		return counter{}, nil
	}
	wf := steps.New("sum", &steps.WorkflowOptions{Function: steps.Function{Timeout: timeout}}).
		Add(steps.Long("sum", block, &steps.LongOptions{MaxStalledSlices: 2}))
	h, err := steps.NewHandler(wf, openStore(t, clock.Real), nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		zombies.Add(1)
		go func() {
			defer zombies.Done()
			invokeEntry(h, "exec-1", "entry-"+string(rune('a'+i)), counter{N: 10})
		}()
		time.Sleep(timeout + 200*time.Millisecond) // past its deadline: Lambda would have killed it
	}
	third := make(chan attempt, 1)
	zombies.Add(1)
	go func() {
		defer zombies.Done()
		third <- invokeEntry(h, "exec-1", "entry-c", counter{N: 10})
	}()
	var a attempt
	select {
	case a = <-third:
	case <-time.After(timeout + 200*time.Millisecond):
		t.Fatal("the third slice ran its chunk: the stuck slices were not counted as stalls")
	}
	var np *steps.NoProgressError
	if !errors.As(a.err, &np) || np.Slices != 2 || np.Chunk != 0 {
		t.Errorf("after two slices stuck in chunk 0 past their deadline: %s, %v; want NoProgressError after 2 slices", a.out, a.err)
	}
}
