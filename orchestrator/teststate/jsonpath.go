package teststate

import (
	asl "github.com/baton-run/baton/statemachines"
)

// runJSONPath runs a JSONPath state: InputPath → Parameters → task →
// ResultSelector → ResultPath → OutputPath, recording each step.
func (t *tester) runJSONPath() outcome {
	st := t.st
	switch st.Type {
	case asl.TypeFail:
		return t.failP()
	case asl.TypePass:
		if st.HasResult {
			return t.finishP(st.Result, false)
		}
	case asl.TypeParallel:
		return t.bodyP()
	}
	eff, err := asl.ApplyInputPath(st.InputPath, t.input, t.env())
	if err != nil {
		return outcome{err: asError(err)}
	}
	t.inspect.AfterInputPath = jsonText(eff)
	switch st.Type {
	case asl.TypeChoice:
		return t.choiceP(eff)
	case asl.TypeSucceed, asl.TypeWait:
		return t.outputP(eff)
	case asl.TypeMap:
		return t.mapP(eff)
	}
	if st.Parameters != nil {
		if eff, err = asl.EvalTemplate(st.Parameters, eff, t.env()); err != nil {
			return outcome{err: asError(err)}
		}
	}
	t.inspect.AfterParameters = jsonText(eff)
	if st.Type == asl.TypePass {
		return t.finishP(eff, false)
	}
	res, ferr := t.task(eff)
	if ferr != nil {
		return outcome{err: ferr}
	}
	return t.finishP(res, true)
}

// finishP applies ResultSelector, ResultPath and OutputPath to result.
func (t *tester) finishP(result any, showResult bool) outcome {
	st := t.st
	if showResult || st.HasResult {
		t.inspect.Result = jsonText(result)
	}
	if st.ResultSelector != nil {
		v, err := asl.EvalTemplate(st.ResultSelector, result, t.env())
		if err != nil {
			return outcome{err: asError(err)}
		}
		result = v
	}
	t.inspect.AfterResultSelector = jsonText(result)
	merged, err := asl.ApplyResultPath(st.ResultPath, t.input, result)
	if err != nil {
		return outcome{err: asError(err)}
	}
	t.inspect.AfterResultPath = jsonText(merged)
	return t.outputP(merged)
}

func (t *tester) outputP(v any) outcome {
	out, err := asl.ApplyOutputPath(t.st.OutputPath, v, t.env())
	if err != nil {
		return outcome{err: asError(err)}
	}
	if err := asl.CheckPayloadSize(out); err != nil {
		return outcome{err: asError(err)}
	}
	return outcome{out: out, next: t.st.Next}
}

func (t *tester) choiceP(eff any) outcome {
	for _, rule := range t.st.Choices {
		ok, err := asl.EvalChoiceRule(rule, eff, t.env())
		if err != nil {
			return outcome{err: asError(err)}
		}
		if ok {
			o := t.outputP(eff)
			o.next = rule.Next
			return o
		}
	}
	if t.st.Default == "" {
		return outcome{err: &asl.Error{Name: asl.ErrNoChoiceMatched, Cause: "No Matches!"}}
	}
	o := t.outputP(eff)
	o.next = t.st.Default
	return o
}

func (t *tester) failP() outcome {
	name, cause := t.st.Error, t.st.Cause
	var err error
	if t.st.ErrorPath != "" {
		if name, err = t.stringAt("ErrorPath", t.st.ErrorPath); err != nil {
			return outcome{err: asError(err)}
		}
	}
	if t.st.CausePath != "" {
		if cause, err = t.stringAt("CausePath", t.st.CausePath); err != nil {
			return outcome{err: asError(err)}
		}
	}
	return outcome{err: &asl.Error{Name: name, Cause: cause}}
}

func (t *tester) stringAt(field, path string) (string, error) {
	v, err := asl.EvalBinding(field, path, t.input, t.env())
	if err != nil {
		return "", err
	}
	s, _ := v.(string)
	return s, nil
}

