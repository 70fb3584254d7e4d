package jsonata

import "fmt"

// process is jsonata-js's processAST: it flattens '.' chains into path
// steps, attaches predicates/stages, grouping and sort steps, resolves
// parent (%) references and applies tail-call optimisation to lambdas.
func (p *parser) process(expr *node) *node {
	var result *node
	switch expr.typ {
	case "binary":
		result = p.processBinary(expr)
	case "unary":
		result = p.processUnary(expr)
	case "function", "partial":
		result = p.processCall(expr)
	case "lambda":
		result = &node{typ: expr.typ, args: expr.args, sig: expr.sig, pos: expr.pos}
		result.body = tailCallOptimize(p.process(expr.body))
	case "condition":
		result = p.processCondition(expr)
	case "transform":
		result = &node{typ: expr.typ, pos: expr.pos, pattern: p.process(expr.pattern), update: p.process(expr.update)}
		if expr.del != nil {
			result.del = p.process(expr.del)
		}
	case "block":
		result = p.processBlock(expr)
	case tokName:
		result = &node{typ: "path", steps: []*node{expr}, keepSingletonArray: expr.keepArray}
	case "parent":
		s := &slot{label: fmt.Sprintf("!%d", p.labels), level: 1, index: len(p.ancestry)}
		p.labels++
		p.ancestry = append(p.ancestry, s)
		result = &node{typ: "parent", slot: s, pos: expr.pos}
	case tokString, tokNumber, tokValue, "wildcard", "descendant", tokVariable, tokRegex:
		result = expr
	case tokOperator:
		result = p.processOperator(expr)
	default:
		code := "S0206"
		if expr.id == "(end)" {
			code = "S0207"
		}
		throw(code, expr.pos, tokenText(expr.value), nil)
	}
	if expr.keepArray {
		result.keepArray = true
	}
	return result
}

func (p *parser) processCall(expr *node) *node {
	result := &node{typ: expr.typ, value: expr.value, pos: expr.pos}
	for _, a := range expr.args {
		an := p.process(a)
		pushAncestry(result, an)
		result.args = append(result.args, an)
	}
	result.procedure = p.process(expr.procedure)
	return result
}

func (p *parser) processCondition(expr *node) *node {
	result := &node{typ: expr.typ, pos: expr.pos}
	result.cond = p.process(expr.cond)
	pushAncestry(result, result.cond)
	result.then = p.process(expr.then)
	pushAncestry(result, result.then)
	if expr.els != nil {
		result.els = p.process(expr.els)
		pushAncestry(result, result.els)
	}
	return result
}

func (p *parser) processBlock(expr *node) *node {
	result := &node{typ: expr.typ, pos: expr.pos}
	for _, e := range expr.exprs {
		part := p.process(e)
		pushAncestry(result, part)
		if part.consarray || (part.typ == "path" && part.steps[0].consarray) {
			result.consarray = true
		}
		result.exprs = append(result.exprs, part)
	}
	return result
}

// processOperator handles operator tokens in operand position: and/or/in
// used as field names, and the ? placeholder of partial application.
func (p *parser) processOperator(expr *node) *node {
	switch expr.value {
	case "and", "or", "in":
		expr.typ = tokName
		return p.process(expr)
	case "?":
		return expr
	}
	throw("S0201", expr.pos, tokenText(expr.value), nil)
	return nil
}

func (p *parser) processUnary(expr *node) *node {
	result := &node{typ: expr.typ, value: expr.value, pos: expr.pos}
	switch expr.value {
	case "[":
		for _, item := range expr.exprs {
			v := p.process(item)
			pushAncestry(result, v)
			result.exprs = append(result.exprs, v)
		}
	case "{":
		for _, pair := range expr.pairs {
			k := p.process(pair[0])
			pushAncestry(result, k)
			v := p.process(pair[1])
			pushAncestry(result, v)
			result.pairs = append(result.pairs, [2]*node{k, v})
		}
	default:
		result.expression = p.process(expr.expression)
		if expr.value == "-" && result.expression.typ == tokNumber {
			n := result.expression
			n.value = -n.value.(float64)
			return n
		}
		pushAncestry(result, result.expression)
	}
	return result
}

