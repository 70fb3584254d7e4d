package steps

import (
	"math"
	"time"
)

// RetryPolicy describes retries once, for both layers that retry a step: the
// state machine's Retry block (IntervalSeconds, MaxAttempts, BackoffRate,
// MaxDelaySeconds, JitterStrategy) and the step runtime's in-process retry
// (cenkalti/backoff/v4), which retries within one invocation while the
// remaining time allows and hands the error to the state machine otherwise.
//
// The zero value is a valid policy with every default below.
type RetryPolicy struct {
	// Errors are the error names retried (Go type names of step errors, or
	// States.* names). Defaults to every error except States.Runtime and
	// the step runtime's permanent errors: []string{"States.ALL"}.
	Errors []string
	// Interval is the delay before the first retry. Defaults to 1s. The
	// state machine counts whole seconds: it is rounded up there.
	Interval time.Duration
	// MaxAttempts is the number of retries after the first attempt.
	// Defaults to 3. Negative means no retries.
	MaxAttempts int
	// BackoffRate multiplies the delay after each retry. Defaults to 2.0.
	BackoffRate float64
	// MaxDelay caps the delay. Defaults to no cap.
	MaxDelay time.Duration
	// Jitter spreads delays uniformly over [0, delay) ("FULL"). Defaults
	// to false ("NONE").
	Jitter bool
}

// withDefaults returns p with every unset field at its default.
func (p RetryPolicy) withDefaults() RetryPolicy {
	if len(p.Errors) == 0 {
		p.Errors = []string{"States.ALL"}
	}
	if p.Interval == 0 {
		p.Interval = time.Second
	}
	if p.MaxAttempts == 0 {
		p.MaxAttempts = 3
	}
	if p.MaxAttempts < 0 {
		p.MaxAttempts = 0
	}
	if p.BackoffRate == 0 {
		p.BackoffRate = 2
	}
	return p
}

// validate reports the first field out of ASL's range.
func (p RetryPolicy) validate() string {
	switch {
	case p.Interval < 0:
		return "Interval must not be negative"
	case p.BackoffRate < 1:
		return "BackoffRate must be at least 1.0"
	case p.MaxAttempts > 99999999:
		return "MaxAttempts must be at most 99999999"
	case p.MaxDelay < 0:
		return "MaxDelay must not be negative"
	}
	return ""
}

// seconds rounds d up to whole seconds, at least 1 (ASL's IntervalSeconds
// and MaxDelaySeconds are positive integers).
func seconds(d time.Duration) int64 {
	s := int64(math.Ceil(d.Seconds()))
	if s < 1 {
		return 1
	}
	return s
}

// Delay returns the delay before retry number attempt (0-based), without
// jitter: Interval × BackoffRate^attempt, capped at MaxDelay.
func (p RetryPolicy) Delay(attempt int) time.Duration {
	p = p.withDefaults()
	d := float64(p.Interval) * math.Pow(p.BackoffRate, float64(attempt))
	if p.MaxDelay > 0 && d > float64(p.MaxDelay) {
		return p.MaxDelay
	}
	if d > math.MaxInt64/2 {
		return math.MaxInt64 / 2
	}
	return time.Duration(d)
}
