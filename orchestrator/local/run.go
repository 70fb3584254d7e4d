package local

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/orchestrator/internal/enginestore"
	"github.com/baton-run/baton/orchestrator/internal/history"
	asl "github.com/baton-run/baton/statemachines"
)

// run is one execution being interpreted (one epoch: the first run, or a
// redrive). Its goroutines are threads: the top level, and one per Parallel
// branch and Map iteration.
type run struct {
	e      *Engine
	model  *asl.StateMachine
	ctx    context.Context
	cancel context.CancelCauseFunc
	done   chan struct{}

	mu       sync.Mutex
	x        enginestore.Execution
	nextID   int64
	full     bool              // the history reached Options.MaxHistoryEvents (limits.go)
	one      [1]*history.Event // append's argument slice (stores copy it)
	slab     []history.Event   // events allocated ahead (see newEvent)
	slabSize int
	wall     time.Time                   // a reading of the real clock, in UTC (see eventTime)
	mono     time.Time                   // the same reading, with its monotonic part
	replay   map[string][]*history.Event // recorded events not yet replayed, by scope

	execCtx map[string]any // $$.Execution
	smCtx   map[string]any // $$.StateMachine

	// invocations counts task attempts per state, replayed ones included,
	// so a resumed run goes on counting where the first one stopped.
	invocations map[*asl.State]int
}

// countInvocation returns how many attempts st had before this one.
func (r *run) countInvocation(st *asl.State) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.invocations == nil {
		r.invocations = map[*asl.State]int{}
	}
	n := r.invocations[st]
	r.invocations[st] = n + 1
	return n
}

// stopCause is why an execution is stopped from outside its logic.
type stopCause struct {
	kind  Status // StatusAborted or StatusTimedOut
	name  string
	cause string
}

func (s *stopCause) Error() string { return string(s.kind) + ": " + s.name }

// launch starts (fresh) or resumes an execution's goroutine.
func (e *Engine) launch(x enginestore.Execution, fresh bool) error {
	model, err := e.model(x.Definition)
	if err != nil {
		return err
	}
	r := &run{e: e, model: model, x: x, done: make(chan struct{})}
	if !fresh {
		if err := r.loadReplay(false); err != nil {
			return err
		}
	}
	return e.start(r, fresh)
}

func (e *Engine) start(r *run, persist bool) error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return ErrClosed
	}
	if _, dup := e.runs[r.x.Arn]; dup {
		e.mu.Unlock()
		return fmt.Errorf("%w: %s is running", ErrExecutionAlreadyExists, r.x.Arn)
	}
	e.runs[r.x.Arn] = r
	e.wg.Add(1)
	e.mu.Unlock()
	if persist {
		e.store.PutExecution(r.x)
	}
	r.ctx, r.cancel = context.WithCancelCause(e.ctx)
	r.buildContext()
	go r.main()
	return nil
}

func (r *run) record() enginestore.Execution {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.x
}

func (r *run) stop(c *stopCause) { r.cancel(c) }

// halted reports whether the engine is closing: the run must then stop
// without recording anything more, to resume on the next Open.
func (r *run) halted() bool { return r.e.closing.Load() }

// stopped returns the outside stop cause, if any.
func (r *run) stopped() *stopCause {
	if c, ok := context.Cause(r.ctx).(*stopCause); ok {
		return c
	}
	return nil
}

func (r *run) buildContext() {
	start := r.x.Start
	if !r.x.RedriveDate.IsZero() {
		start = r.x.Start
	}
	var input any
	_ = json.Unmarshal([]byte(r.x.Input), &input)
	r.execCtx = map[string]any{
		"Id": r.x.Arn, "Input": input, "Name": r.x.Name, "RoleArn": r.x.RoleArn,
		"StartTime": isoTime(start), "RedriveCount": float64(r.x.RedriveCount),
	}
	if strings.Contains(r.x.Arn, ":express:") {
		delete(r.execCtx, "RedriveCount")
	}
	r.smCtx = map[string]any{"Id": r.x.StateMachineArn, "Name": r.x.StateMachineName}
}

func (r *run) main() {
	defer r.e.wg.Done()
	defer close(r.done)
	defer func() {
		r.e.mu.Lock()
		delete(r.e.runs, r.x.Arn)
		r.e.mu.Unlock()
	}()
	th := r.rootThread()
	var input any
	_ = json.Unmarshal([]byte(r.x.Input), &input)
	th.emit("ExecutionStarted", history.ExecutionStarted{Input: history.Payload{V: input, Raw: r.x.Input}, RoleArn: r.x.RoleArn})
	stopTimer := r.armExecutionTimeout()
	defer stopTimer()
	out, ferr := th.runMachine(r.model, input)
	if r.halted() {
		return
	}
	r.finish(th, out, ferr)
}

