package jsonata_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/baton-run/baton/statemachines/jsonata"
)

// Compile once, evaluate many times (concurrently if need be).
func Example() {
	expr, err := jsonata.Compile(`$sum(order.items.(price * qty))`)
	if err != nil {
		panic(err)
	}
	input := map[string]any{"order": map[string]any{"items": []any{
		map[string]any{"price": 2.5, "qty": 4.0},
		map[string]any{"price": 10.0, "qty": 1.0},
	}}}
	total, err := expr.Eval(input, nil)
	fmt.Println(total, err)
	// Output: 20 <nil>
}

// Undefined (no value) is distinct from nil (JSON null).
func ExampleUndefined() {
	expr, _ := jsonata.Compile(`missing`)
	v, _ := expr.Eval(map[string]any{"present": nil}, nil)
	fmt.Println(v == jsonata.Undefined)
	expr, _ = jsonata.Compile(`present`)
	v, _ = expr.Eval(map[string]any{"present": nil}, nil)
	fmt.Println(v == nil)
	// Output:
	// true
	// true
}

// Errors carry jsonata-js's codes.
func ExampleError() {
	expr, _ := jsonata.Compile(`"a" + 1`)
	_, err := expr.Eval(nil, nil)
	var je *jsonata.Error
	if errors.As(err, &je) {
		fmt.Println(je.Code, je.Token)
	}
	// Output: T2001 +
}

// Bindings provide variables and custom functions.
func ExampleFunction() {
	shout := &jsonata.Function{Signature: "<s:s>", Fn: func(args []any) (any, error) {
		return strings.ToUpper(args[0].(string)) + "!", nil
	}}
	expr, _ := jsonata.Compile(`$shout($greeting)`)
	v, err := expr.Eval(nil, map[string]any{"greeting": "hello", "shout": shout})
	fmt.Println(v, err)
	// Output: HELLO! <nil>
}
