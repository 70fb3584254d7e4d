package teststate

import (
	"errors"
	"time"

	asl "github.com/baton-run/baton/statemachines"
)

// outcome is what the state did: an output and a next state, or an error.
type outcome struct {
	out  any
	next string
	err  *asl.Error
}

func (t *tester) run() *Response {
	t.inspect = &Inspection{Input: jsonText(t.input)}
	if t.req.Variables != "" {
		t.inspect.Variables = jsonText(map[string]any(t.vars))
	}
	var o outcome
	if t.jsonata {
		o = t.runJSONata()
	} else {
		o = t.runJSONPath()
	}
	resp := t.respond(o)
	if level := t.req.InspectionLevel; level == "DEBUG" || level == "TRACE" {
		resp.InspectionData = t.inspect
	}
	return resp
}

// respond turns an outcome into the response, applying Retry and Catch.
func (t *tester) respond(o outcome) *Response {
	if o.err == nil {
		return &Response{Status: StatusSucceeded, Output: jsonText(o.out), NextState: o.next}
	}
	resp := &Response{Status: StatusFailed, Error: o.err.Name, Cause: o.err.Cause}
	if i, delay, ok := t.retriable(o.err); ok {
		resp.Status = StatusRetriable
		t.inspect.ErrorDetails = &ErrorDetails{RetryIndex: &i, RetryBackoffIntervalSeconds: &delay}
		return resp
	}
	i := asl.MatchCatcher(t.st.Catch, o.err.Name)
	if i < 0 {
		return resp
	}
	out, err := t.caught(t.st.Catch[i], o.err)
	if err != nil {
		return &Response{Status: StatusFailed, Error: err.Name, Cause: err.Cause}
	}
	resp.Status, resp.NextState, resp.Output = StatusCaughtError, t.st.Catch[i].Next, jsonText(out)
	t.inspect.ErrorDetails = &ErrorDetails{CatchIndex: &i}
	return resp
}

// retriable reports the retrier that would retry err and the backoff it
// would wait before the next attempt (no jitter: the upper bound).
func (t *tester) retriable(err *asl.Error) (index, delaySeconds int, ok bool) {
	i := asl.MatchRetrier(t.st.Retry, err.Name)
	if i < 0 || int64(t.retries) >= asl.RetrierMaxAttempts(t.st.Retry[i]) {
		return 0, 0, false
	}
	d := asl.RetryDelay(t.st.Retry[i], t.retries, func() float64 { return 1 })
	return i, int((d + time.Second - 1) / time.Second), true
}

// caught is the state's output when catcher c catches err.
func (t *tester) caught(c *asl.Catcher, err *asl.Error) (any, *asl.Error) {
	errorOutput := map[string]any{"Error": err.Name, "Cause": err.Cause}
	if !t.jsonata {
		out, perr := asl.ApplyResultPath(c.ResultPath, t.input, errorOutput)
		return out, asError(perr)
	}
	states := t.states("errorOutput", errorOutput)
	out := any(errorOutput)
	if c.Output != nil {
		v, perr := asl.EvalJSONataField("Output", c.Output, states, t.vars)
		if perr != nil {
			return nil, asError(perr)
		}
		out = v
	}
	return out, nil
}

// asError converts the errors of the statemachines functions.
func asError(err error) *asl.Error {
	if err == nil {
		return nil
	}
	var e *asl.Error
	if errors.As(err, &e) {
		return e
	}
	return &asl.Error{Name: asl.ErrRuntime, Cause: err.Error()}
}

// states is $states for JSONata fields, with extra members.
func (t *tester) states(extra ...any) map[string]any {
	m := map[string]any{"input": t.input, "context": t.context}
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i].(string)] = extra[i+1]
	}
	return m
}

func (t *tester) env() asl.Env { return asl.Env{Context: t.context, Vars: t.vars} }

// mapFailures applies stateConfiguration.mapIterationFailureCount to a
// Map's tolerated failure threshold.
func (t *tester) mapFailures(count *int64, percent *float64, items int) *asl.Error {
	if t.failures == 0 || (count == nil && percent == nil) {
		return nil
	}
	exceeds := (count != nil && int64(t.failures) > *count) ||
		(percent != nil && items > 0 && float64(t.failures)*100/float64(items) > *percent)
	if !exceeds {
		return nil
	}
	return &asl.Error{Name: asl.ErrExceedToleratedFail, Cause: "The specified tolerated failure threshold was exceeded"}
}
