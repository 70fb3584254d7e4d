package local

import (
	"fmt"
	"strings"

	asl "github.com/baton-run/baton/statemachines"
)

// DefaultMaxHistoryEvents is Step Functions' hard quota on the events in
// one STANDARD execution's history.
const DefaultMaxHistoryEvents = 25_000

// historyLimitCause is the cause Step Functions gives an execution that
// reached the history quota.
func historyLimitCause(limit int) string {
	return fmt.Sprintf("%s (%d).", historyLimitText, limit)
}

const historyLimitText = "The execution reached the maximum number of history events"

// overLimit reports whether an event of type typ must not be recorded
// because the history is full, as on Step Functions: once limit-1 events
// are recorded, the next one is recorded only if it ends the execution;
// any other fails the execution with States.Runtime, whose ExecutionFailed
// event takes the last place. Nothing but that event is recorded after.
// EXPRESS executions have no history and no limit. r.mu is held.
func (r *run) overLimit(typ string) bool {
	limit := r.e.opts.MaxHistoryEvents
	if !r.full && (limit <= 0 || r.nextID+1 < int64(limit)) { // the common case first
		return false
	}
	if closesExecution(typ) {
		return false
	}
	if r.full {
		return true
	}
	if strings.Contains(r.x.Arn, ":express:") || r.cancel == nil {
		return false
	}
	r.full = true
	r.cancel(&stopCause{kind: StatusFailed, name: asl.ErrRuntime, cause: historyLimitCause(limit)})
	return true
}

func closesExecution(typ string) bool {
	switch typ {
	case "ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut":
		return true
	}
	return false
}

// historyFull reports whether x failed on the history limit.
func (x Execution) historyFull() bool {
	return x.Error == asl.ErrRuntime && strings.HasPrefix(x.Cause, historyLimitText)
}

// notRedrivable explains why RedriveExecution refuses x, with Step
// Functions' redriveStatusReason where it has one.
func notRedrivable(x Execution) error {
	if x.historyFull() {
		return fmt.Errorf("%w: %s: Execution history event limit exceeded.", ErrExecutionNotRedrivable, x.Arn)
	}
	return fmt.Errorf("%w: %s is %s", ErrExecutionNotRedrivable, x.Arn, x.Status)
}

// redriveRoom refuses a redrive whose ExecutionRedriven event would not fit
// in the history (Step Functions' redriveStatusReason "Execution history
// event limit exceeded.").
func (r *run) redriveRoom() error {
	limit := r.e.opts.MaxHistoryEvents
	if limit > 0 && r.nextID+1 >= int64(limit) {
		return fmt.Errorf("%w: %s: Execution history event limit exceeded.", ErrExecutionNotRedrivable, r.x.Arn)
	}
	return nil
}
