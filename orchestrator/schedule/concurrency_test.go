package schedule

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
)

// Two schedulers, each with its own connection pool on one SQLite file,
// tick at the same moments for two hours of a schedule firing every minute:
// every scheduled time starts exactly one execution and has exactly one
// fire record. (Which scheduler wins each race is up to the Go scheduler;
// the split is logged, not asserted: one scheduler may win them all.)
func TestTwoSchedulersOneFile(t *testing.T) {
	t.Parallel()
	clk := clock.NewFake(day0)
	path := filepath.Join(t.TempDir(), "baton.db")
	storeA, storeB := openTestStore(t, path, clk), openTestStore(t, path, clk)
	mustCreate(t, storeA, Schedule{Name: "shared", Expression: "cron(* * * * ? *)", Overlap: OverlapAllowAll})
	eng := newFakeEngine(clk, 0)
	counting := &countingStarter{Starter: eng, calls: map[string]int{}}
	a := New(storeA, counting, &Options{Clock: clk, Owner: "A"})
	b := New(storeB, counting, &Options{Clock: clk, Owner: "B"})
	for clk.Now().Before(day0.Add(2 * time.Hour)) {
		tickTogether(t, a, b)
		clk.Advance(30 * time.Second)
	}
	if got, want := eng.scheduledTimes(t), minutes("00:00", "01:59"); len(got) != len(want) {
		t.Fatalf("started %d executions, want %d", len(got), len(want))
	}
	for name, n := range counting.calls {
		if n != 1 {
			t.Errorf("StartExecution(%s) called %d times, want once", name, n)
		}
	}
	owners := fireOwners(t, storeA, "shared")
	if owners["A"]+owners["B"] != 120 {
		t.Errorf("claims per owner = %v, want 120 in all", owners)
	}
	t.Logf("claims per owner: %v", owners)
}

func tickTogether(t *testing.T, schedulers ...*Scheduler) {
	var wg sync.WaitGroup
	errs := make([]error, len(schedulers))
	for i, s := range schedulers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.Tick(context.Background())
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// countingStarter counts StartExecution calls per execution name.
type countingStarter struct {
	Starter
	mu    sync.Mutex
	calls map[string]int
}

func (c *countingStarter) StartExecution(ctx context.Context, sm, name, input string) (string, error) {
	c.mu.Lock()
	c.calls[name]++
	c.mu.Unlock()
	return c.Starter.StartExecution(ctx, sm, name, input)
}

func fireOwners(t *testing.T, s *Store, name string) map[string]int {
	fires, err := s.Fires(context.Background(), name, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, f := range fires {
		out[f.Owner]++
	}
	return out
}
