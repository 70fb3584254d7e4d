package steps

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/internal/clock"
)

// maxTakeovers bounds how often claim re-reads a lease it tried to take
// over or wait for (each time, the holder wrote in between).
const maxTakeovers = 3

// entryTag names the Task state entry an invocation belongs to (its
// execution and $$.State.EnteredTime, shared by every retry of the entry)
// as a lease owner prefix; "" when the payload does not say.
func entryTag(execution, entered string) string {
	if execution == "" || entered == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(execution + "\x00" + entered))
	return "e" + hex.EncodeToString(sum[:8]) + "/"
}

// claim takes the checkpoint's lease until the deadline. A lease left by
// an earlier attempt of the same Task state entry is taken over; another
// holder's lease that runs out soon is waited for.
func (r *sliceRun) claim() error {
	start := r.clk.Now()
	rec, err := r.h.store.Claim(r.ctx, r.key, r.owner, r.budget.Deadline())
	r.budget.ObserveSave(r.clk.Now().Sub(start))
	for range maxTakeovers {
		if !errors.Is(err, checkpoint.ErrLeaseHeld) {
			break
		}
		rec, err = r.resolveHeld(rec)
	}
	switch {
	case errors.Is(err, checkpoint.ErrLeaseHeld):
		return &LeaseHeldError{Key: r.key.String(), Until: rec.LeaseExpiry}
	case err != nil:
		return r.storeErr(err)
	}
	r.rec = rec
	return nil
}

// resolveHeld deals with cur, held by another owner, and claims again.
//
// Step Functions invokes a retry of a Task state only after the previous
// attempt failed (the runtime crashed or was killed, or the invocation
// timed out), so a lease whose owner names this invocation's state entry
// was left by a dead or abandoned attempt: it is released at once, fenced
// by its version and owner, so the release fails if that attempt wrote in
// between, and every later write of that attempt (a zombie) is rejected.
// Any other holder is waited for when its lease runs out within half of
// this slice's budget; otherwise LeaseHeldError, which the compiled Retry
// retries after a delay that outlasts a lease (leasePolicy).
func (r *sliceRun) resolveHeld(cur checkpoint.Record) (checkpoint.Record, error) {
	switch {
	case r.entry != "" && strings.HasPrefix(cur.Owner, r.entry):
		if _, err := r.h.store.Release(r.ctx, cur); err != nil && !lostRace(err) {
			return cur, err
		}
	default:
		wait := cur.LeaseExpiry.Sub(r.clk.Now())
		if wait > r.budget.Remaining(r.clk.Now())/2 {
			return cur, &LeaseHeldError{Key: r.key.String(), Until: cur.LeaseExpiry}
		}
		if err := clock.Sleep(r.ctx, r.clk, wait+time.Millisecond); err != nil {
			return cur, err
		}
	}
	return r.h.store.Claim(r.ctx, r.key, r.owner, r.budget.Deadline())
}

// lostRace reports whether a fenced write failed because the record
// changed since it was read (the next Claim sees how).
func lostRace(err error) bool {
	return errors.Is(err, checkpoint.ErrConflict) || errors.Is(err, checkpoint.ErrLeaseLost)
}
