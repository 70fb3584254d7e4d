package local

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambda/messages"
)

// Handlers is an Invoker of in-process Go Lambda handlers registered by
// function name. Each is called through aws-lambda-go's handler adapter
// (lambda.NewHandler(fn).Invoke), the code path a deployed Lambda uses, so
// JSON decoding and error naming are the same: a returned error becomes a
// FunctionError whose Type is the error's Go type name (without pointer),
// the name Retry and Catch match.
type Handlers struct {
	mu sync.RWMutex
	m  map[string]lambda.Handler
}

// NewHandlers returns an empty registry.
func NewHandlers() *Handlers { return &Handlers{m: map[string]lambda.Handler{}} }

// Register adds fn under the function name (a plain name such as "work";
// tasks may refer to it by name or by any function ARN ending in it). fn
// must have one of the signatures lambda.Start accepts, which Register
// checks at once: it panics on a wrong one, a programming error.
func (h *Handlers) Register(name string, fn any) *Handlers {
	if err := checkHandler(fn); err != nil {
		panic(fmt.Sprintf("local: handler %q: %v", name, err))
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.m[name] = lambda.NewHandler(fn)
	return h
}

// Invoke implements Invoker for Lambda function ARNs and names; other
// resources are ErrNotHandled.
func (h *Handlers) Invoke(ctx context.Context, resource string, input []byte, meta InvokeMeta) ([]byte, error) {
	h.mu.RLock()
	handler, ok := h.m[FunctionName(resource)]
	h.mu.RUnlock()
	if !ok {
		return nil, ErrNotHandled
	}
	out, err := invokeSafely(ctx, handler, input)
	if err != nil {
		return nil, functionError(err)
	}
	// The adapter's result is its pooled output buffer, which the next
	// invocation (maybe a concurrent one) overwrites: copy it.
	return bytes.Clone(out), nil
}

func invokeSafely(ctx context.Context, h lambda.Handler, input []byte) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &FunctionError{Type: "Runtime.Panic", Message: fmt.Sprint(p)}
		}
	}()
	return h.Invoke(ctx, input)
}

// functionError names err as the Lambda runtime does.
func functionError(err error) *FunctionError {
	var fe *FunctionError
	if errors.As(err, &fe) {
		return fe
	}
	var ie messages.InvokeResponse_Error
	if errors.As(err, &ie) {
		return &FunctionError{Type: ie.Type, Message: ie.Message}
	}
	t := reflect.TypeOf(err)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return &FunctionError{Type: t.Name(), Message: err.Error()}
}

var (
	contextType = reflect.TypeFor[context.Context]()
	errorType   = reflect.TypeFor[error]()
)

// checkHandler applies aws-lambda-go's rules to a handler: a lambda.Handler,
// or a func ([context.Context,] [TIn]) ([TOut,] [error]).
func checkHandler(fn any) error {
	if _, ok := fn.(lambda.Handler); ok {
		return nil
	}
	t := reflect.TypeOf(fn)
	if t == nil || t.Kind() != reflect.Func {
		return fmt.Errorf("handler kind %v is not func", reflect.ValueOf(fn).Kind())
	}
	switch {
	case t.NumIn() > 2:
		return fmt.Errorf("handlers may not take more than two arguments, but handler takes %d", t.NumIn())
	case t.NumIn() == 2 && !t.In(0).Implements(contextType):
		return fmt.Errorf("handler takes two arguments, but the first is not Context. got %v", t.In(0))
	case t.NumOut() > 2:
		return fmt.Errorf("handler may not return more than two values")
	case t.NumOut() == 2 && !t.Out(1).Implements(errorType):
		return fmt.Errorf("handler returns two values, but the second does not implement error")
	case t.NumOut() == 1 && !t.Out(0).Implements(errorType):
		return fmt.Errorf("handler returns a single value, but it does not implement error")
	}
	return nil
}
