package statemachines

// scope says where a StateMachine body appears, which decides the fields it
// may have besides StartAt, States and Comment.
type scope int

const (
	scopeTop       scope = iota // the whole definition
	scopeBranch                 // a Parallel branch
	scopeProcessor              // a Map ItemProcessor (or legacy Iterator)
)

// machine decodes a definition or a nested body at ptr.
func (d *decoder) machine(v any, ptr string, sc scope) *StateMachine {
	o := d.object(v, ptr)
	if o == nil {
		return nil
	}
	o.require("States", "StartAt") // AWS lists them in this order
	m := &StateMachine{
		Comment: o.str("Comment"),
		StartAt: o.str("StartAt"),
	}
	switch sc {
	case scopeTop:
		m.TimeoutSeconds = o.integer("TimeoutSeconds")
		m.Version = o.str("Version")
		m.QueryLanguage = o.queryLanguage()
	case scopeProcessor:
		if pv, pptr, ok := o.raw("ProcessorConfig"); ok {
			m.ProcessorConfig = d.processorConfig(pv, pptr)
		}
	}
	if sv, sptr, ok := o.raw("States"); ok {
		d.states(m, sv, sptr)
	}
	o.finish()
	return m
}

// states decodes the States object of m, keeping declaration order.
func (d *decoder) states(m *StateMachine, v any, ptr string) {
	so, ok := v.(*jsonObject)
	if !ok {
		d.errorf(ptr, "Expected value of type [OBJECT]")
		return
	}
	m.States = make(map[string]*State, len(so.keys))
	m.Order = make([]string, 0, len(so.keys))
	for i, name := range so.keys {
		s := d.state(name, so.vals[i], child(ptr, name))
		if s == nil {
			continue
		}
		m.States[name] = s
		m.Order = append(m.Order, name)
	}
}

func (d *decoder) processorConfig(v any, ptr string) *ProcessorConfig {
	o := d.object(v, ptr)
	if o == nil {
		return nil
	}
	pc := &ProcessorConfig{Mode: o.str("Mode"), ExecutionType: o.str("ExecutionType")}
	o.finish()
	return pc
}

// stateTypes lists the valid Type values in AWS's message order.
const stateTypesList = "[Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]"

// stateDecoder returns the decoder of the type-specific fields of state
// type t, or nil for an unknown type.
func stateDecoder(t StateType) func(*decoder, *obj, *State) {
	switch t {
	case TypePass:
		return (*decoder).pass
	case TypeTask:
		return (*decoder).task
	case TypeChoice:
		return (*decoder).choice
	case TypeWait:
		return (*decoder).wait
	case TypeSucceed:
		return (*decoder).succeed
	case TypeFail:
		return (*decoder).fail
	case TypeParallel:
		return (*decoder).parallel
	case TypeMap:
		return (*decoder).mapState
	}
	return nil
}

// state decodes one state at ptr.
func (d *decoder) state(name string, v any, ptr string) *State {
	o := d.object(v, ptr)
	if o == nil {
		return nil
	}
	if !o.require("Type") {
		return nil
	}
	tv, tptr, _ := o.raw("Type")
	t, _ := tv.(string)
	dec := stateDecoder(StateType(t))
	if dec == nil {
		d.errorf(tptr, "The field 'Type' should have one of these values: %s", stateTypesList)
		return nil
	}
	s := &State{
		Name:          name,
		Type:          StateType(t),
		Comment:       o.str("Comment"),
		QueryLanguage: o.queryLanguage(),
	}
	dec(d, o, s)
	o.finish()
	return s
}

// transition reads Next and End.
func (o *obj) transition(s *State) {
	s.Next = o.str("Next")
	s.End = o.boolean("End")
}

// io reads the JSONPath InputPath and OutputPath and the JSONata Output.
func (o *obj) io(s *State) {
	s.InputPath = o.optPath("InputPath")
	s.OutputPath = o.optPath("OutputPath")
	s.Output = o.json("Output")
}

// result reads the fields of states that produce a result: ResultPath,
// Parameters, ResultSelector, Arguments and Assign.
func (o *obj) result(s *State, selector bool) {
	s.ResultPath = o.optPath("ResultPath")
	s.Parameters = o.jsonObj("Parameters")
	if selector {
		s.ResultSelector = o.jsonObj("ResultSelector")
	}
	s.Assign = o.jsonObj("Assign")
}

