package statemachines

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file is a small strict JSON reader. Unlike encoding/json it keeps the
// order of object members (ASL's States order matters), rejects duplicate
// member names, and reports the line and column of a syntax error.

// openMarker is an object or array being read.
type openMarker struct {
	kind string // "Object" or "Array"
	at   int
}

// jsonObject is a JSON object with its members in document order.
type jsonObject struct {
	keys []string
	vals []any
}

// get returns the value of member key.
func (o *jsonObject) get(key string) (any, bool) {
	for i, k := range o.keys {
		if k == key {
			return o.vals[i], true
		}
	}
	return nil, false
}

// maxJSONDepth bounds nesting so hostile input cannot exhaust the stack.
const maxJSONDepth = 1000

// jsonSyntaxError is a JSON syntax error at a byte offset. When the input
// ends inside an object or array, open names it ("Object" or "Array") and
// openAt is the offset of its opening bracket.
type jsonSyntaxError struct {
	offset int
	msg    string
	open   string
	openAt int
}

type jsonReader struct {
	data  []byte
	pos   int
	depth int
	err   *jsonSyntaxError
	// open is the stack of the objects and arrays being read: their kind
	// and the offset of their opening bracket.
	open []openMarker
	// keys and vals are scratch stacks: an object's or array's members are
	// pushed here while it is read, then copied into exactly-sized slices.
	keys []string
	vals []any
}

// readJSON parses one JSON document. Objects are *jsonObject; the other
// values are as encoding/json decodes them into an any.
func readJSON(data []byte) (any, *jsonSyntaxError) {
	r := &jsonReader{data: data}
	v := r.value()
	if r.err == nil {
		r.skipSpace()
		if r.pos < len(r.data) {
			r.unexpected("expected end of input")
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	return v, nil
}

func (r *jsonReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = &jsonSyntaxError{offset: r.pos, msg: fmt.Sprintf(format, args...)}
	}
}

// unexpected reports the character at the current position (or the end of
// input) in the words of Jackson, the JSON parser AWS uses, and places the
// error just after it, where Jackson reports its column.
func (r *jsonReader) unexpected(expect string) {
	if r.pos >= len(r.data) {
		if n := len(r.open); n > 0 && r.err == nil {
			top := r.open[n-1]
			r.err = &jsonSyntaxError{offset: r.pos, msg: "Unexpected end-of-input: expected close marker for " + top.kind, open: top.kind, openAt: top.at}
			return
		}
		r.fail("Unexpected end-of-input: %s", expect)
		return
	}
	c, size := utf8.DecodeRune(r.data[r.pos:])
	r.pos += size
	switch c {
	case '/':
		expect = "maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)"
	case '#':
		expect = "maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_YAML_COMMENTS' not enabled for parser)"
	}
	r.fail("Unexpected character ('%c' (code %d)): %s", c, c, expect)
}

// unrecognized reports the bare word at the current position, placing the
// error just after it as Jackson does.
func (r *jsonReader) unrecognized() {
	start := r.pos
	for r.pos < len(r.data) && isTokenChar(r.data[r.pos]) {
		r.pos++
	}
	if r.pos == start {
		r.pos++
	}
	switch word := string(r.data[start:r.pos]); word {
	case "NaN", "Infinity":
		r.fail("Non-standard token '%s': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow", word)
	default:
		r.fail("Unrecognized token '%s': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", word)
	}
}

// isTokenChar reports whether c can be part of a bare word (true, null, a
// misspelling of them).
func isTokenChar(c byte) bool {
	return c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80
}

func (r *jsonReader) skipSpace() {
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ' ', '\t', '\n', '\r':
			r.pos++
		default:
			return
		}
	}
}

func (r *jsonReader) value() any {
	r.skipSpace()
	if r.pos >= len(r.data) {
		r.unexpected("expected a value")
		return nil
	}
	switch c := r.data[r.pos]; {
	case c == '{':
		return r.object()
	case c == '[':
		return r.array()
	case c == '"':
		return r.str()
	case c == '-' || (c >= '0' && c <= '9'):
		return r.number()
	case c == 't':
		return r.literal("true", true)
	case c == 'f':
		return r.literal("false", false)
	case c == 'n':
		return r.literal("null", nil)
	}
	if isTokenChar(r.data[r.pos]) {
		r.unrecognized()
	} else {
		r.unexpected("expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')")
	}
	return nil
}

func (r *jsonReader) literal(word string, v any) any {
	end := r.pos + len(word)
	if end > len(r.data) || string(r.data[r.pos:end]) != word || (end < len(r.data) && isTokenChar(r.data[end])) {
		r.unrecognized()
		return nil
	}
	r.pos += len(word)
	return v
}

func (r *jsonReader) enter() bool {
	r.depth++
	if r.depth > maxJSONDepth {
		r.fail("nesting deeper than %d levels", maxJSONDepth)
		return false
	}
	return true
}

