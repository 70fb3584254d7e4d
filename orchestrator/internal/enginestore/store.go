// Package enginestore persists the local engine's state machines,
// executions and history events. Two implementations share one interface:
// Memory (everything in maps) and SQLite (one file, WAL, group commit).
//
// Writes of executions and events are write-behind: they are visible to
// reads at once and become durable in batches; Sync waits until everything
// written before it is durable. State machine writes are synchronous.
package enginestore

import (
	"context"
	"errors"
	"time"

	"github.com/baton-run/baton/orchestrator/internal/history"
)

// ErrNotFound is returned for an unknown state machine or execution.
var ErrNotFound = errors.New("enginestore: not found")

// StateMachine is a stored state machine.
type StateMachine struct {
	Arn, Name, Definition, RoleArn, Type string
	Created, Updated                     time.Time
}

// Execution is a stored execution. Definition is the state machine's
// definition when the execution started (an update does not change a
// running execution).
type Execution struct {
	Arn, Name, StateMachineArn, StateMachineName string
	Definition, RoleArn                          string
	Status, Input, Output, Error, Cause          string
	HasOutput                                    bool
	Start, Stop                                  time.Time
	RedriveCount                                 int
	RedriveDate                                  time.Time
}

// Store is the engine's persistence.
type Store interface {
	PutStateMachine(sm StateMachine) error
	StateMachine(arn string) (StateMachine, error)
	StateMachines() ([]StateMachine, error)
	DeleteStateMachine(arn string) error

	// PutExecution inserts or replaces an execution (write-behind).
	PutExecution(x Execution)
	Execution(arn string) (Execution, error)
	// Executions lists executions, newest first; smArn "" lists all.
	Executions(smArn string) ([]Execution, error)

	// Append records events of an execution (write-behind), in order. It
	// does not retain evs itself, which the caller may reuse.
	Append(arn string, evs ...*history.Event)
	// Events returns an execution's events in id order.
	Events(arn string) ([]*history.Event, error)

	// Sync waits until every write made before the call is durable.
	Sync(ctx context.Context) error
	Close() error
}
