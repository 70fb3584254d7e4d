package jsonata

import (
	"math"
)

// eval evaluates expr against input in env: jsonata-js's evaluate().
func (ev *evaluator) eval(expr *node, input any, env *frame) any {
	ev.enter()
	var result any
	switch expr.typ {
	case "path":
		result = ev.evalPath(expr, input, env)
	case "binary":
		result = ev.evalBinary(expr, input, env)
	case "unary":
		result = ev.evalUnary(expr, input, env)
	case tokName:
		result = lookupField(input, expr.str())
	case tokString, tokNumber, tokValue:
		result = expr.value
	case "wildcard":
		result = evalWildcard(input)
	case "descendant":
		result = evalDescendants(input)
	case "parent":
		result = env.lookup(expr.slot.label)
	case "condition":
		if toBool(ev.eval(expr.cond, input, env)) {
			result = ev.eval(expr.then, input, env)
		} else if expr.els != nil {
			result = ev.eval(expr.els, input, env)
		}
	case "block":
		result = ev.evalBlock(expr, input, env)
	case "bind":
		result = ev.eval(expr.rhs, input, env)
		env.bind(expr.lhs.str(), result)
	case tokRegex:
		result = expr.value
	case "function":
		result = ev.evalFunction(expr, input, env, nil, false)
	case tokVariable:
		result = evalVariable(expr, input, env)
	case "lambda":
		result = &lambda{params: paramNames(expr.args), body: expr.body, sig: expr.sig, input: input, env: env, thunk: expr.thunk}
	case "partial":
		result = ev.evalPartial(expr, input, env)
	case "apply":
		result = ev.evalApply(expr, input, env)
	case "transform":
		result = &transformer{expr: expr, env: env}
	}
	for _, p := range expr.predicate {
		result = ev.evalFilter(p.expr, result, env)
	}
	if expr.typ != "path" && expr.group != nil {
		result = ev.evalGroup(expr.group, result, env)
	}
	ev.exit()
	return collapse(result, expr.keepArray)
}

// collapse applies the sequence rules: empty sequences are undefined and
// singleton sequences are their item unless kept as arrays.
func collapse(result any, keepArray bool) any {
	a, ok := result.(*array)
	if !ok || !a.seq || a.tupleStream {
		return result
	}
	if keepArray {
		a.keepSingleton = true
	}
	switch len(a.items) {
	case 0:
		return nil
	case 1:
		if a.keepSingleton {
			return a
		}
		return a.items[0]
	}
	return a
}

func paramNames(args []*node) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a.str()
	}
	return out
}

func evalVariable(expr *node, input any, env *frame) any {
	name := expr.str()
	if name == "" {
		if a, ok := input.(*array); ok && a.outerWrapper && len(a.items) > 0 {
			return a.items[0]
		}
		return input
	}
	return env.lookup(name)
}

func (ev *evaluator) evalBlock(expr *node, input any, env *frame) any {
	f := newFrame(env)
	var result any
	for _, e := range expr.exprs {
		result = ev.eval(e, input, f)
	}
	return result
}

// lookupField is fn.lookup: field access mapped over arrays, flattening.
func lookupField(input any, key string) any {
	switch t := input.(type) {
	case *array:
		result := newSeq()
		for _, it := range t.items {
			res := lookupField(it, key)
			if res == nil {
				continue
			}
			if ra, ok := res.(*array); ok {
				result.items = append(result.items, ra.items...)
			} else {
				result.push(res)
			}
		}
		return result
	case *object:
		v, _ := t.get(key)
		return v
	}
	return nil
}

func evalWildcard(input any) any {
	results := newSeq()
	if a, ok := input.(*array); ok && a.outerWrapper && len(a.items) > 0 {
		input = a.items[0]
	}
	var vals []any
	switch t := input.(type) {
	case *object:
		for _, k := range t.keyList() {
			vals = append(vals, t.value(k))
		}
	case *array:
		vals = t.items
	default:
		return results
	}
	for _, v := range vals {
		if a, ok := v.(*array); ok {
			results.items = append(results.items, flatten(a, nil)...)
		} else {
			results.push(v)
		}
	}
	return results
}

func flatten(v any, out []any) []any {
	if a, ok := v.(*array); ok {
		for _, it := range a.items {
			out = flatten(it, out)
		}
		return out
	}
	return append(out, v)
}

func evalDescendants(input any) any {
	if input == nil {
		return nil
	}
	results := newSeq()
	recurseDescendants(input, results)
	if len(results.items) == 1 {
		return results.items[0]
	}
	return results
}

func recurseDescendants(input any, results *array) {
	switch t := input.(type) {
	case *array:
		for _, it := range t.items {
			recurseDescendants(it, results)
		}
	case *object:
		results.push(input)
		for _, k := range t.keyList() {
			recurseDescendants(t.value(k), results)
		}
	default:
		results.push(input)
	}
}

func (ev *evaluator) evalUnary(expr *node, input any, env *frame) any {
	switch expr.value {
	case "-":
		v := ev.eval(expr.expression, input, env)
		if v == nil {
			return nil
		}
		if checkNumeric(v) {
			return -v.(float64)
		}
		throw("D1002", expr.pos, "-", v)
	case "[":
		return ev.evalArrayConstructor(expr, input, env)
	case "{":
		return ev.evalGroup(&groupExpr{pairs: expr.pairs, pos: expr.pos}, input, env)
	}
	return nil
}

func (ev *evaluator) evalArrayConstructor(expr *node, input any, env *frame) any {
	result := &array{items: []any{}, cons: expr.consarray}
	for _, item := range expr.exprs {
		v := ev.eval(item, input, env)
		if v == nil {
			continue
		}
		if va, ok := v.(*array); ok && !(item.typ == "unary" && item.value == "[") {
			result.items = append(result.items, va.items...)
		} else {
			result.items = append(result.items, v)
		}
	}
	return result
}

// checkNumeric is isNumeric: true for numbers, D1001 for infinities.
func checkNumeric(v any) bool {
	f, ok := v.(float64)
	if !ok || math.IsNaN(f) {
		return false
	}
	if math.IsInf(f, 0) {
		throw("D1001", 0, "", f)
	}
	return true
}
