package local

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"

	"github.com/baton-run/baton/orchestrator/internal/history"
	asl "github.com/baton-run/baton/statemachines"
)

// errAborted ends a thread whose context was cancelled: the execution was
// stopped or timed out, or a sibling branch or iteration failed.
var errAborted = &asl.Error{Name: "baton.Aborted", Cause: "aborted"}

// language is the query language of st: its own, else its machine's, else
// the one inherited from the enclosing state (Map and Parallel bodies) or
// the definition's default, JSONPath.
func (th *thread) language(m *asl.StateMachine, st *asl.State) asl.QueryLanguage {
	switch {
	case st.QueryLanguage != "":
		return st.QueryLanguage
	case m.QueryLanguage != "":
		return m.QueryLanguage
	case th.lang != "":
		return th.lang
	}
	return asl.JSONPath
}

// runMachine runs the states of m from StartAt with input and returns the
// output of the state that ended it.
func (th *thread) runMachine(m *asl.StateMachine, input any) (any, *asl.Error) {
	name := m.StartAt
	for {
		if th.ctx.Err() != nil {
			return nil, errAborted
		}
		st := m.States[name]
		if st == nil {
			return nil, asl.Errorf(asl.ErrRuntime, "the state %q does not exist", name)
		}
		out, next, err := th.runState(m, st, input)
		if err != nil {
			return nil, err
		}
		if next == "" {
			return out, nil
		}
		name, input = next, out
	}
}

// stateRun is one visit of one state.
type stateRun struct {
	th      *thread
	m       *asl.StateMachine
	st      *asl.State
	input   any // the raw state input
	entered *history.Event
	retries int
	token   string
	mapItem map[string]any // $$.Map.Item while evaluating ItemSelector
	jsonata bool           // the state is written in JSONata
	// reported is set once an EvaluationFailed event was recorded.
	reported bool
	// invocation counts this state's task attempts in the execution, the
	// index mock configurations answer by.
	invocation int
	usesCtx    bool // some field of the state reads $$
}

func (th *thread) runState(m *asl.StateMachine, st *asl.State, input any) (any, string, *asl.Error) {
	s := &stateRun{th: th, m: m, st: st, input: input, jsonata: th.language(m, st) == asl.JSONata, usesCtx: usesContext(st)}
	s.entered = th.emit(eventType(st.Type, "StateEntered"), history.StateEntered{Name: st.Name, Input: history.Payload{V: input}})
	out, next, err := s.dispatch()
	if err != nil && err.Name == asl.ErrQueryEvaluation && !s.reported {
		th.emit("EvaluationFailed", history.EvaluationFailed{Error: err.Name, Cause: err.Cause, State: st.Name})
	}
	return out, next, err
}

// stateEvents lists the StateEntered and StateExited event types of each
// state type, so that recording them neither builds a string nor hashes one.
var stateEvents = func() (t [8]struct{ typ, entered, exited string }) {
	for i, st := range []asl.StateType{asl.TypeTask, asl.TypeChoice, asl.TypePass, asl.TypeWait,
		asl.TypeSucceed, asl.TypeFail, asl.TypeParallel, asl.TypeMap} {
		t[i].typ, t[i].entered, t[i].exited = string(st), string(st)+"StateEntered", string(st)+"StateExited"
	}
	return t
}()

// eventType returns string(t)+suffix ("StateEntered" or "StateExited").
func eventType(t asl.StateType, suffix string) string {
	for i := range stateEvents {
		if e := &stateEvents[i]; e.typ == string(t) && suffix == "StateEntered" {
			return e.entered
		} else if e.typ == string(t) && suffix == "StateExited" {
			return e.exited
		}
	}
	return string(t) + suffix
}

func (s *stateRun) dispatch() (any, string, *asl.Error) {
	st := s.st
	switch st.Type {
	case asl.TypePass:
		return s.pass()
	case asl.TypeChoice:
		return s.choice()
	case asl.TypeWait:
		return s.wait()
	case asl.TypeSucceed:
		return s.succeed()
	case asl.TypeFail:
		return nil, "", s.fail()
	case asl.TypeTask:
		return s.task()
	case asl.TypeParallel:
		return s.parallel()
	case asl.TypeMap:
		return s.mapState()
	}
	return nil, "", asl.Errorf(asl.ErrRuntime, "state %q has the unknown type %q", st.Name, st.Type)
}

// env is what paths and templates of the state see.
func (s *stateRun) env() asl.Env {
	env := asl.Env{Vars: s.th.vars}
	if s.usesCtx || s.mapItem != nil {
		env.Context = s.contextObject()
	}
	return env
}

func (s *stateRun) contextObject() map[string]any {
	r := s.th.r
	c := map[string]any{
		"Execution":    r.execCtx,
		"StateMachine": r.smCtx,
		"State":        map[string]any{"Name": s.st.Name, "EnteredTime": isoTime(s.entered.Time)},
	}
	if len(s.st.Retry) > 0 {
		c["State"].(map[string]any)["RetryCount"] = float64(s.retries)
	}
	if s.token != "" {
		c["Task"] = map[string]any{"Token": s.token}
	}
	if s.mapItem != nil {
		c["Map"] = map[string]any{"Item": s.mapItem}
	}
	return c
}

// failure turns an evaluation error into the state's ASL error, naming the
// state and its entered event as Step Functions does for runtime errors.
func (s *stateRun) failure(err error) *asl.Error {
	var ae *asl.Error
	if !errors.As(err, &ae) {
		ae = &asl.Error{Name: asl.ErrRuntime, Cause: err.Error()}
	}
	if ae.Name == asl.ErrRuntime || ae.Name == asl.ErrQueryEvaluation {
		return &asl.Error{Name: ae.Name, Cause: s.errorPrefix() + ae.Cause}
	}
	return ae
}

