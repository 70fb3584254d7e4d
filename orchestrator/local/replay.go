package local

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/baton-run/baton/orchestrator/internal/history"
)

// loadReplay reads the recorded events of r's execution and queues them,
// by scope, for the threads to replay. Epochs before upto (the redrive
// count the run will have) are cut back to where they failed, so that a
// redrive re-runs the failed states (and only the failed branches and
// iterations); the epoch upto itself, when recorded, is resumed as is.
func (r *run) loadReplay(redrive bool) error {
	evs, err := r.e.store.Events(r.x.Arn)
	if err != nil {
		return fmt.Errorf("local: read history of %s: %w", r.x.Arn, err)
	}
	upto := r.x.RedriveCount
	var acc []*history.Event
	for epoch := 0; epoch <= upto; epoch++ {
		for _, ev := range evs {
			if ev.Epoch == epoch && ev.Type != "ExecutionRedriven" {
				acc = append(acc, ev)
			}
		}
		if epoch < upto || (redrive && epoch == upto) {
			acc = cutFailures(acc)
		}
	}
	if redrive {
		r.countCutAttempts(evs, acc)
	}
	r.replay = map[string][]*history.Event{}
	for _, ev := range acc {
		r.replay[ev.Scope] = append(r.replay[ev.Scope], ev)
	}
	for _, ev := range evs {
		r.nextID = max(r.nextID, ev.ID)
	}
	return nil
}

// cutFailures removes, in every scope, the events from where the scope
// failed: from the last leaf state entered and not exited, else from the
// first failure or abort event.
func cutFailures(evs []*history.Event) []*history.Event {
	byScope := map[string][]*history.Event{}
	for _, ev := range evs {
		byScope[ev.Scope] = append(byScope[ev.Scope], ev)
	}
	drop := map[*history.Event]bool{}
	for _, list := range byScope {
		for _, ev := range list[cutIndex(list):] {
			drop[ev] = true
		}
	}
	out := evs[:0:0]
	for _, ev := range evs {
		if !drop[ev] {
			out = append(out, ev)
		}
	}
	return out
}

func cutIndex(list []*history.Event) int {
	open := -1
	for i, ev := range list {
		switch t := ev.Type; {
		case isFailureEnd(t):
			if open >= 0 {
				return open
			}
			return i
		case strings.HasSuffix(t, "StateEntered") && t != "MapStateEntered" && t != "ParallelStateEntered":
			open = i
		case strings.HasSuffix(t, "StateExited"):
			open = -1
		}
	}
	if open >= 0 {
		return open
	}
	return len(list)
}

func isFailureEnd(t string) bool {
	switch t {
	case "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut", "MapStateFailed", "MapRunFailed",
		"ParallelStateFailed", "MapIterationFailed", "MapIterationAborted":
		return true
	}
	return strings.HasSuffix(t, "StateAborted")
}

func (r *run) takeReplay(scope string) []*history.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	q := r.replay[scope]
	delete(r.replay, scope)
	return q
}

func (r *run) dropReplay([]*history.Event) {}

// RedriveExecution restarts a FAILED, TIMED_OUT or ABORTED execution from
// the state that failed, with the input that state had. Succeeded Parallel
// branches and Map iterations are not run again; the redrive count goes up
// and an ExecutionRedriven event is recorded.
func (e *Engine) RedriveExecution(ctx context.Context, arn string) (Execution, error) {
	if err := e.isClosed(); err != nil {
		return Execution{}, err
	}
	if e.running(arn) != nil {
		return Execution{}, fmt.Errorf("%w: %s is running", ErrExecutionNotRedrivable, arn)
	}
	x, err := e.store.Execution(arn)
	if err != nil {
		return Execution{}, notFound(err, ErrExecutionDoesNotExist, arn)
	}
	if !toExecution(x).Redrivable() {
		return Execution{}, notRedrivable(toExecution(x))
	}
	model, err := e.model(x.Definition)
	if err != nil {
		return Execution{}, err
	}
	x.RedriveCount++
	x.RedriveDate = e.clk.Now()
	x.Status, x.Error, x.Cause, x.Output, x.HasOutput, x.Stop = string(StatusRunning), "", "", "", false, time.Time{}
	r := &run{e: e, model: model, x: x, done: make(chan struct{})}
	if err := r.loadReplay(true); err != nil {
		return Execution{}, err
	}
	if err := r.redriveRoom(); err != nil {
		return Execution{}, err
	}
	e.store.PutExecution(x) // before the event: a crash in between leaves a resumable redrive
	root := &thread{r: r, prev: r.nextID}
	r.append(root, "ExecutionRedriven", history.ExecutionRedriven{RedriveCount: x.RedriveCount})
	if err := e.start(r, true); err != nil {
		return Execution{}, err
	}
	if err := e.store.Sync(ctx); err != nil {
		return Execution{}, err
	}
	return toExecution(x), nil
}
