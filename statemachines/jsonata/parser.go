package jsonata

import (
	"fmt"
)

// parser is a Pratt (top-down operator precedence) parser producing the
// jsonata-js parse tree, which processAST then turns into evaluation steps.
type parser struct {
	depth    int // expression nesting, bounded by maxParseDepth
	lex      *lexer
	cur      *node
	srcLen   int
	ancestry []*slot
	labels   int
}

// left binding powers of symbols as they appear in infix position.
func lbp(n *node) int {
	switch n.id {
	case "(end)", "(name)", "(literal)", "(regex)", ":", ";", ",", ")", "]", "}", "..", "**", "|":
		return 0
	}
	return operatorBP[n.id]
}

var knownOperators = map[string]bool{
	":": true, ";": true, ",": true, ")": true, "]": true, "}": true, "..": true, ".": true,
	"+": true, "-": true, "*": true, "/": true, "%": true, "=": true, "<": true, ">": true,
	"!=": true, "<=": true, ">=": true, "&": true, "and": true, "or": true, "in": true,
	"~>": true, "**": true, "(": true, "[": true, "^": true, "{": true, ":=": true, "@": true,
	"#": true, "?": true, "|": true,
}

func tokenText(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case nil:
		return ""
	case *regexLit:
		return t.source
	case nullT:
		return "null"
	}
	return fmt.Sprint(v)
}

func (p *parser) advance(id string, infix bool) *node {
	if id != "" && p.cur.id != id {
		code := "S0202"
		if p.cur.id == "(end)" {
			code = "S0203"
		}
		throw(code, p.cur.pos, tokenText(p.cur.value), id)
	}
	t := p.lex.next(infix)
	if t == nil {
		p.cur = &node{id: "(end)", typ: "(end)", pos: p.srcLen}
		return p.cur
	}
	n := &node{value: t.value, typ: t.typ, pos: t.pos}
	switch t.typ {
	case tokName, tokVariable:
		n.id = "(name)"
	case tokOperator:
		op := t.value.(string)
		if !knownOperators[op] {
			throw("S0204", t.pos, op, nil)
		}
		n.id = op
	case tokString, tokNumber, tokValue:
		n.id = "(literal)"
	case tokRegex:
		n.id = "(regex)"
	}
	p.cur = n
	return n
}

// maxParseDepth bounds expression nesting so that absurdly nested input
// fails (U1001) instead of exhausting the goroutine stack.
const maxParseDepth = 2000

func (p *parser) expression(rbp int) *node {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxParseDepth {
		panic(&evalError{err: &Error{Code: "U1001", Position: p.cur.pos, Message: "Expression is nested too deeply"}})
	}
	t := p.cur
	p.advance("", true)
	left := p.nud(t)
	for rbp < lbp(p.cur) {
		t = p.cur
		p.advance("", false)
		left = p.led(t, left)
	}
	return left
}

func (p *parser) nud(t *node) *node {
	switch t.id {
	case "(end)", "(name)", "(literal)", "(regex)", "and", "or", "in":
		return t
	case "-":
		t.expression = p.expression(70)
		t.typ = "unary"
	case "*":
		t.typ = "wildcard"
	case "**":
		t.typ = "descendant"
	case "%":
		t.typ = "parent"
	case "(":
		p.block(t)
	case "[":
		p.arrayConstructor(t)
	case "{":
		t.pairs = p.objectPairs()
		t.typ = "unary"
	case "|":
		p.transform(t)
	default:
		throw("S0211", t.pos, tokenText(t.value), nil)
	}
	return t
}

func (p *parser) led(t *node, left *node) *node {
	switch t.id {
	case "(":
		return p.call(t, left)
	case "[":
		return p.filter(t, left)
	case "^":
		return p.orderBy(t, left)
	case "{":
		t.lhs = left
		t.pairs = p.objectPairs()
		t.typ = "binary"
		return t
	case ":=":
		if left.typ != tokVariable {
			throw("S0212", left.pos, tokenText(left.value), nil)
		}
		t.lhs = left
		t.rhs = p.expression(operatorBP[":="] - 1)
		t.typ = "binary"
		return t
	case "@", "#":
		t.lhs = left
		t.rhs = p.expression(operatorBP[t.id])
		if t.rhs.typ != tokVariable {
			throw("S0214", t.rhs.pos, t.id, nil)
		}
		t.typ = "binary"
		return t
	case "?":
		t.typ = "condition"
		t.cond = left
		t.then = p.expression(0)
		if p.cur.id == ":" {
			p.advance(":", false)
			t.els = p.expression(0)
		}
		return t
	}
	t.lhs = left
	t.rhs = p.expression(operatorBP[t.id])
	t.typ = "binary"
	return t
}

