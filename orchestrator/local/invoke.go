package local

import (
	"context"
	"time"
)

// Invoker resolves a Task state's resource. The engine calls it for Lambda
// functions (resource is then the function ARN, whether the state used the
// plain function ARN or arn:aws:states:::lambda:invoke, whose envelope the
// engine adds) and for any other resource (with the effective parameters as
// input).
//
// Invoke returns the result JSON, or an error: a *statemachines.Error names
// the ASL error and cause (Retry and Catch match its Name); a
// *FunctionError is a Lambda function error (errorType, errorMessage);
// ErrNotHandled lets a Chain try its next Invoker; any other error fails the
// task with States.TaskFailed. Invoke must return when ctx is done (the state
// timed out or the execution stopped).
type Invoker interface {
	Invoke(ctx context.Context, resource string, input []byte, meta InvokeMeta) ([]byte, error)
}

// InvokeMeta tells an Invoker where and under which limits it runs.
type InvokeMeta struct {
	ExecutionArn     string
	StateMachineName string
	StateName        string
	// Attempt counts the invocations of this state since it was entered
	// (0 for the first, 1 for the first retry...).
	Attempt int
	// Deadline is when the state's TimeoutSeconds expires (zero: none).
	Deadline time.Time
	// Timeout is the state's TimeoutSeconds (0: none).
	Timeout time.Duration
	// Heartbeat is the state's HeartbeatSeconds (0: none).
	Heartbeat time.Duration
	// TaskToken is set for .waitForTaskToken tasks.
	TaskToken string
}

// FunctionError is an error returned by a Lambda function, as the Lambda
// runtime reports it. The engine records it with Error = Type and Cause =
// the JSON text {"errorMessage":..., "errorType":...}, as Step Functions
// does.
type FunctionError struct {
	Message    string   `json:"errorMessage"`
	Type       string   `json:"errorType"`
	StackTrace []string `json:"stackTrace,omitempty"`
}

// Error formats the error as "Type: Message".
func (e *FunctionError) Error() string { return e.Type + ": " + e.Message }

// InvokerFunc adapts a function to Invoker.
type InvokerFunc func(ctx context.Context, resource string, input []byte, meta InvokeMeta) ([]byte, error)

// Invoke calls f.
func (f InvokerFunc) Invoke(ctx context.Context, resource string, input []byte, meta InvokeMeta) ([]byte, error) {
	return f(ctx, resource, input, meta)
}

// Chain tries each Invoker in turn until one does not return ErrNotHandled.
type Chain []Invoker

// Invoke implements Invoker.
func (c Chain) Invoke(ctx context.Context, resource string, input []byte, meta InvokeMeta) ([]byte, error) {
	for _, inv := range c {
		if inv == nil {
			continue
		}
		out, err := inv.Invoke(ctx, resource, input, meta)
		if err != ErrNotHandled {
			return out, err
		}
	}
	return nil, ErrNotHandled
}
