package steps_test

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/sqlitestore"
	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/steps"
)

// gatedWork sums 1..N one number per chunk (10 ms of fake time each) and
// blocks at chunk blockAt until gate is closed.
type gatedWork struct {
	clk     *clock.Fake
	blockAt int64
	reached chan struct{}
	gate    chan struct{}
	mu      sync.Mutex
	chunks  int
}

func newGated(clk *clock.Fake, blockAt int64) *gatedWork {
	return &gatedWork{clk: clk, blockAt: blockAt, reached: make(chan struct{}), gate: make(chan struct{})}
}

func (g *gatedWork) sum(_ context.Context, in counter, st *cursor, p *steps.Progress) (counter, error) {
	for st.Next < in.N && p.Next() {
		if st.Next == g.blockAt {
			close(g.reached)
			<-g.gate
		}
		g.mu.Lock()
		g.chunks++
		g.mu.Unlock()
		g.clk.Advance(10 * time.Millisecond)
		st.Next++
		st.Sum += st.Next
		p.Save(st.Next, in.N)
	}
	return counter{N: st.Sum}, nil
}

func gatedHandler(t *testing.T, store *checkpoint.Store, clk *clock.Fake, g *gatedWork) *steps.Handler {
	t.Helper()
	wf := steps.New("gated", &steps.WorkflowOptions{Function: steps.Function{Timeout: 5 * time.Second}}).
		Add(steps.Long("sum", g.sum, &steps.LongOptions{CheckpointEvery: 10 * time.Millisecond}))
	h, err := steps.NewHandler(wf, store, &steps.HandlerOptions{Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// Two invocations of the same slice at once: the first holds the lease and
// makes all the progress; the second is refused before running anything.
func TestConcurrentSliceExactlyOneProgresses(t *testing.T) {
	t.Parallel()
	clk := clock.NewFake(epoch)
	store := openStore(t, clk)
	first, second := newGated(clk, 2), newGated(clk, -1)
	h1, h2 := gatedHandler(t, store, clk, first), gatedHandler(t, store, clk, second)
	type res struct {
		out json.RawMessage
		err error
	}
	done := make(chan res)
	go func() {
		out, err := invoke(context.Background(), h1, "sum", "exec", counter{N: 5})
		done <- res{out, err}
	}()
	<-first.reached
	_, err := invoke(context.Background(), h2, "sum", "exec", counter{N: 5})
	var held *steps.LeaseHeldError
	if !errors.As(err, &held) || second.chunks != 0 {
		t.Errorf("second invocation: err %v after %d chunks; want *LeaseHeldError before any chunk", err, second.chunks)
	}
	close(first.gate)
	r := <-done
	var got sliceResult
	json.Unmarshal(r.out, &got)
	if r.err != nil || got.Status != "done" || string(got.Output) != `{"n":15}` {
		t.Errorf("first invocation: %s, %v; want done with {\"n\":15}", r.out, r.err)
	}
}

// A zombie — an invocation paused past its lease while a newer one took the
// step over (here: its clock lags the other's by 10 s) — wakes up and
// saves: the store rejects the write (fencing on version and owner), the
// zombie ends with LeaseLostError, and the newer invocations' result stands.
func TestZombieSavesAreRejected(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "checkpoints.db")
	clkA, clkB := clock.NewFake(epoch), clock.NewFake(epoch.Add(10*time.Second))
	storeA, storeB := openAt(t, path, clkA), openAt(t, path, clkB)
	zombie, fresh := newGated(clkA, 3), newGated(clkB, -1)
	hA, hB := gatedHandler(t, storeA, clkA, zombie), gatedHandler(t, storeB, clkB, fresh)
	errA := make(chan error)
	go func() {
		_, err := invoke(context.Background(), hA, "sum", "exec", counter{N: 8})
		errA <- err
	}()
	<-zombie.reached // A has saved chunks 0..2 and is stuck in chunk 3
	// It resumes after a slice that never ended: its first slice hands
	// back at its first checkpoint, the next one finishes.
	out, _, err := drive(t, hB, clkB, "sum", "exec", counter{N: 8})
	if err != nil {
		t.Fatalf("the newer invocation failed: %v", err)
	}
	close(zombie.gate)
	var lost *steps.LeaseLostError
	if err := <-errA; !errors.As(err, &lost) {
		t.Fatalf("zombie: err %v, want *LeaseLostError", err)
	}
	rec, err := storeB.Get(context.Background(), checkpoint.Key{Job: "exec", Step: "sum"})
	if err != nil || !rec.Done || string(rec.Output) != `{"n":36}` || string(out) != `{"n":36}` {
		t.Errorf("stored %+v (err %v), newer result %s; want done with {\"n\":36}", rec, err, out)
	}
	if fresh.chunks != 5 || storeA.Stats().Conflicts == 0 {
		t.Errorf("newer ran %d chunks (want 5: resumed at 3); zombie store conflicts %d (want ≥ 1)",
			fresh.chunks, storeA.Stats().Conflicts)
	}
}

func openAt(t *testing.T, path string, clk clock.Clock) *checkpoint.Store {
	t.Helper()
	s, err := sqlitestore.Open(path, &checkpoint.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
