package statemachines

import "time"

// MatchRetrier returns the index of the first retrier matching errName, or -1 (stub).
func MatchRetrier(rs []*Retrier, errName string) int { return -1 }

// MatchCatcher returns the index of the first catcher matching errName, or -1 (stub).
func MatchCatcher(cs []*Catcher, errName string) int { return -1 }

// RetryDelay returns the wait before retry attempt (0-based) (stub).
func RetryDelay(r *Retrier, attempt int, rnd func() float64) time.Duration { return 0 }
