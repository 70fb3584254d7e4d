package local

import "errors"

// Errors returned by the Engine. They are wrapped with details (use
// errors.Is); `baton serve` maps each to the AWS error of the same name.
var (
	ErrStateMachineDoesNotExist  = errors.New("StateMachineDoesNotExist")
	ErrStateMachineAlreadyExists = errors.New("StateMachineAlreadyExists")
	ErrExecutionDoesNotExist     = errors.New("ExecutionDoesNotExist")
	ErrExecutionAlreadyExists    = errors.New("ExecutionAlreadyExists")
	ErrExecutionNotRedrivable    = errors.New("ExecutionNotRedrivable")
	ErrInvalidDefinition         = errors.New("InvalidDefinition")
	ErrInvalidName               = errors.New("InvalidName")
	ErrInvalidArn                = errors.New("InvalidArn")
	ErrInvalidExecutionInput     = errors.New("InvalidExecutionInput")
	ErrInvalidToken              = errors.New("InvalidToken")
	ErrTaskDoesNotExist          = errors.New("TaskDoesNotExist")
	ErrTaskTimedOut              = errors.New("TaskTimedOut")
	ErrInvalidOutput             = errors.New("InvalidOutput")
	ErrStateMachineDeleting      = errors.New("StateMachineDeleting")
	ErrClosed                    = errors.New("engine closed")
	ErrNotHandled                = errors.New("resource not handled by this invoker")
	errReplayDiverged            = errors.New("replay diverged from the recorded history")
)
