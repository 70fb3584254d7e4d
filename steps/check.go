package steps

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/baton-run/baton/steps/internal/jsontype"
)

// DefinitionError lists every problem found when a workflow is compiled.
type DefinitionError struct {
	Workflow string
	Problems []string
}

func (e *DefinitionError) Error() string {
	return fmt.Sprintf("workflow %q: %s", e.Workflow, strings.Join(e.Problems, "; "))
}

// seq is a resolved sequence: its steps with their transitions decided.
type seq struct {
	nodes []*node
	next  map[string]string // step → following step ("" = End)
	path  string            // "" at the top, else the enclosing step's path
	inMap bool
}

// checker collects problems while resolving a workflow's sequences.
type checker struct {
	problems []string
	seen     map[string]bool
}

func (c *checker) addf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

var workflowName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,80}$`)

// checkName reports a workflow name Step Functions would refuse.
func (c *checker) checkName(name string) {
	if !workflowName.MatchString(name) {
		c.addf("name %q: use 1 to 80 letters, digits, '-' or '_'", name)
	}
}

// resolve turns a list of steps into a seq: Goto markers become the jumps
// of the steps before them; each other step flows to the one after it.
func (c *checker) resolve(steps []Step, path string, inMap bool) *seq {
	s := &seq{next: map[string]string{}, path: path, inMap: inMap}
	for i, st := range steps {
		n := st.node()
		if n.kind == kindGoto {
			c.attachGoto(s, n, i)
			continue
		}
		c.checkNode(n, i)
		s.nodes = append(s.nodes, n)
	}
	for i, n := range s.nodes {
		s.next[n.name] = n.next
		if n.next == "" && !n.terminal() && i+1 < len(s.nodes) {
			s.next[n.name] = s.nodes[i+1].name
		}
	}
	return s
}

// attachGoto makes the last step of s jump to the Goto's target.
func (c *checker) attachGoto(s *seq, g *node, i int) {
	if len(s.nodes) == 0 {
		c.addf("Goto %q at position %d follows no step", g.next, i+1)
		return
	}
	prev := s.nodes[len(s.nodes)-1]
	if prev.terminal() {
		c.addf("Goto %q follows step %q, which already ends or jumps", g.next, prev.name)
		return
	}
	prev.next = g.next
}

// checkNode reports a step's own problems: name, handler, options.
func (c *checker) checkNode(n *node, i int) {
	switch {
	case n.name == "":
		c.addf("step %d (%s) has no name", i+1, n.kind)
		return
	case c.seen[n.name]:
		c.addf("duplicate step name %q", n.name)
	case len(n.name) > 80:
		c.addf("step %q: name longer than 80 characters", n.name)
	}
	c.seen[n.name] = true
	if n.err != "" {
		c.addf("step %q: %s", n.name, n.err)
	}
	c.checkHandler(n)
	c.checkOptions(n)
}

// checkHandler reports types that do not survive JSON and a Long step
// without a state type.
func (c *checker) checkHandler(n *node) {
	h := n.handler
	if h == nil {
		return
	}
	for _, t := range []struct {
		what string
		typ  reflect.Type
	}{{"input", h.in}, {"output", h.out}, {"state", h.state}} {
		if t.typ == nil {
			continue
		}
		if msg := jsontype.Check(t.typ); msg != "" {
			c.addf("step %q: %s type %s does not round-trip through JSON: %s", n.name, t.what, t.typ, msg)
		}
	}
	if h.long && !jsontype.HasData(h.state) {
		c.addf("step %q: Long step has no state type (%s saves nothing); use Task for a step without state", n.name, h.state)
	}
}

// checkOptions reports out-of-range options and malformed rules.
func (c *checker) checkOptions(n *node) {
	if n.retry != nil {
		if msg := n.retry.withDefaults().validate(); msg != "" {
			c.addf("step %q: Retry: %s", n.name, msg)
		}
	}
	for i, ct := range n.catch {
		if ct.Next == "" {
			c.addf("step %q: Catch %d has no Next", n.name, i+1)
		}
		if n.kind == kindLong && ct.ResultPath != "" && ct.ResultPath != "$" {
			c.addf("step %q: Catch %d: a Long step's input changes between slices, so Catch cannot place the error in it (ResultPath %q); leave ResultPath empty", n.name, i+1, ct.ResultPath)
		}
	}
	for i, r := range n.rules {
		if msg := condErr(r.cond); msg != "" {
			c.addf("step %q: rule %d: %s", n.name, i+1, msg)
		}
	}
	c.checkKind(n)
}

// checkKind reports problems particular to one kind of step.
func (c *checker) checkKind(n *node) {
	switch {
	case n.kind == kindChoice && len(n.rules) == 0:
		c.addf("step %q: Choice needs at least one When rule", n.name)
	case n.kind == kindParallel && len(n.branches) == 0:
		c.addf("step %q: Parallel needs at least one branch", n.name)
	case n.kind == kindWait && n.wait < 0:
		c.addf("step %q: negative wait %s", n.name, n.wait)
	case n.kind == kindMap && n.mapOpts.BatchSize < 0:
		c.addf("step %q: negative BatchSize %d", n.name, n.mapOpts.BatchSize)
	case n.kind == kindMap && n.mapOpts.Items != nil:
		if _, msg := n.mapOpts.Items.jsonPath(); msg != "" {
			c.addf("step %q: Items: %s", n.name, msg)
		}
	}
	for i, b := range n.branches {
		if b == nil || len(b.steps) == 0 {
			c.addf("step %q: branch %d has no steps", n.name, i+1)
		}
	}
}

// condErr returns the first construction error inside a condition.
func condErr(c Cond) string {
	if c.err != "" {
		return c.err
	}
	for _, sub := range append(c.and, c.or...) {
		if msg := condErr(sub); msg != "" {
			return msg
		}
	}
	if c.not != nil {
		return condErr(*c.not)
	}
	if c.op == "" && c.and == nil && c.or == nil && c.not == nil {
		return "empty condition"
	}
	return ""
}

// checkGraph reports jumps to steps outside s and steps not reachable from
// its first step.
func (c *checker) checkGraph(s *seq) {
	in := map[string]bool{}
	for _, n := range s.nodes {
		in[n.name] = true
	}
	for _, n := range s.nodes {
		for _, e := range edges(n, s) {
			if e.to != "" && !in[e.to] {
				c.addf("step %q: %s: no step %q in its sequence", n.name, e.what, e.to)
			}
		}
	}
	if len(s.nodes) == 0 {
		return
	}
	reached := reach(s)
	for _, n := range s.nodes {
		if !reached[n.name] {
			c.addf("step %q is unreachable", n.name)
		}
	}
}

// edge is one transition out of a step.
type edge struct{ what, to string }

// edges lists a step's transitions, described for error messages.
func edges(n *node, s *seq) []edge {
	var es []edge
	if to := s.next[n.name]; to != "" {
		es = append(es, edge{"Next", to})
	}
	for i, r := range n.rules {
		es = append(es, edge{fmt.Sprintf("rule %d", i+1), r.next})
	}
	if n.otherwise != "" {
		es = append(es, edge{"Otherwise", n.otherwise})
	}
	for i, ct := range n.catch {
		es = append(es, edge{fmt.Sprintf("Catch %d", i+1), ct.Next})
	}
	return es
}

// reach returns the steps reachable from s's first step.
func reach(s *seq) map[string]bool {
	byName := map[string]*node{}
	for _, n := range s.nodes {
		byName[n.name] = n
	}
	seen := map[string]bool{}
	var visit func(name string)
	visit = func(name string) {
		n := byName[name]
		if n == nil || seen[name] {
			return
		}
		seen[name] = true
		for _, e := range edges(n, s) {
			visit(e.to)
		}
	}
	visit(s.nodes[0].name)
	return seen
}
