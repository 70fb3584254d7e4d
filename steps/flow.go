package steps

import (
	"reflect"
	"time"
)

// ParallelOptions configure a Parallel step. A nil *ParallelOptions means
// all defaults.
type ParallelOptions struct {
	// Retry retries the whole step. Defaults to no retry.
	Retry *RetryPolicy
	// Catch routes errors to other steps. Defaults to none.
	Catch []Catch
	// Next jumps to the named step instead of the following one.
	Next string
}

// Parallel is a step that runs every branch on its input at once; its output
// is the array of the branches' outputs, in order.
func Parallel(name string, opts *ParallelOptions, branches ...*Seq) Step {
	n := &node{name: name, kind: kindParallel, branches: branches}
	if opts != nil {
		n.next, n.retry, n.catch = opts.Next, opts.Retry, opts.Catch
	}
	return n
}

// Items is where a Map finds its items: a Path built with P or Field.
type Items interface {
	jsonPath() (path, err string)
}

// MapOptions configure a Map step. A nil *MapOptions means all defaults.
type MapOptions struct {
	// Items is the array to iterate over. Defaults to the whole input.
	Items Items
	// MaxConcurrency bounds the iterations running at once. Defaults to 0,
	// as many as Step Functions allows.
	MaxConcurrency int
	// ToleratedFailures is how many iterations may fail before the Map
	// does. Defaults to 0. Tolerated failures and batching make the Map
	// DISTRIBUTED (each iteration a child execution), as Step Functions
	// requires; a long step inside one keys its checkpoints by the child
	// execution.
	ToleratedFailures int
	// ToleratedFailurePercent is the same as a percentage. Defaults to 0.
	ToleratedFailurePercent float64
	// BatchSize groups items into batches of at most this many
	// ({"Items": [...]}); defaults to 0, one item per iteration.
	BatchSize int
	// Retry retries the whole step. Defaults to no retry.
	Retry *RetryPolicy
	// Catch routes errors to other steps. Defaults to none.
	Catch []Catch
	// Next jumps to the named step instead of the following one.
	Next string
}

// Map is a step that runs each item through the steps of each; its output
// is the array of the iterations' outputs.
func Map(name string, each *Seq, opts *MapOptions) Step {
	n := &node{name: name, kind: kindMap, branches: []*Seq{each}}
	if opts != nil {
		n.mapOpts = *opts
		n.next, n.retry, n.catch = opts.Next, opts.Retry, opts.Catch
	}
	return n
}

// Wait is a step that pauses for d before passing its input on.
func Wait(name string, d time.Duration) Step {
	return &node{name: name, kind: kindWait, wait: d}
}

// WaitUntil is a step that pauses until the timestamp at path.
func WaitUntil(name string, path Path[time.Time]) Step {
	return &node{name: name, kind: kindWait, waitPath: path.path, err: path.err}
}

// Pass is a step that outputs result, or its input when result is nil.
func Pass(name string, result any) Step {
	return &node{name: name, kind: kindPass, result: result, hasResult: result != nil}
}

// Succeed is a step that ends the workflow successfully with its input as
// the output.
func Succeed(name string) Step { return &node{name: name, kind: kindSucceed} }

// Fail is a step that ends the workflow with an error name and cause.
func Fail(name, errName, cause string) Step {
	return &node{name: name, kind: kindFail, errName: errName, cause: cause}
}

// ErrorName returns the ASL error name of errors of err's type, the Go type
// name that aws-lambda-go reports and Retry/Catch ErrorEquals match:
//
//	steps.ErrorName(&ThrottledError{}) // "ThrottledError"
func ErrorName(err error) string {
	t := reflect.TypeOf(err)
	if t.Kind() == reflect.Pointer {
		return t.Elem().Name()
	}
	return t.Name()
}

// ErrorNames returns ErrorName of each error, for Retry and Catch lists.
func ErrorNames(errs ...error) []string {
	names := make([]string, len(errs))
	for i, e := range errs {
		names[i] = ErrorName(e)
	}
	return names
}
