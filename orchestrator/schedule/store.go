package schedule

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

// Errors of the Store, for errors.Is.
var (
	ErrNotFound = errors.New("schedule not found")
	ErrExists   = errors.New("schedule already exists")
)

// Store keeps schedules and their fire records in SQLite, in tables
// prefixed schedule_ so they can share the engine's file.
type Store struct {
	db    *sql.DB
	owned bool
	now   func() time.Time
}

const storeSchema = `
CREATE TABLE IF NOT EXISTS schedule_schedules (
	name TEXT PRIMARY KEY,
	definition TEXT NOT NULL,
	state TEXT NOT NULL,
	cursor INTEGER NOT NULL,
	last_execution TEXT NOT NULL DEFAULT '',
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS schedule_fires (
	schedule TEXT NOT NULL,
	scheduled INTEGER NOT NULL,
	status TEXT NOT NULL,
	execution TEXT NOT NULL DEFAULT '',
	detail TEXT NOT NULL DEFAULT '',
	fired INTEGER NOT NULL,
	owner TEXT NOT NULL,
	attempts INTEGER NOT NULL DEFAULT 0,
	retry_at INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (schedule, scheduled));
CREATE INDEX IF NOT EXISTS schedule_fires_pending ON schedule_fires(status, scheduled);
CREATE UNIQUE INDEX IF NOT EXISTS schedule_fires_one_buffered ON schedule_fires(schedule) WHERE status = 'BUFFERED';
`

// OpenStore opens (creating it if needed) the SQLite file at path in WAL
// mode with a busy timeout, so several processes can share it.
func OpenStore(path string) (*Store, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("schedule store: %w", err)
	}
	f.Close()
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("schedule store: open %s: %w", path, err)
	}
	s, err := NewStore(db)
	if err != nil {
		db.Close()
		return nil, err
	}
	s.owned = true
	return s, nil
}

// NewStore uses an open database (for example the engine's), creating the
// schedule_ tables if they are missing. Close does not close db.
func NewStore(db *sql.DB) (*Store, error) {
	if _, err := db.Exec(storeSchema); err != nil {
		return nil, fmt.Errorf("schedule store: create tables: %w", err)
	}
	if err := addColumns(db); err != nil {
		return nil, err
	}
	return &Store{db: db, now: time.Now}, nil
}

// addColumns brings files created before the retry columns existed up to
// date; a column that is already there is left alone.
func addColumns(db *sql.DB) error {
	for _, col := range []string{"attempts INTEGER NOT NULL DEFAULT 0", "retry_at INTEGER NOT NULL DEFAULT 0"} {
		_, err := db.Exec("ALTER TABLE schedule_fires ADD COLUMN " + col)
		if err != nil && !strings.Contains(err.Error(), "duplicate column name") {
			return fmt.Errorf("schedule store: add column %s: %w", col, err)
		}
	}
	return nil
}

// SetNow replaces the store's clock (for CreatedAt, UpdatedAt and the start
// of new schedules). Defaults to time.Now.
func (s *Store) SetNow(now func() time.Time) { s.now = now }

// Close closes the database if OpenStore opened it.
func (s *Store) Close() error {
	if s.owned {
		return s.db.Close()
	}
	return nil
}

// Create stores a new schedule. It fires from now on (rate schedules
// without a start date fire immediately).
func (s *Store) Create(ctx context.Context, sc Schedule) (Schedule, error) {
	sc = sc.withDefaults()
	now := s.now().Truncate(time.Second)
	sc.CreatedAt, sc.UpdatedAt = now, time.Time{}
	if err := sc.Validate(); err != nil {
		return Schedule{}, err
	}
	def, _ := json.Marshal(sc)
	res, err := s.db.ExecContext(ctx, `INSERT INTO schedule_schedules (name, definition, state, cursor, created, updated)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO NOTHING`,
		sc.Name, def, sc.State, now.UnixNano()-1, now.UnixNano(), now.UnixNano())
	if err != nil {
		return Schedule{}, fmt.Errorf("schedule %s: create: %w", sc.Name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return Schedule{}, fmt.Errorf("%w: %s", ErrExists, sc.Name)
	}
	return sc, nil
}

// Update replaces a schedule's definition. Like AWS's UpdateSchedule it
// restarts the schedule: fire times before now are not caught up.
func (s *Store) Update(ctx context.Context, sc Schedule) (Schedule, error) {
	old, err := s.Get(ctx, sc.Name)
	if err != nil {
		return Schedule{}, err
	}
	sc = sc.withDefaults()
	now := s.now().Truncate(time.Second)
	sc.CreatedAt, sc.UpdatedAt = old.CreatedAt, now
	if err := sc.Validate(); err != nil {
		return Schedule{}, err
	}
	def, _ := json.Marshal(sc)
	_, err = s.db.ExecContext(ctx, `UPDATE schedule_schedules SET definition = ?, state = ?, cursor = ?, updated = ? WHERE name = ?`,
		def, sc.State, now.UnixNano()-1, now.UnixNano(), sc.Name)
	if err != nil {
		return Schedule{}, fmt.Errorf("schedule %s: update: %w", sc.Name, err)
	}
	return sc, nil
}

// SetState pauses (Disabled) or resumes (Enabled) a schedule. Fires that
// fell while it was paused are not caught up.
func (s *Store) SetState(ctx context.Context, name string, state State) error {
	sc, err := s.Get(ctx, name)
	if err != nil {
		return err
	}
	if state != Enabled && state != Disabled {
		return invalid("schedule %s: state %q: use ENABLED or DISABLED", name, state)
	}
	sc.State = state
	def, _ := json.Marshal(sc)
	now := s.now()
	_, err = s.db.ExecContext(ctx, `UPDATE schedule_schedules SET definition = ?, state = ?,
		cursor = CASE WHEN ? = 'ENABLED' AND state = 'DISABLED' THEN ? ELSE cursor END WHERE name = ?`,
		def, state, state, now.UnixNano()-1, name)
	if err != nil {
		return fmt.Errorf("schedule %s: set state: %w", name, err)
	}
	return nil
}

// Delete removes a schedule and its fire records.
func (s *Store) Delete(ctx context.Context, name string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM schedule_schedules WHERE name = ?`, name)
	if err != nil {
		return fmt.Errorf("schedule %s: delete: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%w: %s", ErrNotFound, name)
	}
	_, err = s.db.ExecContext(ctx, `DELETE FROM schedule_fires WHERE schedule = ?`, name)
	return err
}

// Get returns one schedule.
func (s *Store) Get(ctx context.Context, name string) (Schedule, error) {
	r, err := s.record(ctx, name)
	return r.Schedule, err
}

// List returns every schedule, by name.
func (s *Store) List(ctx context.Context) ([]Schedule, error) {
	recs, err := s.records(ctx)
	out := make([]Schedule, len(recs))
	for i, r := range recs {
		out[i] = r.Schedule
	}
	return out, err
}
