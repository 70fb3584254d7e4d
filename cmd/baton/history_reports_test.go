package main

import (
	"encoding/json"
	"testing"

	"github.com/baton-run/baton/orchestrator/local"
)

// ev is a history event for the placer: id, previous id, type, details.
func ev(id, prev int64, typ, details string) local.HistoryEvent {
	return local.HistoryEvent{ID: id, PreviousEventID: prev, Type: typ, Details: json.RawMessage(details)}
}

func rep(state string, attempt int, id string) local.InvocationReport {
	return local.InvocationReport{StateName: state, Attempt: attempt, RequestID: id}
}

// TestReportPlacer: each report goes under the event ending its
// invocation — by state name and attempt, for plain Lambda ARNs and
// lambda:invoke alike, never under another service's task — whatever the
// order of the reports or of the events (--reverse); reports no event takes
// are left over.
func TestReportPlacer(t *testing.T) {
	evs := []local.HistoryEvent{
		ev(1, 0, "ExecutionStarted", `{}`),
		ev(2, 1, "TaskStateEntered", `{"name":"A"}`),
		ev(3, 2, "LambdaFunctionScheduled", `{}`), ev(4, 3, "LambdaFunctionStarted", ``),
		ev(5, 4, "LambdaFunctionFailed", `{"error":"E"}`),
		ev(6, 5, "LambdaFunctionScheduled", `{}`), ev(7, 6, "LambdaFunctionStarted", ``),
		ev(8, 7, "LambdaFunctionSucceeded", `{}`),
		ev(9, 8, "TaskStateExited", `{"name":"A"}`),
		ev(10, 9, "TaskStateEntered", `{"name":"B"}`),
		ev(11, 10, "TaskScheduled", `{"resourceType":"lambda"}`), ev(12, 11, "TaskStarted", `{"resourceType":"lambda"}`),
		ev(13, 12, "TaskSucceeded", `{"resourceType":"lambda","output":"{}"}`),
		ev(14, 13, "TaskStateEntered", `{"name":"C"}`),
		ev(15, 14, "TaskScheduled", `{"resourceType":"dynamodb"}`),
		ev(16, 15, "TaskSucceeded", `{"resourceType":"dynamodb"}`),
		ev(17, 16, "MapStateEntered", `{"name":"M"}`),
		ev(18, 17, "TaskStateEntered", `{"name":"X"}`), ev(19, 17, "TaskStateEntered", `{"name":"X"}`),
		ev(20, 19, "LambdaFunctionScheduled", `{}`), ev(21, 18, "LambdaFunctionScheduled", `{}`),
		ev(22, 20, "LambdaFunctionSucceeded", `{}`), ev(23, 21, "LambdaFunctionSucceeded", `{}`),
	}
	reports := []local.InvocationReport{rep("B", 0, "b0"), rep("A", 0, "a0"), rep("X", 0, "x1"),
		rep("A", 1, "a1"), rep("C", 0, "c0"), rep("X", 0, "x2")}
	want := map[int64]string{5: "a0", 8: "a1", 13: "b0", 22: "x1", 23: "x2"}
	reversed := make([]local.HistoryEvent, len(evs))
	for i, e := range evs {
		reversed[len(evs)-1-i] = e
	}
	for name, order := range map[string][]local.HistoryEvent{"forward": evs, "reverse": reversed} {
		t.Run(name, func(t *testing.T) {
			p := newReportPlacer(order, reports)
			for _, e := range order {
				r, ok := p.place(e)
				if id, placed := want[e.ID]; ok != placed || r.RequestID != id {
					t.Errorf("event %d %s: report %q (%v), want %q", e.ID, e.Type, r.RequestID, ok, id)
				}
			}
			if left := p.unplaced(); len(left) != 1 || left[0].RequestID != "c0" {
				t.Errorf("unplaced = %+v, want the report of C (a DynamoDB task)", left)
			}
		})
	}
}
