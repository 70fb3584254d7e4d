package schedule

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
)

func TestStoreLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clk := clock.NewFake(day0)
	s := openTestStore(t, "", clk)
	created := mustCreate(t, s, Schedule{Name: "nightly", Expression: "cron(0 2 * * ? *)", Timezone: "Europe/Berlin"})
	if created.State != Enabled || created.Overlap != OverlapSkip || created.Input != "{}" || !created.CreatedAt.Equal(day0) {
		t.Fatalf("defaults not applied: %+v", created)
	}
	if _, err := s.Create(ctx, created); !errors.Is(err, ErrExists) {
		t.Fatalf("second Create = %v, want ErrExists", err)
	}
	clk.Advance(time.Hour)
	created.Expression = "cron(0 3 * * ? *)"
	if _, err := s.Update(ctx, created); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, "nightly")
	if err != nil || got.Expression != "cron(0 3 * * ? *)" || !got.UpdatedAt.Equal(day0.Add(time.Hour)) || !got.CreatedAt.Equal(day0) {
		t.Fatalf("after Update: %+v, %v", got, err)
	}
	if err := s.SetState(ctx, "nightly", Disabled); err != nil {
		t.Fatal(err)
	}
	list, err := s.List(ctx)
	if err != nil || len(list) != 1 || list[0].State != Disabled {
		t.Fatalf("List = %+v, %v", list, err)
	}
	if err := s.Delete(ctx, "nightly"); err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{s.Delete(ctx, "nightly"), s.SetState(ctx, "nightly", Enabled), errOf(s.Get(ctx, "nightly"))} {
		if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "nightly") {
			t.Errorf("after Delete: %v, want ErrNotFound naming the schedule", err)
		}
	}
}

func errOf(_ Schedule, err error) error { return err }

func TestCreateRejectsInvalidSchedules(t *testing.T) {
	t.Parallel()
	cases := []struct {
		sc   Schedule
		want string
	}{
		{Schedule{Name: "bad name", Expression: "rate(1 day)"}, `name "bad name": use 1-64 letters, digits`},
		{Schedule{Name: strings.Repeat("x", 65), Expression: "rate(1 day)"}, "use 1-64"},
		{Schedule{Name: "a", Expression: "cron(0 0 * * * *)"}, "day-of-month and day-of-week cannot both be specified; use ? in one"},
		{Schedule{Name: "a", Expression: "rate(1 day)", Timezone: "Nowhere/Land"}, `timezone: time zone "Nowhere/Land"`},
		{Schedule{Name: "a", Expression: "rate(1 day)", FlexibleWindow: 1441 * time.Minute}, "flexibleWindow 24h1m0s: use OFF (0) or 1-1440 whole minutes"},
		{Schedule{Name: "a", Expression: "rate(1 day)", FlexibleWindow: 90 * time.Second}, "1-1440 whole minutes"},
		{Schedule{Name: "a", Expression: "rate(1 day)", Overlap: "QUEUE"}, `overlap "QUEUE": use SKIP, BUFFER_ONE or ALLOW_ALL`},
		{Schedule{Name: "a", Expression: "rate(1 day)", State: "ON"}, `state "ON"`},
		{Schedule{Name: "a", Expression: "rate(1 day)", CatchUpWindow: -time.Minute}, "catchUpWindow -1m0s: use 0 (none) up to 8784h0m0s"},
		{Schedule{Name: "a", Expression: "rate(1 day)", CatchUpWindow: 400 * 24 * time.Hour}, "catchUpWindow 9600h0m0s: use 0 (none) up to 8784h0m0s"},
		{Schedule{Name: "a", Expression: "rate(1 day)", Input: `{"a":`}, "input: not well-formed JSON"},
		{Schedule{Name: "a", Expression: "rate(1 day)", Description: strings.Repeat("d", 513)}, "description: 513 characters, AWS allows 512"},
		{Schedule{Name: "a", Expression: "rate(1 day)", Input: `{"n": <aws.scheduler.attempt-number>, "t": "<aws.scheduler.scheduled-time>"}x`}, "input: not well-formed JSON"},
		{Schedule{Name: "a", Expression: "rate(1 day)", StartDate: day0, EndDate: day0}, "endDate 2026-01-01T00:00:00Z is not after startDate"},
	}
	s := openTestStore(t, "", clock.NewFake(day0))
	for _, c := range cases {
		c.sc.StateMachine = "sm"
		_, err := s.Create(context.Background(), c.sc)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v:\n got %v\nwant ErrInvalid containing %q", c.sc, err, c.want)
		}
	}
	if _, err := s.Create(context.Background(), Schedule{Name: "a", Expression: "rate(1 day)"}); err == nil || !strings.Contains(err.Error(), "stateMachine") {
		t.Errorf("missing target: %v", err)
	}
	if list, _ := s.List(context.Background()); len(list) != 0 {
		t.Errorf("invalid schedules were stored: %v", list)
	}
}

