package local

import (
	"encoding/json"
	"time"
)

// Status is an execution's status, as Step Functions names it.
type Status string

// Execution statuses.
const (
	StatusRunning        Status = "RUNNING"
	StatusSucceeded      Status = "SUCCEEDED"
	StatusFailed         Status = "FAILED"
	StatusTimedOut       Status = "TIMED_OUT"
	StatusAborted        Status = "ABORTED"
	StatusPendingRedrive Status = "PENDING_REDRIVE"
)

// Terminal reports whether the status is final (not RUNNING or
// PENDING_REDRIVE).
func (s Status) Terminal() bool {
	return s != StatusRunning && s != StatusPendingRedrive && s != ""
}

// StateMachine is a stored state machine.
type StateMachine struct {
	Arn          string
	Name         string
	Definition   string // the ASL JSON as given
	RoleArn      string
	Type         string // STANDARD (default) or EXPRESS
	CreationDate time.Time
	UpdateDate   time.Time // zero until updated
}

// StateMachineOptions are the optional fields of Create/UpdateStateMachine.
type StateMachineOptions struct {
	// RoleArn is recorded and shown in $$.Execution.RoleArn. Defaults to
	// arn:aws:iam::ACCOUNT:role/baton-local.
	RoleArn string
	// Type is STANDARD or EXPRESS. Defaults to STANDARD.
	Type string
}

// Execution describes one execution.
// Its JSON form uses DescribeExecution's field names.
type Execution struct {
	Arn             string    `json:"executionArn"`
	Name            string    `json:"name"`
	StateMachineArn string    `json:"stateMachineArn"`
	Status          Status    `json:"status"`
	Input           string    `json:"input"`            // JSON text
	Output          string    `json:"output,omitempty"` // JSON text; "" unless SUCCEEDED
	Error           string    `json:"error,omitempty"`  // FAILED/TIMED_OUT/ABORTED only
	Cause           string    `json:"cause,omitempty"`
	StartDate       time.Time `json:"startDate"`
	StopDate        time.Time `json:"stopDate,omitzero"` // zero while running
	RedriveCount    int       `json:"redriveCount"`
	RedriveDate     time.Time `json:"redriveDate,omitzero"` // zero until redriven
}

// Redrivable reports whether RedriveExecution accepts the execution, by
// AWS's rules (FAILED, TIMED_OUT or ABORTED, not on the history limit;
// within 14 days).
func (x Execution) Redrivable() bool {
	switch x.Status {
	case StatusFailed, StatusTimedOut, StatusAborted:
		return !x.historyFull()
	}
	return false
}

// ExecutionFilter selects executions in ListExecutions. Zero fields match
// everything.
type ExecutionFilter struct {
	StateMachineArn string
	Status          Status
}

// HistoryEvent is one event of an execution's history, in AWS's shape:
// Details holds the JSON of the event's details object (for example
// {"input":"{}","roleArn":"..."}), DetailsKey its field name in
// GetExecutionHistory's output (for example "executionStartedEventDetails");
// both are empty for events without details.
type HistoryEvent struct {
	ID              int64
	PreviousEventID int64
	Type            string
	Timestamp       time.Time
	DetailsKey      string
	Details         json.RawMessage
}

// MarshalJSON renders the event as GetExecutionHistory does.
func (e HistoryEvent) MarshalJSON() ([]byte, error) {
	m := map[string]any{
		"id":              e.ID,
		"previousEventId": e.PreviousEventID,
		"type":            e.Type,
		"timestamp":       float64(e.Timestamp.UnixMilli()) / 1000,
	}
	if e.DetailsKey != "" && len(e.Details) > 0 {
		m[e.DetailsKey] = e.Details
	}
	return json.Marshal(m)
}

// HistoryOptions page through GetExecutionHistory.
type HistoryOptions struct {
	// Reverse returns the newest events first.
	Reverse bool
	// MaxResults bounds the page; 0 means all remaining events.
	MaxResults int
	// NextToken continues from a previous page's token.
	NextToken string
}
