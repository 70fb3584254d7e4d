package checkpoint_test

import (
	"context"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/driver"
	"github.com/baton-run/baton/checkpoint/memstore"
	"github.com/baton-run/baton/checkpoint/storetest"
)

// unreliable fails a share of driver calls with ErrUnavailable, half of
// them after the call took effect (a lost reply).
type unreliable struct {
	driver.Driver
	mu       sync.Mutex
	rnd      *rand.Rand
	injected atomic.Int64
}

// fault decides the next call's fate: fail before, fail after, or none.
func (u *unreliable) fault() (before, after bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.rnd.Float64() >= 0.2 {
		return false, false
	}
	b := u.rnd.IntN(2) == 0
	return b, !b
}

func (u *unreliable) do(call func() error) error {
	before, after := u.fault()
	if before {
		u.injected.Add(1)
		return driver.ErrUnavailable
	}
	if err := call(); err != nil || !after {
		return err
	}
	u.injected.Add(1)
	return driver.ErrUnavailable
}

func (u *unreliable) Get(ctx context.Context, k driver.Key) (r *driver.Row, err error) {
	err = u.do(func() (err error) { r, err = u.Driver.Get(ctx, k); return err })
	return r, err
}

func (u *unreliable) Put(ctx context.Context, r *driver.Row, c driver.Cond) error {
	return u.do(func() error { return u.Driver.Put(ctx, r, c) })
}

func (u *unreliable) Delete(ctx context.Context, k driver.Key) error {
	return u.do(func() error { return u.Driver.Delete(ctx, k) })
}

func (u *unreliable) List(ctx context.Context, job string) (rows []*driver.Row, err error) {
	err = u.do(func() (err error) { rows, err = u.Driver.List(ctx, job); return err })
	return rows, err
}

// TestConformanceUnderDriverFaults runs the suite over a driver that loses
// a fifth of its calls or their replies: the Store's retries and write ids
// alone must keep every guarantee.
func TestConformanceUnderDriverFaults(t *testing.T) {
	var seed atomic.Uint64
	storetest.Run(t, func(t *testing.T, opts *checkpoint.Options) *checkpoint.Store {
		n := seed.Add(1)
		u := &unreliable{Driver: memstore.New(), rnd: rand.New(rand.NewPCG(n, n))}
		opts.RetryInitial, opts.RetryMax = time.Microsecond, time.Millisecond
		s, err := checkpoint.New(u, opts)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if got, want := s.Stats().Retries, u.injected.Load(); got < want {
				t.Errorf("%d faults injected, %d retried", want, got)
			}
		})
		return s
	})
}

// TestConformanceGenericClaim runs the suite over a driver without the
// Leaser capability (memstore, hidden), so Claim's Get-and-Put path is
// checked on its own.
func TestConformanceGenericClaim(t *testing.T) {
	storetest.Run(t, func(t *testing.T, opts *checkpoint.Options) *checkpoint.Store {
		s, err := checkpoint.New(struct{ driver.Driver }{memstore.New()}, opts)
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
