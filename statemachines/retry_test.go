package statemachines

import (
	"testing"
	"time"
)

func TestErrorMatches(t *testing.T) {
	t.Parallel()
	tests := []struct {
		equals []string
		err    string
		want   bool
	}{
		{[]string{"States.ALL"}, "MyError", true},
		{[]string{"States.ALL"}, "States.Timeout", true},
		{[]string{"States.ALL"}, "States.TaskFailed", true},
		{[]string{"States.ALL"}, "States.Runtime", false},
		{[]string{"States.ALL"}, "States.DataLimitExceeded", false},
		{[]string{"States.DataLimitExceeded"}, "States.DataLimitExceeded", true},
		{[]string{"States.Runtime"}, "States.Runtime", false},
		{[]string{"States.TaskFailed"}, "Lambda.ServiceException", true},
		{[]string{"States.TaskFailed"}, "States.TaskFailed", true},
		{[]string{"States.TaskFailed"}, "States.HeartbeatTimeout", true},
		{[]string{"States.TaskFailed"}, "States.Timeout", false},
		{[]string{"States.TaskFailed"}, "States.DataLimitExceeded", false},
		{[]string{"ErrorA", "ErrorB"}, "ErrorB", true},
		{[]string{"ErrorA"}, "errora", false},
		{[]string{"States.Timeout"}, "States.Timeout", true},
		{nil, "ErrorA", false},
	}
	for _, tt := range tests {
		if got := ErrorMatches(tt.equals, tt.err); got != tt.want {
			t.Errorf("ErrorMatches(%v, %q) = %v, want %v", tt.equals, tt.err, got, tt.want)
		}
	}
}

func TestMatchRetrierAndCatcher(t *testing.T) {
	t.Parallel()
	rs := []*Retrier{{ErrorEquals: []string{"ErrorA", "ErrorB"}}, {ErrorEquals: []string{"ErrorC"}}, {ErrorEquals: []string{"States.ALL"}}}
	cs := []*Catcher{{ErrorEquals: []string{"ErrorC"}}, {ErrorEquals: []string{"States.TaskFailed"}}}
	for err, want := range map[string][2]int{
		"ErrorB": {0, 1}, "ErrorC": {1, 0}, "Other": {2, 1}, "States.Timeout": {2, -1}, "States.Runtime": {-1, -1},
	} {
		if got := MatchRetrier(rs, err); got != want[0] {
			t.Errorf("MatchRetrier(%q) = %d, want %d", err, got, want[0])
		}
		if got := MatchCatcher(cs, err); got != want[1] {
			t.Errorf("MatchCatcher(%q) = %d, want %d", err, got, want[1])
		}
	}
	if MatchRetrier(nil, "X") != -1 {
		t.Error("MatchRetrier(nil) != -1")
	}
}

func TestRetryDelay(t *testing.T) {
	t.Parallel()
	i64 := func(v int64) *int64 { return &v }
	f64 := func(v float64) *float64 { return &v }
	half := func() float64 { return 0.5 }
	tests := []struct {
		name    string
		r       Retrier
		attempt int
		rnd     func() float64
		want    time.Duration
	}{
		{"defaults first", Retrier{}, 0, nil, time.Second},
		{"defaults third", Retrier{}, 2, nil, 4 * time.Second},
		{"interval and rate", Retrier{IntervalSeconds: i64(3), BackoffRate: f64(1.5)}, 2, nil, 6750 * time.Millisecond},
		{"rate one", Retrier{IntervalSeconds: i64(5), BackoffRate: f64(1)}, 7, nil, 5 * time.Second},
		{"capped", Retrier{IntervalSeconds: i64(10), MaxDelaySeconds: i64(25)}, 3, nil, 25 * time.Second},
		{"full jitter", Retrier{IntervalSeconds: i64(10), JitterStrategy: "FULL"}, 1, half, 10 * time.Second},
		{"full jitter capped", Retrier{IntervalSeconds: i64(10), MaxDelaySeconds: i64(12), JitterStrategy: "FULL"}, 5, half, 6 * time.Second},
		{"full jitter zero", Retrier{JitterStrategy: "FULL"}, 0, func() float64 { return 0 }, 0},
		{"NONE ignores rnd", Retrier{JitterStrategy: "NONE"}, 1, half, 2 * time.Second},
		{"huge does not overflow", Retrier{IntervalSeconds: i64(99999999), BackoffRate: f64(100)}, 99, nil, time.Duration(9223372036) * time.Second},
	}
	for _, tt := range tests {
		if got := RetryDelay(&tt.r, tt.attempt, tt.rnd); got != tt.want {
			t.Errorf("%s: RetryDelay = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestRetrierMaxAttempts(t *testing.T) {
	t.Parallel()
	zero := int64(0)
	if got := RetrierMaxAttempts(&Retrier{}); got != 3 {
		t.Errorf("default MaxAttempts = %d, want 3", got)
	}
	if got := RetrierMaxAttempts(&Retrier{MaxAttempts: &zero}); got != 0 {
		t.Errorf("MaxAttempts = %d, want 0", got)
	}
}
