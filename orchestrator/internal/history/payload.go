package history

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"unicode/utf8"
	"unsafe"
)

// Payload is a JSON value carried by an event (an input or output). It is
// kept as the decoded value and rendered, as the JSON string of its JSON
// text (AWS's shape), only when the event is read or stored; values are
// never modified once recorded, so this is safe and keeps the interpreter
// from encoding every payload twice.
type Payload struct {
	V   any
	Raw string // the text as given (an execution's input), used instead of rendering V
}

// MarshalJSON renders the payload as a JSON string holding its JSON text.
func (p Payload) MarshalJSON() ([]byte, error) { return p.appendTo(nil, nil), nil }

// TextCache remembers the rendering of the last object or array a Payload
// rendered through it, by identity: an execution's events carry the same
// values several times (a state's output is the next state's input), and
// recorded values are never modified.
type TextCache struct {
	ptr    unsafe.Pointer
	n      int
	quoted []byte
}

// identity returns the address and length of an object or array.
func identity(v any) (unsafe.Pointer, int, bool) {
	switch x := v.(type) {
	case map[string]any:
		return reflect.ValueOf(x).UnsafePointer(), len(x), x != nil
	case []any:
		return unsafe.Pointer(unsafe.SliceData(x)), len(x), len(x) > 0
	}
	return nil, 0, false
}

func (p Payload) appendTo(buf []byte, c *TextCache) []byte {
	if c == nil || p.Raw != "" {
		return p.render(buf)
	}
	ptr, n, ok := identity(p.V)
	if !ok {
		return p.render(buf)
	}
	if ptr == c.ptr && n == c.n {
		return append(buf, c.quoted...)
	}
	start := len(buf)
	buf = p.render(buf)
	c.ptr, c.n, c.quoted = ptr, n, append(c.quoted[:0], buf[start:]...)
	return buf
}

func (p Payload) render(buf []byte) []byte {
	if p.Raw != "" {
		return AppendQuoted(buf, p.Raw)
	}
	// Render the text after buf, then append its quoted form and move that
	// down over it: no buffer of its own.
	start := len(buf)
	buf = AppendText(buf, p.V)
	mid := len(buf)
	buf = AppendQuoted(buf, buf[start:mid])
	n := copy(buf[start:], buf[mid:])
	return buf[:start+n]
}

// UnmarshalJSON reads the JSON string form back.
func (p *Payload) UnmarshalJSON(b []byte) error {
	var text string
	if err := json.Unmarshal(b, &text); err != nil {
		return err
	}
	if text == "" {
		p.V = nil
		return nil
	}
	v, err := Parse([]byte(text))
	if err != nil {
		p.V = text
		return nil
	}
	p.V = v
	return nil
}

// Text renders v as JSON the way Step Functions prints payloads (no HTML
// escaping).
func Text(v any) string { return string(Bytes(v)) }

func textSlow(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "null"
	}
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// Size returns the length of Text(v) without building it (exact for the
// values encoding/json decodes; numbers are counted in their shortest
// form).
func Size(v any) int {
	switch x := v.(type) {
	case nil:
		return 4
	case bool:
		if x {
			return 4
		}
		return 5
	case float64:
		return numberSize(x)
	case string:
		return stringSize(x)
	case []any:
		n := 2 + max(len(x)-1, 0)
		for _, e := range x {
			n += Size(e)
		}
		return n
	case map[string]any:
		n := 2 + max(len(x)-1, 0)
		for k, e := range x {
			n += stringSize(k) + 1 + Size(e)
		}
		return n
	}
	return len(textSlow(v))
}

func numberSize(f float64) int {
	if i := int64(f); float64(i) == f && i > -maxExact && i < maxExact && (i != 0 || !math.Signbit(f)) {
		n := 1
		if i < 0 {
			n, i = 2, -i
		}
		for ; i >= 10; i /= 10 {
			n++
		}
		return n
	}
	var buf [40]byte
	return len(appendFloat(buf[:0], f))
}

func stringSize(s string) int {
	n := 2
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f':
				n += 2
			case c < 0x20:
				n += 6
			default:
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			n += 6
		case r == '\u2028' || r == '\u2029':
			n += 6
		default:
			n += size
		}
		i += size
	}
	return n
}
