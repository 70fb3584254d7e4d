package checkpoint

import (
	"errors"
	"fmt"

	"github.com/baton-run/baton/checkpoint/driver"
)

// The error vocabulary, the same on every driver. Errors returned by Store
// wrap exactly one of these (or ErrInvalid), with the operation and key in
// the message; test them with errors.Is.
var (
	// ErrNotFound: no record has the key (or it has expired).
	ErrNotFound = errors.New("checkpoint not found")
	// ErrConflict: the record changed since the Record passed was read (a
	// stale version, or the record is done); nothing was written.
	ErrConflict = errors.New("checkpoint version conflict")
	// ErrLeaseHeld: Claim found the record leased to another owner.
	ErrLeaseHeld = errors.New("checkpoint lease held by another owner")
	// ErrLeaseLost: the caller's lease expired, was released, or was taken
	// by another owner; nothing was written.
	ErrLeaseLost = errors.New("checkpoint lease lost")
	// ErrTooLarge: the record exceeds Options.MaxRecordBytes.
	ErrTooLarge = errors.New("checkpoint too large")
	// ErrUnavailable: the backend kept failing transiently until the retry
	// budget or the context ran out. Also returned for a write whose reply
	// was lost when the record has since been overwritten by the same owner
	// (only possible when one owner writes from several goroutines): the
	// write may or may not have landed; re-read to find out.
	ErrUnavailable = errors.New("checkpoint store unavailable")
	// ErrInvalid: a malformed argument (empty key field, empty owner).
	ErrInvalid = errors.New("invalid checkpoint argument")
)

// opError formats an error of op on key wrapping code, with detail.
func opError(op string, key Key, code error, detail string) error {
	if detail == "" {
		return fmt.Errorf("checkpoint: %s %s: %w", op, key, code)
	}
	return fmt.Errorf("checkpoint: %s %s: %w: %s", op, key, code, detail)
}

// mapDriverErr maps a driver error onto the vocabulary: the one place
// driver sentinels become public ones.
func mapDriverErr(op string, key Key, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, driver.ErrNotFound):
		return opError(op, key, ErrNotFound, "")
	case errors.Is(err, driver.ErrConflict):
		return opError(op, key, ErrConflict, "")
	case errors.Is(err, driver.ErrUnavailable):
		return fmt.Errorf("checkpoint: %s %s: %w: %w", op, key, ErrUnavailable, err)
	}
	return fmt.Errorf("checkpoint: %s %s: %w", op, key, err)
}
