// Package retry runs an operation again after transient errors with
// cenkalti/backoff/v4, on an injectable clock, never sleeping past a
// budget: when the next delay would not leave time for another attempt,
// the last error is returned for the caller (the state machine) to retry.
package retry

import (
	"context"
	"math"
	"time"

	"github.com/baton-run/baton/internal/clock"
	"github.com/cenkalti/backoff/v4"
)

// Policy is the delay sequence: Initial × Rate^n, capped at Max (0: no
// cap), at most Attempts retries, with full jitter when Jitter is set.
type Policy struct {
	Initial  time.Duration
	Rate     float64
	Max      time.Duration
	Attempts int
	Jitter   bool
}

// Delay returns the delay before retry n (0-based), without jitter.
func (p Policy) Delay(n int) time.Duration {
	d := float64(p.Initial) * math.Pow(p.Rate, float64(n))
	if p.Max > 0 && d > float64(p.Max) {
		return p.Max
	}
	return time.Duration(min(d, math.MaxInt64/2))
}

// BackOff is a backoff.BackOff following a Policy, stopping when the
// attempts are spent or the delay would not fit in the budget.
type BackOff struct {
	Policy
	// Fits reports whether a retry after delay d still has time to run.
	Fits func(d time.Duration) bool
	// Rand returns a number in [0, 1) for jitter.
	Rand func() float64
	n    int
}

var _ backoff.BackOff = (*BackOff)(nil)

// NextBackOff returns the next delay or backoff.Stop.
func (b *BackOff) NextBackOff() time.Duration {
	if b.n >= b.Attempts {
		return backoff.Stop
	}
	d := b.Delay(b.n)
	if b.Jitter && b.Rand != nil {
		d = time.Duration(b.Rand() * float64(d))
	}
	if b.Fits != nil && !b.Fits(d) {
		return backoff.Stop
	}
	b.n++
	return d
}

// Reset starts the sequence again.
func (b *BackOff) Reset() { b.n = 0 }

// Retries returns how many retries the sequence has handed out.
func (b *BackOff) Retries() int { return b.n }

// Do runs op until it succeeds, fails permanently (transient reports
// false) or b stops; it returns op's last error unwrapped, so its type
// (the ASL error name) is kept. notify sees each error that is retried.
func Do(ctx context.Context, clk clock.Clock, b *BackOff, op func() error,
	transient func(error) bool, notify func(error, time.Duration)) error {
	wrapped := func() error {
		err := op()
		if err != nil && !transient(err) {
			return backoff.Permanent(err)
		}
		return err
	}
	return backoff.RetryNotifyWithTimer(wrapped, backoff.WithContext(b, ctx), notify, &timer{clk: clk})
}

// timer adapts a clock.Clock to backoff.Timer.
type timer struct {
	clk clock.Clock
	t   clock.Timer
}

func (t *timer) Start(d time.Duration) { t.t = t.clk.NewTimer(d) }

func (t *timer) Stop() {
	if t.t != nil {
		t.t.Stop()
	}
}

func (t *timer) C() <-chan time.Time { return t.t.C() }