// armExecutionTimeout stops the run with States.Timeout when the machine's
// TimeoutSeconds passes (counted from the start, or from the redrive).
func (r *run) armExecutionTimeout() func() {
	if r.model.TimeoutSeconds == nil {
		return func() {}
	}
	from := r.x.Start
	if !r.x.RedriveDate.IsZero() {
		from = r.x.RedriveDate
	}
	d := from.Add(time.Duration(*r.model.TimeoutSeconds) * time.Second).Sub(r.e.clk.Now())
	t := r.e.clk.NewTimer(d)
	go func() {
		select {
		case <-t.C():
			r.stop(&stopCause{kind: StatusTimedOut, name: asl.ErrTimeout, cause: "Execution timed out."})
		case <-r.done:
		}
	}()
	return func() { t.Stop() }
}

func (r *run) finish(th *thread, out any, ferr *asl.Error) {
	x := r.record()
	x.Stop = r.e.clk.Now()
	switch c := r.stopped(); {
	case c != nil:
		typ := "ExecutionAborted"
		switch c.kind {
		case StatusTimedOut:
			typ = "ExecutionTimedOut"
		case StatusFailed: // the history limit
			typ = "ExecutionFailed"
		}
		x.Status, x.Error, x.Cause = string(c.kind), c.name, c.cause
		th.emit(typ, history.Failure{Error: c.name, Cause: c.cause})
	case ferr == errAborted:
		x.Status, x.Error = string(StatusAborted), "States.Aborted"
		th.emit("ExecutionAborted", history.Failure{Error: x.Error})
	case ferr != nil:
		x.Status, x.Error, x.Cause = string(StatusFailed), ferr.Name, ferr.Cause
		th.emit("ExecutionFailed", history.Failure{Error: ferr.Name, Cause: ferr.Cause})
	default:
		text := jsonText(out)
		x.Status, x.Output, x.HasOutput = string(StatusSucceeded), text, true
		th.emit("ExecutionSucceeded", history.Output{Output: history.Payload{V: out}})
	}
	x.Stop = th.lastTime
	r.mu.Lock()
	r.x = x
	r.mu.Unlock()
	r.e.store.PutExecution(x)
	_ = r.e.store.Sync(context.Background())
}

// append records a new event for thread th.
func (r *run) append(th *thread, typ string, details any) *history.Event {
	r.mu.Lock()
	ev := r.newEvent()
	*ev = history.Event{Type: typ, Scope: th.scope, Epoch: r.x.RedriveCount, Time: r.eventTime(), Pending: details}
	if r.overLimit(typ) {
		r.mu.Unlock()
		return ev // not recorded: the history is full
	}
	r.nextID++
	ev.ID, ev.Prev = r.nextID, th.prev
	if !r.halted() {
		r.one[0] = ev // a variadic call through the interface would allocate its slice
		r.e.store.Append(r.x.Arn, r.one[:]...)
		r.one[0] = nil
	}
	r.mu.Unlock()
	return ev
}

// eventTime returns the time of an event being recorded. On the real
// clock it is the last full reading advanced by the monotonic clock: one
// clock read instead of time.Now's two (wall and monotonic), a tenth of the
// cost of recording an event. The full reading is renewed every second, so
// a wall clock adjustment shows within a second. r.mu is held.
func (r *run) eventTime() time.Time {
	if r.e.clk != clock.Real {
		return r.e.clk.Now().UTC()
	}
	if d := time.Since(r.mono); d >= 0 && d < time.Second {
		return r.wall.Add(d)
	}
	r.mono = time.Now()
	r.wall = r.mono.UTC()
	return r.wall
}

// eventSlab is how many events newEvent allocates at most at once.
const eventSlab = 64

// newEvent returns a zero event from a block allocated ahead, which saves
// an allocation per event (the history keeps them all anyway). Blocks
// start small and double up to eventSlab, so that short executions do not
// hold unused events. r.mu is held.
func (r *run) newEvent() *history.Event {
	if len(r.slab) == 0 {
		r.slabSize = min(max(2*r.slabSize, 4), eventSlab)
		r.slab = make([]history.Event, r.slabSize)
	}
	ev := &r.slab[0]
	r.slab = r.slab[1:]
	return ev
}

func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
