package steps

import (
	"time"

	"github.com/baton-run/baton/checkpoint"
)

// EventKind says what happened in a step's invocation.
type EventKind string

// The events a Handler reports to HandlerOptions.Observe.
const (
	EventClaim    EventKind = "claim"    // a slice took the checkpoint
	EventSave     EventKind = "save"     // a checkpoint was written mid-slice
	EventContinue EventKind = "continue" // a slice ended; another will follow
	EventDone     EventKind = "done"     // the long step finished
	EventRetry    EventKind = "retry"    // an error is retried in-process after Delay
)

// Event is one observation of a step's execution, for progress displays and
// tests.
type Event struct {
	Kind     EventKind
	Workflow string
	Step     string // the step's path
	Job      string
	Slice    int
	Progress checkpoint.Progress
	Chunks   int64         // chunks finished so far, all slices
	Work     time.Duration // continue/done: time the slice spent in the handler
	Budget   time.Duration // continue/done: deadline − start of the slice
	Err      error         // retry: the error retried
	Delay    time.Duration // retry: the delay before the retry
}
