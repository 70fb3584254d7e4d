package steps

import (
	"fmt"
	"time"
)

// The step runtime's own errors. Their Go type names are their ASL error
// names (the strings ErrorEquals matches), a stable part of the contract:
// a golden test pins them and the Retry blocks that mention them.

// UnknownStepError: the payload names a step the workflow does not have
// (a definition and a function deployed from different versions).
// Permanent.
type UnknownStepError struct {
	Workflow, Step string
}

func (e *UnknownStepError) Error() string {
	return fmt.Sprintf("workflow %q has no step %q", e.Workflow, e.Step)
}

// NoProgressError: MaxStalledSlices slices of a long step in a row ran
// until their deadline without saving a finished chunk — a single chunk
// needs longer than a whole slice. (Slices killed earlier do not count.)
// Permanent: re-running cannot help; make chunks smaller.
type NoProgressError struct {
	Step    string        // the step's path
	Chunk   int64         // 0-based index of the chunk that never finished
	Slices  int           // stalled slices in a row
	Elapsed time.Duration // how long the chunk ran in the last stalled slice
	Budget  time.Duration // the slice's budget
}

func (e *NoProgressError) Error() string {
	return fmt.Sprintf("step %q made no progress in %d slices: chunk %d ran %s without finishing (slice budget %s)",
		e.Step, e.Slices, e.Chunk, e.Elapsed.Round(time.Millisecond), e.Budget.Round(time.Millisecond))
}

// LeaseHeldError: another invocation holds the step's checkpoint (a
// concurrent execution of the same job, or a killed invocation of another
// Task state entry whose lease has not run out yet; a retry of the same
// entry takes its predecessor's lease over instead). Until is when the
// lease runs out. Retried by the state machine after a delay that
// outlasts a lease (0.6 × the function's timeout, then longer).
type LeaseHeldError struct {
	Key   string
	Until time.Time
}

func (e *LeaseHeldError) Error() string {
	return fmt.Sprintf("checkpoint %s is held by another invocation until %s", e.Key, e.Until.Format(time.RFC3339Nano))
}

// LeaseLostError: a newer invocation took the checkpoint over during this
// slice; this slice's unsaved work is discarded and its saves were
// rejected. Retried by the state machine.
type LeaseLostError struct {
	Key    string
	Detail string
}

func (e *LeaseLostError) Error() string {
	return fmt.Sprintf("lost the lease of checkpoint %s: %s", e.Key, e.Detail)
}

// CheckpointError: the checkpoint store failed (after its own retries).
// Retried by the state machine.
type CheckpointError struct {
	Key string
	Err error
}

func (e *CheckpointError) Error() string { return fmt.Sprintf("checkpoint %s: %v", e.Key, e.Err) }
func (e *CheckpointError) Unwrap() error { return e.Err }

// SliceTimeoutError: a chunk ran past the invocation's deadline, where
// Lambda would have killed the function. Nothing of the slice after the
// last checkpoint is kept; the state machine retries and the step resumes.
type SliceTimeoutError struct {
	Step     string
	Deadline time.Time
}

func (e *SliceTimeoutError) Error() string {
	return "step " + e.Step + ": a chunk ran past the invocation deadline " + e.Deadline.Format(time.RFC3339Nano)
}

// StateTooLargeError: the step's state or output does not fit in a
// checkpoint (DynamoDB's item limit, 400 KB, on every store). Permanent:
// keep large data elsewhere (a file, S3) and checkpoint a reference.
type StateTooLargeError struct {
	Key    string
	Detail string
}

func (e *StateTooLargeError) Error() string {
	return fmt.Sprintf("checkpoint %s: %s", e.Key, e.Detail)
}

// permanentErrors are never retried, even by a States.ALL policy.
var permanentErrors = []string{"InputError", "UnknownStepError", "NoProgressError", "StateTooLargeError"}

// resumeErrors end a long step's slice without its fault; the compiled
// Retry re-invokes the step, which resumes from its checkpoint.
// A crashed or killed runtime (Runtime.ExitError, Runtime.OutOfMemory) is
// one of them: the next invocation resumes from the last checkpoint (a
// retry of the same Task state entry takes its predecessor's lease over).
// An out-of-memory crash is not a stall: it says nothing about the chunk
// outlasting the budget, and a chunk that always runs out of memory fails
// the step with Runtime.OutOfMemory when this retrier gives up.
var resumeErrors = []string{"Sandbox.Timedout", "States.Timeout", "Lambda.Unknown",
	"Runtime.ExitError", "Runtime.OutOfMemory",
	"SliceTimeoutError", "LeaseLostError", "CheckpointError"}

// leaseErrors are retried by their own retrier, paced by the function's
// timeout (the longest a lease can last), so that a held lease is waited
// out however often the step was killed before.
var leaseErrors = []string{"LeaseHeldError"}

// lambdaErrors are Lambda service errors AWS recommends retrying.
var lambdaErrors = []string{"Lambda.ServiceException", "Lambda.AWSLambdaException",
	"Lambda.SdkClientException", "Lambda.TooManyRequestsException"}
