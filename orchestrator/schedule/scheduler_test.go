package schedule

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
)

// A schedule firing every minute, ticked every 20 seconds of fake time for a
// whole day, starts 1,440 executions: one per minute, none twice, none
// missed.
func TestEveryMinuteForADay(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates 4,320 ticks")
	}
	t.Parallel()
	clk := clock.NewFake(day0)
	store := openTestStore(t, "", clk)
	mustCreate(t, store, Schedule{Name: "every-minute", Expression: "cron(* * * * ? *)", Overlap: OverlapAllowAll})
	eng := newFakeEngine(clk, 0)
	s := New(store, eng, &Options{Clock: clk})
	for clk.Now().Before(day0.Add(24 * time.Hour)) {
		mustTick(t, s)
		clk.Advance(20 * time.Second)
	}
	got := eng.scheduledTimes(t)
	if len(got) != 1440 {
		t.Fatalf("started %d executions, want 1440", len(got))
	}
	if want := minutes("00:00", "23:59"); !slices.Equal(got, want) {
		t.Fatalf("scheduled times are not one per minute: first %v last %v", got[:3], got[len(got)-3:])
	}
	fires, err := store.Fires(context.Background(), "every-minute", 0)
	if err != nil || len(fires) != 1440 {
		t.Fatalf("fire records = %d, %v; want 1440", len(fires), err)
	}
}

// The scheduler runs 10:00-10:59:40, is down until 12:00, and a new
// scheduler process (a new Store on the same file) starts at 12:00:00. The
// schedule's catch-up window decides which of the 60 missed fires
// (11:00-11:59) still start: none by default, the last 29 with 30 minutes
// (a fire exactly 30 minutes late is too late), all with two hours.
func TestCatchUpWindowAfterDowntime(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		window  time.Duration
		afterUp []string // scheduled times started by the restarted scheduler
	}{
		{"none", 0, []string{"12:00"}},
		{"30m", 30 * time.Minute, minutes("11:31", "12:00")},
		{"2h", 2 * time.Hour, minutes("11:00", "12:00")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			start := day0.Add(10 * time.Hour)
			clk := clock.NewFake(start)
			path := t.TempDir() + "/baton.db"
			eng := newFakeEngine(clk, 0)
			first := openTestStore(t, path, clk)
			mustCreate(t, first, Schedule{Name: "m", Expression: "rate(1 minute)", CatchUpWindow: c.window})
			s1 := New(first, eng, &Options{Clock: clk, Owner: "first"})
			for clk.Now().Before(start.Add(time.Hour)) {
				mustTick(t, s1)
				clk.Advance(20 * time.Second)
			}
			if got := eng.scheduledTimes(t); !slices.Equal(got, minutes("10:00", "10:59")) {
				t.Fatalf("before the downtime: %v", got)
			}
			first.Close()
			clk.Advance(day0.Add(12 * time.Hour).Sub(clk.Now())) // down until 12:00:00
			second := openTestStore(t, path, clk)
			mustTick(t, New(second, eng, &Options{Clock: clk, Owner: "second"}))
			want := append(minutes("10:00", "10:59"), c.afterUp...)
			if got := eng.scheduledTimes(t); !slices.Equal(got, want) {
				t.Fatalf("after restart started %v\nwant %v", got[60:], c.afterUp)
			}
		})
	}
}

// A schedule fires every minute from 00:00; each execution runs 150
// seconds; the scheduler ticks every 20 seconds until 00:09:40. Expected
// outcomes per policy, worked out by hand:
//
//	SKIP:       00 starts (runs to 02:30); 01, 02 skipped; 03 starts (to 05:30); 04, 05 skipped; 06 starts; 07, 08 skipped; 09 starts.
//	BUFFER_ONE: 00 starts (to 02:30); 01 buffered, 02 skipped; 01 starts at the 02:40 tick (to 05:10); 03 buffered;
//	            04, 05 skipped; 03 starts at 05:20 (to 07:50); 06 buffered; 07 skipped; 06 starts at 08:00, then 08 is buffered; 09 skipped.
//	ALLOW_ALL:  all ten start.
func TestOverlapPolicies(t *testing.T) {
	t.Parallel()
	cases := []struct {
		policy                     OverlapPolicy
		started, skipped, buffered []string
		startedAt                  []string // when each execution started, in start order
	}{
		{OverlapSkip, []string{"00:00", "00:03", "00:06", "00:09"}, []string{"00:01", "00:02", "00:04", "00:05", "00:07", "00:08"}, nil,
			[]string{"00:00:00", "00:03:00", "00:06:00", "00:09:00"}},
		{OverlapBufferOne, []string{"00:00", "00:01", "00:03", "00:06"}, []string{"00:02", "00:04", "00:05", "00:07", "00:09"}, []string{"00:08"},
			[]string{"00:00:00", "00:02:40", "00:05:20", "00:08:00"}},
		{OverlapAllowAll, minutes("00:00", "00:09"), nil, nil,
			[]string{"00:00:00", "00:01:00", "00:02:00", "00:03:00", "00:04:00", "00:05:00", "00:06:00", "00:07:00", "00:08:00", "00:09:00"}},
	}
	for _, c := range cases {
		t.Run(string(c.policy), func(t *testing.T) {
			t.Parallel()
			clk := clock.NewFake(day0)
			store := openTestStore(t, "", clk)
			mustCreate(t, store, Schedule{Name: "slow", Expression: "cron(* * * * ? *)", Overlap: c.policy})
			eng := newFakeEngine(clk, 150*time.Second)
			s := New(store, eng, &Options{Clock: clk})
			for clk.Now().Before(day0.Add(10 * time.Minute)) {
				mustTick(t, s)
				clk.Advance(20 * time.Second)
			}
			byStatus := firesByStatus(t, store, "slow")
			for status, want := range map[FireStatus][]string{FireStarted: c.started, FireSkipped: c.skipped, FireBuffered: c.buffered} {
				if got := byStatus[status]; !slices.Equal(got, want) {
					t.Errorf("%s: %v, want %v", status, got, want)
				}
			}
			var at []string
			for _, x := range eng.starts {
				at = append(at, x.started.Format("15:04:05"))
			}
			if !slices.Equal(at, c.startedAt) {
				t.Errorf("executions started at %v, want %v", at, c.startedAt)
			}
		})
	}
}

func firesByStatus(t *testing.T, store *Store, name string) map[FireStatus][]string {
	t.Helper()
	fires, err := store.Fires(context.Background(), name, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[FireStatus][]string{}
	for i := len(fires) - 1; i >= 0; i-- {
		f := fires[i]
		out[f.Status] = append(out[f.Status], f.ScheduledTime.Format("15:04"))
	}
	return out
}

// BenchmarkTickIdle measures a tick over 100 enabled schedules none of which
// is due: the steady-state cost of the scheduler's poll.
func BenchmarkTickIdle(b *testing.B) {
	clk := clock.NewFake(day0)
	store, err := OpenStore(b.TempDir() + "/baton.db")
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	store.SetNow(clk.Now)
	for i := range 100 {
		if _, err := store.Create(context.Background(), Schedule{Name: fmt.Sprintf("s%03d", i), Expression: "cron(0 12 * * ? *)", StateMachine: "sm"}); err != nil {
			b.Fatal(err)
		}
	}
	s := New(store, newFakeEngine(clk, 0), &Options{Clock: clk})
	for b.Loop() {
		if _, err := s.Tick(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
