package steps

import (
	"slices"
	"time"

	sm "github.com/baton-run/baton/statemachines"
)

// retriers compiles the Retry block of a step: permanent errors first (not
// retried even by a States.ALL policy), then Lambda's service errors for
// steps that invoke Lambda, then the resume rule of a long step, then the
// step's own policy.
func (c *compiler) retriers(n *node, long bool) []*sm.Retrier {
	var rs []*sm.Retrier
	if n.retry != nil && slices.Contains(n.retry.withDefaults().Errors, sm.ErrAll) {
		rs = append(rs, &sm.Retrier{ErrorEquals: slices.Clone(permanentErrors), MaxAttempts: ptr(int64(0))})
	}
	if n.handler != nil {
		rs = append(rs, retrier(lambdaErrors, RetryPolicy{Interval: time.Second, MaxAttempts: 3, BackoffRate: 2, Jitter: true}))
	}
	if long {
		rs = append(rs, retrier(resumeErrors, resumePolicy),
			retrier(leaseErrors, leasePolicy(c.out.steps[n.name].function.Timeout)))
	}
	if n.retry != nil {
		p := n.retry.withDefaults()
		rs = append(rs, retrier(p.Errors, p))
	}
	return rs
}

// resumePolicy re-invokes a long step whose slice was cut short.
var resumePolicy = RetryPolicy{Interval: time.Second, MaxAttempts: 10, BackoffRate: 2, MaxDelay: 30 * time.Second, Jitter: true}

// leasePolicy re-invokes a long step whose checkpoint another invocation
// holds. A lease lasts at most the function's timeout, and an invocation
// waits in-process for a lease that runs out within half its own budget;
// so a first delay of 0.6 × timeout outlasts the lease of any holder that
// died (without jitter: the bound must hold on every attempt), and the
// later ones, up to a timeout each, give a live holder time to finish.
func leasePolicy(timeout time.Duration) RetryPolicy {
	first := max((timeout*6/10 + time.Second - 1).Truncate(time.Second), time.Second)
	return RetryPolicy{Interval: first, MaxAttempts: 6, BackoffRate: 1.5, MaxDelay: max(timeout.Truncate(time.Second), first)}
}

// retrier compiles one policy for errs.
func retrier(errs []string, p RetryPolicy) *sm.Retrier {
	p = p.withDefaults()
	r := &sm.Retrier{
		ErrorEquals:     slices.Clone(errs),
		IntervalSeconds: ptr(seconds(p.Interval)),
		MaxAttempts:     ptr(int64(p.MaxAttempts)),
		BackoffRate:     ptr(p.BackoffRate),
	}
	if p.MaxDelay > 0 {
		r.MaxDelaySeconds = ptr(seconds(p.MaxDelay))
	}
	if p.Jitter {
		r.JitterStrategy = "FULL"
	}
	return r
}

func ptr[T any](v T) *T { return &v }
