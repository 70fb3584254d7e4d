package statemachines

import (
	"math"
	"strings"
)

// This file reads the members of one JSON object into model fields, with
// the type checks and diagnostics of Parse.

// obj is a JSON object being decoded into a model value. It remembers which
// members were read, so finish can report the others as unsupported.
type obj struct {
	d    *decoder
	o    *jsonObject
	ptr  string
	used []bool
}

// object returns v as an obj, or reports that it is not an object and
// returns nil.
func (d *decoder) object(v any, ptr string) *obj {
	o, ok := v.(*jsonObject)
	if !ok {
		d.errorf(ptr, "Expected value of type [OBJECT]")
		return nil
	}
	return &obj{d: d, o: o, ptr: ptr, used: make([]bool, len(o.keys))}
}

// raw returns member name and its pointer, marking it used.
func (o *obj) raw(name string) (any, string, bool) {
	for i, k := range o.o.keys {
		if k == name {
			o.used[i] = true
			return o.o.vals[i], child(o.ptr, name), true
		}
	}
	return nil, "", false
}

// value returns member name, marking it used. Its location (o.at) is
// only built when a problem is reported: building it for every field
// read was a tenth of Parse's time.
func (o *obj) value(name string) (any, bool) {
	for i, k := range o.o.keys {
		if k == name {
			o.used[i] = true
			return o.o.vals[i], true
		}
	}
	return nil, false
}

// at returns the location of member name.
func (o *obj) at(name string) string {
	return child(o.ptr, name)
}

// has reports whether member name is present, without marking it used.
func (o *obj) has(name string) bool {
	_, ok := o.o.get(name)
	return ok
}

// require reports the absent members of names in one diagnostic, as AWS
// does ("These fields are required: [StartAt, States]").
func (o *obj) require(names ...string) bool {
	var missing []string
	for _, n := range names {
		if !o.has(n) {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		o.d.errorf(o.ptr, "These fields are required: [%s]", strings.Join(missing, ", "))
	}
	return len(missing) == 0
}

// finish reports every member that was not read.
func (o *obj) finish() {
	for i, k := range o.o.keys {
		if !o.used[i] {
			o.d.errorf(o.ptr, "Field '%s' is not supported", k)
		}
	}
}

// typeError reports a value of the wrong JSON type, in AWS's words:
// "Expected value of type [STRING]".
func (o *obj) typeError(ptr, want string) {
	o.d.errorf(ptr, "Expected value of type [%s]", strings.ToUpper(want))
}

// exprTypeError reports a value of the wrong type in a field that also
// takes a JSONata expression (TimeoutSeconds, MaxConcurrency, ...), as AWS
// words it: "Expected value of type Integer".
func (o *obj) exprTypeError(ptr, want string) {
	o.d.errorf(ptr, "Expected value of type %s", want)
}

// str reads an optional string member.
func (o *obj) str(name string) string {
	v, ok := o.value(name)
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		o.typeError(o.at(name), "String")
	}
	return s
}

// boolean reads an optional boolean member.
func (o *obj) boolean(name string) bool {
	v, ok := o.value(name)
	if !ok {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		o.typeError(o.at(name), "Boolean")
	}
	return b
}

// integer reads an optional integer member.
func (o *obj) integer(name string) *int64 {
	v, ok := o.value(name)
	if !ok {
		return nil
	}
	n, isInt := asInt(v)
	if !isInt {
		o.typeError(o.at(name), "Integer")
		return nil
	}
	return &n
}

// asInt reports whether v is a JSON number with an integral value that
// fits an int64.
//
// Integers beyond int64 are clamped: AWS accepts, for example,
// MaxConcurrency 9223372036854775807.
func asInt(v any) (int64, bool) {
	f, ok := v.(float64)
	if !ok || f != math.Trunc(f) || math.IsInf(f, 0) {
		return 0, false
	}
	switch {
	case f >= math.MaxInt64:
		return math.MaxInt64, true
	case f <= math.MinInt64:
		return math.MinInt64, true
	}
	return int64(f), true
}

