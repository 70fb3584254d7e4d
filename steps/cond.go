package steps

import (
	"fmt"
	"reflect"
	"strings"
	"time"
)

// Path is a typed reference to a value in a step's JSON input, such as
// "$.rows". Its type parameter picks the ASL comparison family: strings
// compare as String*, numbers as Numeric*, bool as Boolean*, time.Time as
// Timestamp*. Build one from a struct field with Field, or from a JSONPath
// with P.
type Path[T any] struct {
	path string
	err  string
}

// P returns the path p ("$.a.b") typed as T. Prefer Field, which the
// compiler keeps in step with the Go type.
func P[T any](p string) Path[T] {
	if !strings.HasPrefix(p, "$") {
		return Path[T]{path: p, err: fmt.Sprintf("path %q must start with $", p)}
	}
	return Path[T]{path: p}
}

// Field returns the path of the struct field that sel selects, named by its
// json tag:
//
//	steps.Field(func(r *Report) *int64 { return &r.Rows }) // "$.rows"
//
// sel must return the address of a field of its argument (nested structs
// are followed).
func Field[S, T any](sel func(*S) *T) Path[T] {
	var s S
	target := reflect.ValueOf(sel(&s)).Pointer()
	path, ok := fieldPath(reflect.ValueOf(&s).Elem(), target, reflect.TypeFor[T](), "$")
	if !ok {
		return Path[T]{err: fmt.Sprintf("the selector does not return the address of a field of %T", s)}
	}
	return Path[T]{path: path}
}

// fieldPath finds the field of v of type typ at address target (a struct
// and its first field share an address) and returns its JSON path.
func fieldPath(v reflect.Value, target uintptr, typ reflect.Type, prefix string) (string, bool) {
	if v.Kind() != reflect.Struct {
		return "", false
	}
	for i := 0; i < v.NumField(); i++ {
		f, sf := v.Field(i), v.Type().Field(i)
		name, skip := jsonName(sf)
		if skip {
			continue
		}
		p := prefix + "." + name
		if sf.Anonymous && sf.Tag.Get("json") == "" {
			p = prefix
		}
		if f.Addr().Pointer() == target && f.Type() == typ {
			return p, true
		}
		if q, ok := fieldPath(f, target, typ, p); ok {
			return q, true
		}
	}
	return "", false
}

// jsonName returns the name encoding/json gives a field, and whether it is
// skipped.
func jsonName(sf reflect.StructField) (string, bool) {
	if !sf.IsExported() && !sf.Anonymous {
		return "", true
	}
	tag := sf.Tag.Get("json")
	if tag == "-" {
		return "", true
	}
	if name, _, _ := strings.Cut(tag, ","); name != "" {
		return name, false
	}
	return sf.Name, false
}

// String returns the JSONPath.
func (p Path[T]) String() string { return p.path }

func (p Path[T]) jsonPath() (string, string) { return p.path, p.err }

// Eq is true when the value equals v.
func (p Path[T]) Eq(v T) Cond { return p.cmp("Equals", v) }

// Ne is true when the value does not equal v.
func (p Path[T]) Ne(v T) Cond { return Not(p.cmp("Equals", v)) }

// Lt is true when the value is less than v.
func (p Path[T]) Lt(v T) Cond { return p.cmp("LessThan", v) }

// Le is true when the value is less than or equal to v.
func (p Path[T]) Le(v T) Cond { return p.cmp("LessThanEquals", v) }

// Gt is true when the value is greater than v.
func (p Path[T]) Gt(v T) Cond { return p.cmp("GreaterThan", v) }

// Ge is true when the value is greater than or equal to v.
func (p Path[T]) Ge(v T) Cond { return p.cmp("GreaterThanEquals", v) }

// IsTrue is true when a bool path holds true.
func (p Path[T]) IsTrue() Cond { return p.cmp("Equals", true) }

// Matches is true when a string path matches pattern (ASL StringMatches:
// * is a wildcard, \ escapes).
func (p Path[T]) Matches(pattern string) Cond {
	c := p.cmp("Matches", pattern)
	if c.err == "" && family(reflect.TypeFor[T]()) != "String" {
		c.err = fmt.Sprintf("Matches on %s path %s: only string paths match patterns", reflect.TypeFor[T](), p.path)
	}
	return c
}

// Present is true when the path exists in the input.
func (p Path[T]) Present() Cond { return Cond{path: p.path, op: "IsPresent", value: true, err: p.err} }

// Null is true when the path holds JSON null.
func (p Path[T]) Null() Cond { return Cond{path: p.path, op: "IsNull", value: true, err: p.err} }

// cmp builds a comparison in T's family.
func (p Path[T]) cmp(op string, v any) Cond {
	c := Cond{path: p.path, err: p.err}
	if c.err != "" {
		return c
	}
	t := reflect.TypeFor[T]()
	fam := family(t)
	switch {
	case fam == "":
		c.err = fmt.Sprintf("path %s has type %s: compare strings, numbers, bools or time.Time", p.path, t)
	case fam == "Boolean" && op != "Equals":
		c.err = fmt.Sprintf("%s on bool path %s: bools only compare for equality", opVerb(op), p.path)
	}
	c.op, c.value = fam+op, jsonValue(v)
	return c
}

// opVerb returns the Path method that builds op.
func opVerb(op string) string {
	return map[string]string{"LessThan": "Lt", "LessThanEquals": "Le", "GreaterThan": "Gt", "GreaterThanEquals": "Ge"}[op]
}

// family returns the ASL comparison family of t, or "".
func family(t reflect.Type) string {
	if t == reflect.TypeFor[time.Time]() {
		return "Timestamp"
	}
	switch t.Kind() {
	case reflect.String:
		return "String"
	case reflect.Bool:
		return "Boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "Numeric"
	}
	return ""
}

// jsonValue converts a comparison operand to its decoded-JSON form.
func jsonValue(v any) any {
	if t, ok := v.(time.Time); ok {
		return t.UTC().Format(time.RFC3339Nano)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint())
	case reflect.Float32, reflect.Float64:
		return rv.Float()
	case reflect.String:
		return rv.String()
	case reflect.Bool:
		return rv.Bool()
	}
	return v
}

// Cond is a Choice condition: a comparison built from a Path, or And, Or,
// Not of conditions.
type Cond struct {
	path, op string
	value    any
	and, or  []Cond
	not      *Cond
	err      string
}

// And is true when every condition is.
func And(cs ...Cond) Cond { return Cond{and: cs} }

// Or is true when any condition is.
func Or(cs ...Cond) Cond { return Cond{or: cs} }

// Not negates c.
func Not(c Cond) Cond { return Cond{not: &c} }

// Rule is one branch of a Choice: when Cond holds, go to Next.
type Rule struct {
	cond Cond
	next string
}

// When returns the rule "if c, go to the step named next".
func When(c Cond, next string) Rule { return Rule{cond: c, next: next} }

// Otherwise returns the Choice's default: the step taken when no rule
// matches. Without it, an unmatched Choice fails with States.NoChoiceMatched.
func Otherwise(next string) Rule { return Rule{next: next, cond: Cond{op: "otherwise"}} }

// Choice is a step that goes to the first rule's step whose condition holds.
func Choice(name string, rules ...Rule) Step {
	n := &node{name: name, kind: kindChoice}
	for _, r := range rules {
		if r.cond.op == "otherwise" {
			n.otherwise = r.next
			continue
		}
		n.rules = append(n.rules, r)
	}
	return n
}
