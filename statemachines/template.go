package statemachines

import (
	"errors"
	"strings"

	"github.com/baton-run/baton/statemachines/intrinsic"
	"github.com/baton-run/baton/statemachines/jsonpath"
)

// EvalTemplate evaluates a JSONPath-mode payload template (Parameters,
// ResultSelector, ItemSelector, Assign): in every object, at any depth
// (arrays included), a key "k.$" is replaced by "k" bound to the value of
// its string, which is a path ($, $$ or $variable) or an intrinsic function
// call; other values are copied as they are. Failures: a path that selects
// nothing is States.Runtime ("The JSONPath '$.x' specified for the field
// 'k.$' could not be found in the input '{...}'"), an intrinsic failure
// States.IntrinsicFailure.
func EvalTemplate(tmpl any, input any, env Env) (any, error) {
	switch t := tmpl.(type) {
	case map[string]any:
		return evalObject(t, input, env)
	case []any:
		out := make([]any, len(t))
		for i, item := range t {
			v, err := EvalTemplate(item, input, env)
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}
	return tmpl, nil
}

func evalObject(t map[string]any, input any, env Env) (any, error) {
	out := make(map[string]any, len(t))
	for k, v := range t {
		var err error
		if name, ok := strings.CutSuffix(k, ".$"); ok {
			out[name], err = EvalBinding(k, v, input, env)
		} else {
			out[k], err = EvalTemplate(v, input, env)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// EvalBinding evaluates the value of a field that holds a path or an
// intrinsic function call: a "k.$" template field, or a Fail state's
// ErrorPath and CausePath. Errors name field as AWS does.
func EvalBinding(field string, v any, input any, env Env) (any, error) {
	s, ok := v.(string)
	if !ok {
		return nil, Errorf(ErrRuntime, "The value of the field '%s' must be a path or an intrinsic function, not %s", field, intrinsic.Text(v))
	}
	if intrinsic.IsCall(s) {
		return evalIntrinsic(field, s, input, env)
	}
	return EvalPathField(field, s, input, env)
}

func evalIntrinsic(field, src string, input any, env Env) (any, error) {
	call, err := intrinsic.Parse(src)
	if err != nil {
		return nil, intrinsicError(err)
	}
	v, err := call.Eval(func(p *jsonpath.Path) (any, error) {
		doc, err := rootValue(p, input, env)
		if err == nil {
			var v any
			if v, err = p.Get(doc); err == nil {
				return v, nil
			}
		}
		return nil, fieldNotFound(field, p.String(), doc)
	})
	if err != nil {
		return nil, intrinsicError(err)
	}
	return v, nil
}

func intrinsicError(err error) error {
	var ie *intrinsic.Error
	if errors.As(err, &ie) {
		return &Error{Name: ErrIntrinsicFailure, Cause: ie.Cause}
	}
	return err
}
