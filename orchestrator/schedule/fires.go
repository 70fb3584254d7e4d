package schedule

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// FireStatus is what became of one scheduled time.
type FireStatus string

// Fire statuses.
const (
	FireClaimed  FireStatus = "CLAIMED"  // a scheduler owns it and is starting the execution
	FireStarted  FireStatus = "STARTED"  // the execution was started
	FireSkipped  FireStatus = "SKIPPED"  // the previous execution was still running (overlap policy)
	FireBuffered FireStatus = "BUFFERED" // waiting for the previous execution to end (BUFFER_ONE)
	FireRetrying FireStatus = "RETRYING" // StartExecution failed; tried again at RetryAt (retry policy)
	FireFailed   FireStatus = "FAILED"   // StartExecution failed and the retry policy is spent (Detail)
)

// Fire records one scheduled time of a schedule.
type Fire struct {
	Schedule      string     `json:"schedule"`
	ScheduledTime time.Time  `json:"scheduledTime"`
	Status        FireStatus `json:"status"`
	Execution     string     `json:"execution,omitempty"`
	Detail        string     `json:"detail,omitempty"`
	FiredAt       time.Time  `json:"firedAt"`
	Owner         string     `json:"owner"`
	Attempts      int        `json:"attempts,omitempty"` // StartExecution calls made
	RetryAt       time.Time  `json:"retryAt,omitzero"`   // RETRYING only
}

// record is a schedule with the scheduler's progress on it.
type record struct {
	Schedule
	cursor        time.Time // every scheduled time up to here is handled
	lastExecution string    // the execution the schedule started last
}

type scanner interface{ Scan(dest ...any) error }

func scanRecord(row scanner) (record, error) {
	var def string
	var cursor int64
	var r record
	if err := row.Scan(&def, &cursor, &r.lastExecution); err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(def), &r.Schedule); err != nil {
		return r, fmt.Errorf("schedule store: corrupt definition: %w", err)
	}
	r.cursor = time.Unix(0, cursor)
	return r, nil
}

const recordColumns = `SELECT definition, cursor, last_execution FROM schedule_schedules`

