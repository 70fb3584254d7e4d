package enginestore

import (
	"time"
)

// InvocationReport is the accounting of one Lambda invocation made by an
// execution (Lambda's REPORT line), kept beside the history: Step
// Functions' history events have no place for it.
type InvocationReport struct {
	ExecutionArn string
	// StateName and Attempt name the Task state and its attempt (0 for the
	// first invocation since the state was entered).
	StateName string
	Attempt   int
	// Time is when the invocation ended.
	Time time.Time
	// Data is the report itself, as JSON (its shape belongs to the engine).
	Data []byte
}

// Reports stores invocation reports. Memory and SQLite implement it.
type Reports interface {
	// PutReport records a report; it is durable when it returns.
	PutReport(r InvocationReport) error
	// Reports returns an execution's reports in the order they were put.
	Reports(arn string) ([]InvocationReport, error)
}

var (
	_ Reports = (*Memory)(nil)
	_ Reports = (*SQLite)(nil)
)

// reportsSchema is the table of invocation reports, part of schema.
const reportsSchema = `
CREATE TABLE IF NOT EXISTS invocation_reports (
	id INTEGER PRIMARY KEY, exec_arn TEXT NOT NULL, state TEXT NOT NULL,
	attempt INTEGER NOT NULL, time INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS invocation_reports_exec ON invocation_reports(exec_arn, id);
`

// PutReport implements Reports.
func (m *Memory) PutReport(r InvocationReport) error {
	r.Data = append([]byte(nil), r.Data...)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.reports == nil {
		m.reports = map[string][]InvocationReport{}
	}
	m.reports[r.ExecutionArn] = append(m.reports[r.ExecutionArn], r)
	return nil
}

// Reports implements Reports.
func (m *Memory) Reports(arn string) ([]InvocationReport, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return append([]InvocationReport(nil), m.reports[arn]...), nil
}

// PutReport implements Reports with one synchronous insert.
func (s *SQLite) PutReport(r InvocationReport) error {
	_, err := s.db.Exec(`INSERT INTO invocation_reports (exec_arn, state, attempt, time, data) VALUES (?,?,?,?,?)`,
		r.ExecutionArn, r.StateName, r.Attempt, nanos(r.Time), string(r.Data))
	return err
}

// Reports implements Reports.
func (s *SQLite) Reports(arn string) ([]InvocationReport, error) {
	rows, err := s.db.Query(`SELECT state, attempt, time, data FROM invocation_reports WHERE exec_arn = ? ORDER BY id`, arn)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []InvocationReport
	for rows.Next() {
		r := InvocationReport{ExecutionArn: arn}
		var at int64
		var data string
		if err := rows.Scan(&r.StateName, &r.Attempt, &at, &data); err != nil {
			return nil, err
		}
		r.Time, r.Data = fromNanos(at), []byte(data)
		out = append(out, r)
	}
	return out, rows.Err()
}
