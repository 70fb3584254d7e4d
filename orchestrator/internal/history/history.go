// Package history holds the engine's record of an execution: events with
// AWS Step Functions' event types and details, plus the internal fields the
// engine needs to replay them (the scope of the branch or iteration that
// emitted an event, and the redrive epoch).
package history

import (
	"encoding/json"
	"strings"
	"time"
)

// Event is one recorded history event.
type Event struct {
	ID      int64
	Prev    int64 // previousEventId
	Type    string
	Time    time.Time
	Details json.RawMessage // the details object as stored (nil: see Pending)
	Pending any             // the details not yet rendered (a struct of this package), or nil
	Scope   string          // "" for the top level; a Parallel branch or Map iteration otherwise
	Epoch   int             // redrive count when it was recorded
}

// DetailsKey returns the GetExecutionHistory field that holds the details of
// an event of type typ (for example "taskScheduledEventDetails"), or "" for
// types without details.
func DetailsKey(typ string) string {
	if k, ok := detailsKeys[typ]; ok {
		return k
	}
	switch {
	case strings.HasSuffix(typ, "StateEntered"):
		return "stateEnteredEventDetails"
	case strings.HasSuffix(typ, "StateExited"):
		return "stateExitedEventDetails"
	}
	return ""
}

var detailsKeys = map[string]string{}

func init() {
	for _, t := range []string{
		"ExecutionStarted", "ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted",
		"ExecutionTimedOut", "ExecutionRedriven",
		"TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskFailed",
		"TaskTimedOut", "TaskStartFailed", "TaskSubmitFailed",
		"LambdaFunctionScheduled", "LambdaFunctionSucceeded", "LambdaFunctionFailed",
		"LambdaFunctionTimedOut", "LambdaFunctionScheduleFailed", "LambdaFunctionStartFailed",
		"MapStateStarted", "EvaluationFailed", "MapRunStarted", "MapRunFailed",
	} {
		detailsKeys[t] = lowerFirst(t) + "EventDetails"
	}
	for _, t := range []string{"MapIterationStarted", "MapIterationSucceeded", "MapIterationFailed", "MapIterationAborted"} {
		detailsKeys[t] = lowerFirst(t) + "EventDetails"
	}
}

func lowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }

// Marshal encodes details; it never fails for the types of this package.
func Marshal(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic("history: " + err.Error())
	}
	return b
}

// JSON returns the event's details object, rendering Pending if needed.
func (e *Event) JSON() json.RawMessage {
	if e.Details != nil || e.Pending == nil {
		return e.Details
	}
	return e.AppendJSON(nil)
}

// AppendJSON appends the event's details object (see JSON) to buf.
func (e *Event) AppendJSON(buf []byte) []byte { return e.AppendJSONCached(buf, nil) }

// AppendJSONCached is AppendJSON rendering payloads through c (may be
// nil), for a run of events that carry the same values over and over.
func (e *Event) AppendJSONCached(buf []byte, c *TextCache) []byte {
	if e.Details != nil || e.Pending == nil {
		return append(buf, e.Details...)
	}
	if b := appendDetails(buf, e.Pending, c); b != nil {
		return b
	}
	return append(buf, Marshal(e.Pending)...)
}
