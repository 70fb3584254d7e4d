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

// With a 10-minute flexible window and a random source returning 0.25, the
// 12:00 fire starts at 12:02:30, and the input still carries the scheduled
// time 12:00:00Z.
func TestFlexibleWindowAndContextAttributes(t *testing.T) {
	t.Parallel()
	clk := clock.NewFake(day0.Add(11*time.Hour + 59*time.Minute))
	store := openTestStore(t, "", clk)
	mustCreate(t, store, Schedule{Name: "flex", Expression: "cron(0 12 * * ? *)", FlexibleWindow: 10 * time.Minute,
		Input: `{"at":"<aws.scheduler.scheduled-time>","arn":"<aws.scheduler.schedule-arn>","n":"<aws.scheduler.attempt-number>","id":"<aws.scheduler.execution-id>"}`})
	eng := newFakeEngine(clk, 0)
	s := New(store, eng, &Options{Clock: clk, Rand: func() float64 { return 0.25 }, Region: "eu-west-1", Account: "111122223333"})
	for clk.Now().Before(day0.Add(12*time.Hour + 2*time.Minute + 30*time.Second)) {
		mustTick(t, s)
		clk.Advance(10 * time.Second)
	}
	if eng.startCount() != 0 {
		t.Fatalf("started at %v, before 12:02:30", eng.starts[0].started)
	}
	wait, err := s.Tick(context.Background())
	if err != nil || eng.startCount() != 1 {
		t.Fatalf("at 12:02:30: %d starts, %v", eng.startCount(), err)
	}
	if wait != time.Second {
		t.Errorf("wait after the last fire of the day = %v, want the poll interval", wait)
	}
	var in map[string]string
	if err := json.Unmarshal([]byte(eng.starts[0].input), &in); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"at": "2026-01-01T12:00:00Z", "arn": "arn:aws:scheduler:eu-west-1:111122223333:schedule/default/flex", "n": "1"}
	for k, v := range want {
		if in[k] != v {
			t.Errorf("input %s = %q, want %q", k, in[k], v)
		}
	}
	if len(in["id"]) != 16 {
		t.Errorf("execution-id %q, want 16 hex digits", in["id"])
	}
	if got := eng.starts[0].name; got != "flex-20260101T120000Z" {
		t.Errorf("execution name %q", got)
	}
}

// An at() schedule fires once; a failing StartExecution with a retry policy
// of no retries is recorded as FAILED with the error.
func TestAtFiresOnceAndFailuresAreRecorded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clk := clock.NewFake(day0)
	store := openTestStore(t, "", clk)
	mustCreate(t, store, Schedule{Name: "once", Expression: "at(2026-01-01T00:05:00)"})
	mustCreate(t, store, Schedule{Name: "broken", Expression: "at(2026-01-01T00:03:00)", StateMachine: "missing",
		RetryPolicy: &RetryPolicy{MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 0}})
	eng := newFakeEngine(clk, 0)
	failing := &failFor{Starter: eng, sm: "missing"}
	s := New(store, failing, &Options{Clock: clk})
	for clk.Now().Before(day0.Add(time.Hour)) {
		mustTick(t, s)
		clk.Advance(15 * time.Second)
	}
	if got := eng.scheduledTimes(t); !equalStrings(got, []string{"00:05"}) {
		t.Fatalf("started %v, want [00:05]", got)
	}
	fires, err := store.Fires(ctx, "broken", 0)
	if err != nil || len(fires) != 1 || fires[0].Status != FireFailed || fires[0].Detail != "StateMachineDoesNotExist: missing" || fires[0].Attempts != 1 {
		t.Fatalf("broken fires = %+v, %v", fires, err)
	}
}

type failFor struct {
	Starter
	sm string
}

func (f *failFor) StartExecution(ctx context.Context, sm, name, input string) (string, error) {
	if sm == f.sm {
		return "", errors.New("StateMachineDoesNotExist: " + sm)
	}
	return f.Starter.StartExecution(ctx, sm, name, input)
}