func (s *stateRun) errorPrefix() string {
	return fmt.Sprintf("An error occurred while executing the state '%s' (entered at the event id #%d). ", s.st.Name, s.entered.ID)
}

func (s *stateRun) runtimef(format string, args ...any) *asl.Error {
	return &asl.Error{Name: asl.ErrRuntime, Cause: s.errorPrefix() + fmt.Sprintf(format, args...)}
}

// exit ends the state with output: checks the payload limit, commits the
// assigned variables and records the exited event.
func (s *stateRun) exit(out any, next string, assigned map[string]any) (any, string, *asl.Error) {
	if !s.th.sized(out) && history.Size(out) > maxPayload {
		return nil, "", &asl.Error{Name: asl.ErrDataLimitExceeded, Cause: fmt.Sprintf(
			"The state/task '%s' returned a result with a size exceeding the maximum number of bytes service limit.", s.st.Name)}
	}
	details := history.StateExited{Name: s.st.Name, Output: history.Payload{V: out}}
	if len(assigned) > 0 {
		s.th.vars.set(assigned)
		details.AssignedVariables = make(map[string]string, len(assigned))
		for k, v := range assigned {
			details.AssignedVariables[k] = jsonText(v)
		}
	}
	s.th.emit(eventType(s.st.Type, "StateExited"), details)
	s.th.checked = out
	return out, next, nil
}

// assign evaluates an Assign block against value ($ in JSONPath mode).
func (s *stateRun) assign(block any, value any) (map[string]any, *asl.Error) {
	if block == nil {
		return nil, nil
	}
	v, err := asl.EvalTemplate(block, value, s.env())
	if err != nil {
		return nil, s.failure(err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, s.runtimef("Assign must evaluate to an object")
	}
	return m, nil
}

func (s *stateRun) inputPath() (any, *asl.Error) {
	if s.jsonata {
		return s.input, nil
	}
	v, err := asl.ApplyInputPath(s.st.InputPath, s.input, s.env())
	if err != nil {
		return nil, s.failure(err)
	}
	return v, nil
}

// finish applies ResultSelector, Assign, ResultPath and OutputPath to a
// Task, Parallel or Map result and exits the state.
func (s *stateRun) finish(result any) (any, string, *asl.Error) {
	if s.jsonata {
		return s.finishJ(result)
	}
	env := s.env()
	var err error
	if s.st.ResultSelector != nil {
		if result, err = asl.EvalTemplate(s.st.ResultSelector, result, env); err != nil {
			return nil, "", s.failure(err)
		}
	}
	assigned, ferr := s.assign(s.st.Assign, result)
	if ferr != nil {
		return nil, "", ferr
	}
	out, err := asl.ApplyResultPath(s.st.ResultPath, s.input, result)
	if err != nil {
		return nil, "", s.failure(err)
	}
	if out, err = asl.ApplyOutputPath(s.st.OutputPath, out, env); err != nil {
		return nil, "", s.failure(err)
	}
	return s.exit(out, s.st.Next, assigned)
}

// catch applies the first Catcher matching ferr; ok is false when none does.
func (s *stateRun) catch(ferr *asl.Error) (out any, next string, err *asl.Error, ok bool) {
	i := asl.MatchCatcher(s.st.Catch, ferr.Name)
	if i < 0 || ferr == errAborted {
		return nil, "", ferr, false
	}
	c := s.st.Catch[i]
	errOut := map[string]any{"Error": ferr.Name, "Cause": ferr.Cause}
	if s.jsonata {
		out, next, err = s.catchJ(c, errOut)
		return out, next, err, true
	}
	assigned, aerr := s.assign(c.Assign, errOut)
	if aerr != nil {
		return nil, "", aerr, true
	}
	res, rerr := asl.ApplyResultPath(c.ResultPath, s.input, errOut)
	if rerr != nil {
		return nil, "", s.failure(rerr), true
	}
	out, next, err = s.exit(res, c.Next, assigned)
	return out, next, err, true
}

// retrying runs attempt until it succeeds, or fails with an error no
// Retrier matches or whose Retrier is exhausted, waiting between attempts.
func (s *stateRun) retrying(attempt func() (any, *asl.Error)) (any, *asl.Error) {
	counts := make([]int, len(s.st.Retry))
	for {
		res, err := attempt()
		if err == nil || err == errAborted {
			return res, err
		}
		if s.th.ctx.Err() != nil {
			return nil, errAborted
		}
		i := asl.MatchRetrier(s.st.Retry, err.Name)
		if i < 0 || counts[i] >= maxAttempts(s.st.Retry[i]) {
			return nil, err
		}
		delay := asl.RetryDelay(s.st.Retry[i], counts[i], s.jitter())
		counts[i]++
		s.retries++
		if s.th.sleepUntil(s.th.lastTime.Add(delay)) != nil {
			return nil, errAborted
		}
	}
}

func maxAttempts(r *asl.Retrier) int {
	if r.MaxAttempts == nil {
		return 3
	}
	return int(*r.MaxAttempts)
}

// jitter returns a random source seeded by the failure event, so a resumed
// run computes the same backoff as the run that recorded the failure.
func (s *stateRun) jitter() func() float64 {
	h := fnv.New64a()
	h.Write([]byte(s.th.r.x.Arn))
	rng := rand.New(rand.NewPCG(h.Sum64(), uint64(s.th.prev)))
	return rng.Float64
}