func (p *parser) processBinary(expr *node) *node {
	switch expr.value {
	case ".":
		return p.processDot(expr)
	case "[":
		return p.processPredicate(expr)
	case "{":
		result := p.process(expr.lhs)
		if result.group != nil {
			throw("S0210", expr.pos, "", nil)
		}
		g := &groupExpr{pos: expr.pos}
		for _, pair := range expr.pairs {
			g.pairs = append(g.pairs, [2]*node{p.process(pair[0]), p.process(pair[1])})
		}
		result.group = g
		return result
	case "^":
		return p.processSort(expr)
	case ":=":
		result := &node{typ: "bind", value: expr.value, pos: expr.pos}
		result.lhs = p.process(expr.lhs)
		result.rhs = p.process(expr.rhs)
		pushAncestry(result, result.rhs)
		return result
	case "@":
		return p.processFocus(expr)
	case "#":
		return p.processIndex(expr)
	case "~>":
		result := &node{typ: "apply", value: expr.value, pos: expr.pos}
		result.lhs = p.process(expr.lhs)
		result.rhs = p.process(expr.rhs)
		result.keepArray = result.lhs.keepArray || result.rhs.keepArray
		return result
	}
	result := &node{typ: expr.typ, value: expr.value, pos: expr.pos}
	result.lhs = p.process(expr.lhs)
	result.rhs = p.process(expr.rhs)
	pushAncestry(result, result.lhs)
	pushAncestry(result, result.rhs)
	return result
}

func (p *parser) processDot(expr *node) *node {
	lstep := p.process(expr.lhs)
	var result *node
	if lstep.typ == "path" {
		result = lstep
	} else {
		result = &node{typ: "path", steps: []*node{lstep}}
	}
	if lstep.typ == "parent" {
		result.seekingParent = []*slot{lstep.slot}
		result.hasSeeking = true
	}
	rest := p.process(expr.rhs)
	if rest.typ == "path" {
		result.steps = append(result.steps, rest.steps...)
	} else {
		if rest.predicate != nil {
			rest.stages = rest.predicate
			rest.predicate = nil
		}
		result.steps = append(result.steps, rest)
	}
	for _, step := range result.steps {
		if step.typ == tokNumber || step.typ == tokValue {
			throw("S0213", step.pos, "", step.value)
		}
		if step.typ == tokString {
			step.typ = tokName
		}
		if step.keepArray {
			result.keepSingletonArray = true
		}
	}
	first := result.steps[0]
	if first.typ == "unary" && first.value == "[" {
		first.consarray = true
	}
	last := result.steps[len(result.steps)-1]
	if last.typ == "unary" && last.value == "[" {
		last.consarray = true
	}
	p.resolveAncestry(result)
	return result
}

func (p *parser) processPredicate(expr *node) *node {
	result := p.process(expr.lhs)
	step := result
	isStages := false
	if result.typ == "path" {
		step = result.steps[len(result.steps)-1]
		isStages = true
	}
	if step.group != nil {
		throw("S0209", expr.pos, "", nil)
	}
	pred := p.process(expr.rhs)
	if pred.hasSeeking {
		for _, s := range pred.seekingParent {
			if s.level == 1 {
				p.seekParent(step, s)
			} else {
				s.level--
			}
		}
		pushAncestry(step, pred)
	}
	st := &stage{typ: "filter", expr: pred, pos: expr.pos}
	if isStages {
		step.stages = append(step.stages, st)
	} else {
		step.predicate = append(step.predicate, st)
	}
	return result
}

