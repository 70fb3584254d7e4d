package schedule

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
)

// fakeEngine is a Starter whose executions run for a fixed time on the test
// clock. It keeps Step Functions' name idempotency: the same name and input
// return the first execution, a different input is an error.
type fakeEngine struct {
	mu     sync.Mutex
	clk    clock.Clock
	runFor time.Duration
	byName map[string]*fakeExec
	starts []*fakeExec // in start order
	fail   error       // returned by StartExecution when set
}

type fakeExec struct {
	id, stateMachine, name, input string
	started                       time.Time
}

func newFakeEngine(clk clock.Clock, runFor time.Duration) *fakeEngine {
	return &fakeEngine{clk: clk, runFor: runFor, byName: map[string]*fakeExec{}}
}

func (f *fakeEngine) StartExecution(_ context.Context, sm, name, input string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return "", f.fail
	}
	if x, ok := f.byName[name]; ok {
		if x.input != input {
			return "", fmt.Errorf("ExecutionAlreadyExists: %s", name)
		}
		return x.id, nil
	}
	x := &fakeExec{id: "arn:aws:states:us-east-1:123456789012:execution:" + sm + ":" + name,
		stateMachine: sm, name: name, input: input, started: f.clk.Now()}
	f.byName[name] = x
	f.starts = append(f.starts, x)
	return x.id, nil
}

func (f *fakeEngine) IsRunning(_ context.Context, id string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, x := range f.starts {
		if x.id == id {
			return f.clk.Now().Before(x.started.Add(f.runFor)), nil
		}
	}
	return false, nil
}

// startCount returns how many StartExecution calls created an execution.
func (f *fakeEngine) startCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.starts)
}

// scheduledTimes returns the scheduled times (from the execution names'
// suffix) of the started executions, sorted, as "15:04" UTC.
func (f *fakeEngine) scheduledTimes(t *testing.T) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, x := range f.starts {
		out = append(out, nameTime(t, x.name).Format("15:04"))
	}
	sort.Strings(out)
	return out
}

func nameTime(t *testing.T, name string) time.Time {
	t.Helper()
	v, err := time.Parse("20060102T150405Z", name[len(name)-16:])
	if err != nil {
		t.Fatalf("execution name %q: %v", name, err)
	}
	return v
}

func openTestStore(t *testing.T, path string, clk clock.Clock) *Store {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "baton.db")
	}
	s, err := OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	s.SetNow(clk.Now)
	t.Cleanup(func() { s.Close() })
	return s
}

func mustCreate(t *testing.T, s *Store, sc Schedule) Schedule {
	t.Helper()
	if sc.StateMachine == "" {
		sc.StateMachine = "arn:aws:states:us-east-1:123456789012:stateMachine:job"
	}
	out, err := s.Create(context.Background(), sc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mustTick(t *testing.T, s *Scheduler) {
	t.Helper()
	if _, err := s.Tick(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// minutes returns "15:04" labels from first to last inclusive, one a minute.
func minutes(first, last string) []string {
	a, _ := time.Parse("15:04", first)
	b, _ := time.Parse("15:04", last)
	var out []string
	for t := a; !t.After(b); t = t.Add(time.Minute) {
		out = append(out, t.Format("15:04"))
	}
	return out
}

func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	os.Exit(m.Run())
}

var day0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
