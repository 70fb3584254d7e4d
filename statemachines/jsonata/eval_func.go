package jsonata

import "runtime"

// lambda is a user-defined function (or a partial application of one).
type lambda struct {
	params []string
	body   *node
	sig    *signature
	input  any
	env    *frame
	thunk  bool
}

// native is a built-in or registered function.
type native struct {
	name  string
	sig   *signature
	arity int
	impl  func(c *call, args []any) any
}

// call is the focus of a native function invocation.
type call struct {
	ev    *evaluator
	input any
	env   *frame
}

// partialNative is a native function with some arguments bound.
type partialNative struct {
	fn   any
	args []any // placeholder marks the unbound positions
}

type placeholderT struct{}

var placeholder = placeholderT{}

// transformer is the function a |pattern|update,delete| expression yields.
type transformer struct {
	expr *node
	env  *frame
}

func isFunc(v any) bool {
	switch v.(type) {
	case *lambda, *native, *partialNative, *transformer, *regexLit:
		return true
	}
	return false
}

func isLambda(v any) bool {
	_, ok := v.(*lambda)
	return ok
}

func arity(fn any) int {
	switch f := fn.(type) {
	case *lambda:
		return len(f.params)
	case *native:
		return f.arity
	case *partialNative:
		n := 0
		for _, a := range f.args {
			if a == placeholder {
				n++
			}
		}
		return n
	}
	return 1
}

func (ev *evaluator) apply(proc any, args []any, input any, env *frame) any {
	result := ev.applyInner(proc, args, input, env)
	for {
		l, ok := result.(*lambda)
		if !ok || !l.thunk {
			return result
		}
		next := ev.eval(l.body.procedure, l.input, l.env)
		evArgs := make([]any, len(l.body.args))
		for i, a := range l.body.args {
			evArgs[i] = ev.eval(a, l.input, l.env)
		}
		result = ev.applyInner(next, evArgs, input, env)
	}
}

var transformSig = mustSignature("<(oa):o>")

func (ev *evaluator) applyInner(proc any, args []any, input any, env *frame) any {
	switch p := proc.(type) {
	case *lambda:
		if p.sig != nil {
			args = p.sig.validate(args, input)
		}
		f := newFrame(p.env)
		for i, name := range p.params {
			f.bind(name, argAt(args, i))
		}
		return ev.eval(p.body, p.input, f)
	case *native:
		if p.sig != nil {
			args = p.sig.validate(args, input)
		}
		defer missingArgument(p.name)
		return p.impl(&call{ev: ev, input: input, env: env}, args)
	case *partialNative:
		full := make([]any, 0, len(p.args))
		i := 0
		for _, a := range p.args {
			if a == placeholder {
				a = argAt(args, i)
				i++
			}
			full = append(full, a)
		}
		return ev.applyInner(p.fn, full, input, env)
	case *transformer:
		args = transformSig.validate(args, input)
		return ev.transform(p, argAt(args, 0))
	case *regexLit:
		s, _ := argAt(args, 0).(string)
		return regexMatchObject(p, s, 0)
	}
	throw("T1006", 0, "", nil)
	return nil
}

// missingArgument turns a built-in's type assertion on an undefined
// mandatory argument (jsonata-js fails with a TypeError there) into T0410.
func missingArgument(name string) {
	r := recover()
	if r == nil {
		return
	}
	if _, ok := r.(*runtime.TypeAssertionError); ok {
		panic(&evalError{err: newErr("T0410", 0, name, nil), extra: &errExtra{index: 1}})
	}
	panic(r)
}

func procName(expr *node) string {
	if expr.procedure.typ == "path" {
		return expr.procedure.steps[0].str()
	}
	return expr.procedure.str()
}

// fillErr adds the call's position and token to an error raised inside it.
func fillErr(pos int, token string) {
	if r := recover(); r != nil {
		if ee, ok := r.(*evalError); ok {
			if ee.err.Token == "" {
				ee.err.Token = token
			}
			if ee.err.Position == 0 {
				ee.err.Position = pos
			}
		}
		panic(r)
	}
}

