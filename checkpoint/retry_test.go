package checkpoint_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/driver"
	"github.com/baton-run/baton/checkpoint/memstore"
)

// flaky injects failures into a real driver: the first failN calls fail
// with fail; with lostReply, the first Put takes effect, runs after and
// then reports ErrUnavailable.
type flaky struct {
	driver.Driver
	failN     atomic.Int64
	fail      error
	lostReply atomic.Bool
	stallN    atomic.Int64
	after     func()
}

func (f *flaky) inject() error {
	if f.failN.Add(-1) >= 0 {
		return f.fail
	}
	return nil
}

func (f *flaky) Get(ctx context.Context, k driver.Key) (*driver.Row, error) {
	if err := f.inject(); err != nil {
		return nil, err
	}
	if f.stallN.Add(-1) >= 0 {
		<-ctx.Done() // a hung connection
		return nil, ctx.Err()
	}
	return f.Driver.Get(ctx, k)
}

func (f *flaky) Put(ctx context.Context, r *driver.Row, c driver.Cond) error {
	if err := f.inject(); err != nil {
		return err
	}
	if err := f.Driver.Put(ctx, r, c); err != nil || !f.lostReply.CompareAndSwap(true, false) {
		return err
	}
	if f.after != nil {
		f.after()
	}
	return driver.ErrUnavailable
}

func newFlaky(t *testing.T, opts *checkpoint.Options) (*flaky, *checkpoint.Store) {
	t.Helper()
	f := &flaky{Driver: memstore.New()}
	if opts == nil {
		opts = &checkpoint.Options{}
	}
	opts.RetryInitial, opts.RetryMax = time.Millisecond, 5*time.Millisecond
	s, err := checkpoint.New(f, opts)
	if err != nil {
		t.Fatal(err)
	}
	return f, s
}

var key = checkpoint.Key{Job: "j", Step: "s"}

func lease() time.Time { return time.Now().Add(time.Minute) }

func TestTransientRetried(t *testing.T) {
	f, s := newFlaky(t, nil)
	f.fail = driver.ErrUnavailable
	f.failN.Store(3)
	if _, err := s.Claim(context.Background(), key, "o", lease()); err != nil {
		t.Fatal(err)
	}
	if got, want := s.Stats(), (checkpoint.Stats{Ops: 5, Retries: 3}); got != want {
		t.Fatalf("stats %v; want %v (3 failed Gets, a Get, a Put)", got, want)
	}
}

func TestAttemptTimeoutRetried(t *testing.T) {
	f, s := newFlaky(t, &checkpoint.Options{AttemptTimeout: 20 * time.Millisecond})
	f.stallN.Store(2)
	if _, err := s.Get(context.Background(), key); !errors.Is(err, checkpoint.ErrNotFound) {
		t.Fatalf("Get after two stalled attempts: %v; want ErrNotFound from the third", err)
	}
	if got := s.Stats().Retries; got != 2 {
		t.Fatalf("%d retries; want 2", got)
	}
}

// Without an attempt timeout a stall lasts until the caller's deadline,
// which is permanent: the caller gave up.
func TestCallerDeadlineNotRetried(t *testing.T) {
	f, s := newFlaky(t, nil)
	f.stallN.Store(1)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := s.Get(ctx, key)
	if !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, checkpoint.ErrUnavailable) || s.Stats().Retries != 0 {
		t.Fatalf("Get: %v after %d retries; want DeadlineExceeded, unretried", err, s.Stats().Retries)
	}
}

func TestPermanentNotRetried(t *testing.T) {
	f, s := newFlaky(t, nil)
	boom := errors.New("access denied")
	f.fail = boom
	f.failN.Store(1)
	_, err := s.Claim(context.Background(), key, "o", lease())
	if !errors.Is(err, boom) || errors.Is(err, checkpoint.ErrUnavailable) || !strings.Contains(err.Error(), "claim j/s") {
		t.Fatalf("error %v; want the driver's error, naming the op and key", err)
	}
	if got := s.Stats(); got.Ops != 1 || got.Retries != 0 {
		t.Fatalf("stats %v; want 1 op, no retry", got)
	}
}

