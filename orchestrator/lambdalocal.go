package orchestrator

import (
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/steps"
	"github.com/baton-run/baton/steps/awslambda"
)

// StepTimeoutEnv gives Lambda mode under a local emulator the function
// timeout a local run replaced (`run --lambda-binary PATH --timeout D`), so
// long steps budget their slices for it as they do in-process; a deployed
// function leaves it unset and budgets for its declared timeout.
const StepTimeoutEnv = "BATON_STEP_TIMEOUT"

// startLocal serves the steps with checkpoints in store (a local emulator's
// SQLite file), under $BATON_STEP_TIMEOUT when set.
func startLocal(store *checkpoint.Store, workflows []*steps.Workflow) {
	opts, err := localOptions(os.Getenv(StepTimeoutEnv))
	if err == nil {
		var r *awslambda.Router
		if r, err = awslambda.NewRouter(os.Getenv("AWS_LAMBDA_FUNCTION_NAME"), store, opts, workflows...); err == nil {
			lambda.Start(r)
			return
		}
	}
	fmt.Fprintln(os.Stderr, "baton:", err)
	os.Exit(1)
}

// localOptions parses $BATON_STEP_TIMEOUT (a Go duration; "" for none).
func localOptions(timeout string) (*steps.HandlerOptions, error) {
	if timeout == "" {
		return nil, nil
	}
	d, err := time.ParseDuration(timeout)
	if err != nil || d <= 0 {
		return nil, fmt.Errorf("%s=%q: want a positive duration", StepTimeoutEnv, timeout)
	}
	return &steps.HandlerOptions{Timeout: d}, nil
}
