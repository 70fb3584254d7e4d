package jsonata

import (
	"math"
	"reflect"
	"strings"
)

func cmpStrings(a, b string) int { return strings.Compare(a, b) }

func (ev *evaluator) evalBinary(expr *node, input any, env *frame) any {
	op := expr.str()
	lhs := ev.eval(expr.lhs, input, env)
	switch op {
	case "and":
		return toBoolStrict(lhs) && toBoolStrict(ev.eval(expr.rhs, input, env))
	case "or":
		return toBoolStrict(lhs) || toBoolStrict(ev.eval(expr.rhs, input, env))
	}
	rhs := ev.eval(expr.rhs, input, env)
	switch op {
	case "+", "-", "*", "/", "%":
		return numericOp(lhs, rhs, op, expr.pos)
	case "=":
		return lhs != nil && rhs != nil && deepEqual(lhs, rhs)
	case "!=":
		return lhs != nil && rhs != nil && !deepEqual(lhs, rhs)
	case "<", "<=", ">", ">=":
		return compareOp(lhs, rhs, op, expr.pos)
	case "&":
		return stringOrEmpty(lhs) + stringOrEmpty(rhs)
	case "..":
		return rangeOp(lhs, rhs, expr.pos)
	case "in":
		return includesOp(lhs, rhs)
	}
	return nil
}

func toBoolStrict(v any) bool {
	b := booleanOf(v)
	return b != nil && b.(bool)
}

// toBool is fn.boolean with undefined as false.
func toBool(v any) bool { return toBoolStrict(v) }

func numericOp(lhs, rhs any, op string, pos int) any {
	if lhs != nil && !checkNumeric(lhs) {
		throw("T2001", pos, op, lhs)
	}
	if rhs != nil && !checkNumeric(rhs) {
		throw("T2002", pos, op, rhs)
	}
	if lhs == nil || rhs == nil {
		return nil
	}
	l, r := lhs.(float64), rhs.(float64)
	switch op {
	case "+":
		return l + r
	case "-":
		return l - r
	case "*":
		return l * r
	case "/":
		return l / r
	}
	return math.Mod(l, r)
}

func compareOp(lhs, rhs any, op string, pos int) any {
	lStr, lNum := isStr(lhs), isNumber(lhs)
	rStr, rNum := isStr(rhs), isNumber(rhs)
	lOK := lhs == nil || lStr || lNum
	rOK := rhs == nil || rStr || rNum
	if !lOK || !rOK {
		bad := rhs
		if !(lStr || lNum) {
			bad = lhs
		}
		throw("T2010", pos, op, bad)
	}
	if lhs == nil || rhs == nil {
		return nil
	}
	if lStr != rStr {
		panic(&evalError{err: newErr("T2009", pos, op, lhs), extra: &errExtra{value2: rhs}})
	}
	c := 0
	if lStr {
		c = cmpStrings(lhs.(string), rhs.(string))
	} else if l, r := lhs.(float64), rhs.(float64); l < r {
		c = -1
	} else if l > r {
		c = 1
	}
	switch op {
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	}
	return c >= 0
}

func isStr(v any) bool {
	_, ok := v.(string)
	return ok
}

func stringOrEmpty(v any) string {
	if v == nil {
		return ""
	}
	s, err := stringify(v, false)
	if err != nil {
		panic(&evalError{err: err})
	}
	return s
}

func isInteger(v any) bool {
	f, ok := v.(float64)
	return ok && f == math.Trunc(f) && !math.IsInf(f, 0)
}

func rangeOp(lhs, rhs any, pos int) any {
	if lhs != nil && !isInteger(lhs) {
		throw("T2003", pos, "..", lhs)
	}
	if rhs != nil && !isInteger(rhs) {
		throw("T2004", pos, "..", rhs)
	}
	if lhs == nil || rhs == nil {
		return nil
	}
	l, r := lhs.(float64), rhs.(float64)
	if l > r {
		return nil
	}
	size := r - l + 1
	if size > 1e7 {
		throw("D2014", pos, "..", size)
	}
	out := &array{seq: true, items: make([]any, 0, int(size))}
	for v := l; v <= r; v++ {
		out.items = append(out.items, v)
	}
	return out
}

func includesOp(lhs, rhs any) any {
	if lhs == nil || rhs == nil {
		return false
	}
	for _, it := range items(rhs) {
		if strictEqual(it, lhs) {
			return true
		}
	}
	return false
}

// strictEqual is JavaScript's === on evaluator values.
func strictEqual(a, b any) bool {
	switch a.(type) {
	case float64, string, bool, nullT:
		return a == b
	}
	switch x := a.(type) {
	case *array:
		y, ok := b.(*array)
		return ok && x == y
	case *object:
		y, ok := b.(*object)
		return ok && (x == y || x.raw != nil && y.raw != nil && sameMap(x.raw, y.raw))
	}
	return false
}

// sameMap reports whether two wrappers share one input map (JavaScript
// identity of the same object read twice).
func sameMap(a, b map[string]any) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}