func (p *parser) processSort(expr *node) *node {
	result := p.process(expr.lhs)
	if result.typ != "path" {
		result = &node{typ: "path", steps: []*node{result}}
	}
	sortStep := &node{typ: "sort", pos: expr.pos}
	for _, t := range expr.terms {
		e := p.process(t.expr)
		pushAncestry(sortStep, e)
		sortStep.terms = append(sortStep.terms, sortTerm{descending: t.descending, expr: e})
	}
	result.steps = append(result.steps, sortStep)
	p.resolveAncestry(result)
	return result
}

func (p *parser) processFocus(expr *node) *node {
	result := p.process(expr.lhs)
	step := result
	if result.typ == "path" {
		step = result.steps[len(result.steps)-1]
	}
	if step.stages != nil || step.predicate != nil {
		throw("S0215", expr.pos, "", nil)
	}
	if step.typ == "sort" {
		throw("S0216", expr.pos, "", nil)
	}
	if expr.keepArray {
		step.keepArray = true
	}
	step.focus = expr.rhs.str()
	step.tuple = true
	return result
}

func (p *parser) processIndex(expr *node) *node {
	result := p.process(expr.lhs)
	step := result
	if result.typ == "path" {
		step = result.steps[len(result.steps)-1]
	} else {
		result = &node{typ: "path", steps: []*node{result}}
		if step.predicate != nil {
			step.stages = step.predicate
			step.predicate = nil
		}
	}
	if step.stages == nil {
		step.index = expr.rhs.str()
	} else {
		step.stages = append(step.stages, &stage{typ: "index", value: expr.rhs.str(), pos: expr.pos})
	}
	step.tuple = true
	return result
}

func tailCallOptimize(expr *node) *node {
	switch {
	case expr.typ == "function" && expr.predicate == nil:
		return &node{typ: "lambda", thunk: true, pos: expr.pos, body: expr}
	case expr.typ == "condition":
		expr.then = tailCallOptimize(expr.then)
		if expr.els != nil {
			expr.els = tailCallOptimize(expr.els)
		}
	case expr.typ == "block" && len(expr.exprs) > 0:
		expr.exprs[len(expr.exprs)-1] = tailCallOptimize(expr.exprs[len(expr.exprs)-1])
	}
	return expr
}

func (p *parser) seekParent(n *node, s *slot) *slot {
	switch n.typ {
	case tokName, "wildcard":
		s.level--
		if s.level == 0 {
			if n.ancestor != nil {
				p.ancestry[s.index].label = n.ancestor.label
			}
			n.ancestor = s
			n.tuple = true
		}
	case "parent":
		s.level++
	case "block":
		if len(n.exprs) > 0 {
			n.tuple = true
			s = p.seekParent(n.exprs[len(n.exprs)-1], s)
		}
	case "path":
		n.tuple = true
		i := len(n.steps) - 1
		s = p.seekParent(n.steps[i], s)
		i--
		for s.level > 0 && i >= 0 {
			s = p.seekParent(n.steps[i], s)
			i--
		}
	default:
		throw("S0217", n.pos, n.typ, nil)
	}
	return s
}

func pushAncestry(result, value *node) {
	if !value.hasSeeking && value.typ != "parent" {
		return
	}
	slots := append([]*slot(nil), value.seekingParent...)
	if value.typ == "parent" {
		slots = append(slots, value.slot)
	}
	result.seekingParent = append(result.seekingParent, slots...)
	result.hasSeeking = true
}

func (p *parser) resolveAncestry(path *node) {
	last := path.steps[len(path.steps)-1]
	slots := append([]*slot(nil), last.seekingParent...)
	if last.typ == "parent" {
		slots = append(slots, last.slot)
	}
	for _, s := range slots {
		i := len(path.steps) - 2
		for s.level > 0 {
			if i < 0 {
				path.seekingParent = append(path.seekingParent, s)
				path.hasSeeking = true
				break
			}
			step := path.steps[i]
			i--
			for i >= 0 && step.focus != "" && path.steps[i].focus != "" {
				step = path.steps[i]
				i--
			}
			s = p.seekParent(step, s)
		}
	}
}
