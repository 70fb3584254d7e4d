package history

import (
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrSyntax is returned by Parse for text that is not one JSON value.
var ErrSyntax = errors.New("history: invalid JSON")

// Parse decodes one JSON value into the types encoding/json uses for an
// any (nil, bool, float64, string, []any, map[string]any), with the same
// results, including U+FFFD for invalid UTF-8 and lone surrogates, and the
// same rejections; it is several times faster on the small objects task
// results usually are.
func Parse(data []byte) (any, error) {
	p := parser{b: data}
	p.space()
	v := p.value(0)
	p.space()
	if p.err != nil || p.i != len(p.b) {
		return nil, ErrSyntax
	}
	return v, nil
}

const maxDepth = 10000

type parser struct {
	b   []byte
	i   int
	err error
}

func (p *parser) fail() any {
	p.err, p.i = ErrSyntax, len(p.b)
	return nil
}

func (p *parser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) any {
	if p.i >= len(p.b) || depth > maxDepth {
		return p.fail()
	}
	switch c := p.b[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, ok := p.str()
		if !ok {
			return p.fail()
		}
		return s
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	}
	return p.literal()
}

func (p *parser) literal() any {
	for _, lit := range []struct {
		text string
		v    any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if len(p.b)-p.i >= len(lit.text) && string(p.b[p.i:p.i+len(lit.text)]) == lit.text {
			p.i += len(lit.text)
			return lit.v
		}
	}
	return p.fail()
}

func (p *parser) object(depth int) any {
	m := map[string]any{}
	p.i++
	p.space()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		return m
	}
	for p.err == nil {
		p.space()
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return p.fail()
		}
		k, ok := p.str()
		if !ok || !p.expect(':') {
			return p.fail()
		}
		p.space()
		m[k] = p.value(depth + 1)
		p.space()
		if p.i < len(p.b) && p.b[p.i] == '}' {
			p.i++
			return m
		}
		if !p.expect(',') {
			return p.fail()
		}
	}
	return nil
}

func (p *parser) array(depth int) any {
	a := []any{}
	p.i++
	p.space()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		return a
	}
	for p.err == nil {
		p.space()
		a = append(a, p.value(depth+1))
		p.space()
		if p.i < len(p.b) && p.b[p.i] == ']' {
			p.i++
			return a
		}
		if !p.expect(',') {
			return p.fail()
		}
	}
	return nil
}

func (p *parser) expect(c byte) bool {
	p.space()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// number accepts JSON's grammar only: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *parser) number() any {
	start := p.i
	if p.b[p.i] == '-' {
		p.i++
	}
	if p.i < len(p.b) && p.b[p.i] == '0' {
		p.i++
	} else if !p.digits() {
		return p.fail()
	}
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if !p.digits() {
			return p.fail()
		}
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if !p.digits() {
			return p.fail()
		}
	}
	f, err := strconv.ParseFloat(string(p.b[start:p.i]), 64)
	if err != nil {
		return p.fail() // out of range, as encoding/json reports
	}
	return f
}

func (p *parser) digits() bool {
	start := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	return p.i > start
}

// str reads a string at p.i (an opening quote).
func (p *parser) str() (string, bool) {
	p.i++
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		if c == '"' {
			s := string(p.b[start:p.i])
			p.i++
			return s, true
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			return p.strSlow(start)
		}
		p.i++
	}
	return "", false
}

// strSlow handles escapes and non-ASCII from start.
func (p *parser) strSlow(start int) (string, bool) {
	out := append([]byte(nil), p.b[start:p.i]...)
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			return string(out), true
		case c < 0x20:
			return "", false
		case c == '\\':
			var ok bool
			if out, ok = p.escape(out); !ok {
				return "", false
			}
		case c < utf8.RuneSelf:
			out = append(out, c)
			p.i++
		default:
			r, size := utf8.DecodeRune(p.b[p.i:])
			out = utf8.AppendRune(out, r) // RuneError for invalid bytes, as encoding/json
			p.i += size
		}
	}
	return "", false
}

func (p *parser) escape(out []byte) ([]byte, bool) {
	if p.i+1 >= len(p.b) {
		return out, false
	}
	c := p.b[p.i+1]
	p.i += 2
	switch c {
	case '"', '\\', '/':
		return append(out, c), true
	case 'b':
		return append(out, '\b'), true
	case 'f':
		return append(out, '\f'), true
	case 'n':
		return append(out, '\n'), true
	case 'r':
		return append(out, '\r'), true
	case 't':
		return append(out, '\t'), true
	case 'u':
		r, ok := p.hex4()
		if !ok {
			return out, false
		}
		if utf16.IsSurrogate(r) {
			r = p.lowSurrogate(r)
		}
		return utf8.AppendRune(out, r), true
	}
	return out, false
}

// lowSurrogate combines a high surrogate with a following \uDC00-\uDFFF
// escape, or yields U+FFFD (leaving what follows unread).
func (p *parser) lowSurrogate(hi rune) rune {
	if p.i+6 <= len(p.b) && p.b[p.i] == '\\' && p.b[p.i+1] == 'u' {
		save := p.i
		p.i += 2
		if lo, ok := p.hex4(); ok {
			if r := utf16.DecodeRune(hi, lo); r != utf8.RuneError {
				return r
			}
		}
		p.i = save
	}
	return utf8.RuneError
}

func (p *parser) hex4() (rune, bool) {
	if p.i+4 > len(p.b) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(p.b[p.i:p.i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	p.i += 4
	return rune(n), true
}
