package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
)

// invokeFunc runs a handler on JSON input. p is nil for a Task.
type invokeFunc func(ctx context.Context, input []byte, p *Progress) ([]byte, error)

// TaskOptions configure a Task step. A nil *TaskOptions means all defaults.
type TaskOptions struct {
	// Retry retries the step's errors, in-process and in the state
	// machine. Defaults to no retry.
	Retry *RetryPolicy
	// Catch routes errors to other steps. Defaults to none.
	Catch []Catch
	// Next jumps to the named step instead of the following one.
	Next string
	// Function runs the step in its own Lambda function (other memory or
	// timeout). Defaults to the workflow's function.
	Function *Function
}

// Task is a step that runs fn once: func(ctx, In) (Out, error). Its input is
// the previous step's output decoded into In; Out becomes the next step's
// input.
func Task[In, Out any](name string, fn func(context.Context, In) (Out, error), opts *TaskOptions) Step {
	n := &node{name: name, kind: kindTask}
	if opts == nil {
		opts = &TaskOptions{}
	}
	n.next, n.retry, n.catch, n.function = opts.Next, opts.Retry, opts.Catch, opts.Function
	if fn == nil {
		n.err = "nil handler"
		return n
	}
	n.handler = &handler{
		fn:  reflect.ValueOf(fn),
		in:  reflect.TypeFor[In](),
		out: reflect.TypeFor[Out](),
		invoke: func(ctx context.Context, input []byte, _ *Progress) ([]byte, error) {
			var in In
			if err := decodeInput(input, &in); err != nil {
				return nil, err
			}
			out, err := fn(ctx, in)
			if err != nil {
				return nil, err
			}
			return json.Marshal(out)
		},
	}
	return n
}

// decodeInput decodes a step's JSON input, naming the failure as an
// InputError (a permanent error: retrying cannot fix it).
func decodeInput(input []byte, v any) error {
	if len(input) == 0 {
		return nil
	}
	if err := json.Unmarshal(input, v); err != nil {
		return &InputError{Type: reflect.TypeOf(v).Elem().String(), Err: err.Error()}
	}
	return nil
}

// InputError is returned when a step's JSON input does not decode into the
// handler's input type. It is permanent: the runtime does not retry it.
type InputError struct {
	Type string // the Go input type
	Err  string // the decoder's message
}

func (e *InputError) Error() string {
	return fmt.Sprintf("input does not decode into %s: %s", e.Type, e.Err)
}
