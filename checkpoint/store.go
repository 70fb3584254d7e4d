package checkpoint

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/baton-run/baton/checkpoint/driver"
)

// maxClaimRaces bounds how often Claim re-reads after losing a race.
const maxClaimRaces = 16

// Store is a checkpoint store. It is safe for concurrent use. Open one
// with a driver package (sqlitestore.Open, dynamostore.Open, memstore.Open)
// or New.
type Store struct {
	d    driver.Driver
	opts Options

	stopSweeper context.CancelFunc // nil without a background sweeper
	sweeperDone chan struct{}

	ops, retries, conflicts atomic.Int64
}

// New returns a Store over d. Driver packages call it; most users call a
// driver's Open instead.
func New(d driver.Driver, opts *Options) (*Store, error) {
	o := opts.withDefaults()
	if err := o.validate(); err != nil {
		return nil, err
	}
	s := &Store{d: d, opts: o}
	if o.SweepInterval > 0 {
		s.startSweeper(o.SweepInterval)
	}
	return s, nil
}

// Close stops the background sweeper, if any, and closes the driver.
func (s *Store) Close() error {
	if s.stopSweeper != nil {
		s.stopSweeper()
		<-s.sweeperDone
	}
	return s.d.Close()
}

// startSweeper sweeps every interval until Close.
func (s *Store) startSweeper(every time.Duration) {
	ctx, cancel := context.WithCancel(context.Background())
	s.stopSweeper, s.sweeperDone = cancel, make(chan struct{})
	go func() {
		defer close(s.sweeperDone)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				s.Sweep(ctx) // a failure is retried at the next tick
			}
		}
	}()
}

// Stats returns the store's counters.
func (s *Store) Stats() Stats {
	return Stats{Ops: s.ops.Load(), Retries: s.retries.Load(), Conflicts: s.conflicts.Load()}
}

// Now returns the store's clock reading, as it stamps records.
func (s *Store) Now() time.Time { return normTime(s.opts.Now()) }

// Claim takes the lease of key for owner until leaseUntil, creating the
// record when absent. It succeeds when the record is absent, released,
// expired, or already leased to owner (which extends the lease); it
// returns ErrLeaseHeld, with the current record (whose LeaseExpiry says
// until when), when another owner's lease is still running. A done record
// is returned unchanged, with its Output, and nil error. leaseUntil must be
// after the store's Now.
func (s *Store) Claim(ctx context.Context, key Key, owner string, leaseUntil time.Time) (Record, error) {
	if err := checkClaim(key, owner, normTime(leaseUntil), s.Now()); err != nil {
		return Record{}, err
	}
	if rec, ok, err := s.leaseFast(ctx, key, owner, normTime(leaseUntil)); ok || err != nil {
		return rec, err
	}
	for range maxClaimRaces {
		rec, done, err := s.claimOnce(ctx, key, owner, normTime(leaseUntil))
		if done || err != nil {
			return rec, err
		}
	}
	return Record{}, opError("claim", key, ErrConflict, fmt.Sprintf("lost %d races in a row", maxClaimRaces))
}

// leaseFast claims in one round trip when the driver is a Leaser; ok is
// false when the driver cannot, or its condition failed (done, held or
// expired records, decided by claimOnce).
func (s *Store) leaseFast(ctx context.Context, key Key, owner string, until time.Time) (Record, bool, error) {
	l, isLeaser := s.d.(driver.Leaser)
	if !isLeaser {
		return Record{}, false, nil
	}
	now := s.Now()
	lease := driver.Lease{Owner: owner, Until: until, Now: now, Expires: s.expiry(now), WriteID: newWriteID()}
	var row *driver.Row
	attempts := 0
	err := s.call(ctx, func(ctx context.Context) (err error) {
		if attempts++; attempts > 1 { // the last attempt may have landed
			if row, err = s.landedLease(ctx, key, lease); row != nil || err != nil {
				return err
			}
		}
		row, err = l.Lease(ctx, driver.Key(key), lease)
		return err
	})
	switch {
	case err == nil:
		return fromRow(row), true, nil
	case errors.Is(err, driver.ErrConflict):
		return Record{}, false, nil
	}
	return Record{}, false, mapDriverErr("claim", key, err)
}

// landedLease returns the row when lease's write is stored (its reply was
// lost), so a retry does not claim twice.
func (s *Store) landedLease(ctx context.Context, key Key, lease driver.Lease) (*driver.Row, error) {
	cur, err := s.d.Get(ctx, driver.Key(key))
	switch {
	case errors.Is(err, driver.ErrNotFound):
		return nil, nil
	case err != nil:
		return nil, err
	case cur.WriteID == lease.WriteID:
		return cur, nil
	}
	return nil, nil
}

