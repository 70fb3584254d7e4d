package statemachines

import (
	"math"
	"slices"
	"time"
)

// Retrier defaults, as ASL defines them.
const (
	DefaultIntervalSeconds = 1
	DefaultMaxAttempts     = 3
	DefaultBackoffRate     = 2.0
)

// MatchRetrier returns the index of the first retrier whose ErrorEquals
// matches errName, or -1. See ErrorMatches for the rules.
func MatchRetrier(rs []*Retrier, errName string) int {
	return slices.IndexFunc(rs, func(r *Retrier) bool { return ErrorMatches(r.ErrorEquals, errName) })
}

// MatchCatcher returns the index of the first catcher whose ErrorEquals
// matches errName, or -1.
func MatchCatcher(cs []*Catcher, errName string) int {
	return slices.IndexFunc(cs, func(c *Catcher) bool { return ErrorMatches(c.ErrorEquals, errName) })
}

// ErrorMatches reports whether an ErrorEquals list matches an error name,
// with Step Functions' rules:
//   - States.Runtime is terminal: nothing matches it, not even its name;
//   - States.DataLimitExceeded is terminal for the wildcards: only its own
//     name matches it;
//   - States.ALL matches every other error;
//   - States.TaskFailed matches every other error except States.Timeout;
//   - any other name matches itself exactly (names are case-sensitive).
func ErrorMatches(errorEquals []string, errName string) bool {
	if errName == ErrRuntime {
		return false
	}
	for _, e := range errorEquals {
		switch {
		case e == errName:
			return true
		case errName == ErrDataLimitExceeded:
		case e == ErrAll:
			return true
		case e == ErrTaskFailed && errName != ErrTimeout:
			return true
		}
	}
	return false
}

// RetrierMaxAttempts returns the retrier's MaxAttempts or its default, 3.
func RetrierMaxAttempts(r *Retrier) int64 {
	if r.MaxAttempts == nil {
		return DefaultMaxAttempts
	}
	return *r.MaxAttempts
}

// RetryDelay returns how long to wait before retry number attempt+1 (attempt
// is 0 for the first retry): IntervalSeconds × BackoffRate^attempt, capped
// at MaxDelaySeconds; with JitterStrategy FULL a uniformly random duration
// in [0, delay) drawn from rnd (which returns values in [0, 1), like
// math/rand's Float64).
func RetryDelay(r *Retrier, attempt int, rnd func() float64) time.Duration {
	interval, rate := float64(DefaultIntervalSeconds), DefaultBackoffRate
	if r.IntervalSeconds != nil {
		interval = float64(*r.IntervalSeconds)
	}
	if r.BackoffRate != nil {
		rate = *r.BackoffRate
	}
	delay := interval * math.Pow(rate, float64(max(attempt, 0)))
	if r.MaxDelaySeconds != nil {
		delay = min(delay, float64(*r.MaxDelaySeconds))
	}
	if r.JitterStrategy == "FULL" && rnd != nil {
		delay *= rnd()
	}
	const maxSeconds = float64(math.MaxInt64 / int64(time.Second))
	return time.Duration(min(delay, maxSeconds) * float64(time.Second))
}