// Pausing stops fires; resuming does not catch up what fell while paused.
func TestPauseResume(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clk := clock.NewFake(day0)
	store := openTestStore(t, "", clk)
	mustCreate(t, store, Schedule{Name: "p", Expression: "cron(0/10 * * * ? *)", CatchUpWindow: 24 * time.Hour})
	eng := newFakeEngine(clk, 0)
	s := New(store, eng, &Options{Clock: clk})
	step := func(until time.Duration) {
		for clk.Now().Before(day0.Add(until)) {
			mustTick(t, s)
			clk.Advance(time.Minute)
		}
	}
	step(25 * time.Minute) // 00:00, 00:10, 00:20
	if err := store.SetState(ctx, "p", Disabled); err != nil {
		t.Fatal(err)
	}
	step(65 * time.Minute) // paused over 00:30-01:00
	if err := store.SetState(ctx, "p", Enabled); err != nil {
		t.Fatal(err)
	}
	step(85 * time.Minute) // 01:10, 01:20
	want := []string{"00:00", "00:10", "00:20", "01:10", "01:20"}
	if got := eng.scheduledTimes(t); !equalStrings(got, want) {
		t.Fatalf("fired %v, want %v", got, want)
	}
}

func equalStrings(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") }

func TestScheduleJSONRoundTrip(t *testing.T) {
	t.Parallel()
	in := Schedule{Name: "n", Expression: "rate(1 day)", FlexibleWindow: 15 * time.Minute, CatchUpWindow: 90 * time.Minute,
		StartDate: day0, StateMachine: "sm", Overlap: OverlapBufferOne}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"flexibleWindowMinutes":15`) || !strings.Contains(string(b), `"catchUpWindow":"1h30m0s"`) {
		t.Fatalf("JSON %s", b)
	}
	var out Schedule
	if err := json.Unmarshal(b, &out); err != nil || out != in {
		t.Fatalf("round trip: %+v, %v", out, err)
	}
}

// Two schedulers racing to buffer different fires of one schedule: the
// store keeps one BUFFERED fire and records the other SKIPPED.
func TestOneBufferedFirePerSchedule(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clk := clock.NewFake(day0)
	s := openTestStore(t, "", clk)
	mustCreate(t, s, Schedule{Name: "b", Expression: "rate(1 minute)", Overlap: OverlapBufferOne})
	first, second := day0.Add(time.Minute), day0.Add(2*time.Minute)
	for _, at := range []time.Time{first, second} {
		if won, err := s.claim(ctx, "b", at, "x", clk.Now()); !won || err != nil {
			t.Fatalf("claim %v: %v %v", at, won, err)
		}
		if err := s.settle(ctx, Fire{Schedule: "b", ScheduledTime: at, Status: FireBuffered}); err != nil {
			t.Fatal(err)
		}
	}
	byStatus := firesByStatus(t, s, "b")
	if !equalStrings(byStatus[FireBuffered], []string{"00:01"}) || !equalStrings(byStatus[FireSkipped], []string{"00:02"}) {
		t.Fatalf("fires by status: %v", byStatus)
	}
}

// Fire records older than the retention are deleted (hourly); the schedule
// keeps firing without repeating the pruned scheduled times.
func TestFireRetention(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clk := clock.NewFake(day0)
	store := openTestStore(t, "", clk)
	mustCreate(t, store, Schedule{Name: "hourly", Expression: "rate(1 hour)"})
	eng := newFakeEngine(clk, 0)
	s := New(store, eng, &Options{Clock: clk, FireRetention: 24 * time.Hour})
	for clk.Now().Before(day0.Add(72 * time.Hour)) {
		mustTick(t, s)
		clk.Advance(10 * time.Minute)
	}
	fires, err := store.Fires(ctx, "hourly", 0)
	if err != nil {
		t.Fatal(err)
	}
	// The last prune ran at 71:00 (ticks at :00, hourly) and kept fires
	// scheduled at or after 47:00: 47:00 through 71:00 = 25 records.
	if len(fires) != 25 || !fires[len(fires)-1].ScheduledTime.Equal(day0.Add(47*time.Hour)) {
		t.Fatalf("%d fire records, oldest %v; want 25 from day0+47h", len(fires), fires[len(fires)-1].ScheduledTime)
	}
	if eng.startCount() != 72 {
		t.Fatalf("%d executions, want one per hour: 72", eng.startCount())
	}
}