// claimOnce reads key and tries one conditional write; done is false when
// it lost a race and should re-read.
func (s *Store) claimOnce(ctx context.Context, key Key, owner string, until time.Time) (Record, bool, error) {
	now := s.Now()
	cur, err := s.getRow(ctx, "claim", key)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return Record{}, true, err
	}
	next, cond := s.claimed(cur, key, owner, until, now)
	switch {
	case cur != nil && !expired(cur, now) && cur.Done:
		return fromRow(cur), true, nil
	case cur != nil && !expired(cur, now) && cur.Owner != owner && fromRow(cur).Held(now):
		return fromRow(cur), true, opError("claim", key, ErrLeaseHeld,
			fmt.Sprintf("held by %s until %s", cur.Owner, cur.LeaseExpiry.Format(time.RFC3339Nano)))
	}
	err = s.put(ctx, "claim", next, cond)
	if errors.Is(err, ErrConflict) {
		s.conflicts.Add(1)
		return Record{}, false, nil
	}
	return fromRow(next), true, err
}

// claimed builds the row a successful claim writes over cur (nil or
// expired: a fresh record continuing cur's version).
func (s *Store) claimed(cur *driver.Row, key Key, owner string, until, now time.Time) (*driver.Row, driver.Cond) {
	next := &driver.Row{Key: driver.Key(key), Created: now}
	var cond driver.Cond
	if cur != nil {
		cond = driver.Cond{Version: cur.Version, Owner: cur.Owner}
		if !expired(cur, now) {
			c := *cur
			next = &c
		}
	}
	next.Version = cond.Version + 1
	next.Owner, next.LeaseExpiry = owner, until
	s.stamp(next, now)
	return next, cond
}

// Save stores state and progress in the record rec names, fenced by
// rec.Version and rec.Owner, and returns the new Record. A stale rec gets
// ErrConflict; a lease that expired, was released or was taken gets
// ErrLeaseLost; a done record gets ErrConflict.
func (s *Store) Save(ctx context.Context, rec Record, state []byte, p Progress) (Record, error) {
	next := rec
	next.State, next.Progress = state, p
	return s.update(ctx, "save", rec, next)
}

// Complete marks the record done with output, releases the lease and
// discards State (Progress stays), so the output may use the whole size
// limit; later Claims return the record as is. Fenced like Save.
func (s *Store) Complete(ctx context.Context, rec Record, output []byte) (Record, error) {
	next := rec
	next.Done, next.Output, next.State = true, output, nil
	next.Owner, next.LeaseExpiry = "", time.Time{}
	return s.update(ctx, "complete", rec, next)
}

// Release gives the lease up, keeping state and progress, so another owner
// can claim at once. Fenced like Save.
func (s *Store) Release(ctx context.Context, rec Record) (Record, error) {
	next := rec
	next.Owner, next.LeaseExpiry = "", time.Time{}
	return s.update(ctx, "release", rec, next)
}

// update writes next over prev after checking prev's lease locally, and
// classifies a failed condition by re-reading.
func (s *Store) update(ctx context.Context, op string, prev, next Record) (Record, error) {
	now := s.Now()
	if err := checkLease(op, prev, now); err != nil {
		return Record{}, err
	}
	if !utf8.ValidString(next.Progress.Note) {
		return Record{}, opError(op, prev.Key, ErrInvalid, "Progress.Note is not valid UTF-8")
	}
	row := toRow(next)
	row.Version = prev.Version + 1
	s.stamp(row, now)
	err := s.put(ctx, op, row, driver.Cond{Version: prev.Version, Owner: prev.Owner})
	if errors.Is(err, ErrConflict) {
		return Record{}, s.classify(ctx, op, prev)
	}
	if err != nil {
		return Record{}, err
	}
	return fromRow(row), nil
}

// checkLease refuses writes from a Record whose lease is not live.
func checkLease(op string, prev Record, now time.Time) error {
	switch {
	case prev.Done:
		return opError(op, prev.Key, ErrConflict, "record is done")
	case prev.Owner == "":
		return opError(op, prev.Key, ErrLeaseLost, "record is not claimed")
	case !prev.Expires.IsZero() && !now.Before(prev.Expires):
		return opError(op, prev.Key, ErrNotFound, "record expired at "+prev.Expires.Format(time.RFC3339))
	case !now.Before(prev.LeaseExpiry):
		return opError(op, prev.Key, ErrLeaseLost,
			"lease expired at "+prev.LeaseExpiry.Format(time.RFC3339Nano))
	}
	return nil
}

// classify explains why a fenced write of prev lost.
func (s *Store) classify(ctx context.Context, op string, prev Record) error {
	s.conflicts.Add(1)
	cur, err := s.Get(ctx, prev.Key)
	switch {
	case errors.Is(err, ErrNotFound):
		return opError(op, prev.Key, ErrNotFound, "deleted or expired since claimed")
	case err != nil:
		return err
	case cur.Owner != prev.Owner:
		return opError(op, prev.Key, ErrLeaseLost, lostTo(cur))
	}
	return opError(op, prev.Key, ErrConflict,
		fmt.Sprintf("stale version %d; stored version is %d", prev.Version, cur.Version))
}

// lostTo says what became of a lease that was lost.
func lostTo(cur Record) string {
	switch {
	case cur.Done:
		return fmt.Sprintf("the record was completed (version %d)", cur.Version)
	case cur.Owner == "":
		return fmt.Sprintf("the lease was released (version %d)", cur.Version)
	}
	return fmt.Sprintf("the lease is now held by %s (version %d)", cur.Owner, cur.Version)
}

