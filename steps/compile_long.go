package steps

import (
	sm "github.com/baton-run/baton/statemachines"
)

// Names of the states a long step L compiles to, besides L itself.
const (
	moreSuffix  = ".more?" // Choice: loop back while the runtime says "continue"
	renewSuffix = ".renew" // Task: continue as a new execution
	doneSuffix  = ".done"  // Succeed: when L is the last step of its sequence
	resumeStart = "baton.resume?"
	resumePass  = "baton.resume"
	resumeRoute = "baton.resume.step"
)

// Statuses a long step's invocation returns.
const (
	statusContinue = "continue" // more slices: invoke again with the envelope
	statusRenew    = "renew"    // continue as a new execution
	statusDone     = "done"     // finished: output is the step's result
)

// longStates compiles a long step into its slice loop:
//
//	L         Task    invoke {step, execution, entered, input}; returns {status, output}
//	L.more?   Choice  status "continue" → L; "renew" → L.renew; else on (OutputPath $.output)
//	L.renew   Task    StartExecution of this state machine carrying the job
//
// On "continue" the output is the slice envelope the next invocation
// resumes from; on "done" it is the step's result.
func (c *compiler) longStates(n *node, next string) []*sm.State {
	info := c.out.steps[n.name]
	topLevel := info.path == n.name
	task := &sm.State{Name: n.name, Type: sm.TypeTask, Next: n.name + moreSuffix,
		Resource: c.w.opts.FunctionARN(info.function.Name),
		Parameters: map[string]any{
			"step": n.name, "execution.$": "$$.Execution.Name", "entered.$": "$$.State.EnteredTime", "input.$": "$",
		},
		Retry: c.retriers(n, true), Catch: catchers(n),
	}
	more := &sm.State{Name: n.name + moreSuffix, Type: sm.TypeChoice, Default: next,
		OutputPath: sm.OptPath{Set: true, Path: "$.output"},
		Choices:    []*sm.ChoiceRule{statusRule(statusContinue, n.name)},
	}
	states := []*sm.State{task, more}
	if topLevel {
		more.Choices = append(more.Choices, statusRule(statusRenew, n.name+renewSuffix))
		states = append(states, renewState(n.name+renewSuffix))
	}
	if next == "" && n.next == "" {
		more.Default = n.name + doneSuffix
		states = append(states, &sm.State{Name: more.Default, Type: sm.TypeSucceed})
	}
	return states
}

func statusRule(status, next string) *sm.ChoiceRule {
	return &sm.ChoiceRule{Variable: "$.status", Operator: "StringEquals", Value: status, Next: next}
}

// renewState starts this state machine again with the slice envelope as
// {"batonResume": envelope}: AWS's documented pattern for continuing a
// long loop as a new execution.
func renewState(name string) *sm.State {
	return &sm.State{Name: name, Type: sm.TypeTask, End: true,
		Resource: "arn:aws:states:::states:startExecution",
		Parameters: map[string]any{
			"StateMachineArn.$": "$$.StateMachine.Id",
			"Input": map[string]any{
				"batonResume.$":     "$",
				startedByKey + ".$": "$$.Execution.Id",
			},
		},
	}
}

// addResume puts the router of continued executions in front of a machine
// with top-level long steps: an input {"batonResume": envelope} goes
// straight to the long step the envelope names.
func (c *compiler) addResume(m *sm.StateMachine) {
	if len(c.longs) == 0 {
		return
	}
	start := &sm.State{Name: resumeStart, Type: sm.TypeChoice, Default: m.StartAt,
		Choices: []*sm.ChoiceRule{{Variable: "$.batonResume", Operator: "IsPresent", Value: true, Next: resumePass}}}
	pass := &sm.State{Name: resumePass, Type: sm.TypePass, Next: resumeRoute,
		InputPath: sm.OptPath{Set: true, Path: "$.batonResume"}}
	route := &sm.State{Name: resumeRoute, Type: sm.TypeChoice}
	for _, l := range c.longs {
		route.Choices = append(route.Choices,
			&sm.ChoiceRule{Variable: "$.batonSlice.step", Operator: "StringEquals", Value: l, Next: l})
	}
	for _, st := range []*sm.State{start, pass, route} {
		c.claimState(st.Name, "")
		m.States[st.Name] = st
	}
	m.Order = append([]string{resumeStart, resumePass, resumeRoute}, m.Order...)
	m.StartAt = resumeStart
}