func (r *jsonReader) object() any {
	if !r.enter() {
		return nil
	}
	defer func() { r.depth-- }()
	r.open = append(r.open, openMarker{"Object", r.pos})
	defer func() { r.open = r.open[:len(r.open)-1] }()
	r.pos++ // '{'
	base := len(r.keys)
	defer func() { r.keys, r.vals = r.keys[:base], r.vals[:base] }()
	r.skipSpace()
	if r.pos < len(r.data) && r.data[r.pos] == '}' {
		r.pos++
		return &jsonObject{}
	}
	for r.err == nil {
		r.member(base)
		r.skipSpace()
		if r.err != nil {
			break
		}
		if r.pos >= len(r.data) {
			r.unexpected("was expecting comma to separate Object entries")
			break
		}
		switch r.data[r.pos] {
		case ',':
			r.pos++
		case '}':
			r.pos++
			return &jsonObject{
				keys: append([]string(nil), r.keys[base:]...),
				vals: append([]any(nil), r.vals[base:]...),
			}
		default:
			r.unexpected("was expecting comma to separate Object entries")
		}
	}
	return nil
}

// member reads `"name": value` onto the stacks above base, rejecting a
// name already there.
func (r *jsonReader) member(base int) {
	r.skipSpace()
	if r.pos >= len(r.data) || r.data[r.pos] != '"' {
		r.unexpected("was expecting double-quote to start field name")
		return
	}
	key := r.str()
	if r.err != nil {
		return
	}
	if slices.Contains(r.keys[base:], key) {
		r.fail("Duplicate field '%s'", key) // located after the name, as Jackson does
		return
	}
	r.skipSpace()
	if r.pos >= len(r.data) || r.data[r.pos] != ':' {
		r.unexpected("was expecting a colon to separate field name and value")
		return
	}
	r.pos++
	v := r.value() // nested members come and go above base meanwhile
	r.keys = append(r.keys, key)
	r.vals = append(r.vals, v)
}

func (r *jsonReader) array() any {
	if !r.enter() {
		return nil
	}
	defer func() { r.depth-- }()
	r.open = append(r.open, openMarker{"Array", r.pos})
	defer func() { r.open = r.open[:len(r.open)-1] }()
	r.pos++ // '['
	base := len(r.vals)
	defer func() { r.keys, r.vals = r.keys[:base], r.vals[:base] }()
	r.skipSpace()
	if r.pos < len(r.data) && r.data[r.pos] == ']' {
		r.pos++
		return []any{}
	}
	for r.err == nil {
		v := r.value()
		r.keys = append(r.keys, "") // keeps the two stacks the same height
		r.vals = append(r.vals, v)
		r.skipSpace()
		if r.err != nil {
			break
		}
		if r.pos >= len(r.data) {
			r.unexpected("was expecting comma to separate Array entries")
			break
		}
		switch r.data[r.pos] {
		case ',':
			r.pos++
		case ']':
			r.pos++
			return append([]any(nil), r.vals[base:]...)
		default:
			r.unexpected("was expecting comma to separate Array entries")
		}
	}
	return nil
}

func (r *jsonReader) number() any {
	start := r.pos
	if r.data[r.pos] == '-' {
		r.pos++
		if strings.HasPrefix(string(r.data[r.pos:min(len(r.data), r.pos+8)]), "Infinity") {
			r.pos += 8
			r.fail("Non-standard token '-Infinity': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow")
			return nil
		}
	}
	if r.pos+1 < len(r.data) && r.data[r.pos] == '0' && r.data[r.pos+1] >= '0' && r.data[r.pos+1] <= '9' {
		r.fail("Invalid numeric value: Leading zeroes not allowed")
		return nil
	}
	if !r.digits() {
		return nil
	}
	if r.pos < len(r.data) && r.data[r.pos] == '.' {
		r.pos++
		if !r.digits() {
			return nil
		}
	}
	if r.pos < len(r.data) && (r.data[r.pos] == 'e' || r.data[r.pos] == 'E') {
		r.pos++
		if r.pos < len(r.data) && (r.data[r.pos] == '+' || r.data[r.pos] == '-') {
			r.pos++
		}
		if !r.digits() {
			return nil
		}
	}
	text := string(r.data[start:r.pos])
	f, err := strconv.ParseFloat(text, 64)
	if err != nil {
		r.pos = start
		r.fail("number %s is out of range", text)
		return nil
	}
	return f
}

// digits reads one or more digits.
func (r *jsonReader) digits() bool {
	start := r.pos
	for r.pos < len(r.data) && r.data[r.pos] >= '0' && r.data[r.pos] <= '9' {
		r.pos++
	}
	if r.pos == start {
		r.unexpected("expected digit in a number")
		return false
	}
	return true
}

// lineColumn converts a byte offset into a 1-based line and column.
func lineColumn(data []byte, offset int) (line, col int) {
	line, col = 1, 1
	for i := 0; i < offset && i < len(data); i++ {
		if data[i] == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// plain converts a value read by readJSON into encoding/json's form
// (map[string]any for objects), for the parts of a definition the model
// keeps as raw JSON.
func plain(v any) any {
	switch v := v.(type) {
	case *jsonObject:
		m := make(map[string]any, len(v.keys))
		for i, k := range v.keys {
			m[k] = plain(v.vals[i])
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = plain(e)
		}
		return out
	}
	return v
}
