package jsonpath

import (
	"regexp"
	"strconv"
	"strings"
)

// expr is a node of a filter expression.
type expr interface {
	// eval returns the node's value for the current item and the root.
	// ok is false for a path that selects nothing.
	eval(cur, root any) (v any, ok bool)
}

type (
	orExpr  struct{ l, r expr }
	andExpr struct{ l, r expr }
	notExpr struct{ e expr }
	cmpExpr struct {
		op   string
		l, r expr
	}
	litExpr  struct{ v any }
	pathExpr struct {
		fromRoot bool
		segs     []segment
		definite bool
	}
	regexExpr struct{ re *regexp.Regexp }
)

func (e orExpr) eval(cur, root any) (any, bool) {
	return truthy(e.l, cur, root) || truthy(e.r, cur, root), true
}

func (e andExpr) eval(cur, root any) (any, bool) {
	return truthy(e.l, cur, root) && truthy(e.r, cur, root), true
}

func (e notExpr) eval(cur, root any) (any, bool) { return !truthy(e.e, cur, root), true }

func (e litExpr) eval(_, _ any) (any, bool) { return e.v, true }

func (e regexExpr) eval(_, _ any) (any, bool) { return e.re, true }

func (e pathExpr) eval(cur, root any) (any, bool) {
	doc := cur
	if e.fromRoot {
		doc = root
	}
	var out []any
	collect(e.segs, doc, root, func(v any) { out = append(out, v) })
	if e.definite {
		if len(out) == 0 {
			return nil, false
		}
		return out[0], true
	}
	return out, true
}

// truthy is the value of an expression used as a condition: a comparison's
// result, or for a lone path whether it selects something.
func truthy(e expr, cur, root any) bool {
	v, ok := e.eval(cur, root)
	if !ok {
		return false
	}
	if _, isPath := e.(pathExpr); isPath {
		if l, isList := v.([]any); isList && !e.(pathExpr).definite {
			return len(l) > 0
		}
		return true
	}
	b, _ := v.(bool)
	return b
}

func (e cmpExpr) eval(cur, root any) (any, bool) {
	l, lok := e.l.eval(cur, root)
	r, rok := e.r.eval(cur, root)
	switch e.op {
	case "==":
		return lok && rok && equal(l, r), true
	case "!=":
		return !(lok && rok && equal(l, r)), true
	case "=~":
		re, _ := r.(*regexp.Regexp)
		s, isStr := l.(string)
		return lok && isStr && re != nil && re.MatchString(s), true
	case "in", "nin":
		in := lok && rok && contains(r, l)
		return in == (e.op == "in"), true
	}
	if !lok || !rok {
		return false, true
	}
	c, comparable := compare(l, r)
	if !comparable {
		return false, true
	}
	switch e.op {
	case "<":
		return c < 0, true
	case "<=":
		return c <= 0, true
	case ">":
		return c > 0, true
	default: // ">="
		return c >= 0, true
	}
}

func contains(list, v any) bool {
	items, ok := list.([]any)
	if !ok {
		return false
	}
	for _, it := range items {
		if equal(it, v) {
			return true
		}
	}
	return false
}

// compare orders two numbers or two strings.
func compare(a, b any) (int, bool) {
	switch x := a.(type) {
	case float64:
		y, ok := b.(float64)
		if !ok {
			return 0, false
		}
		switch {
		case x < y:
			return -1, true
		case x > y:
			return 1, true
		}
		return 0, true
	case string:
		y, ok := b.(string)
		if !ok {
			return 0, false
		}
		return strings.Compare(x, y), true
	}
	return 0, false
}

// parseOr and the functions below read a filter expression.
func (p *parser) parseOr() (expr, error) {
	l, err := p.parseAnd()
	for err == nil {
		p.skipSpace()
		if !p.consume("||") {
			return l, nil
		}
		var r expr
		r, err = p.parseAnd()
		l = orExpr{l, r}
	}
	return nil, err
}