func (p *parser) block(t *node) {
	for p.cur.id != ")" {
		t.exprs = append(t.exprs, p.expression(0))
		if p.cur.id != ";" {
			break
		}
		p.advance(";", false)
	}
	p.advance(")", true)
	t.typ = "block"
}

func (p *parser) arrayConstructor(t *node) {
	if p.cur.id != "]" {
		for {
			item := p.expression(0)
			if p.cur.id == ".." {
				rng := &node{typ: "binary", value: "..", pos: p.cur.pos, lhs: item}
				p.advance("..", false)
				rng.rhs = p.expression(0)
				item = rng
			}
			t.exprs = append(t.exprs, item)
			if p.cur.id != "," {
				break
			}
			p.advance(",", false)
		}
	}
	p.advance("]", true)
	t.typ = "unary"
}

func (p *parser) objectPairs() [][2]*node {
	var pairs [][2]*node
	if p.cur.id != "}" {
		for {
			k := p.expression(0)
			p.advance(":", false)
			v := p.expression(0)
			pairs = append(pairs, [2]*node{k, v})
			if p.cur.id != "," {
				break
			}
			p.advance(",", false)
		}
	}
	p.advance("}", true)
	return pairs
}

func (p *parser) transform(t *node) {
	t.typ = "transform"
	t.pattern = p.expression(0)
	p.advance("|", false)
	t.update = p.expression(0)
	if p.cur.id == "," {
		p.advance(",", false)
		t.del = p.expression(0)
	}
	p.advance("|", false)
}

func (p *parser) call(t *node, left *node) *node {
	t.procedure = left
	t.typ = "function"
	if p.cur.id != ")" {
		for {
			if p.cur.typ == tokOperator && p.cur.id == "?" {
				t.typ = "partial"
				t.args = append(t.args, p.cur)
				p.advance("?", false)
			} else {
				t.args = append(t.args, p.expression(0))
			}
			if p.cur.id != "," {
				break
			}
			p.advance(",", false)
		}
	}
	p.advance(")", true)
	if left.typ == tokName && (left.value == "function" || left.value == "λ") {
		p.lambda(t)
	}
	return t
}

func (p *parser) lambda(t *node) {
	for i, a := range t.args {
		if a.typ != tokVariable {
			throw("S0208", a.pos, tokenText(a.value), float64(i+1))
		}
	}
	t.typ = "lambda"
	if p.cur.id == "<" {
		sigPos := p.cur.pos
		depth := 1
		sig := "<"
		for depth > 0 && p.cur.id != "{" && p.cur.id != "(end)" {
			tok := p.advance("", false)
			if tok.id == ">" {
				depth--
			} else if tok.id == "<" {
				depth++
			}
			sig += tokenText(tok.value)
		}
		p.advance(">", false)
		s, err := parseSignature(sig)
		if err != nil {
			err.Position = sigPos
			panic(&evalError{err: err})
		}
		t.sig = s
	}
	p.advance("{", false)
	t.body = p.expression(0)
	p.advance("}", false)
}

func (p *parser) filter(t *node, left *node) *node {
	if p.cur.id == "]" {
		step := left
		for step != nil && step.typ == "binary" && step.value == "[" {
			step = step.lhs
		}
		step.keepArray = true
		p.advance("]", false)
		return left
	}
	t.lhs = left
	t.rhs = p.expression(operatorBP["]"])
	t.typ = "binary"
	p.advance("]", true)
	return t
}

func (p *parser) orderBy(t *node, left *node) *node {
	p.advance("(", false)
	for {
		term := sortTerm{}
		if p.cur.id == "<" {
			p.advance("<", false)
		} else if p.cur.id == ">" {
			term.descending = true
			p.advance(">", false)
		}
		term.expr = p.expression(0)
		t.terms = append(t.terms, term)
		if p.cur.id != "," {
			break
		}
		p.advance(",", false)
	}
	p.advance(")", false)
	t.lhs = left
	t.typ = "binary"
	return t
}

// parse turns source into a processed evaluation tree.
func parse(src string) (root *node, err *Error) {
	defer func() {
		if r := recover(); r != nil {
			ee, ok := r.(*evalError)
			if !ok {
				panic(r)
			}
			root, err = nil, ee.err.finish(ee.extra)
		}
	}()
	runes := []rune(src)
	p := &parser{lex: &lexer{src: runes}, srcLen: len(runes)}
	p.advance("", false)
	expr := p.expression(0)
	if p.cur.id != "(end)" {
		throw("S0201", p.cur.pos, tokenText(p.cur.value), nil)
	}
	expr = p.process(expr)
	if expr.typ == "parent" || expr.hasSeeking {
		throw("S0217", expr.pos, expr.typ, nil)
	}
	return expr, nil
}
