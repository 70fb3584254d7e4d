package steps

import (
	"sort"
	"strconv"

	sm "github.com/baton-run/baton/statemachines"
)

// compiled is a checked workflow: its state machine and what the runtime
// needs to serve its steps.
type compiled struct {
	machine   *sm.StateMachine
	functions []Function
	steps     map[string]*stepInfo // Task and Long steps by name
}

// stepInfo is what the runtime knows about one Task or Long step.
type stepInfo struct {
	node     *node
	path     string // e.g. "fanout/aggregate"
	inMap    bool
	function Function
}

// compiler builds a state machine from resolved sequences.
type compiler struct {
	checker
	w     *Workflow
	out   *compiled
	longs []string          // top-level long steps, for continue-as-new
	owner map[string]string // state name → the step it was compiled from
}

// claimState records that step made state name, reporting a step whose
// name collides with a state generated for another ("" = the resume router).
func (c *compiler) claimState(name, step string) {
	prev, ok := c.owner[name]
	if !ok {
		c.owner[name] = step
		return
	}
	if prev == step {
		return // a duplicate step name, reported already
	}
	gen := prev
	if gen == name {
		gen = step
	}
	what := "the resume router"
	if gen != "" {
		what = "long step " + strconv.Quote(gen)
	}
	c.addf("step %q: name collides with a state generated for %s", name, what)
}

func compile(w *Workflow) (*compiled, error) {
	c := &compiler{w: w, checker: checker{seen: map[string]bool{}}, owner: map[string]string{},
		out: &compiled{steps: map[string]*stepInfo{}, functions: []Function{w.opts.Function}}}
	c.checkName(w.name)
	if len(w.steps) == 0 {
		c.addf("no steps")
	}
	top := c.resolveTree(w.steps, "", false)
	if len(c.problems) > 0 {
		return nil, &DefinitionError{Workflow: w.name, Problems: c.problems}
	}
	m := c.machine(top)
	c.addResume(m)
	if len(c.problems) > 0 {
		return nil, &DefinitionError{Workflow: w.name, Problems: c.problems}
	}
	m.Comment = w.opts.Comment
	if w.opts.Timeout > 0 {
		t := seconds(w.opts.Timeout)
		m.TimeoutSeconds = &t
	}
	c.out.machine = m
	return c.out, nil
}

// resolveTree resolves a sequence and every branch nested in it, checking
// each.
func (c *compiler) resolveTree(steps []Step, path string, inMap bool) *resolved {
	s := c.resolve(steps, path, inMap)
	r := &resolved{seq: s, branches: map[string][]*resolved{}}
	for _, n := range s.nodes {
		for _, b := range n.branches {
			if b != nil {
				r.branches[n.name] = append(r.branches[n.name],
					c.resolveTree(b.steps, join(path, n.name), inMap || n.kind == kindMap))
			}
		}
		c.register(n, s)
	}
	c.checkGraph(s)
	return r
}

// resolved is a sequence with its nested branches resolved.
type resolved struct {
	seq      *seq
	branches map[string][]*resolved
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "/" + name
}

// register records a Task or Long step for the runtime.
func (c *compiler) register(n *node, s *seq) {
	if n.handler == nil {
		return
	}
	fn := c.w.opts.Function
	if n.function != nil {
		fn = n.function.withDefaults(c.w.name)
		c.addFunction(fn)
	}
	c.out.steps[n.name] = &stepInfo{node: n, path: join(s.path, n.name), inMap: s.inMap, function: fn}
	if n.kind == kindLong && s.path == "" {
		c.longs = append(c.longs, n.name)
	}
}

func (c *compiler) addFunction(f Function) {
	for _, g := range c.out.functions {
		if g.Name == f.Name {
			return
		}
	}
	c.out.functions = append(c.out.functions, f)
}

// machine builds the states of a resolved sequence.
func (c *compiler) machine(r *resolved) *sm.StateMachine {
	m := &sm.StateMachine{StartAt: r.seq.nodes[0].name, States: map[string]*sm.State{}}
	for _, n := range r.seq.nodes {
		for _, st := range c.states(n, r) {
			c.claimState(st.Name, n.name)
			m.States[st.Name] = st
			m.Order = append(m.Order, st.Name)
		}
	}
	return m
}

// states compiles one step into its states (one, or several for a Long).
func (c *compiler) states(n *node, r *resolved) []*sm.State {
	next := r.seq.next[n.name]
	if n.kind == kindLong {
		return c.longStates(n, next)
	}
	st := &sm.State{Name: n.name, Next: next, End: next == "" && !n.terminal()}
	switch n.kind {
	case kindTask:
		c.task(st, n)
	case kindChoice:
		choice(st, n)
	case kindParallel:
		st.Type = sm.TypeParallel
		for _, b := range r.branches[n.name] {
			st.Branches = append(st.Branches, c.machine(b))
		}
	case kindMap:
		c.mapState(st, n, r.branches[n.name][0])
	default:
		simple(st, n)
	}
	if n.kind == kindParallel || n.kind == kindMap {
		st.Retry, st.Catch = c.retriers(n, false), catchers(n)
	}
	return []*sm.State{st}
}