func (p *parser) parseAnd() (expr, error) {
	l, err := p.parseUnary()
	for err == nil {
		p.skipSpace()
		if !p.consume("&&") {
			return l, nil
		}
		var r expr
		r, err = p.parseUnary()
		l = andExpr{l, r}
	}
	return nil, err
}

func (p *parser) parseUnary() (expr, error) {
	p.skipSpace()
	if p.peek() == '!' && !strings.HasPrefix(p.src[p.pos:], "!=") {
		p.pos++
		e, err := p.parseUnary()
		return notExpr{e}, err
	}
	if p.consume("(") {
		e, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if !p.consume(")") {
			return nil, p.errf("expected ')'")
		}
		return e, nil
	}
	return p.parseComparison()
}

var cmpOps = []string{"==", "!=", "<=", ">=", "=~", "<", ">", " in ", " nin "}

func (p *parser) parseComparison() (expr, error) {
	l, err := p.parseOperand()
	if err != nil {
		return nil, err
	}
	save := p.pos
	p.skipSpace()
	for _, op := range cmpOps {
		if strings.HasPrefix(p.src[p.pos:], strings.TrimSpace(op)) && (op[0] != ' ' || p.pos > save) {
			p.pos += len(strings.TrimSpace(op))
			r, err := p.parseOperand()
			return cmpExpr{op: strings.TrimSpace(op), l: l, r: r}, err
		}
	}
	p.pos = save
	return l, nil
}

func (p *parser) parseOperand() (expr, error) {
	p.skipSpace()
	switch c := p.peek(); {
	case c == '@' || c == '$':
		p.pos++
		segs, err := p.parseSegments(true)
		markMerge(segs)
		def := true
		for i := range segs {
			def = def && segs[i].definite()
		}
		return pathExpr{fromRoot: c == '$', segs: segs, definite: def}, err
	case c == '\'' || c == '"':
		s, err := p.parseQuoted()
		return litExpr{s}, err
	case c == '/':
		return p.parseRegex()
	case c == '[':
		return p.parseList()
	case c == '-' || (c >= '0' && c <= '9'):
		return p.parseNumber()
	}
	for _, kw := range []struct {
		s string
		v any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if p.consume(kw.s) {
			return litExpr{kw.v}, nil
		}
	}
	return nil, p.errf("expected an operand")
}

func (p *parser) parseNumber() (expr, error) {
	start := p.pos
	p.pos++
	for !p.eof() && strings.IndexByte("0123456789.eE+-", p.src[p.pos]) >= 0 {
		p.pos++
	}
	f, err := strconv.ParseFloat(p.src[start:p.pos], 64)
	if err != nil {
		return nil, p.errf("bad number " + p.src[start:p.pos])
	}
	return litExpr{f}, nil
}

func (p *parser) parseRegex() (expr, error) {
	p.pos++
	start := p.pos
	for !p.eof() && p.src[p.pos] != '/' {
		if p.src[p.pos] == '\\' {
			p.pos++
		}
		p.pos++
	}
	if p.eof() {
		return nil, p.errf("unterminated regular expression")
	}
	pattern := p.src[start:p.pos]
	p.pos++
	flags := ""
	for !p.eof() && strings.IndexByte("imsx", p.src[p.pos]) >= 0 {
		if p.src[p.pos] != 'x' {
			flags += string(p.src[p.pos])
		}
		p.pos++
	}
	if flags != "" {
		pattern = "(?" + flags + ")" + pattern
	}
	re, err := regexp.Compile("^(?:" + pattern + ")$")
	if err != nil {
		return nil, p.errf("bad regular expression: " + err.Error())
	}
	return regexExpr{re}, nil
}

func (p *parser) parseList() (expr, error) {
	p.pos++
	var items []any
	for {
		p.skipSpace()
		if p.consume("]") {
			return litExpr{items}, nil
		}
		e, err := p.parseOperand()
		if err != nil {
			return nil, err
		}
		lit, ok := e.(litExpr)
		if !ok {
			return nil, p.errf("list items must be literals")
		}
		items = append(items, lit.v)
		p.skipSpace()
		if !p.consume(",") && p.peek() != ']' {
			return nil, p.errf("expected ',' or ']'")
		}
	}
}
