package teststate

import (
	asl "github.com/baton-run/baton/statemachines"
)

// runJSONata runs a JSONata state: Arguments → task → Output, with $states.
func (t *tester) runJSONata() outcome {
	switch t.st.Type {
	case asl.TypeFail:
		return t.failJ()
	case asl.TypeChoice:
		return t.choiceJ()
	case asl.TypeTask:
		return t.taskJ()
	case asl.TypeMap:
		return t.mapJ()
	case asl.TypeParallel:
		return t.resultJ(t.mockResult())
	}
	return t.outputJ(t.st.Output, t.states(), t.input, t.st.Next)
}

// outputJ evaluates an Output template (def when absent) and the state's
// Assign, and checks the payload size.
func (t *tester) outputJ(tmpl any, states map[string]any, def any, next string) outcome {
	out := def
	if tmpl != nil {
		v, err := asl.EvalJSONataField("Output", tmpl, states, t.vars)
		if err != nil {
			return outcome{err: asError(err)}
		}
		out = v
	}
	if t.st.Assign != nil {
		if _, err := asl.EvalJSONataField("Assign", t.st.Assign, states, t.vars); err != nil {
			return outcome{err: asError(err)}
		}
	}
	if err := asl.CheckPayloadSize(out); err != nil {
		return outcome{err: asError(err)}
	}
	return outcome{out: out, next: next}
}

func (t *tester) failJ() outcome {
	vals := [2]string{t.st.Error, t.st.Cause}
	for i, field := range []string{"Error", "Cause"} {
		if _, isExpr := asl.JSONataExpression(vals[i]); !isExpr {
			continue
		}
		v, err := asl.EvalJSONataField(field, vals[i], t.states(), t.vars)
		if err != nil {
			return outcome{err: asError(err)}
		}
		vals[i], _ = v.(string)
	}
	return outcome{err: &asl.Error{Name: vals[0], Cause: vals[1]}}
}

func (t *tester) choiceJ() outcome {
	states := t.states()
	for _, rule := range t.st.Choices {
		v, err := asl.EvalJSONataField("Condition", rule.Condition, states, t.vars)
		if err != nil {
			return outcome{err: asError(err)}
		}
		if ok, _ := v.(bool); ok {
			tmpl := rule.Output
			if tmpl == nil {
				tmpl = t.st.Output
			}
			return t.outputJ(tmpl, states, t.input, rule.Next)
		}
	}
	if t.st.Default == "" {
		return outcome{err: &asl.Error{Name: asl.ErrNoChoiceMatched, Cause: "No Matches!"}}
	}
	return t.outputJ(t.st.Output, states, t.input, t.st.Default)
}

func (t *tester) taskJ() outcome {
	args := t.input
	if t.st.Arguments != nil {
		v, err := asl.EvalJSONataField("Arguments", t.st.Arguments, t.states(), t.vars)
		if err != nil {
			return outcome{err: asError(err)}
		}
		args = v
		t.inspect.AfterArguments = jsonText(v)
	}
	res, ferr := t.task(args)
	if ferr != nil {
		return outcome{err: ferr}
	}
	return t.resultJ(res, nil)
}

// resultJ ends a state that produced result: Output sees $states.result.
func (t *tester) resultJ(result any, ferr *asl.Error) outcome {
	if ferr != nil {
		return outcome{err: ferr}
	}
	return t.outputJ(t.st.Output, t.states("result", result), result, t.st.Next)
}

func (t *tester) mockResult() (any, *asl.Error) {
	if t.mock == nil {
		return nil, asl.Errorf(asl.ErrRuntime, "baton's TestState needs a mock for %s states", t.st.Type)
	}
	return t.mock.result, t.mock.err
}

func (t *tester) mapJ() outcome {
	items := t.input
	if t.st.Items != nil {
		v, err := asl.EvalJSONataField("Items", t.st.Items, t.states(), t.vars)
		if err != nil {
			return outcome{err: asError(err)}
		}
		items = v
	}
	arr, ok := items.([]any)
	if !ok && t.st.ItemReader == nil {
		return outcome{err: asl.Errorf(asl.ErrQueryEvaluation, "The Items field must evaluate to a JSON array")}
	}
	if ferr := t.checkMap(len(arr)); ferr != nil {
		return outcome{err: ferr}
	}
	return t.resultJ(t.mockResult())
}
