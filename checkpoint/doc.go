// Package checkpoint stores the progress of long steps: a concrete Store over
// a small driver interface (package checkpoint/driver), with drivers
// sqlitestore (the embedded default), dynamostore (DynamoDB, on AWS) and
// memstore (tests).
//
// A checkpoint is a Record keyed by job id, step path and Map item / Parallel
// branch. The protocol a long step follows:
//
//	rec, err := store.Claim(ctx, key, owner, deadline) // lease until deadline
//	if rec.Done { return rec.Output }                   // finished earlier
//	for more work {
//		rec, err = store.Save(ctx, rec, state, progress) // fenced write
//	}
//	rec, err = store.Complete(ctx, rec, output)
//
// # Guarantees (identical on every driver; checkpoint/storetest checks them)
//
//   - Claim succeeds when the record is absent, released, its lease has
//     expired, or the lease is already the caller's; otherwise ErrLeaseHeld.
//     A done record is returned as is, with its output, without a write.
//   - Every write (Claim, Save, Complete, Release) increments Version and is
//     conditional on the Version and Owner of the Record the caller passes
//     (fencing): a stale writer gets ErrConflict, a writer whose lease was
//     taken, released or has expired gets ErrLeaseLost, and nothing is
//     overwritten. Of many writers racing from the same Record exactly one
//     wins.
//   - Records expire Options.TTL after their last write. Expired records
//     are invisible to Get, List and Claim at once; Sweep deletes them (on
//     DynamoDB the table's TTL attribute deletes them too, eventually).
//   - Records larger than Options.MaxRecordBytes (default 400 KiB, DynamoDB's
//     item limit, on every driver so a step that works locally works on AWS)
//     are refused with ErrTooLarge naming the size and the limit. State is
//     never split: keep large data elsewhere (a file, S3) and checkpoint a
//     reference to it.
//   - Transient backend errors (throttling, 5xx, timeouts including
//     Options.AttemptTimeout, a busy database) are retried with exponential
//     backoff and jitter, bounded by the caller's context and
//     Options.RetryMaxElapsed; they surface as ErrUnavailable only when the
//     retries are exhausted. Permanent errors return at once. Stats reports
//     the retry count. A retried write whose first reply was lost (it
//     landed, then the retry failed its condition) is recognised by its
//     write id and reported as the success it was.
//   - Delete is idempotent; Sweep deletes expired records (sqlitestore
//     sweeps when opened; Options.SweepInterval sweeps in the background).
//   - Errors match the vocabulary below with errors.Is on every driver.
//
// # Known limits
//
// Times are kept with millisecond precision (Expires: whole seconds). The
// lease is only as good as the clocks: a writer checks its own lease expiry
// before writing, the store checks version and owner. Keys follow
// DynamoDB's rules on every driver (ErrInvalid otherwise): Job and Step
// non-empty, valid UTF-8, Job at most MaxJobBytes, Step plus Item at most
// MaxStepItemBytes, no '#' in Item; owners and progress notes valid UTF-8. When one owner writes from
// several goroutines (the protocol never does) and a reply is lost, the
// outcome can be unknowable: that write returns ErrUnavailable, "outcome
// unknown", and the caller must re-read.
package checkpoint
