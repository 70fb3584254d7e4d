package checkpoint

import (
	"fmt"
	"time"
)

// Defaults of Options.
const (
	DefaultTTL             = 30 * 24 * time.Hour
	DefaultMaxRecordBytes  = 400 * 1024 // DynamoDB's item size limit
	DefaultRetryInitial    = 20 * time.Millisecond
	DefaultRetryMax        = 2 * time.Second
	DefaultRetryMaxElapsed = 30 * time.Second
)

// Options configure a Store. A nil *Options means all defaults.
type Options struct {
	// Now is the clock. Defaults to time.Now.
	Now func() time.Time
	// TTL is how long a record is kept after its last write. Defaults to
	// DefaultTTL (30 days); negative means records never expire.
	TTL time.Duration
	// MaxRecordBytes bounds a record's size as DynamoDB counts it (key,
	// owner, state, output, note and a fixed allowance for attribute names
	// and numbers). Defaults to DefaultMaxRecordBytes (400 KiB) on every
	// driver.
	MaxRecordBytes int
	// RetryInitial is the first backoff interval after a transient error.
	// Defaults to DefaultRetryInitial (20ms).
	RetryInitial time.Duration
	// RetryMax caps one backoff interval. Defaults to DefaultRetryMax (2s).
	RetryMax time.Duration
	// AttemptTimeout, when positive, bounds each backend call; an attempt
	// that times out is retried like a throttled one (a hung connection
	// then costs one timeout, not the caller's whole deadline). Defaults
	// to 0: attempts are bounded only by the caller's context.
	AttemptTimeout time.Duration
	// SweepInterval, when positive, makes the Store call Sweep that often
	// (real time) in the background until Close. Defaults to 0: no
	// background sweep (on DynamoDB, the table's TTL deletes instead).
	SweepInterval time.Duration
	// RetryMaxElapsed bounds the time spent retrying one call (the
	// caller's context bounds it too). Defaults to DefaultRetryMaxElapsed
	// (30s).
	RetryMaxElapsed time.Duration
}

// withDefaults returns a copy of o with every zero field defaulted.
func (o *Options) withDefaults() Options {
	var v Options
	if o != nil {
		v = *o
	}
	if v.Now == nil {
		v.Now = time.Now
	}
	v.TTL = orDefault(v.TTL, DefaultTTL)
	if v.MaxRecordBytes == 0 {
		v.MaxRecordBytes = DefaultMaxRecordBytes
	}
	v.RetryInitial = orDefault(v.RetryInitial, DefaultRetryInitial)
	v.RetryMax = orDefault(v.RetryMax, DefaultRetryMax)
	v.RetryMaxElapsed = orDefault(v.RetryMaxElapsed, DefaultRetryMaxElapsed)
	return v
}

func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// validate reports the first unusable field.
func (o Options) validate() error {
	switch {
	case o.MaxRecordBytes < 0:
		return fmt.Errorf("checkpoint: Options.MaxRecordBytes is %d; want > 0", o.MaxRecordBytes)
	case o.AttemptTimeout < 0:
		return fmt.Errorf("checkpoint: Options.AttemptTimeout is %s; want >= 0", o.AttemptTimeout)
	case o.SweepInterval < 0:
		return fmt.Errorf("checkpoint: Options.SweepInterval is %s; want >= 0", o.SweepInterval)
	case o.RetryInitial < 0, o.RetryMax < 0, o.RetryMaxElapsed < 0:
		return fmt.Errorf("checkpoint: Options retry durations must not be negative")
	}
	return nil
}
