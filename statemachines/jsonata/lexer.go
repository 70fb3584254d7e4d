package jsonata

import (
	"regexp"
	"strconv"
	"strings"
)

// token kinds
const (
	tokName     = "name"
	tokVariable = "variable"
	tokOperator = "operator"
	tokString   = "string"
	tokNumber   = "number"
	tokValue    = "value"
	tokRegex    = "regex"
)

type token struct {
	typ   string
	value any // string, float64, bool, jnull or *regexLit
	pos   int
}

// regexLit is a compiled regular expression literal.
type regexLit struct {
	source string
	re     *regexp.Regexp
}

var operatorBP = map[string]int{
	".": 75, "[": 80, "]": 0, "{": 70, "}": 0, "(": 80, ")": 0, ",": 0, "@": 80, "#": 80,
	";": 80, ":": 80, "?": 20, "+": 50, "-": 50, "*": 60, "/": 60, "%": 60, "|": 20,
	"=": 40, "<": 40, ">": 40, "^": 40, "**": 60, "..": 20, ":=": 10, "!=": 40, "<=": 40,
	">=": 40, "~>": 40, "and": 30, "or": 25, "in": 40, "&": 50, "!": 0, "~": 0,
}

var escapes = map[rune]string{'"': "\"", '\\': "\\", '/': "/", 'b': "\b", 'f': "\f", 'n': "\n", 'r': "\r", 't': "\t"}

var numRegex = regexp.MustCompile(`^-?(0|([1-9][0-9]*))(\.[0-9]+)?([Ee][-+]?[0-9]+)?`)

type lexer struct {
	src []rune
	pos int
}

func isSpace(r rune) bool { return strings.ContainsRune(" \t\n\r\v", r) }

func (l *lexer) at(i int) rune {
	if i < 0 || i >= len(l.src) {
		return 0
	}
	return l.src[i]
}

func (l *lexer) tok(typ string, v any) *token { return &token{typ: typ, value: v, pos: l.pos} }

// next returns the next token, or nil at the end. infix is true after an
// operand, where '/' is division rather than the start of a regex.
func (l *lexer) next(infix bool) *token {
	for l.pos < len(l.src) && isSpace(l.src[l.pos]) {
		l.pos++
	}
	if l.pos >= len(l.src) {
		return nil
	}
	c := l.src[l.pos]
	switch {
	case c == '/' && l.at(l.pos+1) == '*':
		l.skipComment()
		return l.next(infix)
	case c == '/' && !infix:
		l.pos++
		return l.tok(tokRegex, l.scanRegex())
	}
	if t := l.operator(c); t != nil {
		return t
	}
	switch {
	case c == '"' || c == '\'':
		return l.scanString(c)
	case c == '`':
		return l.scanQuotedName()
	}
	if t := l.scanNumber(); t != nil {
		return t
	}
	return l.scanName()
}

func (l *lexer) skipComment() {
	start := l.pos
	l.pos += 2
	for !(l.at(l.pos) == '*' && l.at(l.pos+1) == '/') {
		l.pos++
		if l.pos >= len(l.src) {
			throw("S0106", start, "", nil)
		}
	}
	l.pos += 2
}

func (l *lexer) scanNumber() *token {
	m := l.numberPrefix()
	if m == "" {
		return nil
	}
	f, err := strconv.ParseFloat(m, 64)
	if err != nil {
		throw("S0102", l.pos, m, nil)
	}
	l.pos += len([]rune(m))
	return l.tok(tokNumber, f)
}

// scanQuotedName reads a `backquoted` field name.
func (l *lexer) scanQuotedName() *token {
	for j := l.pos + 1; j < len(l.src); j++ {
		if l.src[j] == '`' {
			name := string(l.src[l.pos+1 : j])
			l.pos = j + 1
			return l.tok(tokName, name)
		}
	}
	l.pos = len(l.src)
	throw("S0105", l.pos, "", nil)
	return nil
}

// numberPrefix returns the number literal starting at pos, if any.
func (l *lexer) numberPrefix() string {
	c := l.src[l.pos]
	if !(c >= '0' && c <= '9') && !(c == '-' && l.at(l.pos+1) >= '0' && l.at(l.pos+1) <= '9') {
		return ""
	}
	end := l.pos + 1
	for end < len(l.src) && strings.ContainsRune("0123456789.eE+-", l.src[end]) {
		end++
	}
	return numRegex.FindString(string(l.src[l.pos:end]))
}

var twoCharOps = []string{"..", ":=", "!=", ">=", "<=", "**", "~>"}