func TestRetryBudgetExhausted(t *testing.T) {
	f, s := newFlaky(t, &checkpoint.Options{RetryMaxElapsed: 30 * time.Millisecond})
	f.fail = driver.ErrUnavailable
	f.failN.Store(1 << 30)
	_, err := s.Get(context.Background(), key)
	if !errors.Is(err, checkpoint.ErrUnavailable) || s.Stats().Retries == 0 {
		t.Fatalf("error %v after %v; want ErrUnavailable after retries", err, s.Stats())
	}
}

// A write that landed but whose reply was lost succeeds on retry.
func TestLostReplyLanded(t *testing.T) {
	f, s := newFlaky(t, nil)
	ctx := context.Background()
	rec, err := s.Claim(ctx, key, "o", lease())
	if err != nil {
		t.Fatal(err)
	}
	f.lostReply.Store(true)
	saved, err := s.Save(ctx, rec, []byte("x"), checkpoint.Progress{})
	if err != nil || saved.Version != rec.Version+1 {
		t.Fatalf("save with a lost reply: %v, version %d", err, saved.Version)
	}
}

// When the same owner overwrote the record before the retry, the outcome
// cannot be known: ErrUnavailable, not a false ErrConflict.
func TestLostReplyUnknownOutcome(t *testing.T) {
	f, s := newFlaky(t, nil)
	ctx := context.Background()
	rec, err := s.Claim(ctx, key, "o", lease())
	if err != nil {
		t.Fatal(err)
	}
	f.lostReply.Store(true)
	f.after = func() {
		cur, _ := s.Get(ctx, key)
		if _, err := s.Save(ctx, cur, []byte("other goroutine"), checkpoint.Progress{}); err != nil {
			t.Error(err)
		}
	}
	_, err = s.Save(ctx, rec, []byte("x"), checkpoint.Progress{})
	if !errors.Is(err, checkpoint.ErrUnavailable) || !strings.Contains(err.Error(), "outcome unknown") {
		t.Fatalf("error %v; want ErrUnavailable (outcome unknown)", err)
	}
}

func TestOptionsValidated(t *testing.T) {
	for _, o := range []checkpoint.Options{{MaxRecordBytes: -1}, {RetryMax: -time.Second}} {
		if _, err := checkpoint.New(memstore.New(), &o); err == nil || !strings.Contains(err.Error(), "Options") {
			t.Errorf("New(%+v) = %v; want an error naming the option", o, err)
		}
	}
}

func TestBackgroundSweep(t *testing.T) {
	now := time.Now()
	var clock atomic.Pointer[time.Time]
	clock.Store(&now)
	s, err := memstore.Open(&checkpoint.Options{Now: func() time.Time { return *clock.Load() },
		TTL: time.Minute, SweepInterval: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Claim(ctx, key, "o", now.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	later := now.Add(2 * time.Minute)
	clock.Store(&later)
	deadline := time.Now().Add(5 * time.Second)
	for s.Stats().Ops < 10 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	clock.Store(&now) // the record would be visible again if not swept
	if _, err := s.Get(ctx, key); !errors.Is(err, checkpoint.ErrNotFound) {
		t.Fatalf("Get after background sweeps: %v; want ErrNotFound", err)
	}
}

// lostLease is a Leaser whose first Lease lands but reports ErrUnavailable.
type lostLease struct {
	*flaky
	lost atomic.Bool
}

func (l *lostLease) Lease(ctx context.Context, k driver.Key, ls driver.Lease) (*driver.Row, error) {
	r, err := l.flaky.Driver.(driver.Leaser).Lease(ctx, k, ls)
	if err == nil && l.lost.CompareAndSwap(false, true) {
		return nil, driver.ErrUnavailable
	}
	return r, err
}

// A one-round-trip claim whose reply was lost is not applied twice.
func TestLostLeaseReplyClaimsOnce(t *testing.T) {
	f, _ := newFlaky(t, nil)
	s, err := checkpoint.New(&lostLease{flaky: f}, &checkpoint.Options{RetryInitial: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := s.Claim(context.Background(), key, "o", lease())
	if err != nil || rec.Version != 1 || rec.Owner != "o" {
		t.Fatalf("claim with a lost reply: %v, %v; want version 1 owned by o", rec, err)
	}
	if st := s.Stats(); st.Retries != 1 {
		t.Fatalf("stats %v; want one retry", st)
	}
}
