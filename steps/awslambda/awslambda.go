// Package awslambda is the entry point of a workflow's deployed Lambda
// function. It links only the step runtime, the DynamoDB checkpoint driver
// and the AWS SDK — not the local engine, SQLite or the CLI — so the
// bootstrap binary stays small and starts fast:
//
//	//go:build lambda
//
//	package main
//
//	func main() { awslambda.Main(myworkflow.Workflow()) }
//
// The function is configured by its environment: AWS_LAMBDA_FUNCTION_NAME
// (set by Lambda) picks the workflows it serves, BATON_CHECKPOINT_TABLE
// names the DynamoDB table of the long steps' checkpoints.
package awslambda

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/dynamostore"
	"github.com/baton-run/baton/steps"
)

// TableEnv is the environment variable naming the checkpoint table.
const TableEnv = "BATON_CHECKPOINT_TABLE"

// Main serves the steps of the workflows that run in this function and
// never returns. A configuration error is reported to Lambda as an init
// error (the process exits).
func Main(workflows ...*steps.Workflow) {
	h, err := handlerFromEnv(context.Background(), workflows)
	if err != nil {
		fmt.Fprintln(os.Stderr, "baton:", err)
		os.Exit(1)
	}
	lambda.Start(h)
}

// Start serves the steps of the workflows that run in this function
// (AWS_LAMBDA_FUNCTION_NAME) with the given checkpoint store, e.g. a SQLite
// file under a local Lambda emulator, and never returns.
func Start(store *checkpoint.Store, workflows ...*steps.Workflow) {
	r, err := NewRouter(os.Getenv("AWS_LAMBDA_FUNCTION_NAME"), store, nil, workflows...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "baton:", err)
		os.Exit(1)
	}
	lambda.Start(r)
}

// handlerFromEnv opens the checkpoint table and builds the router.
func handlerFromEnv(ctx context.Context, workflows []*steps.Workflow) (lambda.Handler, error) {
	var store *checkpoint.Store
	if table := os.Getenv(TableEnv); table != "" {
		cfg, err := config.LoadDefaultConfig(ctx)
		if err != nil {
			return nil, err
		}
		if store, err = dynamostore.Open(dynamodb.NewFromConfig(cfg), table, nil); err != nil {
			return nil, err
		}
	}
	return NewRouter(os.Getenv("AWS_LAMBDA_FUNCTION_NAME"), store, nil, workflows...)
}

// Router dispatches an invocation to the workflow whose step it names.
type Router struct {
	byStep map[string]*steps.Handler
}

// NewRouter returns the handler of the function called function: it
// serves every step of the given workflows that runs in that function (all
// of them when function is ""). Two such steps with one name are an error.
func NewRouter(function string, store *checkpoint.Store, opts *steps.HandlerOptions, workflows ...*steps.Workflow) (*Router, error) {
	r := &Router{byStep: map[string]*steps.Handler{}}
	for _, wf := range workflows {
		if err := r.add(function, store, opts, wf); err != nil {
			return nil, err
		}
	}
	if len(r.byStep) == 0 {
		return nil, fmt.Errorf("no step of the %d workflows runs in function %q", len(workflows), function)
	}
	return r, nil
}

func (r *Router) add(function string, store *checkpoint.Store, opts *steps.HandlerOptions, wf *steps.Workflow) error {
	names, err := wf.StepsIn(function)
	if err != nil || len(names) == 0 {
		return err
	}
	h, err := steps.NewHandler(wf, store, opts)
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, dup := r.byStep[n]; dup {
			return fmt.Errorf("step %q of workflow %q: another workflow in function %q has a step of that name", n, wf.Name(), function)
		}
		r.byStep[n] = h
	}
	return nil
}

// Invoke implements lambda.Handler.
func (r *Router) Invoke(ctx context.Context, payload []byte) ([]byte, error) {
	step, err := steps.PayloadStep(payload)
	if err != nil {
		return nil, err
	}
	h := r.byStep[step]
	if h == nil {
		return nil, &steps.UnknownStepError{Step: step}
	}
	return h.Invoke(ctx, payload)
}

var _ lambda.Handler = (*Router)(nil)
