package local

import (
	"encoding/json"
	"strings"

	"github.com/baton-run/baton/orchestrator/internal/history"
	asl "github.com/baton-run/baton/statemachines"
)

// countCutAttempts adds to r.invocations the task attempts that a redrive
// does not replay (those of the failed attempt): a redriven execution goes
// on counting a state's invocations where the failed one stopped, so its
// n-th invocation (what mock configurations key on) is the n-th of the
// whole execution.
func (r *run) countCutAttempts(all, kept []*history.Event) {
	cut := attemptsByState(all)
	for name, n := range attemptsByState(kept) {
		cut[name] -= n
	}
	states := statesByName(r.model, map[string]*asl.State{})
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.invocations == nil {
		r.invocations = map[*asl.State]int{}
	}
	for name, n := range cut {
		if st := states[name]; st != nil && n > 0 {
			r.invocations[st] += n
		}
	}
}

// attemptsByState counts task invocations (TaskScheduled and
// LambdaFunctionScheduled events) per state name.
func attemptsByState(evs []*history.Event) map[string]int {
	current := map[string]string{} // scope → the state last entered there
	counts := map[string]int{}
	for _, ev := range evs {
		switch {
		case strings.HasSuffix(ev.Type, "StateEntered"):
			current[ev.Scope] = enteredName(ev)
		case ev.Type == "TaskScheduled" || ev.Type == "LambdaFunctionScheduled":
			counts[current[ev.Scope]]++
		}
	}
	return counts
}

// statesByName indexes the states of m and of its branches and processors
// (ASL state names are unique across a whole definition).
func statesByName(m *asl.StateMachine, into map[string]*asl.State) map[string]*asl.State {
	for name, st := range m.States {
		into[name] = st
		for _, b := range st.Branches {
			statesByName(b, into)
		}
		if st.ItemProcessor != nil {
			statesByName(st.ItemProcessor, into)
		}
	}
	return into
}

// enteredName is the state name of a StateEntered event, rendered or not.
func enteredName(ev *history.Event) string {
	if d, ok := ev.Pending.(history.StateEntered); ok {
		return d.Name
	}
	var d struct {
		Name string `json:"name"`
	}
	_ = json.Unmarshal(ev.Details, &d)
	return d.Name
}
