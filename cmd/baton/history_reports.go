package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/baton-run/baton/orchestrator/local"
)

// historyWithReports is `executions history --json`: the AWS-shaped events
// (GetExecutionHistory's "events") and the execution's Lambda invocation
// reports, which Step Functions' events have no field for.
type historyWithReports struct {
	Events  []local.HistoryEvent     `json:"events"`
	Reports []local.InvocationReport `json:"reports"`
}

// lambdaEnds are the events that end a Lambda invocation: of a state whose
// resource is the function's ARN, or of arn:aws:states:::lambda:invoke (a
// Task event of resourceType "lambda").
var lambdaEnds = map[string]bool{
	"LambdaFunctionSucceeded": true, "LambdaFunctionFailed": true, "LambdaFunctionTimedOut": true,
	"TaskSucceeded": true, "TaskFailed": true, "TaskTimedOut": true,
}

// endsLambda reports whether ev ends a Lambda invocation.
func endsLambda(ev local.HistoryEvent) bool {
	if !lambdaEnds[ev.Type] {
		return false
	}
	if strings.HasPrefix(ev.Type, "Lambda") {
		return true
	}
	var d struct{ ResourceType string }
	return json.Unmarshal(ev.Details, &d) == nil && d.ResourceType == "lambda"
}

// reportPlacer hands each Lambda end event the report of its invocation:
// the first one not yet placed with the event's state name and attempt
// (Map iterations of one state share both and are placed in event order).
type reportPlacer struct {
	reports  []local.InvocationReport
	placed   []bool
	byID     map[int64]local.HistoryEvent
	attempts map[int64]int // by the id of the state's entered event
	at       map[int64]local.InvocationReport
}

func newReportPlacer(evs []local.HistoryEvent, reports []local.InvocationReport) *reportPlacer {
	p := &reportPlacer{reports: reports, placed: make([]bool, len(reports)),
		byID: make(map[int64]local.HistoryEvent, len(evs)), attempts: map[int64]int{},
		at: map[int64]local.InvocationReport{}}
	for _, ev := range evs {
		p.byID[ev.ID] = ev
	}
	for id := int64(1); id <= int64(len(evs)); id++ { // in id order, also under --reverse
		if ev, ok := p.byID[id]; ok && endsLambda(ev) {
			p.match(ev)
		}
	}
	return p
}

// place returns the report of the invocation ev ends, if ev ends one.
func (p *reportPlacer) place(ev local.HistoryEvent) (local.InvocationReport, bool) {
	r, ok := p.at[ev.ID]
	return r, ok
}

// match finds the report of the invocation the Lambda end event ev ends.
func (p *reportPlacer) match(ev local.HistoryEvent) {
	entered, state := p.enteredState(ev)
	attempt := p.attempts[entered]
	p.attempts[entered]++
	for i, r := range p.reports {
		if !p.placed[i] && r.StateName == state && r.Attempt == attempt {
			p.placed[i] = true
			p.at[ev.ID] = r
			return
		}
	}
}

// enteredState follows previous event ids back to the state's entered
// event and returns its id and the state's name.
func (p *reportPlacer) enteredState(ev local.HistoryEvent) (int64, string) {
	for seen := 0; seen < len(p.byID); seen++ {
		prev, ok := p.byID[ev.PreviousEventID]
		if !ok {
			break
		}
		ev = prev
		if strings.HasSuffix(ev.Type, "StateEntered") {
			var d struct{ Name string }
			_ = json.Unmarshal(ev.Details, &d)
			return ev.ID, d.Name
		}
	}
	return 0, ""
}

// unplaced returns the reports no event took (e.g. of an invocation that
// ended after its state timed out and the history moved on).
func (p *reportPlacer) unplaced() []local.InvocationReport {
	var out []local.InvocationReport
	for i, r := range p.reports {
		if !p.placed[i] {
			out = append(out, r)
		}
	}
	return out
}

// printReport writes a REPORT row of the history table.
func printReport(w io.Writer, r local.InvocationReport) {
	line := strings.TrimSpace(strings.TrimPrefix(r.Line(), "REPORT "))
	fmt.Fprintf(w, "\t\t%s\tREPORT\t%s (state %s, attempt %d)\n", r.Timestamp.Local().Format("15:04:05.000"),
		strings.ReplaceAll(line, "\t", "  "), r.StateName, r.Attempt)
}