// Run, on an auto-advancing fake clock, sleeps until each fire is due: an
// hourly schedule fires at 01:00, 02:00 and 03:00 without polling in between.
func TestRunSleepsUntilDue(t *testing.T) {
	t.Parallel()
	clk := clock.NewAutoFake(day0.Add(30 * time.Minute))
	store := openTestStore(t, "", clk)
	mustCreate(t, store, Schedule{Name: "hourly", Expression: "cron(0 * * * ? *)"})
	eng := newFakeEngine(clk, 0)
	s := New(store, eng, &Options{Clock: clk, PollInterval: 24 * time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for eng.startCount() < 3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	var at []string
	for _, x := range eng.starts[:3] {
		at = append(at, x.started.Format("15:04:05"))
	}
	if !equalStrings(at, []string{"01:00:00", "02:00:00", "03:00:00"}) {
		t.Fatalf("started at %v", at)
	}
}

// A scheduler that died after claiming a fire leaves a CLAIMED row. After
// the claim lease, another scheduler finishes it: it starts the execution if
// it never started, and finds the existing one (no second execution) if it
// had.
func TestStaleClaimsAreFinished(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, startedBeforeCrash := range []bool{false, true} {
		clk := clock.NewFake(day0)
		store := openTestStore(t, "", clk)
		sc := mustCreate(t, store, Schedule{Name: "crash", Expression: "at(2026-01-01T00:01:00)", Input: `{"t":"<aws.scheduler.scheduled-time>"}`})
		eng := newFakeEngine(clk, 0)
		at := day0.Add(time.Minute)
		clk.Advance(time.Minute)
		if won, err := store.claim(ctx, "crash", at, "dead", clk.Now()); !won || err != nil {
			t.Fatalf("claim: %v %v", won, err)
		}
		if startedBeforeCrash {
			dead := New(store, eng, &Options{Clock: clk})
			eng.StartExecution(ctx, sc.StateMachine, ExecutionName("crash", at), dead.contextInput(sc, at, 1))
		}
		s := New(store, eng, &Options{Clock: clk, Owner: "alive"})
		mustTick(t, s)
		if f, _ := store.Fires(ctx, "crash", 0); f[0].Status != FireClaimed {
			t.Fatalf("claim taken over before the lease ended: %+v", f)
		}
		clk.Advance(claimLease + time.Second)
		mustTick(t, s)
		fires, err := store.Fires(ctx, "crash", 0)
		if err != nil || len(fires) != 1 || fires[0].Status != FireStarted || fires[0].Owner != "alive" || eng.startCount() != 1 {
			t.Fatalf("started before crash %v: fires %+v, %d executions, %v", startedBeforeCrash, fires, eng.startCount(), err)
		}
	}
}

// A fire whose StartExecution fails is retried by the schedule's retry
// policy: after 1 s, 2 s, 4 s, 8 s, ... (ticks every second), until it starts,
// the attempts run out, or the event is older than its maximum age.
func TestRetryPolicy(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		policy    *RetryPolicy
		failures  int
		status    FireStatus
		attempts  int
		startedAt string // for STARTED
	}{
		{"default policy, starts on attempt 4", nil, 3, FireStarted, 4, "00:00:07"},
		{"two retries", &RetryPolicy{MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 2}, 100, FireFailed, 3, ""},
		{"one minute", &RetryPolicy{MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 185}, 100, FireFailed, 6, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			clk := clock.NewFake(day0)
			store := openTestStore(t, "", clk)
			mustCreate(t, store, Schedule{Name: "r", Expression: "at(2026-01-01T00:00:00)", RetryPolicy: c.policy,
				Input: `{"attempt":"<aws.scheduler.attempt-number>"}`})
			eng := newFakeEngine(clk, 0)
			s := New(store, &flaky{Starter: eng, failures: c.failures}, &Options{Clock: clk})
			for clk.Now().Before(day0.Add(2 * time.Minute)) {
				mustTick(t, s)
				clk.Advance(time.Second)
			}
			fires, err := store.Fires(ctx, "r", 0)
			if err != nil || len(fires) != 1 || fires[0].Status != c.status || fires[0].Attempts != c.attempts {
				t.Fatalf("fires = %+v, %v; want %s after %d attempts", fires, err, c.status, c.attempts)
			}
			if c.status == FireStarted {
				x := eng.starts[0]
				if got := x.started.Format("15:04:05"); got != c.startedAt || x.input != `{"attempt":"4"}` {
					t.Fatalf("started at %s with %s", got, x.input)
				}
			}
		})
	}
}

// flaky fails the first `failures` StartExecution calls.
type flaky struct {
	Starter
	failures, calls int
}

func (f *flaky) StartExecution(ctx context.Context, sm, name, input string) (string, error) {
	f.calls++
	if f.calls <= f.failures {
		return "", errors.New("ThrottlingException: rate exceeded")
	}
	return f.Starter.StartExecution(ctx, sm, name, input)
}

func TestExecutionName(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 3, 8, 7, 30, 0, 0, time.UTC)
	if got := ExecutionName("nightly", at.In(time.FixedZone("EST", -5*3600))); got != "nightly-20260308T073000Z" {
		t.Errorf("ExecutionName = %q", got)
	}
	long1, long2 := strings.Repeat("x", 63)+"1", strings.Repeat("x", 63)+"2"
	n1, n2 := ExecutionName(long1, at), ExecutionName(long2, at)
	if n1 == n2 || len(n1) > 80 || len(n2) > 80 {
		t.Errorf("64-character names: %q (%d) and %q (%d); want distinct, at most 80", n1, len(n1), n2, len(n2))
	}
}

// ActionAfterCompletion DELETE removes a schedule once it has no fire time
// left (after its one at() fire); NONE keeps it.
func TestActionAfterCompletion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clk := clock.NewFake(day0)
	store := openTestStore(t, "", clk)
	mustCreate(t, store, Schedule{Name: "once-delete", Expression: "at(2026-01-01T00:05:00)", ActionAfterCompletion: "DELETE"})
	mustCreate(t, store, Schedule{Name: "once-keep", Expression: "at(2026-01-01T00:05:00)"})
	mustCreate(t, store, Schedule{Name: "ending", Expression: "rate(1 minute)", EndDate: day0.Add(3 * time.Minute), ActionAfterCompletion: "DELETE"})
	eng := newFakeEngine(clk, 0)
	s := New(store, eng, &Options{Clock: clk})
	for clk.Now().Before(day0.Add(10 * time.Minute)) {
		mustTick(t, s)
		clk.Advance(30 * time.Second)
	}
	list, err := store.List(ctx)
	if err != nil || len(list) != 1 || list[0].Name != "once-keep" {
		t.Fatalf("schedules left: %+v, %v; want once-keep only", list, err)
	}
	if got := eng.scheduledTimes(t); !equalStrings(got, []string{"00:00", "00:01", "00:02", "00:05", "00:05"}) {
		t.Fatalf("fired %v", got)
	}
	if _, err := store.Create(ctx, Schedule{Name: "x", Expression: "rate(1 day)", StateMachine: "sm", ActionAfterCompletion: "ARCHIVE"}); err == nil ||
		!strings.Contains(err.Error(), `actionAfterCompletion "ARCHIVE": use NONE or DELETE`) {
		t.Fatalf("bad action: %v", err)
	}
}
