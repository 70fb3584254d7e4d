// Package jsonata evaluates JSONata expressions with the semantics of
// jsonata-js 2.0.6, the version AWS Step Functions uses. It passes all 1625
// cases of the JSONata 2.0.6 test suite.
//
// Values are encoding/json's: nil (JSON null), bool, float64, string, []any
// and map[string]any. JSONata's "undefined" (no value) is the Undefined
// sentinel, distinct from nil; a function-valued result is FunctionResult.
// Errors are *Error values carrying jsonata-js's error codes (S0xxx syntax,
// T0xxx-T2xxx type, D1xxx-D3xxx dynamic, U1001 for the depth and time
// guards).
//
// A compiled *Expr is immutable: any number of goroutines may call Eval on
// it concurrently. Evaluation never modifies the input; results may share
// maps and slices with it.
//
// Known limits:
//   - regular expressions use Go's RE2 syntax, so JavaScript-only features
//     (look-around, back-references) fail to compile with S0302;
//   - map[string]any inputs have no key order, so $keys, $each, wildcards and
//     $string see their keys sorted (EvalJSON keeps a document's order);
//     object results are map[string]any and lose jsonata's insertion order;
//   - strings are indexed by code point, where jsonata-js counts UTF-16
//     units in $match/$replace positions outside the Basic Multilingual Plane;
//   - recursion deeper than Options.MaxDepth (default DefaultMaxDepth
//     nested evaluations) fails with U1001 instead of exhausting the stack.
package jsonata

