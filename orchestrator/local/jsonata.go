package local

import (
	"fmt"

	asl "github.com/baton-run/baton/statemachines"
)

// This file holds the JSONata query language's side of the states: no
// InputPath/Parameters/ResultSelector/ResultPath/OutputPath; Arguments,
// Output and Assign are evaluated with $states (input, context, result,
// errorOutput) and the variables.

// states returns $states for the state's fields; extra adds result or
// errorOutput.
func (s *stateRun) states(extra ...any) map[string]any {
	m := map[string]any{"input": s.input, "context": s.contextObject()}
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i].(string)] = extra[i+1]
	}
	return m
}

// evalJ evaluates a JSONata field of the state.
func (s *stateRun) evalJ(field string, tmpl any, states map[string]any) (any, *asl.Error) {
	v, err := asl.EvalJSONataField(field, tmpl, states, s.th.vars)
	if err != nil {
		return nil, s.failure(err)
	}
	return v, nil
}

// outputJ evaluates Output (def when absent) and Assign against states.
func (s *stateRun) outputJ(output, assign any, states map[string]any, def any) (any, map[string]any, *asl.Error) {
	out := def
	if output != nil {
		v, ferr := s.evalJ("Output", output, states)
		if ferr != nil {
			return nil, nil, ferr
		}
		out = v
	}
	if assign == nil {
		return out, nil, nil
	}
	v, ferr := s.evalJ("Assign", assign, states)
	if ferr != nil {
		return nil, nil, ferr
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, nil, s.queryErrorf("The Assign field must evaluate to an object")
	}
	return out, m, nil
}

func (s *stateRun) queryErrorf(format string, args ...any) *asl.Error {
	return &asl.Error{Name: asl.ErrQueryEvaluation, Cause: s.errorPrefix() + fmt.Sprintf(format, args...)}
}

// exitJ ends a Pass, Wait or Succeed state in JSONata mode (Output
// defaults to the input).
func (s *stateRun) exitJ(next string) (any, string, *asl.Error) {
	out, assigned, ferr := s.outputJ(s.st.Output, s.st.Assign, s.states(), s.input)
	if ferr != nil {
		return nil, "", ferr
	}
	return s.exit(out, next, assigned)
}

// choiceJ is a JSONata Choice: the first rule whose Condition is true.
func (s *stateRun) choiceJ() (any, string, *asl.Error) {
	states := s.states()
	for _, rule := range s.st.Choices {
		v, ferr := s.evalJ("Condition", rule.Condition, states)
		if ferr != nil {
			return nil, "", ferr
		}
		ok, isBool := v.(bool)
		if !isBool {
			return nil, "", s.queryErrorf("The Condition field must evaluate to a boolean, got: %s", jsonText(v))
		}
		if ok {
			return s.choiceExitJ(rule.Output, rule.Assign, rule.Next, states)
		}
	}
	if s.st.Default == "" {
		return nil, "", &asl.Error{Name: asl.ErrNoChoiceMatched, Cause: "No Matches!"}
	}
	return s.choiceExitJ(s.st.Output, s.st.Assign, s.st.Default, states)
}

func (s *stateRun) choiceExitJ(output, assign any, next string, states map[string]any) (any, string, *asl.Error) {
	out, assigned, ferr := s.outputJ(output, assign, states, s.input)
	if ferr != nil {
		return nil, "", ferr
	}
	return s.exit(out, next, assigned)
}

// finishJ ends a Task, Parallel or Map with its result.
func (s *stateRun) finishJ(result any) (any, string, *asl.Error) {
	out, assigned, ferr := s.outputJ(s.st.Output, s.st.Assign, s.states("result", result), result)
	if ferr != nil {
		return nil, "", ferr
	}
	return s.exit(out, s.st.Next, assigned)
}

// catchJ applies a Catcher in JSONata mode.
func (s *stateRun) catchJ(c *asl.Catcher, errOut map[string]any) (any, string, *asl.Error) {
	out, assigned, ferr := s.outputJ(c.Output, c.Assign, s.states("errorOutput", errOut), errOut)
	if ferr != nil {
		return nil, "", ferr
	}
	return s.exit(out, c.Next, assigned)
}

// stringJ evaluates a string field that may be a JSONata expression.
func (s *stateRun) stringJ(field, v string) (string, *asl.Error) {
	if _, ok := asl.JSONataExpression(v); !ok {
		return v, nil
	}
	r, ferr := s.evalJ(field, v, s.states())
	if ferr != nil {
		return "", ferr
	}
	if str, ok := r.(string); ok {
		return str, nil
	}
	return jsonText(r), nil
}

// numberJ evaluates an integer field given as a JSONata expression.
func (s *stateRun) numberJ(field, expr string) (int64, *asl.Error) {
	v, ferr := s.evalJ(field, expr, s.states())
	if ferr != nil {
		return 0, ferr
	}
	n, ok := wholeNumber(v)
	if !ok {
		return 0, s.queryErrorf("The %s field must evaluate to an integer, got: %s", field, jsonText(v))
	}
	return n, nil
}

// lang is the state's query language, which its branches inherit.
func (s *stateRun) lang() asl.QueryLanguage {
	if s.jsonata {
		return asl.JSONata
	}
	return asl.JSONPath
}

// typeName names a JSON value's type as AWS's JSONata errors do.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	}
	return "object"
}
