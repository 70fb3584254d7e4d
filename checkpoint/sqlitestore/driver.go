package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/baton-run/baton/checkpoint/driver"
)

const schema = `
CREATE TABLE IF NOT EXISTS checkpoint_records (
	job TEXT NOT NULL, step TEXT NOT NULL, item TEXT NOT NULL,
	version INTEGER NOT NULL, owner TEXT NOT NULL, lease_until INTEGER NOT NULL,
	state BLOB, progress_done INTEGER NOT NULL, progress_total INTEGER NOT NULL,
	progress_note TEXT NOT NULL, done INTEGER NOT NULL, output BLOB,
	created INTEGER NOT NULL, updated INTEGER NOT NULL, expires_at INTEGER NOT NULL, write_id TEXT NOT NULL,
	PRIMARY KEY (job, step, item)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS checkpoint_records_expiry ON checkpoint_records(expires_at) WHERE expires_at > 0;
`

const (
	columns   = `job, step, item, version, owner, lease_until, state, progress_done, progress_total, progress_note, done, output, created, updated, expires_at, write_id`
	insertSQL = `INSERT INTO checkpoint_records (` + columns + `) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING`
	updateSQL = `UPDATE checkpoint_records SET version = ?, owner = ?, lease_until = ?, state = ?, progress_done = ?,
	progress_total = ?, progress_note = ?, done = ?, output = ?, created = ?, updated = ?, expires_at = ?, write_id = ?
	WHERE job = ? AND step = ? AND item = ? AND version = ? AND owner = ?`
	selectSQL = `SELECT ` + columns + ` FROM checkpoint_records`
	// leaseSQL is driver.Leaser's write: insert, or update the lease of a
	// row that is not done, not expired and not leased to another owner.
	leaseSQL = `INSERT INTO checkpoint_records (` + columns + `)
	VALUES (?1, ?2, ?3, 1, ?4, ?5, NULL, 0, 0, '', 0, NULL, ?6, ?6, ?7, ?8)
	ON CONFLICT (job, step, item) DO UPDATE SET version = version + 1, owner = excluded.owner,
		lease_until = excluded.lease_until, updated = excluded.updated,
		expires_at = excluded.expires_at, write_id = excluded.write_id
	WHERE done = 0 AND (expires_at = 0 OR expires_at > ?6) AND (owner = '' OR owner = ?4 OR lease_until <= ?6)
	RETURNING ` + columns
)

type store struct {
	db      *sql.DB
	ownsDB  bool
	insert  *sql.Stmt
	update  *sql.Stmt
	get     *sql.Stmt
	listJob *sql.Stmt
	lease   *sql.Stmt
}

var (
	_ driver.Driver = (*store)(nil)
	_ driver.Leaser = (*store)(nil)
)

func newDriver(db *sql.DB, ownsDB bool) (*store, error) {
	if _, err := db.Exec(schema); err != nil {
		return nil, err
	}
	s := &store{db: db, ownsDB: ownsDB}
	for _, p := range []struct {
		dst   **sql.Stmt
		query string
	}{
		{&s.insert, insertSQL}, {&s.update, updateSQL},
		{&s.get, selectSQL + ` WHERE job = ? AND step = ? AND item = ?`},
		{&s.listJob, selectSQL + ` WHERE job = ?`},
		{&s.lease, leaseSQL},
	} {
		stmt, err := db.Prepare(p.query)
		if err != nil {
			s.closeStmts()
			return nil, err
		}
		*p.dst = stmt
	}
	return s, nil
}

func (s *store) Get(ctx context.Context, key driver.Key) (*driver.Row, error) {
	r, err := scanRow(s.get.QueryRowContext(ctx, key.Job, key.Step, key.Item))
	return r, mapErr(err)
}

func (s *store) Put(ctx context.Context, r *driver.Row, cond driver.Cond) error {
	var res sql.Result
	var err error
	if cond.Version == 0 {
		res, err = s.insert.ExecContext(ctx, r.Job, r.Step, r.Item, r.Version, r.Owner, ms(r.LeaseExpiry),
			r.State, r.ProgressDone, r.ProgressTotal, r.ProgressNote, r.Done, r.Output,
			ms(r.Created), ms(r.Updated), ms(r.Expires), r.WriteID)
	} else {
		res, err = s.update.ExecContext(ctx, r.Version, r.Owner, ms(r.LeaseExpiry), r.State,
			r.ProgressDone, r.ProgressTotal, r.ProgressNote, r.Done, r.Output,
			ms(r.Created), ms(r.Updated), ms(r.Expires), r.WriteID, r.Job, r.Step, r.Item, cond.Version, cond.Owner)
	}
	return affectedOne(res, err)
}

// affectedOne maps "no row changed" to driver.ErrConflict.
func affectedOne(res sql.Result, err error) error {
	if err != nil {
		return mapErr(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return mapErr(err)
	}
	if n == 0 {
		return driver.ErrConflict
	}
	return nil
}

func (s *store) Lease(ctx context.Context, key driver.Key, l driver.Lease) (*driver.Row, error) {
	r, err := scanRow(s.lease.QueryRowContext(ctx, key.Job, key.Step, key.Item, l.Owner, ms(l.Until),
		ms(l.Now), ms(l.Expires), l.WriteID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, driver.ErrConflict
	}
	return r, mapErr(err)
}

func (s *store) Delete(ctx context.Context, key driver.Key) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM checkpoint_records WHERE job = ? AND step = ? AND item = ?`,
		key.Job, key.Step, key.Item)
	return mapErr(err)
}

func (s *store) List(ctx context.Context, job string) ([]*driver.Row, error) {
	rows, err := s.listJob.QueryContext(ctx, job)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []*driver.Row
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return nil, mapErr(err)
		}
		out = append(out, r)
	}
	return out, mapErr(rows.Err())
}

func (s *store) DeleteExpired(ctx context.Context, now time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx,
		`DELETE FROM checkpoint_records WHERE expires_at > 0 AND expires_at <= ?`, ms(now))
	if err != nil {
		return 0, mapErr(err)
	}
	n, err := res.RowsAffected()
	return int(n), mapErr(err)
}

func (s *store) Close() error {
	s.closeStmts()
	if s.ownsDB {
		return s.db.Close()
	}
	return nil
}

func (s *store) closeStmts() {
	for _, st := range []*sql.Stmt{s.insert, s.update, s.get, s.listJob, s.lease} {
		if st != nil {
			st.Close()
		}
	}
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanRow(sc scanner) (*driver.Row, error) {
	var r driver.Row
	var lease, created, updated, expires int64
	err := sc.Scan(&r.Job, &r.Step, &r.Item, &r.Version, &r.Owner, &lease, &r.State,
		&r.ProgressDone, &r.ProgressTotal, &r.ProgressNote, &r.Done, &r.Output, &created, &updated, &expires, &r.WriteID)
	if err != nil {
		return nil, err
	}
	r.LeaseExpiry, r.Created, r.Updated, r.Expires = fromMS(lease), fromMS(created), fromMS(updated), fromMS(expires)
	return &r, nil
}

// ms is t in Unix milliseconds; 0 for the zero time.
func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}