// mapP resolves the items (so path errors surface) and takes the mocked
// result for the iterations.
func (t *tester) mapP(eff any) outcome {
	items := eff
	if t.st.ItemsPath.Set && !t.st.ItemsPath.Null {
		v, err := asl.EvalPath(t.st.ItemsPath.Path, eff, t.env())
		if err != nil {
			return outcome{err: asError(err)}
		}
		items = v
	}
	arr, ok := items.([]any)
	if !ok {
		return outcome{err: asl.Errorf(asl.ErrRuntime, "Reference path %q must point to array.", referencePath(t.st.ItemsPath.Path))}
	}
	if ferr := t.checkMap(len(arr)); ferr != nil {
		return outcome{err: ferr}
	}
	return t.bodyResultP()
}

// referencePath words a Map ItemsPath as AWS's error does: a context path
// "$$.x" is shown as "$.x".
func referencePath(p string) string {
	if len(p) > 2 && p[:2] == "$$" {
		return p[1:]
	}
	if p == "" {
		return "$"
	}
	return p
}

// bodyP is a Parallel state: its branches are the mock.
func (t *tester) bodyP() outcome { return t.bodyResultP() }

func (t *tester) bodyResultP() outcome {
	if t.mock == nil {
		return outcome{err: asl.Errorf(asl.ErrRuntime, "baton's TestState needs a mock for %s states", t.st.Type)}
	}
	if t.mock.err != nil {
		return outcome{err: t.mock.err}
	}
	return t.finishP(t.mock.result, false)
}

// mapLimits are a Map's concurrency and tolerated failure thresholds, with
// JSONata expressions evaluated.
type mapLimits struct {
	maxConcurrency int
	count          *int64
	percent        *float64
}

func (t *tester) mapLimits() (mapLimits, *asl.Error) {
	var l mapLimits
	st := t.st
	mc, err := t.number("MaxConcurrency", st.MaxConcurrency.Expr, intPtr(st.MaxConcurrency.Value))
	if err != nil {
		return l, err
	}
	count, err := t.number("ToleratedFailureCount", st.ToleratedFailureCount.Expr, intPtr(st.ToleratedFailureCount.Value))
	if err != nil {
		return l, err
	}
	l.percent, err = t.number("ToleratedFailurePercentage", st.ToleratedFailurePercentage.Expr, st.ToleratedFailurePercentage.Value)
	if mc != nil {
		l.maxConcurrency = int(*mc)
	}
	if count != nil {
		n := int64(*count)
		l.count = &n
	}
	return l, err
}

func intPtr(v *int64) *float64 {
	if v == nil {
		return nil
	}
	f := float64(*v)
	return &f
}

// number is a numeric field's value: its literal, or its JSONata
// expression evaluated.
func (t *tester) number(field, expr string, literal *float64) (*float64, *asl.Error) {
	if expr == "" {
		return literal, nil
	}
	v, err := asl.EvalJSONataField(field, expr, t.states(), t.vars)
	if err != nil {
		return nil, asError(err)
	}
	f, ok := v.(float64)
	if !ok {
		return nil, asl.Errorf(asl.ErrQueryEvaluation, "The %s field must evaluate to a number", field)
	}
	return &f, nil
}

// checkMap records the Map's limits and applies the configured iteration
// failures to them.
func (t *tester) checkMap(items int) *asl.Error {
	l, err := t.mapLimits()
	if err != nil {
		return err
	}
	if lvl := t.req.InspectionLevel; lvl == "DEBUG" || lvl == "TRACE" {
		mc := l.maxConcurrency
		t.inspect.MaxConcurrency = &mc
		if l.count != nil {
			n := int(*l.count)
			t.inspect.ToleratedFailureCount = &n
		}
		t.inspect.ToleratedFailurePercentage = l.percent
	}
	return t.mapFailures(l.count, l.percent, items)
}
