package statemachines

import (
	"errors"

	"github.com/baton-run/baton/statemachines/intrinsic"
	"github.com/baton-run/baton/statemachines/jsonpath"
)

// The JSONPath-mode semantics (this file, template.go, resultpath.go,
// choice.go, retry.go, payload.go, timestamp.go) treat their arguments as
// immutable: they never modify the input, the result or the template, and
// their results may share structure with their arguments, so a caller that
// wants to modify a result copies it first. They are safe for concurrent
// use; compiled paths and intrinsic calls are cached by their text.
//
// Errors are *Error with AWS's names and the part of AWS's cause these
// functions know; for a state's runtime errors the engine prefixes the
// cause with "An error occurred while executing the state 'S' (entered at
// the event id #N). ", as AWS does.

// EvalPath evaluates a JSONPath: "$..." against input, "$$..." against the
// context object and "$name..." against a variable. A definite path yields
// its node; an indefinite one (wildcards, slices, filters, deep scan) a
// []any. A path that selects nothing is a States.Runtime error with AWS's
// cause, e.g. "Invalid path '$.a' : No results for path: $['a']".
func EvalPath(path string, input any, env Env) (any, error) {
	v, err := evalPath(path, input, env)
	if err != nil {
		return nil, Errorf(ErrRuntime, "Invalid path '%s' : %s", path, pathCause(err))
	}
	return v, nil
}

// EvalPathField is EvalPath for a path written in a named field (such as
// "CausePath", "ItemsPath" or "key.$"), with the cause AWS gives then:
// "The JSONPath '$.x' specified for the field 'CausePath' could not be
// found in the input '{...}'". The input quoted is the path's root value.
func EvalPathField(field, path string, input any, env Env) (any, error) {
	p, doc, err := compileAndRoot(path, input, env)
	if err != nil {
		return nil, Errorf(ErrRuntime, "Invalid path '%s' : %s", path, pathCause(err))
	}
	v, err := p.Get(doc)
	if err != nil {
		return nil, fieldNotFound(field, path, doc)
	}
	return v, nil
}

func fieldNotFound(field, path string, doc any) *Error {
	return Errorf(ErrRuntime, "The JSONPath '%s' specified for the field '%s' could not be found in the input '%s'",
		path, field, intrinsic.Text(doc))
}

func evalPath(path string, input any, env Env) (any, error) {
	if path == "$" {
		return input, nil
	}
	p, doc, err := compileAndRoot(path, input, env)
	if err != nil {
		return nil, err
	}
	return p.Get(doc)
}

// compileAndRoot compiles path and picks the value it is evaluated on.
func compileAndRoot(path string, input any, env Env) (*jsonpath.Path, any, error) {
	p, err := jsonpath.Compile(path)
	if err != nil {
		return nil, nil, err
	}
	doc, err := rootValue(p, input, env)
	return p, doc, err
}

func rootValue(p *jsonpath.Path, input any, env Env) (any, error) {
	switch p.Root() {
	case jsonpath.RootContext:
		return env.Context, nil
	case jsonpath.RootVariable:
		if env.Vars != nil {
			if v, ok := env.Vars.Lookup(p.Var()); ok {
				return v, nil
			}
		}
		return nil, &jsonpath.NotFoundError{Path: p.String(), Msg: "The variable '" + p.Var() + "' is not defined"}
	}
	return input, nil
}

// pathCause is the text of a path error: Jayway's message for a path that
// selects nothing, the syntax error otherwise.
func pathCause(err error) string {
	var nf *jsonpath.NotFoundError
	if errors.As(err, &nf) {
		return nf.Msg
	}
	return err.Error()
}

// ApplyInputPath selects a state's effective input: the whole input when
// InputPath is absent, {} when it is null, else the path's value.
func ApplyInputPath(p OptPath, input any, env Env) (any, error) {
	return applySelectPath(p, input, env)
}

// ApplyOutputPath selects a state's output like ApplyInputPath.
func ApplyOutputPath(p OptPath, v any, env Env) (any, error) {
	return applySelectPath(p, v, env)
}

func applySelectPath(p OptPath, v any, env Env) (any, error) {
	switch {
	case !p.Set:
		return v, nil
	case p.Null:
		return map[string]any{}, nil
	case p.Path == "$":
		return v, nil
	}
	return EvalPath(p.Path, v, env)
}
