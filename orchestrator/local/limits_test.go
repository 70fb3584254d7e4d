package local

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// counted loops n times through a Choice and a Pass: its history has
// 1 (ExecutionStarted) + 2 (Init) + 4n (More?, Inc) + 2 (More?) + 2 (Done)
// + 1 (ExecutionSucceeded) = 4n+8 events.
const counted = `{"StartAt":"Init","States":{
 "Init":{"Type":"Pass","Result":0,"ResultPath":"$.i","Next":"More?"},
 "More?":{"Type":"Choice","Choices":[{"Variable":"$.i","NumericLessThanPath":"$.n","Next":"Inc"}],"Default":"Done"},
 "Inc":{"Type":"Pass","Parameters":{"n.$":"$.n","i.$":"States.MathAdd($.i, 1)"},"Next":"More?"},
 "Done":{"Type":"Succeed"}}}`

// spinning runs two Parallel branches that loop forever.
const spinning = `{"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
 {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A2"},"A2":{"Type":"Pass","Next":"A"}}},
 {"StartAt":"B","States":{"B":{"Type":"Pass","Next":"B2"},"B2":{"Type":"Pass","Next":"B"}}}]}}}`

// Step Functions' history quota: an execution whose event number `limit`
// would not be ExecutionSucceeded fails with States.Runtime, that
// ExecutionFailed event taking the last place; one that ends exactly at the
// limit succeeds; EXPRESS executions have no limit.
func TestHistoryLimit(t *testing.T) {
	for _, tc := range []struct {
		name, def, input, typ string
		limit                 int
		status                Status
		events                int // the history's length
	}{
		{"ends on the last event", counted, `{"n":10}`, "", 48, StatusSucceeded, 48},
		{"one event short", counted, `{"n":10}`, "", 47, StatusFailed, 47},
		{"endless loop", counted, `{"n":1e9}`, "", 50, StatusFailed, 50},
		{"concurrent branches", spinning, `{}`, "", 60, StatusFailed, 60},
		{"default limit", counted, `{"n":7000}`, "", 0, StatusFailed, DefaultMaxHistoryEvents},
		{"no limit", counted, `{"n":7000}`, "", -1, StatusSucceeded, 4*7000 + 8},
		{"express", counted, `{"n":100}`, "EXPRESS", 50, StatusSucceeded, 4*100 + 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Open(Options{MaxHistoryEvents: tc.limit})
			if err != nil {
				t.Fatal(err)
			}
			defer e.Close()
			x, evs, err := e.RunOnce(context.Background(), "limited", []byte(tc.def), tc.input, &StateMachineOptions{Type: tc.typ})
			if err != nil {
				t.Fatal(err)
			}
			if x.Status != tc.status || len(evs) != tc.events {
				t.Fatalf("%s (%s: %s) with %d events; want %s with %d", x.Status, x.Error, x.Cause, len(evs), tc.status, tc.events)
			}
			checkIDs(t, evs)
			if tc.status == StatusFailed {
				checkLimitFailure(t, x, evs)
			}
		})
	}
}

// checkIDs checks that the event ids run 1..n, each after the one before.
func checkIDs(t *testing.T, evs []HistoryEvent) {
	t.Helper()
	for i, ev := range evs {
		if ev.ID != int64(i+1) {
			t.Fatalf("event %d has id %d", i+1, ev.ID)
		}
	}
}

// checkLimitFailure checks the shape AWS gives a history-limit failure:
// the last event is ExecutionFailed with States.Runtime and the cause
// naming the limit; the one before it is a real step of the machine, not
// an abort recorded while the execution stopped.
func checkLimitFailure(t *testing.T, x Execution, evs []HistoryEvent) {
	t.Helper()
	cause := fmt.Sprintf("The execution reached the maximum number of history events (%d).", len(evs))
	if x.Error != "States.Runtime" || x.Cause != cause {
		t.Errorf("error %q cause %q; want States.Runtime %q", x.Error, x.Cause, cause)
	}
	last, prev := evs[len(evs)-1], evs[len(evs)-2]
	if last.Type != "ExecutionFailed" || !strings.Contains(string(last.Details), cause) {
		t.Errorf("last event %s %s; want ExecutionFailed with the cause", last.Type, last.Details)
	}
	if !strings.HasSuffix(prev.Type, "StateEntered") && !strings.HasSuffix(prev.Type, "StateExited") {
		t.Errorf("event before the failure is %s; want a state's own event", prev.Type)
	}
}

// An execution that failed on the history limit cannot be redriven, even
// after a restart (its history is full); a durable engine reopened keeps
// the failure as recorded.
func TestHistoryLimitNotRedrivable(t *testing.T) {
	db := filepath.Join(t.TempDir(), "limit.db")
	e, err := Open(Options{Path: db, MaxHistoryEvents: 30})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	x, _, err := e.RunOnce(ctx, "limited", []byte(counted), `{"n":100}`, nil)
	if err != nil || x.Status != StatusFailed {
		t.Fatalf("%v %s", err, x.Status)
	}
	e.Close()
	if e, err = Open(Options{Path: db, MaxHistoryEvents: 30}); err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	_, err = e.RedriveExecution(ctx, x.Arn)
	if !errors.Is(err, ErrExecutionNotRedrivable) || !strings.Contains(err.Error(), "Execution history event limit exceeded.") {
		t.Errorf("redrive: %v; want ExecutionNotRedrivable: Execution history event limit exceeded.", err)
	}
	if d, err := e.DescribeExecution(ctx, x.Arn); err != nil || d.Redrivable() {
		t.Errorf("described as redrivable (%v): %+v", err, d)
	}
	evs, _, _ := e.GetExecutionHistory(ctx, x.Arn, HistoryOptions{})
	if len(evs) != 30 || evs[29].Type != "ExecutionFailed" {
		t.Errorf("reopened history: %d events, last %s", len(evs), evs[len(evs)-1].Type)
	}
}