import (
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

// UndefinedValue is the type of Undefined.
type UndefinedValue struct{}

// Undefined is what Eval returns when the expression yields no value (for
// example a path that matches nothing). It is distinct from nil, which is
// JSON null. Pass it as input to evaluate against no input at all.
var Undefined = UndefinedValue{}

// FunctionValue is the type of FunctionResult.
type FunctionValue struct{}

// FunctionResult is what Eval returns when the expression's value is a
// function (for example "function($x){$x}"), which has no JSON form.
var FunctionResult = FunctionValue{}

// DefaultMaxDepth bounds the nesting of evaluation (recursion) when
// Options.MaxDepth is zero; beyond it evaluation fails with U1001 instead of
// exhausting the goroutine stack.
const DefaultMaxDepth = 10000

// Options tunes one evaluation.
type Options struct {
	// MaxDepth is the maximum evaluation nesting depth. Defaults to DefaultMaxDepth.
	MaxDepth int
	// TimeLimit aborts evaluation with U1001 once exceeded. Defaults to no limit.
	TimeLimit time.Duration
	// Now fixes the time $now() and $millis() report. Defaults to time.Now().
	Now time.Time
	// Vars resolves variables that neither the expression nor the bindings
	// define (before the standard library). Values are in encoding/json form.
	// Defaults to none.
	Vars func(name string) (any, bool)
	// Bindings are prepared bindings shared by many evaluations; the
	// per-call bindings map takes precedence over them. Defaults to none.
	Bindings *Bindings
}

// Bindings are variable bindings converted once for many evaluations (for
// example every expression of one state's templates). They are read-only
// during evaluation and safe for concurrent use.
type Bindings struct {
	mu     sync.Mutex
	vals   map[string]any
	lookup func(string) (any, bool)
}

// NewBindings prepares vals (names without '$'; encoding/json values or
// *Function) and an optional lookup for other names, whose results are
// converted once and cached.
func NewBindings(vals map[string]any, lookup func(name string) (any, bool)) *Bindings {
	b := &Bindings{vals: make(map[string]any, len(vals)), lookup: lookup}
	for k, v := range vals {
		b.vals[k] = bindingValue(k, v)
	}
	return b
}

func (b *Bindings) get(name string) (any, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if v, ok := b.vals[name]; ok {
		return v, true
	}
	if b.lookup == nil {
		return nil, false
	}
	raw, ok := b.lookup(name)
	if !ok {
		return nil, false
	}
	v := bindingValue(name, raw)
	b.vals[name] = v
	return v, true
}

// Function is a custom function callable from an expression under the name
// it is bound to in the bindings map (without the '$').
type Function struct {
	// Signature is an optional JSONata signature (e.g. "<s-n?:s>") that
	// arguments are validated against, as for built-in functions.
	Signature string
	// Fn receives the arguments in encoding/json form (Undefined for a
	// missing one) and returns a result in the same form (Undefined for no
	// value). An *Error it returns is passed through unchanged.
	Fn func(args []any) (any, error)

	once sync.Once
	sig  *signature
}

// Expr is a compiled JSONata expression.
type Expr struct {
	src  string
	root *node
}

// Compile parses expr. Syntax errors are *Error with an S0xxx code.
func Compile(expr string) (*Expr, error) {
	root, err := parse(expr)
	if err != nil {
		return nil, err
	}
	return &Expr{src: expr, root: root}, nil
}

// String returns the source of the expression.
func (e *Expr) String() string { return e.src }

// Eval evaluates the expression against input with the given variable
// bindings (names without '$'; values in encoding/json form or *Function).
func (e *Expr) Eval(input any, bindings map[string]any) (any, error) {
	return e.EvalWith(input, bindings, Options{})
}

// EvalJSON is Eval on a JSON document, keeping its object key order (which
// $keys, $each, wildcards and object output observe).
func (e *Expr) EvalJSON(input []byte, bindings map[string]any, opts Options) (any, error) {
	v, err := decodeOrdered(input)
	if err != nil {
		return nil, err
	}
	return e.run(v, bindings, opts)
}

// EvalWith is Eval with explicit options.
func (e *Expr) EvalWith(input any, bindings map[string]any, opts Options) (any, error) {
	var in any
	if input != Undefined {
		in = fromJSON(input)
	}
	return e.run(in, bindings, opts)
}

func (e *Expr) run(in any, bindings map[string]any, opts Options) (result any, err error) {
	ev := &evaluator{maxDepth: opts.MaxDepth, now: opts.Now}
	if ev.maxDepth <= 0 {
		ev.maxDepth = DefaultMaxDepth
	}
	if opts.TimeLimit > 0 {
		ev.deadline = time.Now().Add(opts.TimeLimit)
	}
	if ev.now.IsZero() {
		ev.now = time.Now()
	}
	if a, ok := in.(*array); ok {
		in = &array{items: []any{a}, seq: true, outerWrapper: true}
	}
	env := rootFrame(opts)
	env.bind("$", in)
	for k, v := range bindings {
		env.bind(k, bindingValue(k, v))
	}
	defer func() {
		if r := recover(); r != nil {
			result, err = nil, recoverError(r)
		}
	}()
	v := ev.eval(e.root, in, env)
	if v == nil {
		return Undefined, nil
	}
	if isFunc(v) {
		return FunctionResult, nil
	}
	return toJSON(v), nil
}

// rootFrame chains the prepared bindings and outside variables below the
// frame holding the per-call bindings.
func rootFrame(opts Options) *frame {
	var outer *frame
	if opts.Vars != nil {
		outer = &frame{ext: externalVars(opts.Vars)}
	}
	if opts.Bindings != nil {
		outer = &frame{parent: outer, ext: opts.Bindings.get}
	}
	return newFrame(outer)
}

// externalVars converts looked-up variables once per evaluation.
func externalVars(lookup func(string) (any, bool)) func(string) (any, bool) {
	seen := map[string]any{}
	return func(name string) (any, bool) {
		if v, ok := seen[name]; ok {
			return v, true
		}
		raw, ok := lookup(name)
		if !ok {
			return nil, false
		}
		v := bindingValue(name, raw)
		seen[name] = v
		return v, true
	}
}

func recoverError(r any) error {
	switch t := r.(type) {
	case *evalError:
		return t.err.finish(t.extra)
	case *Error:
		return t
	}
	return &Error{Code: "U1000", Message: fmt.Sprintf("internal error: %v", r)}
}

func bindingValue(name string, v any) any {
	switch f := v.(type) {
	case *Function:
		return customFunction(name, f)
	case UndefinedValue:
		return nil
	}
	return fromJSON(v)
}

func customFunction(name string, f *Function) *native {
	n := &native{name: name, arity: -1, sig: f.signature()}
	if n.sig != nil {
		n.arity = len(n.sig.params)
	}
	n.impl = func(c *call, args []any) any { return f.call(name, args) }
	return n
}

// signature parses Signature once; an invalid signature is ignored.
func (f *Function) signature() *signature {
	f.once.Do(func() {
		if f.Signature != "" {
			f.sig, _ = parseSignature(f.Signature)
		}
	})
	return f.sig
}

func (f *Function) call(name string, args []any) any {
	jargs := make([]any, len(args))
	for i, a := range args {
		jargs[i] = Undefined
		if a != nil {
			jargs[i] = toJSON(a)
		}
	}
	out, err := f.Fn(jargs)
	if err != nil {
		if je, ok := err.(*Error); ok {
			panic(&evalError{err: je})
		}
		panic(&evalError{err: &Error{Code: "D3137", Message: err.Error(), Token: name}})
	}
	if out == Undefined {
		return nil
	}
	return fromJSON(out)
}

// decodeOrdered decodes JSON into the evaluator's universe, keeping the
// key order of objects.
func decodeOrdered(data []byte) (any, error) {
	dec := json.NewDecoder(bytesReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, fmt.Errorf("jsonata: decoding input: %w", err)
	}
	return v, nil
}
