package statemachines

import (
	"github.com/baton-run/baton/statemachines/intrinsic"
	"github.com/baton-run/baton/statemachines/jsonpath"
)

// ApplyResultPath combines a state's input and its result: the result
// alone when ResultPath is absent or "$", the input alone when it is null,
// else the input with the result written at the reference path. Objects
// missing along the path are created; a step through anything that is not
// an object (or an index outside an array) is
// States.ResultPathMatchFailure (a null included). The input is not
// modified: the objects on the path are copied.
func ApplyResultPath(p OptPath, stateInput, result any) (any, error) {
	switch {
	case !p.Set:
		return result, nil
	case p.Null:
		return stateInput, nil
	}
	path, err := jsonpath.Compile(p.Path)
	if err != nil || !path.IsReference() || path.Root() != jsonpath.RootInput {
		return nil, Errorf(ErrResultPathMatch, "The ResultPath '%s' is not a valid reference path", p.Path)
	}
	return setAt(path.Steps(), stateInput, result)
}

// setAt returns a copy of node with v written at steps.
func setAt(steps []any, node, v any) (any, error) {
	if len(steps) == 0 {
		return v, nil
	}
	switch step := steps[0].(type) {
	case string:
		return setField(step, steps[1:], node, v)
	case int:
		return setIndex(step, steps[1:], node, v)
	}
	return nil, nil
}

func setField(name string, rest []any, node, v any) (any, error) {
	x, ok := node.(map[string]any)
	if !ok {
		return nil, unableToApply(name, node)
	}
	m := make(map[string]any, len(x)+1)
	for k, val := range x {
		m[k] = val
	}
	child, exists := m[name]
	if !exists && len(rest) > 0 {
		child = newContainer(rest[0])
	}
	child, err := setAt(rest, child, v)
	if err != nil {
		return nil, err
	}
	m[name] = child
	return m, nil
}

// newContainer is the empty object created for a missing step of a
// ResultPath; a missing array element is not created (the step then fails).
func newContainer(next any) any {
	if _, isName := next.(string); isName {
		return map[string]any{}
	}
	return nil
}

func setIndex(ix int, rest []any, node, v any) (any, error) {
	a, ok := node.([]any)
	if ix < 0 && ok {
		ix += len(a)
	}
	if !ok || ix < 0 || ix >= len(a) {
		return nil, unableToApply(ix, node)
	}
	child, err := setAt(rest, a[ix], v)
	if err != nil {
		return nil, err
	}
	out := append([]any(nil), a...)
	out[ix] = child
	return out, nil
}

func unableToApply(step, node any) *Error {
	return Errorf(ErrResultPathMatch, "Unable to apply step \"%v\" to input %s", step, intrinsic.Text(node))
}
