package cli

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/orchestrator/lambdaemu"
	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/steps"
)

// sliceObserver turns the results of long-step invocations served by a
// bootstrap into the slice events the in-process handler would have
// observed (continue or done, with progress and time spent), so
// `run --lambda-binary` shows the same progress lines.
type sliceObserver struct {
	observe func(steps.Event)
	budget  func(function string) time.Duration

	mu     sync.Mutex
	slices map[string]int // by execution and state
}

// sliceResult is the part of a long step's invocation result the progress
// display needs (see steps: the result its compiled Choice reads).
type sliceResult struct {
	Status   string `json:"status"`
	Progress *struct {
		Done  int64  `json:"done"`
		Total int64  `json:"total"`
		Note  string `json:"note"`
	} `json:"progress"`
}

// onReport is a lambdaemu.Functions.OnReport hook.
func (o *sliceObserver) onReport(function string, meta local.InvokeMeta, res lambdaemu.Result) {
	var r sliceResult
	if res.Failed() || json.Unmarshal(res.Payload, &r) != nil || r.Progress == nil {
		return
	}
	kind := steps.EventKind(r.Status)
	if kind != steps.EventContinue && kind != steps.EventDone {
		return
	}
	key := meta.ExecutionArn + "\x00" + meta.StateName
	o.mu.Lock()
	slice := o.slices[key]
	o.slices[key]++
	o.mu.Unlock()
	o.observe(steps.Event{Kind: kind, Step: meta.StateName, Slice: slice,
		Progress: checkpoint.Progress{Done: r.Progress.Done, Total: r.Progress.Total, Note: r.Progress.Note},
		Work:     res.Report.Duration, Budget: o.budget(function)})
}

// observeSlices shows fs's long-step slices through observe (nil: none).
func observeSlices(fs *lambdaemu.Functions, observe func(steps.Event)) {
	if observe == nil {
		return
	}
	o := &sliceObserver{observe: observe, slices: map[string]int{}, budget: func(name string) time.Duration {
		if f, ok := fs.Get(name); ok {
			return f.Config().Timeout
		}
		return 0
	}}
	prev := fs.OnReport
	fs.OnReport = func(function string, meta local.InvokeMeta, res lambdaemu.Result) {
		if prev != nil {
			prev(function, meta, res)
		}
		o.onReport(function, meta, res)
	}
}
