package dynamostore_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/dynamostore"
	"github.com/baton-run/baton/checkpoint/storetest"
	"github.com/baton-run/baton/internal/faultproxy"
	"github.com/baton-run/baton/internal/testenv"
)

// allFaults are the kinds TestConformanceUnderFaults injects.
var allFaults = []faultproxy.Kind{faultproxy.Throttle, faultproxy.ProvisionedThroughput,
	faultproxy.ServerError, faultproxy.LostReply, faultproxy.Stall}

// TestConformanceUnderFaults runs the whole suite with a fifth of the
// requests throttled, failed with 500, applied with their reply lost, or
// stalled until the Store's attempt timeout.
func TestConformanceUnderFaults(t *testing.T) {
	endpoint := testenv.Dynalite(t)
	admin := newClient(endpoint, loopbackTransport())
	faults := faultproxy.New(loopbackTransport(), 0.2, 42, allFaults...)
	var retries atomic.Int64
	open := harness(admin, newClient(endpoint, faults), &retries)
	t.Run("suite", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T, opts *checkpoint.Options) *checkpoint.Store {
			opts.AttemptTimeout = 100 * time.Millisecond
			return open(t, opts)
		})
	})
	t.Logf("%d requests, %d faults injected, %d retries", faults.Requests(), faults.InjectedTotal(), retries.Load())
	for _, k := range allFaults {
		if faults.Injected(k) == 0 {
			t.Errorf("no %s fault was injected", k)
		}
	}
	if retries.Load() < faults.InjectedTotal() {
		t.Errorf("Stats().Retries sums to %d, fewer than the %d injected faults", retries.Load(), faults.InjectedTotal())
	}
}

// A backend that never recovers surfaces as ErrUnavailable when the
// caller's context ends, after visible retries.
func TestUnavailableUntilDeadline(t *testing.T) {
	endpoint := testenv.Dynalite(t)
	admin := newClient(endpoint, loopbackTransport())
	s, err := dynamostore.Open(newClient(endpoint, faultproxy.New(nil, 1, 1, faultproxy.Throttle)),
		newTable(t, admin), &checkpoint.Options{RetryInitial: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err = s.Claim(ctx, checkpoint.Key{Job: "j", Step: "s"}, "o", time.Now().Add(time.Minute))
	if !errors.Is(err, checkpoint.ErrUnavailable) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Claim against a throttling backend: %v; want ErrUnavailable and DeadlineExceeded", err)
	}
	if s.Stats().Retries == 0 {
		t.Fatal("no retries counted")
	}
}

// A permanent error (the table does not exist) returns at once, unretried.
func TestPermanentErrorNotRetried(t *testing.T) {
	client := newClient(testenv.Dynalite(t), loopbackTransport())
	s, err := dynamostore.Open(client, "no-such-table", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Get(context.Background(), checkpoint.Key{Job: "j", Step: "s"})
	if err == nil || errors.Is(err, checkpoint.ErrUnavailable) || errors.Is(err, checkpoint.ErrNotFound) {
		t.Fatalf("Get on a missing table: %v; want a permanent backend error", err)
	}
	if st := s.Stats(); st.Retries != 0 || st.Ops != 1 {
		t.Fatalf("stats %v; want one op, no retries", st)
	}
}
