package checkpoint

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/baton-run/baton/checkpoint/driver"
	"github.com/cenkalti/backoff/v4"
)

// call runs fn, retrying driver.ErrUnavailable with exponential backoff and
// jitter until it succeeds, fails permanently, RetryMaxElapsed passes or
// ctx ends. Other errors return at once.
func (s *Store) call(ctx context.Context, fn func(context.Context) error) error {
	_, err := s.callRetried(ctx, fn)
	return err
}

// callRetried is call, also reporting whether any attempt failed
// transiently (a write may then have landed although its reply was lost).
func (s *Store) callRetried(ctx context.Context, fn func(context.Context) error) (bool, error) {
	var last error
	retried := false
	op := func() error {
		s.ops.Add(1)
		err := s.attempt(ctx, fn)
		if err != nil && !errors.Is(err, driver.ErrUnavailable) {
			return backoff.Permanent(err)
		}
		last = err
		return err
	}
	notify := func(error, time.Duration) { retried = true; s.retries.Add(1) }
	err := backoff.RetryNotify(op, backoff.WithContext(s.newBackOff(), ctx), notify)
	if err != nil && last != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		err = fmt.Errorf("%w; last attempt: %w", err, last)
	}
	return retried, err
}

// attempt runs fn once, bounded by Options.AttemptTimeout when set; an
// attempt that times out while ctx is still live is transient.
func (s *Store) attempt(ctx context.Context, fn func(context.Context) error) error {
	if s.opts.AttemptTimeout <= 0 {
		return fn(ctx)
	}
	actx, cancel := context.WithTimeout(ctx, s.opts.AttemptTimeout)
	defer cancel()
	err := fn(actx)
	if err != nil && ctx.Err() == nil && actx.Err() != nil {
		return fmt.Errorf("%w: attempt timed out after %s: %w", driver.ErrUnavailable, s.opts.AttemptTimeout, err)
	}
	return err
}

// newWriteID returns a random write id.
func newWriteID() string { return strconv.FormatUint(rand.Uint64(), 36) }

func (s *Store) newBackOff() backoff.BackOff {
	return backoff.NewExponentialBackOff(
		backoff.WithInitialInterval(s.opts.RetryInitial),
		backoff.WithMaxInterval(s.opts.RetryMax),
		backoff.WithMaxElapsedTime(s.opts.RetryMaxElapsed),
		backoff.WithRandomizationFactor(0.5),
	)
}
