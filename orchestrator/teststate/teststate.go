// Package teststate implements the Step Functions TestState API: one state
// of a definition run in isolation, with its input and output processing
// reported at the INFO, DEBUG or TRACE inspection level, an optional mocked
// result or error instead of the state's task, and a state configuration
// (retry count, Map iteration failures) that places the state as it would
// be in a running execution.
//
// TestState runs no retries and follows no transitions: an error that a
// retrier would retry is reported RETRIABLE (with the backoff AWS would
// wait), one that a catcher catches CAUGHT_ERROR (with the catcher's next
// state), any other FAILED.
//
// Known limits: mocked results of AWS service integrations are not checked
// against the services' API models (fieldValidationMode STRICT and PRESENT
// behave like NONE); HTTP tasks are not supported; Map and Parallel states
// need a mock.
package teststate

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/baton-run/baton/orchestrator/local"
)

// Request is a TestState request. The JSON-text members (Definition, Input,
// Variables, Context, Mock.Result, StateConfiguration.MapItemReaderData)
// hold JSON text, as the API sends them.
type Request struct {
	Definition         string              `json:"definition"`
	RoleArn            string              `json:"roleArn,omitempty"`
	Input              string              `json:"input,omitempty"`
	InspectionLevel    string              `json:"inspectionLevel,omitempty"`
	RevealSecrets      bool                `json:"revealSecrets,omitempty"`
	Variables          string              `json:"variables,omitempty"`
	StateName          string              `json:"stateName,omitempty"`
	Mock               *Mock               `json:"mock,omitempty"`
	Context            string              `json:"context,omitempty"`
	StateConfiguration *StateConfiguration `json:"stateConfiguration,omitempty"`
}

// Mock replaces the state's task (or Map/Parallel body) with a result or an
// error.
type Mock struct {
	Result              string     `json:"result,omitempty"`
	ErrorOutput         *MockError `json:"errorOutput,omitempty"`
	FieldValidationMode string     `json:"fieldValidationMode,omitempty"`
}

// MockError is a mocked failure.
type MockError struct {
	Error string `json:"error"`
	Cause string `json:"cause"`
}

// StateConfiguration places the state inside an execution.
type StateConfiguration struct {
	RetrierRetryCount        *int   `json:"retrierRetryCount,omitempty"`
	ErrorCausedByState       string `json:"errorCausedByState,omitempty"`
	MapIterationFailureCount *int   `json:"mapIterationFailureCount,omitempty"`
	MapItemReaderData        string `json:"mapItemReaderData,omitempty"`
}

// Response is TestState's answer.
type Response struct {
	Output         string      `json:"output,omitempty"`
	Error          string      `json:"error,omitempty"`
	Cause          string      `json:"cause,omitempty"`
	InspectionData *Inspection `json:"inspectionData,omitempty"`
	NextState      string      `json:"nextState,omitempty"`
	Status         string      `json:"status"`
}

// Inspection is the data processing seen at DEBUG and TRACE; JSON-text
// members hold JSON text.
type Inspection struct {
	Input                      string        `json:"input,omitempty"`
	AfterArguments             string        `json:"afterArguments,omitempty"`
	AfterInputPath             string        `json:"afterInputPath,omitempty"`
	AfterParameters            string        `json:"afterParameters,omitempty"`
	Result                     string        `json:"result,omitempty"`
	AfterResultSelector        string        `json:"afterResultSelector,omitempty"`
	AfterResultPath            string        `json:"afterResultPath,omitempty"`
	Variables                  string        `json:"variables,omitempty"`
	ErrorDetails               *ErrorDetails `json:"errorDetails,omitempty"`
	MaxConcurrency             *int          `json:"maxConcurrency,omitempty"`
	ToleratedFailureCount      *int          `json:"toleratedFailureCount,omitempty"`
	ToleratedFailurePercentage *float64      `json:"toleratedFailurePercentage,omitempty"`
}

// ErrorDetails says which retrier or catcher handled an error.
type ErrorDetails struct {
	CatchIndex                  *int `json:"catchIndex,omitempty"`
	RetryIndex                  *int `json:"retryIndex,omitempty"`
	RetryBackoffIntervalSeconds *int `json:"retryBackoffIntervalSeconds,omitempty"`
}

// Statuses of a Response.
const (
	StatusSucceeded   = "SUCCEEDED"
	StatusFailed      = "FAILED"
	StatusRetriable   = "RETRIABLE"
	StatusCaughtError = "CAUGHT_ERROR"
)

// ValidationError is a request TestState refuses (the API's
// ValidationException); nothing ran.
type ValidationError struct{ Message string }

func (e *ValidationError) Error() string { return e.Message }

// DefinitionError is a definition TestState cannot run (the API's
// InvalidDefinition).
type DefinitionError struct{ Message string }

func (e *DefinitionError) Error() string { return e.Message }

func invalidf(format string, args ...any) error {
	return &ValidationError{Message: fmt.Sprintf(format, args...)}
}

// Options configure Run. A nil *Options means all defaults.
type Options struct {
	// Invoker runs unmocked Lambda tasks. Defaults to none: such tasks
	// fail as a missing function does.
	Invoker local.Invoker
	// Region and Account appear in the generated context object. Default
	// to "us-east-1" and "123456789012".
	Region, Account string
}

// Run answers one TestState request.
func Run(ctx context.Context, req *Request, opts *Options) (*Response, error) {
	t, err := prepare(req, opts)
	if err != nil {
		return nil, err
	}
	t.ctx = ctx
	return t.run(), nil
}

// jsonText renders v as compact JSON text.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}