func (l *lexer) operator(c rune) *token {
	for _, op := range twoCharOps {
		if c == rune(op[0]) && l.at(l.pos+1) == rune(op[1]) {
			l.pos += 2
			return l.tok(tokOperator, op)
		}
	}
	if _, ok := operatorBP[string(c)]; ok {
		l.pos++
		return l.tok(tokOperator, string(c))
	}
	return nil
}

func (l *lexer) scanString(quote rune) *token {
	l.pos++
	var sb strings.Builder
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == '\\':
			l.pos++
			c = l.at(l.pos)
			if e, ok := escapes[c]; ok {
				sb.WriteString(e)
			} else if c == 'u' {
				sb.WriteString(l.unicodeEscape())
			} else {
				throw("S0103", l.pos, string(c), nil)
			}
		case c == quote:
			l.pos++
			return l.tok(tokString, sb.String())
		default:
			sb.WriteRune(c)
		}
		l.pos++
	}
	throw("S0101", l.pos, "", nil)
	return nil
}

// unicodeEscape decodes \uXXXX, joining UTF-16 surrogate pairs.
func (l *lexer) unicodeEscape() string {
	hex := func(at int) (rune, bool) {
		if at+4 > len(l.src) {
			return 0, false
		}
		n, err := strconv.ParseUint(string(l.src[at:at+4]), 16, 32)
		return rune(n), err == nil
	}
	r, ok := hex(l.pos + 1)
	if !ok {
		throw("S0104", l.pos, "", nil)
	}
	l.pos += 4
	if r >= 0xD800 && r < 0xDC00 && l.at(l.pos+1) == '\\' && l.at(l.pos+2) == 'u' {
		if r2, ok := hex(l.pos + 3); ok && r2 >= 0xDC00 && r2 < 0xE000 {
			l.pos += 6
			return string((r-0xD800)<<10 + (r2 - 0xDC00) + 0x10000)
		}
	}
	if r >= 0xD800 && r < 0xE000 {
		// a lone surrogate: keep it as (invalid) WTF-8 so URL encoding can reject it
		return string([]byte{0xE0 | byte(r>>12), 0x80 | byte((r>>6)&0x3F), 0x80 | byte(r&0x3F)})
	}
	return string(r)
}

func (l *lexer) scanName() *token {
	i := l.pos
	for {
		c := l.at(i)
		_, isOp := operatorBP[string(c)]
		if i >= len(l.src) || isSpace(c) || isOp {
			break
		}
		i++
	}
	start := l.pos
	l.pos = i
	if l.src[start] == '$' {
		return &token{typ: tokVariable, value: string(l.src[start+1 : i]), pos: i}
	}
	name := string(l.src[start:i])
	switch name {
	case "or", "in", "and":
		return l.tok(tokOperator, name)
	case "true":
		return l.tok(tokValue, true)
	case "false":
		return l.tok(tokValue, false)
	case "null":
		return l.tok(tokValue, jnull)
	}
	if name == "" && l.pos == len(l.src) {
		return nil
	}
	return l.tok(tokName, name)
}

// scanRegex reads a /pattern/flags literal (the leading '/' is consumed).
func (l *lexer) scanRegex() *regexLit {
	start := l.pos
	depth := 0
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		if c == '/' && depth == 0 && l.closingSlash() {
			pattern := string(l.src[start:l.pos])
			if pattern == "" {
				throw("S0301", l.pos, "", nil)
			}
			l.pos++
			fstart := l.pos
			for l.at(l.pos) == 'i' || l.at(l.pos) == 'm' {
				l.pos++
			}
			return compileRegex(pattern, string(l.src[fstart:l.pos]), l.pos)
		}
		if strings.ContainsRune("([{", c) && l.at(l.pos-1) != '\\' {
			depth++
		}
		if strings.ContainsRune(")]}", c) && l.at(l.pos-1) != '\\' {
			depth--
		}
		l.pos++
	}
	throw("S0302", l.pos, "", nil)
	return nil
}

func (l *lexer) closingSlash() bool {
	n := 0
	for l.at(l.pos-(n+1)) == '\\' {
		n++
	}
	return n%2 == 0
}

func compileRegex(pattern, flags string, pos int) *regexLit {
	goFlags := ""
	if strings.Contains(flags, "i") {
		goFlags += "i"
	}
	if strings.Contains(flags, "m") {
		goFlags += "m"
	}
	src := pattern
	if goFlags != "" {
		src = "(?" + goFlags + ")" + pattern
	}
	re, err := regexp.Compile(src)
	if err != nil {
		// JavaScript-only syntax (look-around, back-references) lands here.
		panic(&evalError{err: &Error{Code: "S0302", Position: pos, Token: pattern,
			Message: "Unsupported regular expression /" + pattern + "/: " + err.Error()}})
	}
	return &regexLit{source: pattern, re: re}
}
