package intrinsic

import (
	"fmt"

	"github.com/baton-run/baton/statemachines/jsonpath"
)

// Error is an intrinsic function failure; Step Functions reports it as
// States.IntrinsicFailure with Cause.
type Error struct {
	Cause string
}

// Error formats the failure as "States.IntrinsicFailure: Cause".
func (e *Error) Error() string { return "States.IntrinsicFailure: " + e.Cause }

func failf(format string, args ...any) *Error { return &Error{Cause: fmt.Sprintf(format, args...)} }

// Resolver resolves a path argument. Its errors are returned unchanged by
// Eval (typically a States.Runtime failure for a path that does not exist).
type Resolver func(p *jsonpath.Path) (any, error)

// Eval evaluates the call, resolving path arguments with resolve.
func (c *Call) Eval(resolve Resolver) (any, error) {
	args := make([]any, len(c.Args))
	for i := range c.Args {
		v, err := c.Args[i].value(resolve)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	return c.fn.impl(c, args)
}

func (a *Arg) value(resolve Resolver) (any, error) {
	switch {
	case a.Call != nil:
		return a.Call.Eval(resolve)
	case a.Path != nil:
		return resolve(a.Path)
	}
	return a.Literal, nil
}

// function is one intrinsic: its arity (maxArgs -1: unbounded) and body.
type function struct {
	minArgs, maxArgs int
	impl             func(c *Call, args []any) (any, error)
}

var functions map[string]*function

func init() {
	functions = map[string]*function{
		"States.Format":         {1, -1, format},
		"States.StringToJson":   {1, 1, stringToJSON},
		"States.JsonToString":   {1, 1, jsonToString},
		"States.Array":          {0, -1, array},
		"States.ArrayPartition": {2, 2, arrayPartition},
		"States.ArrayContains":  {2, 2, arrayContains},
		"States.ArrayRange":     {3, 3, arrayRange},
		"States.ArrayGetItem":   {2, 2, arrayGetItem},
		"States.ArrayLength":    {1, 1, arrayLength},
		"States.ArrayUnique":    {1, 1, arrayUnique},
		"States.Base64Encode":   {1, 1, base64Encode},
		"States.Base64Decode":   {1, 1, base64Decode},
		"States.Hash":           {2, 2, hashFn},
		"States.JsonMerge":      {3, 3, jsonMerge},
		"States.MathRandom":     {2, 3, mathRandom},
		"States.MathAdd":        {2, 2, mathAdd},
		"States.StringSplit":    {2, 2, stringSplit},
		"States.UUID":           {0, 0, uuidFn},
	}
}

// Names returns the names of all intrinsic functions.
func Names() []string {
	names := make([]string, 0, len(functions))
	for n := range functions {
		names = append(names, n)
	}
	return names
}

func arityCause(name string, fn *function, got int) string {
	switch {
	case fn.maxArgs < 0:
		return fmt.Sprintf("The function %s expects at least %d argument(s) but received %d", name, fn.minArgs, got)
	case fn.minArgs == fn.maxArgs:
		return fmt.Sprintf("The function %s expects %d argument(s) but received %d", name, fn.minArgs, got)
	}
	return fmt.Sprintf("The function %s expects %d to %d arguments but received %d", name, fn.minArgs, fn.maxArgs, got)
}