// task compiles a Task step: invoke the function with {step, input}.
func (c *compiler) task(st *sm.State, n *node) {
	st.Type = sm.TypeTask
	st.Resource = c.w.opts.FunctionARN(c.out.steps[n.name].function.Name)
	st.Parameters = map[string]any{"step": n.name, "input.$": "$"}
	st.Retry, st.Catch = c.retriers(n, false), catchers(n)
}

// choice compiles a Choice step's rules.
func choice(st *sm.State, n *node) {
	st.Type, st.Default, st.End = sm.TypeChoice, n.otherwise, false
	for _, r := range n.rules {
		rule := choiceRule(r.cond)
		rule.Next = r.next
		st.Choices = append(st.Choices, rule)
	}
}

// choiceRule compiles a condition.
func choiceRule(c Cond) *sm.ChoiceRule {
	switch {
	case c.not != nil:
		return &sm.ChoiceRule{Not: choiceRule(*c.not)}
	case c.and != nil:
		return &sm.ChoiceRule{And: choiceRules(c.and)}
	case c.or != nil:
		return &sm.ChoiceRule{Or: choiceRules(c.or)}
	}
	return &sm.ChoiceRule{Variable: c.path, Operator: c.op, Value: c.value}
}

func choiceRules(cs []Cond) []*sm.ChoiceRule {
	rs := make([]*sm.ChoiceRule, len(cs))
	for i, c := range cs {
		rs[i] = choiceRule(c)
	}
	return rs
}

// simple compiles Wait, Pass, Succeed and Fail.
func simple(st *sm.State, n *node) {
	switch n.kind {
	case kindWait:
		st.Type = sm.TypeWait
		if n.waitPath != "" {
			st.TimestampPath = n.waitPath
		} else {
			s := int64(n.wait.Seconds())
			st.Seconds = sm.IntField{Value: &s}
		}
	case kindPass:
		st.Type, st.Result, st.HasResult = sm.TypePass, n.result, n.hasResult
	case kindSucceed:
		st.Type, st.End = sm.TypeSucceed, false
	case kindFail:
		st.Type, st.Error, st.Cause, st.End = sm.TypeFail, n.errName, n.cause, false
	}
}

// mapState compiles a Map step.
func (c *compiler) mapState(st *sm.State, n *node, each *resolved) {
	o := n.mapOpts
	st.Type = sm.TypeMap
	st.ItemProcessor = c.machine(each)
	st.ItemProcessor.ProcessorConfig = &sm.ProcessorConfig{Mode: "INLINE"}
	if o.BatchSize > 0 || o.ToleratedFailures > 0 || o.ToleratedFailurePercent > 0 {
		// Step Functions allows batching and tolerated failures only in
		// distributed mode (each iteration a child execution).
		st.ItemProcessor.ProcessorConfig = &sm.ProcessorConfig{Mode: "DISTRIBUTED", ExecutionType: "STANDARD"}
	}
	if o.Items != nil {
		p, _ := o.Items.jsonPath()
		st.ItemsPath = sm.OptPath{Set: true, Path: p}
	}
	st.MaxConcurrency = intField(int64(o.MaxConcurrency))
	st.ToleratedFailureCount = intField(int64(o.ToleratedFailures))
	if o.ToleratedFailurePercent > 0 {
		pct := o.ToleratedFailurePercent
		st.ToleratedFailurePercentage = sm.FloatField{Value: &pct}
	}
	if o.BatchSize > 0 {
		st.ItemBatcher = &sm.ItemBatcher{MaxItemsPerBatch: intField(int64(o.BatchSize))}
	}
}

// intField returns v as a set field, or an unset one for 0.
func intField(v int64) sm.IntField {
	if v == 0 {
		return sm.IntField{}
	}
	return sm.IntField{Value: &v}
}

// catchers compiles a step's Catch list.
func catchers(n *node) []*sm.Catcher {
	var cs []*sm.Catcher
	for _, ct := range n.catch {
		errs := ct.Errors
		if len(errs) == 0 {
			errs = []string{sm.ErrAll}
		}
		k := &sm.Catcher{ErrorEquals: errs, Next: ct.Next}
		if ct.ResultPath != "" {
			k.ResultPath = sm.OptPath{Set: true, Path: ct.ResultPath}
		}
		cs = append(cs, k)
	}
	return cs
}

// sortedNames returns the keys of m in order.
func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
