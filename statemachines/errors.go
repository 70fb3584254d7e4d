package statemachines

import "fmt"

// Predefined error names of ASL (the "States." prefix is reserved).
const (
	ErrAll                 = "States.ALL"
	ErrHeartbeatTimeout    = "States.HeartbeatTimeout"
	ErrTimeout             = "States.Timeout"
	ErrTaskFailed          = "States.TaskFailed"
	ErrPermissions         = "States.Permissions"
	ErrResultPathMatch     = "States.ResultPathMatchFailure"
	ErrParameterPath       = "States.ParameterPathFailure"
	ErrQueryEvaluation     = "States.QueryEvaluationError"
	ErrBranchFailed        = "States.BranchFailed"
	ErrNoChoiceMatched     = "States.NoChoiceMatched"
	ErrIntrinsicFailure    = "States.IntrinsicFailure"
	ErrExceedToleratedFail = "States.ExceedToleratedFailureThreshold"
	ErrItemReaderFailed    = "States.ItemReaderFailed"
	ErrResultWriterFailed  = "States.ResultWriterFailed"
	ErrRuntime             = "States.Runtime"
	ErrDataLimitExceeded   = "States.DataLimitExceeded"
)

// Error is a failure with an ASL error name and a cause, the pair a Fail
// state, a task failure or a States.* runtime error carries. Retry and Catch
// match on Name.
type Error struct {
	Name  string
	Cause string
}

// Error formats the error as "Name: Cause".
func (e *Error) Error() string {
	if e.Cause == "" {
		return e.Name
	}
	return e.Name + ": " + e.Cause
}

// Errorf returns an *Error with the given name and a formatted cause.
func Errorf(name, format string, args ...any) *Error {
	return &Error{Name: name, Cause: fmt.Sprintf(format, args...)}
}
