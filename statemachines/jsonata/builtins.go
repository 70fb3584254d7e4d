package jsonata

// builtins are the standard library functions, looked up after all frames.
var builtins = map[string]any{}

type builtinFn func(c *call, args []any) any

// def registers a built-in with its jsonata-js signature and the arity
// higher-order functions see (jsonata-js's Function.length).
func def(name, sig string, arity int, impl builtinFn) {
	builtins[name] = &native{name: name, sig: mustSignature(sig), arity: arity, impl: impl}
}

func init() {
	registerCore()
	registerStrings()
	registerNumbers()
	registerArrays()
	registerObjects()
	registerHOF()
	registerDates()
}

func registerCore() {
	def("boolean", "<x-:b>", 1, func(c *call, a []any) any { return booleanOf(a[0]) })
	def("not", "<x-:b>", 1, func(c *call, a []any) any {
		if a[0] == nil {
			return nil
		}
		return !toBool(a[0])
	})
	def("exists", "<x:b>", 1, func(c *call, a []any) any { return a[0] != nil })
	def("type", "<x:s>", 1, func(c *call, a []any) any { return typeOf(a[0]) })
	def("error", "<s?:x>", 1, func(c *call, a []any) any {
		msg := "$error() function evaluated"
		if s, ok := a[0].(string); ok {
			msg = s
		}
		panic(&evalError{err: &Error{Code: "D3137", Message: msg, Value: a[0]}})
	})
	def("assert", "<bs?:x>", 2, func(c *call, a []any) any {
		if b, _ := a[0].(bool); !b {
			msg := "$assert() statement failed"
			if s, ok := a[1].(string); ok {
				msg = s
			}
			panic(&evalError{err: &Error{Code: "D3141", Message: msg}})
		}
		return nil
	})
	def("eval", "<sx?:x>", 2, fnEval)
	def("clone", "<(oa)-:o>", 1, func(c *call, a []any) any { return cloneValue(a[0]) })
}

// booleanOf is fn.boolean (nil for undefined).
func booleanOf(v any) any {
	switch t := v.(type) {
	case nil:
		return nil
	case *array:
		if len(t.items) == 1 {
			return booleanOf(t.items[0])
		}
		for _, it := range t.items {
			if b, _ := booleanOf(it).(bool); b {
				return true
			}
		}
		return false
	case string:
		return t != ""
	case float64:
		if !checkNumeric(t) {
			return false
		}
		return t != 0
	case *object:
		return t.size() > 0
	case bool:
		return t
	}
	return false
}

func typeOf(v any) any {
	switch v.(type) {
	case nil:
		return nil
	case nullT:
		return "null"
	case float64:
		return "number"
	case string:
		return "string"
	case bool:
		return "boolean"
	case *array:
		return "array"
	case *object:
		return "object"
	}
	if isFunc(v) {
		return "function"
	}
	return nil
}

func cloneValue(v any) any {
	switch t := v.(type) {
	case *array:
		out := &array{items: make([]any, 0, len(t.items))}
		for _, it := range t.items {
			if isFunc(it) || it == nil {
				out.items = append(out.items, jnull)
				continue
			}
			out.items = append(out.items, cloneValue(it))
		}
		return out
	case *object:
		out := newObject()
		for _, k := range t.keyList() {
			if v := t.value(k); !isFunc(v) {
				out.set(k, cloneValue(v))
			}
		}
		return out
	}
	return v
}

func fnEval(c *call, a []any) any {
	src, ok := a[0].(string)
	if !ok {
		return nil
	}
	input := c.input
	if a[1] != nil {
		input = a[1]
		if arr, ok := input.(*array); ok && !arr.seq {
			input = &array{items: []any{arr}, seq: true, outerWrapper: true}
		}
	}
	root, perr := parse(src)
	if perr != nil {
		panic(&evalError{err: &Error{Code: "D3120", Message: messages["D3120"], Value: perr.Message}})
	}
	defer func() {
		if r := recover(); r != nil {
			if ee, ok := r.(*evalError); ok {
				inner := ee.err.finish(ee.extra)
				panic(&evalError{err: &Error{Code: "D3121", Value: inner.Message}, extra: nil})
			}
			panic(r)
		}
	}()
	return c.ev.eval(root, input, c.env)
}

// jsTruthy is JavaScript truthiness (used for $sort comparator results).
func jsTruthy(v any) bool {
	switch t := v.(type) {
	case nil, nullT:
		return false
	case bool:
		return t
	case float64:
		return t != 0 && t == t
	case string:
		return t != ""
	}
	return true
}
