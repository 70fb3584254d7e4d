package localstarter_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/orchestrator/schedule"
	"github.com/baton-run/baton/orchestrator/schedule/localstarter"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// slowMachine waits 150 seconds and echoes its input.
const slowMachine = `{"StartAt":"Work","States":{"Work":{"Type":"Wait","Seconds":150,"Next":"Done"},"Done":{"Type":"Pass","End":true}}}`

// The real engine and the scheduler share one SQLite file and a fake clock.
// A schedule fires every minute with SKIP; each execution (a 150-second
// Wait) blocks the next two fires, so 00:00, 00:03 and 00:06 start and the
// executions see their scheduled time in the input.
func TestSchedulerOnLocalEngine(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clk := clock.NewFake(start)
	path := filepath.Join(t.TempDir(), "baton.db")
	eng, err := local.Open(local.Options{Path: path, Clock: clk, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if _, err := eng.CreateStateMachine(ctx, "slow", []byte(slowMachine), nil); err != nil {
		t.Fatal(err)
	}
	store, err := schedule.OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	store.SetNow(clk.Now)
	if _, err := store.Create(ctx, schedule.Schedule{Name: "every-minute", Expression: "cron(* * * * ? *)", StateMachine: "slow",
		Input: `{"scheduledTime":"<aws.scheduler.scheduled-time>"}`}); err != nil {
		t.Fatal(err)
	}
	s := schedule.New(store, localstarter.New(eng), &schedule.Options{Clock: clk, Logger: quiet})
	for clk.Now().Before(start.Add(8 * time.Minute)) {
		if _, err := s.Tick(ctx); err != nil {
			t.Fatal(err)
		}
		clk.Advance(20 * time.Second)
		time.Sleep(5 * time.Millisecond) // let the engine's goroutines see the timers fire
	}
	xs, err := eng.ListExecutions(ctx, local.ExecutionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, x := range xs {
		var in struct{ ScheduledTime string }
		json.Unmarshal([]byte(x.Input), &in)
		got[x.Name] = in.ScheduledTime
	}
	want := map[string]string{
		"every-minute-20260101T000000Z": "2026-01-01T00:00:00Z",
		"every-minute-20260101T000300Z": "2026-01-01T00:03:00Z",
		"every-minute-20260101T000600Z": "2026-01-01T00:06:00Z",
	}
	if len(got) != len(want) {
		t.Fatalf("executions %v, want %v", got, want)
	}
	for name, at := range want {
		if got[name] != at {
			t.Errorf("execution %s: scheduled time %q, want %q (all: %v)", name, got[name], at, got)
		}
	}
}
