package intrinsic

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/baton-run/baton/statemachines/jsonpath"
)

// Call is a parsed intrinsic function invocation. It is immutable and safe
// for concurrent use.
type Call struct {
	Name string // e.g. "States.Format"
	Args []Arg
	fn   *function
}

// Arg is one argument: a literal, a path or a nested call.
type Arg struct {
	Literal   any    // when Path and Call are nil
	Raw       string // a string literal's text between its quotes
	IsLiteral bool
	Path      *jsonpath.Path
	Call      *Call
}

// IsCall reports whether s is written as an intrinsic function call (it
// starts with "States." and is not a path).
func IsCall(s string) bool { return strings.HasPrefix(strings.TrimSpace(s), "States.") }

const maxCached = 1 << 14

var (
	cache       sync.Map
	cachedCount atomic.Int64
)

// Parse parses an invocation such as "States.Format('{}', $.a)". Results
// are cached by text. Errors are *Error.
func Parse(src string) (*Call, error) {
	if c, ok := cache.Load(src); ok {
		return c.(*Call), nil
	}
	p := &parser{src: src}
	p.skipSpace()
	c, err := p.parseCall()
	if err == nil {
		p.skipSpace()
		if !p.eof() {
			err = p.errf("unexpected text after the call")
		}
	}
	if err != nil {
		return nil, err
	}
	if cachedCount.Load() < maxCached {
		if _, loaded := cache.LoadOrStore(src, c); !loaded {
			cachedCount.Add(1)
		}
	}
	return c, nil
}

type parser struct {
	src string
	pos int
}

func (p *parser) errf(msg string) *Error {
	return &Error{Cause: "Invalid intrinsic function '" + p.src + "' at position " + strconv.Itoa(p.pos) + ": " + msg}
}

func (p *parser) eof() bool { return p.pos >= len(p.src) }

func (p *parser) peek() byte {
	if p.eof() {
		return 0
	}
	return p.src[p.pos]
}

func (p *parser) skipSpace() {
	for !p.eof() && strings.IndexByte(" \t\r\n", p.src[p.pos]) >= 0 {
		p.pos++
	}
}

func (p *parser) parseCall() (*Call, error) {
	start := p.pos
	for !p.eof() && (isIdent(p.src[p.pos]) || p.src[p.pos] == '.') {
		p.pos++
	}
	name := p.src[start:p.pos]
	fn, ok := functions[name]
	if !ok {
		return nil, p.errf("unknown function '" + name + "'")
	}
	p.skipSpace()
	if p.peek() != '(' {
		return nil, p.errf("expected '(' after " + name)
	}
	p.pos++
	args, err := p.parseArgs()
	if err != nil {
		return nil, err
	}
	c := &Call{Name: name, Args: args, fn: fn}
	if len(args) < fn.minArgs || (fn.maxArgs >= 0 && len(args) > fn.maxArgs) {
		return nil, &Error{Cause: arityCause(name, fn, len(args))}
	}
	return c, nil
}

func isIdent(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// parseArgs reads arguments up to and including the closing ')'.
func (p *parser) parseArgs() ([]Arg, error) {
	var args []Arg
	p.skipSpace()
	if p.peek() == ')' {
		p.pos++
		return args, nil
	}
	for {
		p.skipSpace()
		a, err := p.parseArg()
		if err != nil {
			return nil, err
		}
		args = append(args, a)
		p.skipSpace()
		switch p.peek() {
		case ',':
			p.pos++
		case ')':
			p.pos++
			return args, nil
		default:
			return nil, p.errf("expected ',' or ')'")
		}
	}
}

func (p *parser) parseArg() (Arg, error) {
	switch c := p.peek(); {
	case c == '\'':
		return p.parseString()
	case c == '$':
		return p.parsePath()
	case c == '-' || (c >= '0' && c <= '9'):
		return p.parseNumber()
	case strings.HasPrefix(p.src[p.pos:], "States."):
		call, err := p.parseCall()
		return Arg{Call: call}, err
	}
	for _, kw := range []struct {
		s string
		v any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if strings.HasPrefix(p.src[p.pos:], kw.s) && !isIdent(p.at(p.pos+len(kw.s))) {
			p.pos += len(kw.s)
			return Arg{Literal: kw.v, IsLiteral: true}, nil
		}
	}
	return Arg{}, p.errf("expected an argument")
}

func (p *parser) at(i int) byte {
	if i >= len(p.src) {
		return 0
	}
	return p.src[i]
}

// parseString reads a '...' literal. \' \{ \} and \\ are the only escapes; Raw keeps
// the text with only \' resolved, so that States.Format can tell an escaped
// brace from a placeholder.
func (p *parser) parseString() (Arg, error) {
	p.pos++
	var val, raw strings.Builder
	for !p.eof() {
		c := p.src[p.pos]
		switch {
		case c == '\\' && p.pos+1 < len(p.src):
			next := p.src[p.pos+1]
			if !strings.ContainsRune(`'{}\`, rune(next)) {
				return Arg{}, p.errf("invalid escape sequence \\" + string(next) + " in a string literal")
			}
			val.WriteByte(next)
			if next != '\'' {
				raw.WriteByte('\\')
			}
			raw.WriteByte(next)
			p.pos += 2
		case c == '\'':
			p.pos++
			return Arg{Literal: val.String(), Raw: raw.String(), IsLiteral: true}, nil
		default:
			val.WriteByte(c)
			raw.WriteByte(c)
			p.pos++
		}
	}
	return Arg{}, p.errf("unterminated string literal")
}

func (p *parser) parseNumber() (Arg, error) {
	start := p.pos
	p.pos++
	for !p.eof() && strings.IndexByte("0123456789.eE+-", p.src[p.pos]) >= 0 {
		p.pos++
	}
	f, err := strconv.ParseFloat(p.src[start:p.pos], 64)
	if err != nil {
		return Arg{}, p.errf("invalid number " + p.src[start:p.pos])
	}
	return Arg{Literal: f, IsLiteral: true}, nil
}

// parsePath reads a path argument up to the next ',' or ')' outside
// brackets, parentheses and quotes.
func (p *parser) parsePath() (Arg, error) {
	start := p.pos
	depth := 0
	var quote byte
	for ; !p.eof(); p.pos++ {
		c := p.src[p.pos]
		switch {
		case quote != 0:
			if c == '\\' && p.pos+1 < len(p.src) {
				p.pos++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '[' || c == '(':
			depth++
		case c == ']' || (c == ')' && depth > 0):
			depth--
		case depth == 0 && (c == ',' || c == ')'):
			return p.compilePath(start)
		}
	}
	return p.compilePath(start)
}

func (p *parser) compilePath(start int) (Arg, error) {
	text := strings.TrimSpace(p.src[start:p.pos])
	path, err := jsonpath.Compile(text)
	if err != nil {
		return Arg{}, p.errf(err.Error())
	}
	return Arg{Path: path}, nil
}
