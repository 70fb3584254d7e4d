package jsonpath

import (
	"encoding/json"
	"fmt"
	"slices"
	"unicode/utf8"
)

// NotFoundError reports that a definite path selects nothing. Msg is the
// Jayway-style text Step Functions puts in its causes, e.g.
// "No results for path: $['a']['b']".
type NotFoundError struct {
	Path string
	Msg  string
}

// Error returns Msg.
func (e *NotFoundError) Error() string { return e.Msg }

// Get evaluates the path against doc, the value of its root. A definite
// path yields its node, or a *NotFoundError when there is none; an
// indefinite path yields a []any of the nodes it selects (never nil).
func (p *Path) Get(doc any) (any, error) {
	segs := p.segs
	if n := len(segs); n > 0 && segs[n-1].kind == segLength && !allDefinite(segs[:n-1]) {
		return float64(len(collectAll(segs[:n-1], doc))), nil
	}
	if p.definite {
		return p.getDefinite(doc)
	}
	return collectAll(segs, doc), nil
}

func allDefinite(segs []segment) bool {
	for i := range segs {
		if !segs[i].definite() {
			return false
		}
	}
	return true
}

func collectAll(segs []segment, doc any) []any {
	out := []any{}
	collect(segs, doc, doc, func(v any) { out = append(out, v) })
	return out
}

// getDefinite walks a definite path without allocating on success.
func (p *Path) getDefinite(doc any) (any, error) {
	cur := doc
	for i := range p.segs {
		var err error
		if cur, err = p.step(i, cur); err != nil {
			return nil, err
		}
	}
	return cur, nil
}

// step applies definite segment i to cur.
func (p *Path) step(i int, cur any) (any, error) {
	s := &p.segs[i]
	switch s.kind {
	case segChild:
		return p.childStep(i, s, cur)
	case segIndex:
		return p.indexStep(s.indexes[0], cur, i)
	case segLength:
		if n, ok := length(cur); ok {
			return n, nil
		}
		return nil, p.notFound("Aggregation function attempted to calculate value using empty array in path " + p.canonical(i))
	}
	return cur, nil
}

func (p *Path) childStep(i int, s *segment, cur any) (any, error) {
	m, ok := cur.(map[string]any)
	switch {
	case !ok:
		return nil, p.notObject(i, cur)
	case s.merge:
		return mergeNames(s.names, m), nil
	}
	v, ok := m[s.names[0]]
	switch {
	case ok:
		return v, nil
	case i == len(p.segs)-1:
		return nil, p.notFound("No results for path: " + p.canonical(len(p.segs)))
	}
	return nil, p.notFound("Missing property in path " + p.canonical(i+1))
}

func (p *Path) indexStep(ix int, cur any, i int) (any, error) {
	a, ok := cur.([]any)
	if !ok {
		return nil, p.notArray(i, cur)
	}
	if ix < 0 {
		ix += len(a)
	}
	if ix < 0 || ix >= len(a) {
		return nil, p.notFound("No results for path: " + p.canonical(len(p.segs)))
	}
	return a[ix], nil
}

func (p *Path) notFound(msg string) error { return &NotFoundError{Path: p.src, Msg: msg} }

func (p *Path) notObject(i int, v any) error {
	return p.notFound(fmt.Sprintf("Expected to find an object with property %s in path %s but found '%s'. "+
		"This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.",
		p.canonical(i + 1)[len(p.canonical(i)):], p.canonical(i), javaClass(v)))
}

func (p *Path) notArray(i int, v any) error {
	if v == nil {
		return p.notFound("The path " + p.canonical(i) + " is null")
	}
	context := compactJSON(v)
	if str, ok := v.(string); ok {
		context = str // Java's String.toString: no quotes
	}
	return p.notFound(fmt.Sprintf("Filter: %s can only be applied to arrays. Current context is: %s",
		p.canonical(i + 1)[len(p.canonical(i)):], context))
}

// javaClass names the class Jayway, with its default JsonSmart provider,
// reports for v.
func javaClass(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return "java.lang.String"
	case bool:
		return "java.lang.Boolean"
	case float64:
		if x == float64(int32(x)) {
			return "java.lang.Integer"
		}
		if x == float64(int64(x)) {
			return "java.lang.Long"
		}
		return "java.lang.Double"
	case []any:
		return "net.minidev.json.JSONArray"
	}
	return "net.minidev.json.JSONObject"
}

func compactJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// length is the value of length(): the size of an array or object, the
// number of characters of a string.
func length(v any) (float64, bool) {
	switch x := v.(type) {
	case []any:
		return float64(len(x)), true
	case map[string]any:
		return float64(len(x)), true
	case string:
		return float64(utf8.RuneCountInString(x)), true
	}
	return 0, false
}

// collect applies segs to cur and calls emit for every selected node. A
// missing child or index selects nothing; it is not an error.
func collect(segs []segment, cur, root any, emit func(any)) {
	if len(segs) == 0 {
		emit(cur)
		return
	}
	s, rest := &segs[0], segs[1:]
	if s.kind == segLength {
		if n, ok := length(cur); ok {
			collect(rest, n, root, emit)
		}
		return
	}
	if s.deep {
		scan(s, cur, root, func(v any) { collect(rest, v, root, emit) })
		return
	}
	selectOne(s, cur, root, func(v any) { collect(rest, v, root, emit) })
}

// scan applies a deep-scan segment to cur and all of its descendants, in
// pre-order.
func scan(s *segment, cur, root any, emit func(any)) {
	if s.kind == segFilter {
		if m, ok := cur.(map[string]any); ok && truthy(s.filter, m, root) {
			emit(m)
		}
	} else {
		selectOne(s, cur, root, emit)
	}
	forEachChild(cur, func(v any) { scan(s, v, root, emit) })
}

// selectOne applies one (non-deep) segment to cur.
func selectOne(s *segment, cur, root any, emit func(any)) {
	switch s.kind {
	case segChild:
		if m, ok := cur.(map[string]any); ok && s.merge {
			emit(mergeNames(s.names, m))
		} else if ok {
			for _, name := range s.names {
				if v, ok := m[name]; ok {
					emit(v)
				}
			}
		}
	case segIndex:
		selectIndexes(s.indexes, cur, emit)
	case segSlice:
		selectSlice(s, cur, emit)
	case segWildcard:
		forEachChild(cur, emit)
	case segFilter:
		selectFilter(s.filter, cur, root, emit)
	}
}

func selectIndexes(indexes []int, cur any, emit func(any)) {
	a, ok := cur.([]any)
	if !ok {
		return
	}
	for _, ix := range indexes {
		if ix < 0 {
			ix += len(a)
		}
		if ix >= 0 && ix < len(a) {
			emit(a[ix])
		}
	}
}

func selectSlice(s *segment, cur any, emit func(any)) {
	a, ok := cur.([]any)
	if !ok || len(a) == 0 {
		return
	}
	from, to := sliceBounds(s.start, s.end, len(a))
	for i := from; i < to; i++ {
		if ix := i + len(a)*boolInt(i < 0); ix >= 0 && ix < len(a) {
			emit(a[ix])
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sliceBounds resolves [start:end] against an array of length n exactly as
// Jayway does: [start:] and [:end] count negative bounds from the end, but
// in [start:end] a negative start stays negative (each index then counts
// from the end on its own) and a negative end selects nothing.
func sliceBounds(start, end *int, n int) (int, int) {
	switch {
	case start != nil && end != nil:
		return *start, min(n, *end)
	case start != nil:
		from := *start
		if from < 0 {
			from = max(0, n+from)
		}
		return from, n
	case end != nil:
		to := *end
		if to < 0 {
			to += n
		}
		return 0, min(n, to)
	}
	return 0, n
}

func selectFilter(f expr, cur, root any, emit func(any)) {
	switch x := cur.(type) {
	case []any:
		for _, item := range x {
			if truthy(f, item, root) {
				emit(item)
			}
		}
	case map[string]any:
		if truthy(f, x, root) {
			emit(x)
		}
	}
}

// forEachChild calls fn for each element of an array or each value of an
// object (in sorted key order).
func forEachChild(v any, fn func(any)) {
	switch x := v.(type) {
	case []any:
		for _, item := range x {
			fn(item)
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			fn(x[k])
		}
	}
}

// equal is deep JSON equality.
func equal(a, b any) bool {
	switch x := a.(type) {
	case []any:
		y, ok := b.([]any)
		return ok && slices.EqualFunc(x, y, equal)
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !equal(v, w) {
				return false
			}
		}
		return true
	}
	return a == b
}
