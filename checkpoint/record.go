package checkpoint

import (
	"time"

	"github.com/baton-run/baton/checkpoint/driver"
)

// recordOverhead is the allowance RecordSize makes for attribute names,
// numeric attributes and the owner (at most MaxOwnerBytes), as DynamoDB
// counts an item's size.
const recordOverhead = 512 + MaxOwnerBytes

// RecordSize is the size Options.MaxRecordBytes is compared with: the
// bytes of the key (the step and item twice: they also form DynamoDB's
// sort key), state, output and note, plus a fixed overhead. It does not
// depend on the owner, so a claim never changes whether a record fits.
func RecordSize(r Record) int {
	return recordOverhead + len(r.Job) + 2*(len(r.Step)+len(r.Item)+1) +
		len(r.State) + len(r.Output) + len(r.Progress.Note)
}

func toRow(r Record) *driver.Row {
	return &driver.Row{
		Key: driver.Key(r.Key), Version: r.Version, Owner: r.Owner, LeaseExpiry: r.LeaseExpiry,
		State: r.State, ProgressDone: r.Progress.Done, ProgressTotal: r.Progress.Total,
		ProgressNote: r.Progress.Note, Done: r.Done, Output: r.Output,
		Created: r.Created, Updated: r.Updated, Expires: r.Expires,
	}
}

func fromRow(r *driver.Row) Record {
	return Record{
		Key: Key(r.Key), Version: r.Version, Owner: r.Owner, LeaseExpiry: r.LeaseExpiry,
		State: r.State, Progress: Progress{Done: r.ProgressDone, Total: r.ProgressTotal, Note: r.ProgressNote},
		Done: r.Done, Output: r.Output, Created: r.Created, Updated: r.Updated, Expires: r.Expires,
	}
}

// expired reports whether r has expired at now.
func expired(r *driver.Row, now time.Time) bool {
	return !r.Expires.IsZero() && !now.Before(r.Expires)
}

// normTime is t in UTC at millisecond precision, as every driver stores it.
func normTime(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Millisecond)
}

// ceilSecond rounds t up to a whole second (a DynamoDB TTL is in seconds).
func ceilSecond(t time.Time) time.Time {
	if r := t.Truncate(time.Second); !r.Equal(t) {
		return r.Add(time.Second)
	}
	return t
}