func (s *Store) record(ctx context.Context, name string) (record, error) {
	r, err := scanRecord(s.db.QueryRowContext(ctx, recordColumns+` WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("%w: %s", ErrNotFound, name)
	}
	return r, err
}

func (s *Store) records(ctx context.Context) ([]record, error) {
	rows, err := s.db.QueryContext(ctx, recordColumns+` ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("schedule store: list: %w", err)
	}
	defer rows.Close()
	var out []record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// advanceCursor records that every scheduled time up to `to` is handled;
// the cursor never moves back, whichever scheduler writes last.
func (s *Store) advanceCursor(ctx context.Context, name string, to time.Time) error {
	_, err := s.db.ExecContext(ctx, `UPDATE schedule_schedules SET cursor = max(cursor, ?) WHERE name = ?`, to.UnixNano(), name)
	return err
}

// claim inserts the fire row for (schedule, scheduled time). Exactly one
// caller, across processes, gets true: the primary key decides.
func (s *Store) claim(ctx context.Context, name string, scheduled time.Time, owner string, now time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO schedule_fires (schedule, scheduled, status, fired, owner)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT(schedule, scheduled) DO NOTHING`,
		name, scheduled.UnixNano(), FireClaimed, now.UnixNano(), owner)
	if err != nil {
		return false, fmt.Errorf("schedule %s: claim %s: %w", name, scheduled.Format(time.RFC3339), err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// settle records the outcome of a claimed fire; a started execution also
// becomes the schedule's last execution, in the same transaction. A
// schedule holds one BUFFERED fire at most (a partial unique index decides
// between schedulers racing to buffer): the loser is recorded SKIPPED.
func (s *Store) settle(ctx context.Context, f Fire) error {
	err := s.settleOnce(ctx, f)
	if f.Status == FireBuffered && isUniqueViolation(err) {
		f.Status = FireSkipped
		return s.settleOnce(ctx, f)
	}
	return err
}

// isUniqueViolation reports SQLite's SQLITE_CONSTRAINT_UNIQUE.
func isUniqueViolation(err error) bool {
	var se interface{ Code() int }
	return errors.As(err, &se) && se.Code() == 2067
}

func (s *Store) settleOnce(ctx context.Context, f Fire) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(ctx, `UPDATE schedule_fires SET status = ?, execution = ?, detail = ?, attempts = ?, retry_at = ?
		WHERE schedule = ? AND scheduled = ?`,
		f.Status, f.Execution, f.Detail, f.Attempts, unixNano(f.RetryAt), f.Schedule, f.ScheduledTime.UnixNano())
	if err == nil && f.Status == FireStarted {
		_, err = tx.ExecContext(ctx, `UPDATE schedule_schedules SET last_execution = ? WHERE name = ?`, f.Execution, f.Schedule)
	}
	if err != nil {
		return fmt.Errorf("schedule %s: record fire: %w", f.Schedule, err)
	}
	return tx.Commit()
}

// pendingWork is what a tick must finish besides new fires: fires claimed
// by a scheduler that stopped before recording them, and buffered fires.
type pendingWork struct {
	stale    []time.Time
	buffered time.Time // zero when none
	retries  []retry   // RETRYING fires that are due
}

// retry is a failed fire to start again.
type retry struct {
	at       time.Time
	attempts int // made so far
}

// pending reads, in one query, the stale claims (claimed before staleBefore),
// buffered fires and due retries of every schedule.
func (s *Store) pending(ctx context.Context, staleBefore, now time.Time) (map[string]*pendingWork, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT schedule, scheduled, status, attempts FROM schedule_fires
		WHERE status = ? OR (status = ? AND fired < ?) OR (status = ? AND retry_at <= ?) ORDER BY scheduled`,
		FireBuffered, FireClaimed, staleBefore.UnixNano(), FireRetrying, now.UnixNano())
	if err != nil {
		return nil, fmt.Errorf("schedule store: pending fires: %w", err)
	}
	defer rows.Close()
	out := map[string]*pendingWork{}
	for rows.Next() {
		var name string
		var ns int64
		var status FireStatus
		var attempts int
		if err := rows.Scan(&name, &ns, &status, &attempts); err != nil {
			return nil, err
		}
		if out[name] == nil {
			out[name] = &pendingWork{}
		}
		out[name].add(time.Unix(0, ns), status, attempts)
	}
	return out, rows.Err()
}

func (p *pendingWork) add(at time.Time, status FireStatus, attempts int) {
	switch {
	case status == FireClaimed:
		p.stale = append(p.stale, at)
	case status == FireRetrying:
		p.retries = append(p.retries, retry{at: at, attempts: attempts})
	case p.buffered.IsZero():
		p.buffered = at
	}
}

// reclaim takes over one stale claim; one caller wins.
func (s *Store) reclaim(ctx context.Context, name string, scheduled, staleBefore time.Time, owner string, now time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE schedule_fires SET owner = ?, fired = ?
		WHERE schedule = ? AND scheduled = ? AND status = ? AND fired < ?`,
		owner, now.UnixNano(), name, scheduled.UnixNano(), FireClaimed, staleBefore.UnixNano())
	if err != nil {
		return false, fmt.Errorf("schedule %s: reclaim: %w", name, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// buffered returns the schedule's buffered fire, if any.
func (s *Store) buffered(ctx context.Context, name string) (time.Time, bool, error) {
	var ns int64
	err := s.db.QueryRowContext(ctx, `SELECT scheduled FROM schedule_fires WHERE schedule = ? AND status = ? ORDER BY scheduled LIMIT 1`,
		name, FireBuffered).Scan(&ns)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	return time.Unix(0, ns), err == nil, err
}

// claimFrom moves a BUFFERED or RETRYING fire to CLAIMED; one caller wins.
func (s *Store) claimFrom(ctx context.Context, from FireStatus, name string, scheduled time.Time, owner string, now time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE schedule_fires SET status = ?, owner = ?, fired = ? WHERE schedule = ? AND scheduled = ? AND status = ?`,
		FireClaimed, owner, now.UnixNano(), name, scheduled.UnixNano(), from)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Fires returns a schedule's most recent fire records, newest first;
// limit <= 0 means all.
func (s *Store) Fires(ctx context.Context, name string, limit int) ([]Fire, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT schedule, scheduled, status, execution, detail, fired, owner, attempts, retry_at
		FROM schedule_fires WHERE schedule = ? ORDER BY scheduled DESC LIMIT ?`, name, limit)
	if err != nil {
		return nil, fmt.Errorf("schedule %s: fires: %w", name, err)
	}
	defer rows.Close()
	var out []Fire
	for rows.Next() {
		var f Fire
		var sched, fired, retryAt int64
		if err := rows.Scan(&f.Schedule, &sched, &f.Status, &f.Execution, &f.Detail, &fired, &f.Owner, &f.Attempts, &retryAt); err != nil {
			return nil, err
		}
		f.ScheduledTime, f.FiredAt = time.Unix(0, sched).UTC(), time.Unix(0, fired).UTC()
		if retryAt != 0 {
			f.RetryAt = time.Unix(0, retryAt).UTC()
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// pruneFires deletes the schedule's settled fire records scheduled before
// `before`.
func (s *Store) pruneFires(ctx context.Context, name string, before time.Time) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM schedule_fires WHERE schedule = ? AND scheduled < ? AND status IN (?, ?, ?)`,
		name, before.UnixNano(), FireStarted, FireSkipped, FireFailed)
	if err != nil {
		return fmt.Errorf("schedule %s: prune fire records: %w", name, err)
	}
	return nil
}
