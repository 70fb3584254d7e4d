package local

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/baton-run/baton/orchestrator/internal/history"
	"github.com/baton-run/baton/statemachines"
)

// thread is one sequential path through a machine: the top level, a
// Parallel branch or a Map iteration. Its events carry its scope, so a
// resumed or redriven run can hand each thread its own recorded events to
// replay, whatever the interleaving of concurrent threads was.
type thread struct {
	r          *run
	ctx        context.Context
	scope      string
	queue      []*history.Event // recorded events still to replay
	prev       int64            // id of this thread's last event
	lastTime   time.Time
	vars       *varScope
	inParallel bool                        // a Parallel branch (uncaught task failures are also reported as aborted)
	lang       statemachines.QueryLanguage // inherited by states that set none
	// checked is the last output that passed the payload size limit: a
	// state passing it on unchanged (a Choice) need not measure it again.
	checked any
	// silent threads run a distributed Map's child executions, whose
	// events are not part of the parent's history.
	silent bool
}

func (r *run) rootThread() *thread {
	return &thread{r: r, ctx: r.ctx, queue: r.takeReplay(""), vars: newVarScope(nil)}
}

// child returns the thread of branch or iteration i of the composite state
// whose start event is started.
func (th *thread) child(ctx context.Context, state string, lang statemachines.QueryLanguage, started *history.Event, i int) *thread {
	scope := fmt.Sprintf("%s/%s@%d#%d", th.scope, state, started.ID, i)
	return &thread{r: th.r, ctx: ctx, scope: scope, queue: th.r.takeReplay(scope),
		prev: started.ID, lastTime: started.Time, vars: newVarScope(th.vars), lang: lang, silent: th.silent}
}

// emit records an event of type typ, or, while the thread replays, takes
// the recorded one (with its time and details) instead.
func (th *thread) emit(typ string, details any) *history.Event {
	if th.silent {
		ev := &history.Event{Type: typ, Time: th.r.e.clk.Now().UTC(), Scope: th.scope}
		th.lastTime = ev.Time // retry delays and Wait states count from it
		return ev
	}
	if len(th.queue) > 0 {
		ev := th.queue[0]
		if ev.Type == typ {
			th.queue = th.queue[1:]
			th.prev, th.lastTime = ev.ID, ev.Time
			return ev
		}
		th.r.e.opts.Logger.Warn("local: replay diverged", "execution", th.r.x.Arn, "scope", th.scope,
			"recorded", ev.Type, "now", typ)
		th.r.dropReplay(th.queue)
		th.queue = nil
	}
	ev := th.r.append(th, typ, details)
	th.prev, th.lastTime = ev.ID, ev.Time
	return ev
}

// sized reports whether v is the very value (the same object: values are
// never modified once produced) that last passed the size limit.
func (th *thread) sized(v any) bool {
	if th.checked == nil || v == nil {
		return false
	}
	a, b := reflect.ValueOf(v), reflect.ValueOf(th.checked)
	switch a.Kind() {
	case reflect.Map, reflect.Slice:
		return a.Kind() == b.Kind() && a.Len() == b.Len() && a.UnsafePointer() == b.UnsafePointer()
	}
	return false
}

// replaying reports whether the thread still has recorded events ahead:
// timers are then skipped, since their end is already recorded.
func (th *thread) replaying() bool { return len(th.queue) > 0 }

// peek returns the next recorded event, or nil.
func (th *thread) peek() *history.Event {
	if len(th.queue) == 0 {
		return nil
	}
	return th.queue[0]
}

// sleepUntil waits until the clock reaches t, or the thread's context ends.
func (th *thread) sleepUntil(t time.Time) error {
	if th.replaying() {
		return nil
	}
	d := t.Sub(th.r.e.clk.Now())
	if d <= 0 {
		return th.ctx.Err()
	}
	timer := th.r.e.clk.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C():
		return nil
	case <-th.ctx.Done():
		return th.ctx.Err()
	}
}

// varScope holds the variables of one scope: the top level, or a Parallel
// branch / Map iteration, which reads its outer scopes and writes its own.
type varScope struct {
	parent *varScope
	mu     sync.RWMutex
	vals   map[string]any
}

func newVarScope(parent *varScope) *varScope { return &varScope{parent: parent} }

// Lookup implements statemachines.Vars.
func (v *varScope) Lookup(name string) (any, bool) {
	for s := v; s != nil; s = s.parent {
		s.mu.RLock()
		val, ok := s.vals[name]
		s.mu.RUnlock()
		if ok {
			return val, true
		}
	}
	return nil, false
}

func (v *varScope) set(vals map[string]any) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.vals == nil {
		v.vals = make(map[string]any, len(vals))
	}
	for k, val := range vals {
		v.vals[k] = val
	}
}

// jsonText renders v as JSON the way Step Functions prints payloads.
func jsonText(v any) string { return history.Text(v) }

func parseJSON(text string) (any, error) { return history.Parse([]byte(text)) }
