// Package driver defines the interface a checkpoint backend implements.
//
// Drivers are deliberately dumb: they store rows and perform one atomic
// conditional write. Every semantic rule (leases, fencing, expiry, size
// limits, retries, the public error vocabulary) lives once in package
// checkpoint, so the rules cannot drift between backends. Drivers only map
// their native errors onto the three sentinels below, in one place each.
package driver

import (
	"context"
	"errors"
	"time"
)

// Errors a driver returns, wrapped or not. Anything else is permanent.
var (
	// ErrNotFound: no row has the key.
	ErrNotFound = errors.New("driver: not found")
	// ErrConflict: the condition of a conditional write did not hold; nothing was written.
	ErrConflict = errors.New("driver: condition failed")
	// ErrUnavailable: a transient failure (throttling, 5xx, timeout, busy
	// database); the caller may retry the same call.
	ErrUnavailable = errors.New("driver: unavailable")
)

// Key identifies a row: job id, step path and Map item / Parallel branch.
type Key struct {
	Job, Step, Item string
}

// Row is one stored checkpoint. Times are UTC with millisecond precision;
// Expires has second precision (a DynamoDB TTL attribute).
type Row struct {
	Key
	Version       int64
	Owner         string
	LeaseExpiry   time.Time // zero: no lease
	State         []byte
	ProgressDone  int64
	ProgressTotal int64
	ProgressNote  string
	Done          bool
	Output        []byte
	Created       time.Time
	Updated       time.Time
	Expires       time.Time // zero: never
	// WriteID is random per write. After a transient failure whose write
	// may have landed (the reply was lost), the store re-reads the row and
	// compares WriteIDs to tell its own write from a rival's.
	WriteID string
}

// Cond is the condition of a Put. With Version 0 the row must not exist;
// otherwise the stored row must have exactly this Version and Owner.
type Cond struct {
	Version int64
	Owner   string
}

// Lease is what a Leaser writes: the lease fields, and the stamps.
type Lease struct {
	Owner   string
	Until   time.Time // the new LeaseExpiry
	Now     time.Time // the new Updated (and Created of a new row)
	Expires time.Time // the new Expires; zero: never
	WriteID string
}

// Leaser is an optional capability: a claim in one atomic round trip.
//
// Lease writes l into the row with key when the row is absent (a new row:
// Version 1, Created = Updated = l.Now, everything else zero) or when it
// is present, not Done, not expired at l.Now (Expires zero or after it),
// and not leased to another owner (Owner empty, equal to l.Owner, or
// LeaseExpiry not after l.Now): then Version+1 and the fields of l, every
// other field kept. It returns the row as written, or ErrConflict when
// none of that holds (the Store then falls back to Get and Put, which
// decide done, held and expired records).
type Leaser interface {
	Lease(ctx context.Context, key Key, l Lease) (*Row, error)
}

// Driver stores rows. Implementations must be safe for concurrent use, and
// Put must be atomic: two Puts with the same Cond never both succeed.
type Driver interface {
	// Get returns the row with key, or ErrNotFound. Expired rows are
	// returned too: the caller decides.
	Get(ctx context.Context, key Key) (*Row, error)
	// Put writes row if cond holds, else returns ErrConflict.
	Put(ctx context.Context, row *Row, cond Cond) error
	// Delete removes the row with key; an absent row is not an error.
	Delete(ctx context.Context, key Key) error
	// List returns every row of job, in any order.
	List(ctx context.Context, job string) ([]*Row, error)
	// DeleteExpired removes rows whose Expires is set and not after now,
	// returning how many it removed, also when it fails partway.
	DeleteExpired(ctx context.Context, now time.Time) (int, error)
	// Close releases the driver's resources (not a shared *sql.DB or client).
	Close() error
}
