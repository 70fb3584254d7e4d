package steps_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambda/messages"
	"github.com/baton-run/baton/checkpoint/memstore"
	"github.com/baton-run/baton/steps"
)

// runtimeErrors are the step runtime's exported error types: their names
// are part of the ASL contract.
var runtimeErrors = []error{
	&steps.InputError{}, &steps.UnknownStepError{}, &steps.NoProgressError{}, &steps.StateTooLargeError{},
	&steps.SliceTimeoutError{}, &steps.LeaseHeldError{}, &steps.LeaseLostError{}, &steps.CheckpointError{},
}

// TestErrorEqualsGolden pins the error names of the runtime's error types
// and the Retry rules a long step with a catch-all policy compiles to:
// which names are never retried, which resume the step, which the policy
// retries.
func TestErrorEqualsGolden(t *testing.T) {
	wf := steps.New("errors", nil).Add(steps.Long("work", sumTo, &steps.LongOptions{Retry: &steps.RetryPolicy{}}))
	m, err := wf.Compile()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	retry := m.States["work"].Retry
	for _, e := range runtimeErrors {
		name := steps.ErrorName(e)
		fmt.Fprintf(&b, "%-18s %T\n", name, e)
		for i, r := range retry {
			if slices.Contains(r.ErrorEquals, name) {
				fmt.Fprintf(&b, "  Retry[%d] MaxAttempts %d\n", i, *r.MaxAttempts)
			}
		}
	}
	for i, r := range retry {
		fmt.Fprintf(&b, "Retry[%d] %v\n", i, r.ErrorEquals)
	}
	golden(t, "errors.golden", []byte(b.String()))
}

// The name ErrorEquals matches is the one the Lambda runtime reports: the
// error's Go type name, through aws-lambda-go's own handler adapter.
func TestErrorNamesMatchTheLambdaRuntime(t *testing.T) {
	store, _ := memstore.Open(nil)
	h, err := steps.NewHandler(ordersWorkflow(), store, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = lambda.NewHandler(h).Invoke(context.Background(), []byte(`{"step":"nope","input":{}}`))
	if got := lambdaErrorType(err); got != "UnknownStepError" || got != steps.ErrorName(err) {
		t.Errorf("Lambda reports %q; ErrorName says %q", got, steps.ErrorName(err))
	}
	_, err = lambda.NewHandler(h).Invoke(context.Background(), []byte(`{"step":"check","input":{"total":"x"}}`))
	if got := lambdaErrorType(err); got != "InputError" {
		t.Errorf("bad input: Lambda reports %q (%v), want InputError", got, err)
	}
}

// lambdaErrorType is aws-lambda-go's rule (lambda/errors.go) for the
// errorType of a handler's error.
func lambdaErrorType(err error) string {
	if ive, ok := err.(messages.InvokeResponse_Error); ok {
		return ive.Type
	}
	return steps.ErrorName(err)
}