func (d *decoder) pass(o *obj, s *State) {
	o.transition(s)
	o.io(s)
	o.result(s, false)
	s.Result, s.HasResult = o.o.get("Result")
	if s.HasResult {
		s.Result = o.json("Result")
	}
}

func (d *decoder) task(o *obj, s *State) {
	o.require("Resource")
	o.transition(s)
	o.io(s)
	o.result(s, true)
	s.Arguments = o.json("Arguments")
	s.Resource = o.str("Resource")
	s.TimeoutSeconds = o.intField("TimeoutSeconds")
	s.TimeoutSecondsPath = o.str("TimeoutSecondsPath")
	s.HeartbeatSeconds = o.intField("HeartbeatSeconds")
	s.HeartbeatSecondsPath = o.str("HeartbeatSecondsPath")
	s.Credentials = o.jsonObj("Credentials")
	d.retryCatch(o, s)
}

func (d *decoder) wait(o *obj, s *State) {
	o.transition(s)
	o.io(s)
	s.Assign = o.jsonObj("Assign")
	s.Seconds = o.intField("Seconds")
	s.SecondsPath = o.str("SecondsPath")
	s.Timestamp = o.str("Timestamp")
	s.TimestampPath = o.str("TimestampPath")
}

func (d *decoder) succeed(o *obj, s *State) {
	o.io(s)
}

func (d *decoder) fail(o *obj, s *State) {
	s.Error = o.str("Error")
	s.ErrorPath = o.str("ErrorPath")
	s.Cause = o.str("Cause")
	s.CausePath = o.str("CausePath")
}

func (d *decoder) parallel(o *obj, s *State) {
	o.require("Branches")
	o.transition(s)
	o.io(s)
	o.result(s, true)
	s.Arguments = o.json("Arguments")
	d.retryCatch(o, s)
	arr, ptr, ok := o.array("Branches")
	if !ok {
		return
	}
	s.Branches = make([]*StateMachine, 0, len(arr))
	for i, b := range arr {
		if m := d.machine(b, index(ptr, i), scopeBranch); m != nil {
			s.Branches = append(s.Branches, m)
		}
	}
}

// retryCatch reads Retry and Catch.
func (d *decoder) retryCatch(o *obj, s *State) {
	if arr, ptr, ok := o.array("Retry"); ok {
		s.Retry = make([]*Retrier, 0, len(arr))
		for i, v := range arr {
			if r := d.retrier(v, index(ptr, i)); r != nil {
				s.Retry = append(s.Retry, r)
			}
		}
	}
	if arr, ptr, ok := o.array("Catch"); ok {
		s.Catch = make([]*Catcher, 0, len(arr))
		for i, v := range arr {
			if c := d.catcher(v, index(ptr, i)); c != nil {
				s.Catch = append(s.Catch, c)
			}
		}
	}
}

func (d *decoder) retrier(v any, ptr string) *Retrier {
	o := d.object(v, ptr)
	if o == nil {
		return nil
	}
	o.require("ErrorEquals")
	r := &Retrier{
		ErrorEquals:     o.strings("ErrorEquals"),
		IntervalSeconds: o.integer("IntervalSeconds"),
		MaxAttempts:     o.integer("MaxAttempts"),
		BackoffRate:     o.number("BackoffRate"),
		MaxDelaySeconds: o.integer("MaxDelaySeconds"),
		JitterStrategy:  o.str("JitterStrategy"),
		Comment:         o.str("Comment"),
	}
	o.finish()
	return r
}

func (d *decoder) catcher(v any, ptr string) *Catcher {
	o := d.object(v, ptr)
	if o == nil {
		return nil
	}
	o.require("ErrorEquals", "Next")
	c := &Catcher{
		ErrorEquals: o.strings("ErrorEquals"),
		Next:        o.str("Next"),
		ResultPath:  o.optPath("ResultPath"),
		Assign:      o.jsonObj("Assign"),
		Output:      o.json("Output"),
		Comment:     o.str("Comment"),
	}
	o.finish()
	return c
}
