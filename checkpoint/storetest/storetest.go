// Package storetest is the conformance suite every checkpoint driver runs:
// claims and leases, fencing, races between many goroutines on one key,
// expiry and sweeping under an injected clock, size limits and the error
// vocabulary. A driver's hook is a few lines:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T, opts *checkpoint.Options) *checkpoint.Store {
//			s, err := mydriver.Open(..., opts)
//			...
//			return s
//		})
//	}
//
// Capability gaps are explicit t.Skip calls in the suite, never a fork.
package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/internal/clock"
)

// NewStore opens an empty store with opts (the suite sets opts.Now; pass
// opts through unchanged). It should register cleanup with t.
type NewStore func(t *testing.T, opts *checkpoint.Options) *checkpoint.Store

// start is the fake clock's starting time: not a whole second, to catch
// rounding.
var start = time.Date(2026, 1, 2, 3, 4, 5, 678_000_000, time.UTC)

// ttl is the TTL the suite's stores use unless a case says otherwise.
const ttl = time.Hour

// env is one case's store, its fake clock and helpers.
type env struct {
	*testing.T
	s     *checkpoint.Store
	clock *clock.Fake
	ctx   context.Context
}

type testCase struct {
	name string
	fn   func(e *env)
	opts func(o *checkpoint.Options) // adjusts the options; may be nil
}

// Run runs the whole suite against stores made by newStore.
func Run(t *testing.T, newStore NewStore) {
	for _, group := range [][]testCase{leaseCases, fencingCases, dataCases, expiryCases, limitCases, raceCases} {
		for _, c := range group {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				c.fn(newEnv(t, newStore, c.opts))
			})
		}
	}
}

func newEnv(t *testing.T, newStore NewStore, adjust func(*checkpoint.Options)) *env {
	fake := clock.NewFake(start)
	opts := &checkpoint.Options{Now: fake.Now, TTL: ttl, RetryInitial: time.Millisecond, RetryMax: 50 * time.Millisecond}
	if adjust != nil {
		adjust(opts)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return &env{T: t, s: newStore(t, opts), clock: fake, ctx: ctx}
}

// key returns a key unique to the case.
func (e *env) key(step string) checkpoint.Key {
	return checkpoint.Key{Job: "job-" + e.Name(), Step: step}
}

// claim claims key for owner for a minute, failing the test on error.
func (e *env) claim(key checkpoint.Key, owner string) checkpoint.Record {
	e.Helper()
	rec, err := e.s.Claim(e.ctx, key, owner, e.clock.Now().Add(time.Minute))
	if err != nil {
		e.Fatalf("Claim(%s, %s): %v", key, owner, err)
	}
	return rec
}

// save saves state, failing the test on error.
func (e *env) save(rec checkpoint.Record, state string, done int64) checkpoint.Record {
	e.Helper()
	next, err := e.s.Save(e.ctx, rec, []byte(state), checkpoint.Progress{Done: done, Total: 100})
	if err != nil {
		e.Fatalf("Save(%s v%d): %v", rec.Key, rec.Version, err)
	}
	return next
}

// get reads key, failing the test on error.
func (e *env) get(key checkpoint.Key) checkpoint.Record {
	e.Helper()
	rec, err := e.s.Get(e.ctx, key)
	if err != nil {
		e.Fatalf("Get(%s): %v", key, err)
	}
	return rec
}

// vocabulary is every public error; wantErr checks err matches exactly one.
var vocabulary = []error{
	checkpoint.ErrNotFound, checkpoint.ErrConflict, checkpoint.ErrLeaseHeld, checkpoint.ErrLeaseLost,
	checkpoint.ErrTooLarge, checkpoint.ErrUnavailable, checkpoint.ErrInvalid,
}

// wantErr fails unless err wraps want and no other vocabulary error.
func (e *env) wantErr(what string, err, want error) {
	e.Helper()
	if !errors.Is(err, want) {
		e.Fatalf("%s: error %v, want %v", what, err, want)
	}
	for _, other := range vocabulary {
		if other != want && errors.Is(err, other) {
			e.Fatalf("%s: error %v also matches %v", what, err, other)
		}
	}
}

// wantState fails unless key's stored state is state at version.
func (e *env) wantState(key checkpoint.Key, state string, version int64) {
	e.Helper()
	got := e.get(key)
	if string(got.State) != state || got.Version != version {
		e.Fatalf("stored %s: state %q version %d, want %q version %d", key, got.State, got.Version, state, version)
	}
}
