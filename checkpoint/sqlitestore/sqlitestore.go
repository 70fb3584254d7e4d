// Package sqlitestore is the embedded checkpoint driver: one table,
// checkpoint_records, in a SQLite file (pure Go, modernc.org/sqlite) in WAL
// mode with a busy timeout. It may share the engine's database file: every
// name it creates starts with "checkpoint_".
//
// Every write is one statement (INSERT ... ON CONFLICT DO NOTHING for a new
// record, UPDATE ... WHERE version = ? AND owner = ? otherwise), so writes
// are atomic without explicit transactions. SQLITE_BUSY and SQLITE_LOCKED
// count as transient and are retried by the Store.
package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/driver"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// DSN returns the data source name Open uses for path: WAL, synchronous
// FULL (an acknowledged write survives a power cut), a 10 s busy timeout.
func DSN(path string) string {
	return "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)"
}

// Open opens (creating when absent) the SQLite database at path and
// returns a Store on it, after sweeping expired records once. Closing the
// Store closes the database.
func Open(path string, opts *checkpoint.Options) (*checkpoint.Store, error) {
	db, err := sql.Open("sqlite", DSN(path))
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: open %s: %w", path, err)
	}
	d, err := newDriver(db, true)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlitestore: %s: %w", path, err)
	}
	s, err := checkpoint.New(d, opts)
	if err == nil {
		_, err = s.Sweep(context.Background())
	}
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("sqlitestore: %s: %w", path, err)
	}
	return s, nil
}

// OpenDB returns a Store on an open database, e.g. the engine's, creating
// the checkpoint tables when absent. Closing the Store leaves db open. db
// should have a busy timeout (see DSN).
func OpenDB(db *sql.DB, opts *checkpoint.Options) (*checkpoint.Store, error) {
	d, err := newDriver(db, false)
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: %w", err)
	}
	return checkpoint.New(d, opts)
}

// mapErr maps SQLite errors onto the driver sentinels: the one place.
func mapErr(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("%w: %w", driver.ErrUnavailable, err)
		}
	}
	if errors.Is(err, sql.ErrNoRows) {
		return driver.ErrNotFound
	}
	return err
}
