package enginestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"

	"github.com/baton-run/baton/orchestrator/internal/history"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver
)

// SQLite is a Store on one SQLite file in WAL mode. Execution and event
// writes are queued and committed by one writer goroutine in batched
// transactions (group commit); Sync waits for the batch holding the caller's
// writes. With synchronous=FULL a synced write survives a power cut, not
// only a process crash.
type SQLite struct {
	db *sql.DB
	w  *writer
}

var _ Store = (*SQLite)(nil)

// OpenSQLite opens (creating it readable by its owner only) the database
// file at path.
func OpenSQLite(path string) (*SQLite, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("enginestore: %w", err)
	}
	f.Close()
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("enginestore: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	if err := migrate(db); err != nil {
		db.Close()
		return nil, fmt.Errorf("enginestore: %s: %w", path, err)
	}
	s := &SQLite{db: db, w: newWriter(db)}
	go s.w.loop()
	return s, nil
}

const schema = `
CREATE TABLE IF NOT EXISTS state_machines (
	arn TEXT PRIMARY KEY, name TEXT NOT NULL, definition TEXT NOT NULL,
	role_arn TEXT NOT NULL, type TEXT NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS executions (
	arn TEXT PRIMARY KEY, name TEXT NOT NULL, sm_arn TEXT NOT NULL, sm_name TEXT NOT NULL,
	definition TEXT NOT NULL, role_arn TEXT NOT NULL, status TEXT NOT NULL, input TEXT NOT NULL,
	output TEXT NOT NULL, has_output INTEGER NOT NULL, error TEXT NOT NULL, cause TEXT NOT NULL,
	start INTEGER NOT NULL, stop INTEGER NOT NULL, redrive_count INTEGER NOT NULL, redrive_date INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS executions_sm ON executions(sm_arn, start);
CREATE TABLE IF NOT EXISTS event_chunks (
	exec_arn TEXT NOT NULL, first_id INTEGER NOT NULL, data BLOB NOT NULL,
	PRIMARY KEY (exec_arn, first_id)) WITHOUT ROWID;
`

func migrate(db *sql.DB) error {
	_, err := db.Exec(schema + reportsSchema)
	return err
}

// PutStateMachine implements Store; it is durable when it returns.
func (s *SQLite) PutStateMachine(sm StateMachine) error {
	_, err := s.db.Exec(`INSERT OR REPLACE INTO state_machines VALUES (?,?,?,?,?,?,?)`,
		sm.Arn, sm.Name, sm.Definition, sm.RoleArn, sm.Type, nanos(sm.Created), nanos(sm.Updated))
	return err
}

// StateMachine implements Store.
func (s *SQLite) StateMachine(arn string) (StateMachine, error) {
	rows, err := s.db.Query(`SELECT * FROM state_machines WHERE arn = ?`, arn)
	if err != nil {
		return StateMachine{}, err
	}
	sms, err := scanStateMachines(rows)
	if err != nil || len(sms) == 0 {
		return StateMachine{}, errors.Join(err, ErrNotFound)
	}
	return sms[0], nil
}

// StateMachines implements Store.
func (s *SQLite) StateMachines() ([]StateMachine, error) {
	rows, err := s.db.Query(`SELECT * FROM state_machines ORDER BY name`)
	if err != nil {
		return nil, err
	}
	return scanStateMachines(rows)
}

func scanStateMachines(rows *sql.Rows) ([]StateMachine, error) {
	defer rows.Close()
	var out []StateMachine
	for rows.Next() {
		var sm StateMachine
		var c, u int64
		if err := rows.Scan(&sm.Arn, &sm.Name, &sm.Definition, &sm.RoleArn, &sm.Type, &c, &u); err != nil {
			return nil, err
		}
		sm.Created, sm.Updated = fromNanos(c), fromNanos(u)
		out = append(out, sm)
	}
	return out, rows.Err()
}

// DeleteStateMachine implements Store.
func (s *SQLite) DeleteStateMachine(arn string) error {
	_, err := s.db.Exec(`DELETE FROM state_machines WHERE arn = ?`, arn)
	return err
}

// PutExecution implements Store.
func (s *SQLite) PutExecution(x Execution) { s.w.enqueue(op{exec: &x}) }

// Execution implements Store.
func (s *SQLite) Execution(arn string) (Execution, error) {
	if err := s.Sync(context.Background()); err != nil {
		return Execution{}, err
	}
	xs, err := s.queryExecutions(`SELECT * FROM executions WHERE arn = ?`, arn)
	if err != nil || len(xs) == 0 {
		return Execution{}, errors.Join(err, ErrNotFound)
	}
	return xs[0], nil
}

// Executions implements Store.
func (s *SQLite) Executions(smArn string) ([]Execution, error) {
	if err := s.Sync(context.Background()); err != nil {
		return nil, err
	}
	if smArn == "" {
		return s.queryExecutions(`SELECT * FROM executions ORDER BY start DESC, arn DESC`)
	}
	return s.queryExecutions(`SELECT * FROM executions WHERE sm_arn = ? ORDER BY start DESC, arn DESC`, smArn)
}

func (s *SQLite) queryExecutions(q string, args ...any) ([]Execution, error) {
	rows, err := s.db.Query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Execution
	for rows.Next() {
		var x Execution
		var start, stop, rd int64
		if err := rows.Scan(&x.Arn, &x.Name, &x.StateMachineArn, &x.StateMachineName, &x.Definition,
			&x.RoleArn, &x.Status, &x.Input, &x.Output, &x.HasOutput, &x.Error, &x.Cause,
			&start, &stop, &x.RedriveCount, &rd); err != nil {
			return nil, err
		}
		x.Start, x.Stop, x.RedriveDate = fromNanos(start), fromNanos(stop), fromNanos(rd)
		out = append(out, x)
	}
	return out, rows.Err()
}

// Append implements Store.
func (s *SQLite) Append(arn string, evs ...*history.Event) {
	for _, ev := range evs {
		s.w.enqueue(op{arn: arn, ev: ev})
	}
}

// Events implements Store.
func (s *SQLite) Events(arn string) ([]*history.Event, error) {
	if err := s.Sync(context.Background()); err != nil {
		return nil, err
	}
	rows, err := s.db.Query(`SELECT data FROM event_chunks WHERE exec_arn = ? ORDER BY first_id`, arn)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*history.Event
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		if out, err = decodeChunk(data, out); err != nil {
			return nil, fmt.Errorf("%w of %s", err, arn)
		}
	}
	return out, rows.Err()
}

// Sync implements Store.
func (s *SQLite) Sync(ctx context.Context) error { return s.w.sync(ctx) }

// Close flushes pending writes and closes the file.
func (s *SQLite) Close() error {
	err := s.w.close()
	return errors.Join(err, s.db.Close())
}
