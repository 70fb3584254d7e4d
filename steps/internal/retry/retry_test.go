package retry

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
	"github.com/cenkalti/backoff/v4"
)

var errTransient = errors.New("throttled")

func TestBackOffSequence(t *testing.T) {
	b := &BackOff{Policy: Policy{Initial: time.Second, Rate: 2, Max: 5 * time.Second, Attempts: 5}}
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 5 * time.Second, 5 * time.Second, backoff.Stop}
	for i, w := range want {
		if got := b.NextBackOff(); got != w {
			t.Errorf("delay %d = %s, want %s", i, got, w)
		}
	}
}

func TestBackOffFullJitterAndBudget(t *testing.T) {
	b := &BackOff{Policy: Policy{Initial: time.Second, Rate: 2, Attempts: 5, Jitter: true},
		Rand: func() float64 { return 0.25 }, Fits: func(d time.Duration) bool { return d < time.Second }}
	if got := b.NextBackOff(); got != 250*time.Millisecond {
		t.Errorf("first jittered delay = %s, want 250ms", got)
	}
	if got := b.NextBackOff(); got != 500*time.Millisecond {
		t.Errorf("second = %s, want 500ms", got)
	}
	if got := b.NextBackOff(); got != backoff.Stop {
		t.Errorf("third (1s, past the budget) = %s, want Stop", got)
	}
}

func TestDoRetriesTransientErrorsOnTheClockAndKeepsTheLastError(t *testing.T) {
	clk := clock.NewAutoFake(time.Unix(0, 0))
	b := &BackOff{Policy: Policy{Initial: 100 * time.Millisecond, Rate: 2, Attempts: 2}}
	calls := 0
	var delays []time.Duration
	err := Do(context.Background(), clk, b, func() error { calls++; return errTransient },
		func(error) bool { return true }, func(_ error, d time.Duration) { delays = append(delays, d) })
	if err != errTransient || calls != 3 || len(delays) != 2 {
		t.Errorf("err %v after %d calls, delays %v; want the error after 3 calls, 2 delays", err, calls, delays)
	}
	if got := clk.Now().Sub(time.Unix(0, 0)); got != 300*time.Millisecond {
		t.Errorf("the fake clock moved %s, want 300ms", got)
	}
	permanent := errors.New("bad input")
	calls = 0
	err = Do(context.Background(), clk, b, func() error { calls++; return permanent },
		func(e error) bool { return e != permanent }, nil)
	if err != permanent || calls != 1 {
		t.Errorf("permanent: err %v after %d calls, want it unwrapped after 1", err, calls)
	}
}
