package lambdaemu

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"
)

// Error types Lambda itself reports, in the errorType field of the error
// document of a failed invocation. Step Functions uses errorType as the
// state's error name, so Retry and Catch match these.
const (
	// ErrorTimeout: the invocation passed the function's timeout and the
	// process was killed. errorMessage: "RequestId: ID Error: Task timed out
	// after 3.00 seconds".
	ErrorTimeout = "Sandbox.Timedout"
	// ErrorExit: the runtime process exited (crashed, was killed, or called
	// os.Exit) before answering. errorMessage: "RequestId: ID Error: Runtime
	// exited with error: exit status 2".
	ErrorExit = "Runtime.ExitError"
	// ErrorOutOfMemory: the process passed its memory size (when
	// Config.EnforceMemory is set) and was killed. errorMessage: "RequestId:
	// ID Error: Runtime exited with error: signal: killed".
	ErrorOutOfMemory = "Runtime.OutOfMemory"
	// ErrorInvalidEntrypoint: the bootstrap could not be started.
	ErrorInvalidEntrypoint = "Runtime.InvalidEntrypoint"
	// ErrorResponseTooLarge: the response exceeded 6 MB.
	ErrorResponseTooLarge = "Function.ResponseSizeTooLarge"
	// ErrorUnknown names a function error whose document has no errorType;
	// Step Functions reports it as Lambda.Unknown.
	ErrorUnknown = "Lambda.Unknown"
)

// FunctionErrorUnhandled is Result.FunctionError for a failed invocation
// (Lambda's X-Amz-Function-Error header).
const FunctionErrorUnhandled = "Unhandled"

// Result is the outcome of one invocation, as Lambda's Invoke returns it.
type Result struct {
	// Payload is the function's response, or for a failed invocation the
	// error document: {"errorMessage", "errorType", "stackTrace"?}.
	Payload []byte
	// FunctionError is "" on success, FunctionErrorUnhandled on failure.
	FunctionError string
	// RequestID is the invocation's Lambda-Runtime-Aws-Request-Id.
	RequestID string
	// Report is the invocation's accounting (Lambda's REPORT line).
	Report Report
}

// Failed reports whether the invocation failed.
func (r Result) Failed() bool { return r.FunctionError != "" }

// ErrorDocument is the JSON object of a failed invocation's payload. The
// documents Lambda itself writes (timeouts, exits) have its field order:
// errorType, then errorMessage.
type ErrorDocument struct {
	ErrorType    string          `json:"errorType,omitempty"`
	ErrorMessage string          `json:"errorMessage"`
	StackTrace   json.RawMessage `json:"stackTrace,omitempty"`
}

// Error returns the error name and cause Step Functions would record for a
// failed invocation: the document's errorType (ErrorUnknown when it has
// none) and the payload text. It returns "", "" on success.
func (r Result) Error() (name, cause string) {
	if !r.Failed() {
		return "", ""
	}
	var doc ErrorDocument
	if json.Unmarshal(r.Payload, &doc) != nil || doc.ErrorType == "" {
		return ErrorUnknown, string(r.Payload)
	}
	return doc.ErrorType, string(r.Payload)
}

// Report is Lambda's per-invocation accounting.
type Report struct {
	// Init is the cold start: process start to its first /next call. Zero on
	// a warm invocation.
	Init time.Duration
	// Duration is event delivery to the runtime's answer (or the kill).
	Duration time.Duration
	// BilledMs is Init+Duration rounded up to the millisecond (custom
	// runtimes are billed for init).
	BilledMs int64
	// MemorySizeMB is the configured memory.
	MemorySizeMB int
	// MaxMemoryUsedMB is the process's peak resident set, in MB.
	MaxMemoryUsedMB int
	// PID is the process that served the invocation.
	PID int
	// Status is "success", "error" or "timeout".
	Status string
}

// ColdStart reports whether the invocation started a new process.
func (r Report) ColdStart() bool { return r.Init > 0 }

// Line formats the report as Lambda's REPORT log line.
func (r Report) Line(requestID string) string {
	s := fmt.Sprintf("REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB\tMax Memory Used: %d MB\t",
		requestID, ms(r.Duration), r.BilledMs, r.MemorySizeMB, r.MaxMemoryUsedMB)
	if r.ColdStart() {
		s += fmt.Sprintf("Init Duration: %.2f ms\t", ms(r.Init))
	}
	if r.Status != "success" && r.Status != "" {
		s += "Status: " + r.Status
	}
	return s
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func billedMs(d time.Duration) int64 {
	return int64(math.Ceil(ms(d)))
}

// ServiceError is an error of the Lambda service itself (not of the
// function): Step Functions names it "Lambda." + Code.
type ServiceError struct {
	Code    string // e.g. "RequestEntityTooLargeException"
	Status  int    // the HTTP status Lambda answers with, e.g. 413
	Message string
}

func (e *ServiceError) Error() string { return "Lambda." + e.Code + ": " + e.Message }

// Name is the Step Functions error name, "Lambda." + Code.
func (e *ServiceError) Name() string { return "Lambda." + e.Code }

// ErrClosed is returned by Invoke after Close.
var ErrClosed = errors.New("lambdaemu: function closed")

// errorDocument builds the error Lambda itself reports for an invocation.
func errorDocument(errType, requestID string, cause string) []byte {
	b, _ := json.Marshal(ErrorDocument{
		ErrorMessage: "RequestId: " + requestID + " Error: " + cause,
		ErrorType:    errType,
	})
	return b
}

// timeoutCause is Lambda's wording, with the configured timeout.
func timeoutCause(timeout time.Duration) string {
	return fmt.Sprintf("Task timed out after %.2f seconds", timeout.Seconds())
}