// number reads an optional number member.
func (o *obj) number(name string) *float64 {
	v, ok := o.value(name)
	if !ok {
		return nil
	}
	f, isNum := v.(float64)
	if !isNum {
		o.typeError(o.at(name), "Number")
		return nil
	}
	return &f
}

// intField reads a member that is an integer or (JSONata) an expression
// string.
func (o *obj) intField(name string) IntField {
	v, ok := o.value(name)
	if !ok {
		return IntField{}
	}
	if s, isStr := v.(string); isStr {
		return IntField{Expr: s}
	}
	n, isInt := asInt(v)
	if !isInt {
		o.exprTypeError(o.at(name), "Integer")
		return IntField{}
	}
	return IntField{Value: &n}
}

// floatField reads a member that is a number or (JSONata) an expression
// string.
func (o *obj) floatField(name string) FloatField {
	v, ok := o.value(name)
	if !ok {
		return FloatField{}
	}
	if s, isStr := v.(string); isStr {
		return FloatField{Expr: s}
	}
	f, isNum := v.(float64)
	if !isNum {
		o.exprTypeError(o.at(name), "Number")
		return FloatField{}
	}
	return FloatField{Value: &f}
}

// optPath reads a path member that may also be null.
func (o *obj) optPath(name string) OptPath {
	v, ok := o.value(name)
	if !ok {
		return OptPath{}
	}
	if v == nil {
		return OptPath{Set: true, Null: true}
	}
	s, isStr := v.(string)
	if !isStr {
		o.typeError(o.at(name), "String")
		return OptPath{}
	}
	return OptPath{Set: true, Path: s}
}

// json reads a member holding any JSON value (a payload template, a literal
// result), converted to encoding/json's form. Absent is nil.
func (o *obj) json(name string) any {
	v, ok := o.value(name)
	if !ok {
		return nil
	}
	return plain(v)
}

// jsonObj reads a member that must be a JSON object (Assign, Parameters,
// ResultSelector, ...), converted to encoding/json's form.
func (o *obj) jsonObj(name string) any {
	v, ok := o.value(name)
	if !ok {
		return nil
	}
	if _, isObj := v.(*jsonObject); !isObj {
		o.typeError(o.at(name), "Object")
		return nil
	}
	return plain(v)
}

// strings reads an array of strings.
func (o *obj) strings(name string) []string {
	v, ok := o.value(name)
	if !ok {
		return nil
	}
	arr, isArr := v.([]any)
	if !isArr {
		o.typeError(o.at(name), "Array")
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, e := range arr {
		s, isStr := e.(string)
		if !isStr {
			o.typeError(index(o.at(name), i), "String")
			continue
		}
		out = append(out, s)
	}
	return out
}

// array reads an array member, reporting a non-array.
func (o *obj) array(name string) ([]any, string, bool) {
	v, ptr, ok := o.raw(name)
	if !ok {
		return nil, "", false
	}
	arr, isArr := v.([]any)
	if !isArr {
		o.typeError(ptr, "Array")
		return nil, "", false
	}
	return arr, ptr, true
}

// queryLanguage reads a QueryLanguage member.
func (o *obj) queryLanguage() QueryLanguage {
	v, ok := o.value("QueryLanguage")
	if !ok {
		return ""
	}
	// AWS reports a value outside the enum, and resolves any value but
	// exactly "JSONPath" to JSONata.
	s, isStr := v.(string)
	switch {
	case !isStr:
		o.d.softf(o.at("QueryLanguage"), "Expected value of type [STRING]")
	case s != string(JSONPath) && s != string(JSONata):
		o.d.softf(o.at("QueryLanguage"), "Value should be one of the following: [JSONPath, JSONata]")
	}
	if s == string(JSONPath) {
		return JSONPath
	}
	return JSONata
}

// softf records a problem that leaves the model usable (see decoder.soft).
func (d *decoder) softf(loc, format string, args ...any) {
	d.diags, d.soft = d.soft, d.diags
	d.errorf(loc, format, args...)
	d.diags, d.soft = d.soft, d.diags
}
