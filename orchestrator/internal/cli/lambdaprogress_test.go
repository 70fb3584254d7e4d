package cli

import (
	"testing"
	"time"

	"github.com/baton-run/baton/orchestrator/lambdaemu"
	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/steps"
)

// TestSliceObserver: the results of a long step's invocations become its
// slice events, numbered per execution and state; a failed invocation or a
// plain task's result shows nothing.
func TestSliceObserver(t *testing.T) {
	var got []steps.Event
	o := &sliceObserver{observe: func(e steps.Event) { got = append(got, e) }, slices: map[string]int{},
		budget: func(string) time.Duration { return 2 * time.Second }}
	gen := local.InvokeMeta{ExecutionArn: "arn:x", StateName: "generate"}
	other := local.InvokeMeta{ExecutionArn: "arn:y", StateName: "generate"}
	for _, c := range []struct {
		meta    local.InvokeMeta
		payload string
		failed  bool
	}{
		{gen, `{"status":"continue","output":{"batonSlice":{"step":"generate"}},"progress":{"done":10,"total":30}}`, false},
		{gen, `{"errorType":"Sandbox.Timedout","errorMessage":"timed out"}`, true},
		{other, `{"status":"done","output":1,"progress":{"done":5}}`, false},
		{gen, `{"status":"done","output":{},"progress":{"done":30,"total":30,"note":"all"}}`, false},
		{gen, `{"status":"done","n":3}`, false}, // a task's own output, no progress
		{gen, `[1,2]`, false},
	} {
		res := lambdaemu.Result{Payload: []byte(c.payload), Report: lambdaemu.Report{Duration: 1500 * time.Millisecond}}
		if c.failed {
			res.FunctionError = lambdaemu.FunctionErrorUnhandled
		}
		o.onReport("fn", c.meta, res)
	}
	want := []steps.Event{
		{Kind: steps.EventContinue, Step: "generate", Slice: 0},
		{Kind: steps.EventDone, Step: "generate", Slice: 0},
		{Kind: steps.EventDone, Step: "generate", Slice: 1},
	}
	if len(got) != len(want) {
		t.Fatalf("%d events, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Kind != w.Kind || g.Step != w.Step || g.Slice != w.Slice || g.Work != 1500*time.Millisecond || g.Budget != 2*time.Second {
			t.Errorf("event %d = %+v, want %+v", i, g, w)
		}
	}
	if p := got[2].Progress; p.Done != 30 || p.Total != 30 || p.Note != "all" {
		t.Errorf("last progress = %+v", p)
	}
}
