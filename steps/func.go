package steps

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
)

var (
	contextType = reflect.TypeFor[context.Context]()
	errorType   = reflect.TypeFor[error]()
)

// Func is a Task step whose handler is any function with a signature
// aws-lambda-go accepts, checked when the workflow compiles:
//
//	func()
//	func() error
//	func(In) error
//	func() (Out, error)
//	func(In) (Out, error)
//	func(context.Context) error
//	func(context.Context, In) error
//	func(context.Context) (Out, error)
//	func(context.Context, In) (Out, error)
//
// Prefer Task, whose signature the Go compiler checks; Func is for handlers
// shared with code written for lambda.Start.
func Func(name string, fn any, opts *TaskOptions) Step {
	n := &node{name: name, kind: kindTask}
	if opts == nil {
		opts = &TaskOptions{}
	}
	n.next, n.retry, n.catch, n.function = opts.Next, opts.Retry, opts.Catch, opts.Function
	h, msg := reflectHandler(fn)
	n.handler, n.err = h, msg
	return n
}

// reflectHandler checks fn's signature and wraps it.
func reflectHandler(fn any) (*handler, string) {
	v := reflect.ValueOf(fn)
	if fn == nil || v.Kind() != reflect.Func || v.IsNil() {
		return nil, fmt.Sprintf("handler is %T, not a func", fn)
	}
	t := v.Type()
	takesCtx, in, msg := handlerArgs(t)
	if msg == "" {
		msg = handlerReturns(t)
	}
	if msg != "" {
		return nil, fmt.Sprintf("handler %s: %s", t, msg)
	}
	h := &handler{fn: v, in: in, invoke: reflectInvoke(v, takesCtx, in)}
	if t.NumOut() == 2 {
		h.out = t.Out(0)
	}
	return h, ""
}

// handlerArgs checks the arguments: at most (context.Context, In).
func handlerArgs(t reflect.Type) (takesCtx bool, in reflect.Type, msg string) {
	switch {
	case t.NumIn() > 2:
		return false, nil, fmt.Sprintf("takes %d arguments; at most 2 (context.Context, In)", t.NumIn())
	case t.NumIn() == 2 && !t.In(0).Implements(contextType):
		return false, nil, fmt.Sprintf("takes 2 arguments but the first, %s, is not context.Context", t.In(0))
	case t.NumIn() == 2:
		return true, t.In(1), ""
	case t.NumIn() == 1 && t.In(0) == contextType:
		return true, nil, ""
	case t.NumIn() == 1:
		return false, t.In(0), ""
	}
	return false, nil, ""
}

// handlerReturns checks the results: nothing, error, or (Out, error).
func handlerReturns(t reflect.Type) string {
	switch {
	case t.NumOut() > 2:
		return fmt.Sprintf("returns %d values; at most 2 (Out, error)", t.NumOut())
	case t.NumOut() == 2 && t.Out(1) != errorType:
		return fmt.Sprintf("returns 2 values but the second, %s, is not error", t.Out(1))
	case t.NumOut() == 1 && t.Out(0) != errorType:
		return fmt.Sprintf("returns one value, %s, which is not error; return (%s, error)", t.Out(0), t.Out(0))
	}
	return ""
}

// reflectInvoke calls fn with decoded input and encodes its output.
func reflectInvoke(fn reflect.Value, takesCtx bool, in reflect.Type) invokeFunc {
	return func(ctx context.Context, input []byte, _ *Progress) ([]byte, error) {
		var args []reflect.Value
		if takesCtx {
			args = append(args, reflect.ValueOf(ctx))
		}
		if in != nil {
			p := reflect.New(in)
			if err := decodeInput(input, p.Interface()); err != nil {
				return nil, err
			}
			args = append(args, p.Elem())
		}
		return results(fn.Call(args))
	}
}

// results turns a handler's return values into JSON output or its error.
func results(out []reflect.Value) ([]byte, error) {
	if n := len(out); n > 0 && !out[n-1].IsNil() {
		return nil, out[n-1].Interface().(error)
	}
	if len(out) < 2 {
		return []byte("null"), nil
	}
	return json.Marshal(out[0].Interface())
}
