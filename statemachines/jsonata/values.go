package jsonata

import (
	"encoding/json"
	"math"
	"sort"
)

// Internally the evaluator works on its own value universe, which mirrors
// JavaScript's: Go nil is JSONata's "undefined", null is the jnull sentinel,
// arrays are *array (carrying the sequence flags of jsonata-js) and objects
// are *object (insertion-ordered). Values cross the API boundary through
// fromJSON and toJSON.

type nullT struct{}

// jnull is JSON null inside the evaluator.
var jnull = nullT{}

// array is a JSON array or a JSONata sequence.
type array struct {
	items []any
	// seq marks a sequence: singleton sequences collapse to their item.
	seq bool
	// keepSingleton keeps a singleton sequence an array ([] operator).
	keepSingleton bool
	// cons marks an array built by an array constructor (not flattened by paths).
	cons bool
	// outerWrapper marks the sequence wrapping an array input.
	outerWrapper bool
	// tupleStream marks a sequence of tuples (focus/index/parent bindings).
	tupleStream bool
	// src is the input slice the array was converted from (never modified),
	// returned as is on output.
	src []any
}

func newSeq(items ...any) *array { return &array{items: items, seq: true} }

func (a *array) push(v any) { a.items = append(a.items, v) }

// object is a JSON object that remembers insertion order. An object read
// from the input wraps the caller's map (raw) and converts members as they
// are read, so evaluation never copies input it does not touch; such
// objects are never modified (transforms work on clones).
type object struct {
	raw  map[string]any
	keys []string
	m    map[string]any
}

func newObject() *object { return &object{m: map[string]any{}} }

func (o *object) get(k string) (any, bool) {
	if o.raw != nil {
		v, ok := o.raw[k]
		if !ok {
			return nil, false
		}
		return fromJSON(v), true
	}
	v, ok := o.m[k]
	return v, ok
}

// value is get without the presence flag.
func (o *object) value(k string) any {
	v, _ := o.get(k)
	return v
}

// keyList returns the keys in order (sorted for a wrapped input map, which
// has none).
func (o *object) keyList() []string {
	if o.raw == nil {
		return o.keys
	}
	keys := make([]string, 0, len(o.raw))
	for k := range o.raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (o *object) size() int {
	if o.raw != nil {
		return len(o.raw)
	}
	return len(o.keys)
}

// materialize converts a wrapped input map into an owned object.
func (o *object) materialize() {
	if o.raw == nil {
		return
	}
	keys := o.keyList()
	o.m = make(map[string]any, len(keys))
	for _, k := range keys {
		o.m[k] = fromJSON(o.raw[k])
	}
	o.keys, o.raw = keys, nil
}

func (o *object) set(k string, v any) {
	o.materialize()
	if _, ok := o.m[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.m[k] = v
}

func (o *object) del(k string) {
	o.materialize()
	if _, ok := o.m[k]; !ok {
		return
	}
	delete(o.m, k)
	for i, key := range o.keys {
		if key == k {
			o.keys = append(o.keys[:i:i], o.keys[i+1:]...)
			return
		}
	}
}

// tuple is one element of a tuple stream: "@" is the context value, other
// keys are variable bindings.
type tuple map[string]any

// fromJSON converts an encoding/json value into the evaluator's universe.
// Object keys are taken in sorted order (Go maps have none).
func fromJSON(v any) any {
	switch t := v.(type) {
	case nil:
		return jnull
	case []any:
		items := make([]any, len(t))
		for i, x := range t {
			items[i] = fromJSON(x)
		}
		return &array{items: items, src: t}
	case map[string]any:
		return &object{raw: t}
	case int:
		return float64(t)
	case int64:
		return float64(t)
	case json.Number:
		f, _ := t.Float64()
		return f
	case *Function:
		return customFunction("", t)
	case float64, string, bool:
		return v
	}
	return fromOtherGo(v)
}

// fromOtherGo accepts other Go values (ints, typed slices and maps,
// structs) through their encoding/json form; unencodable values are null.
func fromOtherGo(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return jnull
	}
	var out any
	if json.Unmarshal(b, &out) != nil {
		return jnull
	}
	return fromJSON(out)
}

// toJSON converts an evaluator value back to encoding/json's form. Functions
// and undefined become nil inside containers (JSON.stringify would drop them).
func toJSON(v any) any {
	switch t := v.(type) {
	case nullT:
		return nil
	case *array:
		if t.src != nil {
			return t.src
		}
		out := make([]any, 0, len(t.items))
		for _, x := range t.items {
			out = append(out, toJSON(x))
		}
		return out
	case *object:
		if t.raw != nil {
			return t.raw
		}
		out := make(map[string]any, len(t.keys))
		for _, k := range t.keys {
			if isFunc(t.m[k]) {
				continue
			}
			out[k] = toJSON(t.m[k])
		}
		return out
	case float64, string, bool, nil:
		return v
	}
	return nil
}

func isNumber(v any) bool {
	f, ok := v.(float64)
	return ok && !math.IsNaN(f)
}

func isArray(v any) bool {
	_, ok := v.(*array)
	return ok
}

func isSequence(v any) bool {
	a, ok := v.(*array)
	return ok && a.seq
}

// items returns the elements of an array, or the value as a singleton.
func items(v any) []any {
	if a, ok := v.(*array); ok {
		return a.items
	}
	if v == nil {
		return nil
	}
	return []any{v}
}

func isArrayOfStrings(v any) bool {
	a, ok := v.(*array)
	if !ok {
		return false
	}
	for _, x := range a.items {
		if _, ok := x.(string); !ok {
			return false
		}
	}
	return true
}

func isArrayOfNumbers(v any) bool {
	a, ok := v.(*array)
	if !ok {
		return false
	}
	for _, x := range a.items {
		if !isNumber(x) {
			return false
		}
	}
	return true
}

// deepEqual is JSONata's isDeepEqual (functions compare by identity).
func deepEqual(a, b any) bool {
	switch x := a.(type) {
	case *array:
		y, ok := b.(*array)
		if !ok || len(x.items) != len(y.items) {
			return false
		}
		for i := range x.items {
			if !deepEqual(x.items[i], y.items[i]) {
				return false
			}
		}
		return true
	case *object:
		y, ok := b.(*object)
		if !ok || x.size() != y.size() {
			return false
		}
		for _, k := range x.keyList() {
			yv, ok := y.get(k)
			if !ok || !deepEqual(x.value(k), yv) {
				return false
			}
		}
		return true
	case float64, string, bool, nullT:
		return a == b
	}
	return a == b
}

// appendValues is fn.append: concatenation where non-arrays are singletons.
func appendValues(a1, a2 any) any {
	if a1 == nil {
		return a2
	}
	if a2 == nil {
		return a1
	}
	out := &array{}
	if a, ok := a1.(*array); ok {
		out.items = append(out.items, a.items...)
	} else {
		out.items = append(out.items, a1)
	}
	if a, ok := a2.(*array); ok {
		out.items = append(out.items, a.items...)
	} else {
		out.items = append(out.items, a2)
	}
	return out
}