// Get returns the record with key, or ErrNotFound when absent or expired.
func (s *Store) Get(ctx context.Context, key Key) (Record, error) {
	if err := checkKey("get", key); err != nil {
		return Record{}, err
	}
	row, err := s.getRow(ctx, "get", key)
	if err != nil {
		return Record{}, err
	}
	if expired(row, s.Now()) {
		return Record{}, opError("get", key, ErrNotFound, "expired")
	}
	return fromRow(row), nil
}

// List returns job's unexpired records ordered by Step, then Item (Map
// indexes numerically).
func (s *Store) List(ctx context.Context, job string) ([]Record, error) {
	if err := checkJob("list", job); err != nil {
		return nil, err
	}
	var rows []*driver.Row
	err := s.call(ctx, func(ctx context.Context) (err error) {
		rows, err = s.d.List(ctx, job)
		return err
	})
	if err != nil {
		return nil, mapDriverErr("list", Key{Job: job}, err)
	}
	return liveRecords(rows, s.Now()), nil
}

func liveRecords(rows []*driver.Row, now time.Time) []Record {
	out := make([]Record, 0, len(rows))
	for _, r := range rows {
		if !expired(r, now) {
			out = append(out, fromRow(r))
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Step != out[j].Step {
			return out[i].Step < out[j].Step
		}
		return itemLess(out[i].Item, out[j].Item)
	})
	return out
}

// itemLess orders items numerically when both are Map indexes ("2" before
// "10"), else as strings; "" comes first.
func itemLess(a, b string) bool {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	if errA == nil && errB == nil {
		return x < y
	}
	return a < b
}

// Delete removes the record with key regardless of its lease. It is
// idempotent: deleting an absent record is not an error (so a retried
// delete whose first reply was lost needs no special case).
func (s *Store) Delete(ctx context.Context, key Key) error {
	if err := checkKey("delete", key); err != nil {
		return err
	}
	err := s.call(ctx, func(ctx context.Context) error { return s.d.Delete(ctx, driver.Key(key)) })
	return mapDriverErr("delete", key, err)
}

// Sweep deletes the records expired at the store's current time and
// returns how many it deleted. After a transient failure the count is a
// lower bound: a delete whose reply was lost goes uncounted.
func (s *Store) Sweep(ctx context.Context) (int, error) {
	n := 0
	err := s.call(ctx, func(ctx context.Context) error {
		k, err := s.d.DeleteExpired(ctx, s.Now())
		n += k
		return err
	})
	return n, mapDriverErr("sweep", Key{}, err)
}

// getRow reads key through the retry policy.
func (s *Store) getRow(ctx context.Context, op string, key Key) (*driver.Row, error) {
	var row *driver.Row
	err := s.call(ctx, func(ctx context.Context) (err error) {
		row, err = s.d.Get(ctx, driver.Key(key))
		return err
	})
	return row, mapDriverErr(op, key, err)
}

// put checks the size and writes row under cond through the retry policy.
func (s *Store) put(ctx context.Context, op string, row *driver.Row, cond driver.Cond) error {
	if n := RecordSize(fromRow(row)); n > s.opts.MaxRecordBytes {
		return opError(op, Key(row.Key), ErrTooLarge,
			fmt.Sprintf("record is %d bytes; limit is %d bytes", n, s.opts.MaxRecordBytes))
	}
	row.WriteID = newWriteID()
	retried, err := s.callRetried(ctx, func(ctx context.Context) error { return s.d.Put(ctx, row, cond) })
	if retried && errors.Is(err, driver.ErrConflict) {
		return s.resolveRetried(ctx, op, row, cond, err)
	}
	return mapDriverErr(op, Key(row.Key), err)
}

// resolveRetried decides a retried write whose retry failed its
// condition: the first attempt may have landed with its reply lost. The
// stored WriteID tells; when cond's owner has written since, it cannot.
func (s *Store) resolveRetried(ctx context.Context, op string, row *driver.Row, cond driver.Cond, err error) error {
	cur, gerr := s.getRow(ctx, op, Key(row.Key))
	switch {
	case gerr == nil && cur.WriteID == row.WriteID:
		return nil
	case gerr == nil && cond.Version != 0 && cur.Owner == cond.Owner && cur.Version > row.Version:
		return opError(op, Key(row.Key), ErrUnavailable, fmt.Sprintf(
			"outcome unknown: a reply was lost and version %d has been overwritten since (now %d)",
			row.Version, cur.Version))
	}
	return mapDriverErr(op, Key(row.Key), err)
}

// stamp sets Updated and Expires from now (and Created when unset).
func (s *Store) stamp(r *driver.Row, now time.Time) {
	if r.Created.IsZero() {
		r.Created = now
	}
	r.Updated = now
	r.Expires = s.expiry(now)
}

// expiry is when a record written at now expires; zero for never.
func (s *Store) expiry(now time.Time) time.Time {
	if s.opts.TTL > 0 {
		return ceilSecond(now.Add(s.opts.TTL))
	}
	return time.Time{}
}
