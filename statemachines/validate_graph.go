package statemachines

// edge is a transition written in a state: its target state name and where
// it is written.
type edge struct {
	target string
	field  string // "Next" or "Default"
	loc    string
}

// edges lists the transitions of s (at ptr): Next, Choice rules' Next,
// Default and Catch Next.
func edges(s *State, ptr string) []edge {
	var es []edge
	if s.Next != "" {
		es = append(es, edge{s.Next, "Next", child(ptr, "Next")})
	}
	for i, r := range s.Choices {
		es = append(es, edge{r.Next, "Next", child(index(child(ptr, "Choices"), i), "Next")})
	}
	if s.Default != "" {
		es = append(es, edge{s.Default, "Default", child(ptr, "Default")})
	}
	for i, c := range s.Catch {
		es = append(es, edge{c.Next, "Next", child(index(child(ptr, "Catch"), i), "Next")})
	}
	return es
}

// graph checks m's transitions: StartAt and every Next/Default target
// exist in the same scope, every state is reachable from StartAt, and the
// scope has a terminal state.
func (v *validator) graph(m *StateMachine, ptr string, names []string) {
	statesPtr := child(ptr, "States")
	if _, ok := m.States[m.StartAt]; !ok {
		v.errorf(CodeMissingTransitionTarget, child(ptr, "StartAt"), "Missing 'Next' target: %s", m.StartAt)
	}
	reached := map[string]bool{}
	queue := []string{m.StartAt}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		s, ok := m.States[name]
		if !ok || reached[name] {
			continue
		}
		reached[name] = true
		for _, e := range edges(s, child(statesPtr, name)) {
			queue = append(queue, e.target)
		}
	}
	for _, name := range names {
		for _, e := range edges(m.States[name], child(statesPtr, name)) {
			if _, ok := m.States[e.target]; !ok {
				v.errorf(CodeMissingTransitionTarget, e.loc, "Missing '%s' target: %s", e.field, e.target)
			}
		}
	}
	// AWS checks for a terminal state in the whole definition only, and
	// without one reports it instead of the unreachable states.
	if ptr == "" && !hasTerminal(m, names) {
		v.errorf(CodeMissingEndState, "", "Workflow has no terminal state")
		return
	}
	for _, name := range names {
		if !reached[name] {
			v.errorf(CodeMissingTransitionTarget, child(statesPtr, name), "State \"%s\" is not reachable.", name)
		}
	}
}

// hasTerminal reports whether a scope has a terminal state (Succeed, Fail
// or a state with End).
func hasTerminal(m *StateMachine, names []string) bool {
	for _, name := range names {
		if isTerminal(m.States[name]) {
			return true
		}
	}
	return false
}

func isTerminal(s *State) bool {
	return s.End || s.Type == TypeSucceed || s.Type == TypeFail
}