func (ev *evaluator) evalFunction(expr *node, input any, env *frame, applyTo any, hasApplyTo bool) any {
	proc := ev.eval(expr.procedure, input, env)
	if proc == nil && expr.procedure.typ == "path" && env.lookup(expr.procedure.steps[0].str()) != nil {
		throw("T1005", expr.pos, expr.procedure.steps[0].str(), nil)
	}
	args := make([]any, 0, len(expr.args)+1)
	if hasApplyTo {
		args = append(args, applyTo)
	}
	for _, a := range expr.args {
		args = append(args, ev.eval(a, input, env))
	}
	defer fillErr(expr.pos, procName(expr))
	return ev.apply(proc, args, input, env)
}

func (ev *evaluator) evalPartial(expr *node, input any, env *frame) any {
	args := make([]any, len(expr.args))
	for i, a := range expr.args {
		if a.typ == tokOperator && a.value == "?" {
			args[i] = placeholder
		} else {
			args[i] = ev.eval(a, input, env)
		}
	}
	proc := ev.eval(expr.procedure, input, env)
	if proc == nil && expr.procedure.typ == "path" && env.lookup(expr.procedure.steps[0].str()) != nil {
		throw("T1007", expr.pos, expr.procedure.steps[0].str(), nil)
	}
	switch p := proc.(type) {
	case *lambda:
		f := newFrame(p.env)
		var unbound []string
		for i, name := range p.params {
			if a := argAt(args, i); a == placeholder {
				unbound = append(unbound, name)
			} else {
				f.bind(name, a)
			}
		}
		return &lambda{params: unbound, body: p.body, input: p.input, env: f}
	case *native, *partialNative, *transformer, *regexLit:
		return &partialNative{fn: p, args: args}
	}
	throw("T1008", expr.pos, procName(expr), nil)
	return nil
}

func (ev *evaluator) evalApply(expr *node, input any, env *frame) any {
	if expr.rhs.typ == "function" {
		ctx := ev.eval(expr.lhs, input, env)
		return ev.evalFunction(expr.rhs, input, env, ctx, true)
	}
	lhs := ev.eval(expr.lhs, input, env)
	fn := ev.eval(expr.rhs, input, env)
	if !isFunc(fn) {
		throw("T2006", expr.pos, "", fn)
	}
	if isFunc(lhs) {
		f, g := lhs, fn
		return &native{name: "chain", arity: 1, impl: func(c *call, args []any) any {
			return c.ev.apply(g, []any{c.ev.apply(f, args, nil, c.env)}, nil, c.env)
		}}
	}
	return ev.apply(fn, []any{lhs}, input, env)
}

func (ev *evaluator) transform(t *transformer, obj any) any {
	if obj == nil {
		return nil
	}
	cloneFn := t.env.lookup("clone")
	if !isFunc(cloneFn) {
		throw("T2013", t.expr.pos, "", nil)
	}
	result := ev.apply(cloneFn, []any{obj}, nil, t.env)
	matches := ev.eval(t.expr.pattern, result, t.env)
	for _, match := range items(matches) {
		ev.transformMatch(t, match)
	}
	return result
}

func (ev *evaluator) transformMatch(t *transformer, match any) {
	update := ev.eval(t.expr.update, match, t.env)
	mo, isObj := match.(*object)
	if update != nil {
		uo, ok := update.(*object)
		if !ok {
			throw("T2011", t.expr.update.pos, "", update)
		}
		if isObj {
			for _, k := range uo.keyList() {
				mo.set(k, uo.value(k))
			}
		}
	}
	if t.expr.del == nil {
		return
	}
	dels := ev.eval(t.expr.del, match, t.env)
	if dels == nil {
		return
	}
	list := dels
	if !isArray(dels) {
		list = &array{items: []any{dels}}
	}
	if !isArrayOfStrings(list) {
		throw("T2012", t.expr.del.pos, "", dels)
	}
	if isObj {
		for _, k := range list.(*array).items {
			mo.del(k.(string))
		}
	}
}
