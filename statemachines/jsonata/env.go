package jsonata

import (
	"time"
)

// frame is one scope of variable bindings.
type frame struct {
	vars   map[string]any
	parent *frame
	ext    func(string) (any, bool) // outside variables (root frame only)
}

func newFrame(parent *frame) *frame { return &frame{parent: parent} }

func (f *frame) bind(name string, v any) {
	if f.vars == nil {
		f.vars = map[string]any{}
	}
	f.vars[name] = v
}

func (f *frame) lookup(name string) any {
	for fr := f; fr != nil; fr = fr.parent {
		if v, ok := fr.vars[name]; ok {
			return v
		}
		if fr.ext != nil {
			if v, ok := fr.ext(name); ok {
				return v
			}
		}
	}
	if fn, ok := builtins[name]; ok {
		return fn
	}
	return nil
}

func frameFromTuple(parent *frame, t tuple) *frame {
	f := &frame{parent: parent, vars: make(map[string]any, len(t))}
	for k, v := range t {
		f.vars[k] = v
	}
	return f
}

// evaluator holds the per-Eval state: the depth and time guards.
type evaluator struct {
	depth    int
	maxDepth int
	deadline time.Time
	ticks    int
	now      time.Time // fixed for $now()/$millis() within one evaluation
}

func (ev *evaluator) enter() {
	ev.depth++
	if ev.depth > ev.maxDepth {
		throw("U1001", 0, "", nil)
	}
	ev.ticks++
	if ev.ticks&1023 == 0 && !ev.deadline.IsZero() && time.Now().After(ev.deadline) {
		throw("U1001", 0, "", nil)
	}
}

func (ev *evaluator) exit() { ev.depth-- }
