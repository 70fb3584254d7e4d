package jsonata

import "sort"

func (ev *evaluator) evalPath(expr *node, input any, env *frame) any {
	var inputSeq *array
	if a, ok := input.(*array); ok && expr.steps[0].typ != tokVariable {
		inputSeq = a
	} else {
		inputSeq = newSeq()
		if input != nil {
			inputSeq.push(input)
		} else {
			inputSeq.items = []any{nil}
		}
	}
	var resultSeq any
	isTuple := false
	var tuples *array
	for i, step := range expr.steps {
		if step.tuple {
			isTuple = true
		}
		if i == 0 && step.consarray {
			resultSeq = ev.eval(step, inputSeq, env)
		} else if isTuple {
			tuples = ev.evalTupleStep(step, inputSeq, tuples, env)
		} else {
			resultSeq = ev.evalStep(step, inputSeq, env, i == len(expr.steps)-1)
		}
		if !isTuple && emptyResult(resultSeq) {
			break
		}
		if step.focus == "" {
			if isTuple {
				inputSeq = tuples
			} else if a, ok := resultSeq.(*array); ok {
				inputSeq = a
			} else {
				inputSeq = newSeq(resultSeq)
			}
		}
	}
	if isTuple {
		if expr.tuple {
			resultSeq = tuples
		} else {
			out := newSeq()
			for _, t := range tuples.items {
				out.push(t.(tuple)["@"])
			}
			resultSeq = out
		}
	}
	if expr.keepSingletonArray {
		a, ok := resultSeq.(*array)
		if ok && a.cons && !a.seq {
			a = newSeq(a)
			resultSeq = a
		}
		if ok {
			a.keepSingleton = true
		}
	}
	if expr.group != nil {
		if isTuple {
			resultSeq = ev.evalGroup(expr.group, tuples, env)
		} else {
			resultSeq = ev.evalGroup(expr.group, resultSeq, env)
		}
	}
	return resultSeq
}

func emptyResult(v any) bool {
	if v == nil {
		return true
	}
	a, ok := v.(*array)
	return ok && len(a.items) == 0
}

func (ev *evaluator) evalStep(expr *node, input *array, env *frame, lastStep bool) any {
	if expr.typ == "sort" {
		result := ev.evalSort(expr, input, env)
		if expr.stages != nil {
			return ev.evalStages(expr.stages, result, env)
		}
		return result
	}
	result := make([]any, 0, len(input.items))
	for _, it := range input.items {
		res := ev.eval(expr, it, env)
		for _, st := range expr.stages {
			res = ev.evalFilter(st.expr, res, env)
		}
		if res != nil {
			result = append(result, res)
		}
	}
	if lastStep && len(result) == 1 {
		if a, ok := result[0].(*array); ok && !a.seq {
			return a
		}
	}
	out := newSeq()
	for _, res := range result {
		if a, ok := res.(*array); ok && !a.cons {
			out.items = append(out.items, a.items...)
		} else {
			out.push(res)
		}
	}
	return out
}

func (ev *evaluator) evalTupleStep(expr *node, input *array, tuples *array, env *frame) *array {
	if expr.typ == "sort" {
		var result *array
		if tuples != nil {
			result = ev.evalSort(expr, tuples, env).(*array)
		} else {
			sorted := ev.evalSort(expr, input, env).(*array)
			result = &array{seq: true, tupleStream: true}
			for i, it := range sorted.items {
				t := tuple{"@": it}
				if expr.index != "" {
					t[expr.index] = float64(i)
				}
				result.push(t)
			}
		}
		if expr.stages != nil {
			result = ev.evalStages(expr.stages, result, env).(*array)
		}
		return result
	}
	result := &array{seq: true, tupleStream: true}
	if tuples == nil {
		tuples = &array{seq: true, tupleStream: true}
		for _, it := range input.items {
			tuples.push(tuple{"@": it})
		}
	}
	for _, tv := range tuples.items {
		t := tv.(tuple)
		res := ev.eval(expr, t["@"], frameFromTuple(env, t))
		if res == nil {
			continue
		}
		ra, ok := res.(*array)
		if !ok {
			ra = &array{items: []any{res}}
		}
		for bb, item := range ra.items {
			nt := make(tuple, len(t)+2)
			for k, v := range t {
				nt[k] = v
			}
			if ra.tupleStream {
				for k, v := range item.(tuple) {
					nt[k] = v
				}
			} else {
				if expr.focus != "" {
					nt[expr.focus] = item
					nt["@"] = t["@"]
				} else {
					nt["@"] = item
				}
				if expr.index != "" {
					nt[expr.index] = float64(bb)
				}
				if expr.ancestor != nil {
					nt[expr.ancestor.label] = t["@"]
				}
			}
			result.push(nt)
		}
	}
	if expr.stages != nil {
		return ev.evalStages(expr.stages, result, env).(*array)
	}
	return result
}

func (ev *evaluator) evalStages(stages []*stage, input any, env *frame) any {
	result := input
	for _, st := range stages {
		switch st.typ {
		case "filter":
			result = ev.evalFilter(st.expr, result, env)
		case "index":
			if a, ok := result.(*array); ok {
				for i, t := range a.items {
					t.(tuple)[st.value] = float64(i)
				}
			}
		}
	}
	return result
}

func (ev *evaluator) evalFilter(pred *node, input any, env *frame) any {
	results := newSeq()
	in, ok := input.(*array)
	if ok && in.tupleStream {
		results.tupleStream = true
	}
	if !ok {
		in = newSeq()
		if input != nil {
			in.push(input)
		} else {
			in.items = []any{nil}
		}
	}
	if pred.typ == tokNumber {
		idx := int(floorF(pred.value.(float64)))
		if idx < 0 {
			idx += len(in.items)
		}
		if idx >= 0 && idx < len(in.items) && in.items[idx] != nil {
			item := in.items[idx]
			if a, ok := item.(*array); ok {
				return a
			}
			results.push(item)
		}
		return results
	}
	for i, item := range in.items {
		ctx, fenv := item, env
		if in.tupleStream {
			ctx = item.(tuple)["@"]
			fenv = frameFromTuple(env, item.(tuple))
		}
		res := ev.eval(pred, ctx, fenv)
		if checkNumeric(res) {
			res = &array{items: []any{res}}
		}
		if isArrayOfNumbers(res) {
			for _, r := range res.(*array).items {
				ii := int(floorF(r.(float64)))
				if ii < 0 {
					ii += len(in.items)
				}
				if ii == i {
					results.push(item)
				}
			}
		} else if toBool(res) {
			results.push(item)
		}
	}
	return results
}

// evalSort is the order-by step: a stable merge sort on the terms.
func (ev *evaluator) evalSort(expr *node, input *array, env *frame) any {
	isTuple := input.tupleStream
	keys := make([][]any, len(input.items))
	for i, it := range input.items {
		ctx, fenv := it, env
		if isTuple {
			ctx = it.(tuple)["@"]
			fenv = frameFromTuple(env, it.(tuple))
		}
		keys[i] = make([]any, len(expr.terms))
		for j, term := range expr.terms {
			keys[i][j] = ev.eval(term.expr, ctx, fenv)
		}
	}
	idx := make([]int, len(input.items))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		return compareSortKeys(expr, keys[idx[b]], keys[idx[a]]) > 0
	})
	out := &array{seq: true, tupleStream: isTuple}
	for _, i := range idx {
		out.push(input.items[i])
	}
	return out
}

// compareSortKeys returns the jsonata comparator result for a vs b (1
// means a sorts after b).
func compareSortKeys(expr *node, a, b []any) int {
	for j, term := range expr.terms {
		aa, bb := a[j], b[j]
		comp := 0
		switch {
		case aa == nil && bb == nil:
			continue
		case aa == nil:
			comp = 1
			return comp
		case bb == nil:
			return -1
		}
		as, aStr := aa.(string)
		an, aNum := aa.(float64)
		bs, bStr := bb.(string)
		bn, bNum := bb.(float64)
		if !(aStr || aNum) || !(bStr || bNum) {
			bad := aa
			if aStr || aNum {
				bad = bb
			}
			throw("T2008", expr.pos, "", bad)
		}
		if aStr != bStr {
			panic(&evalError{err: newErr("T2007", expr.pos, "", aa), extra: &errExtra{value2: bb}})
		}
		if aStr {
			comp = cmpStrings(as, bs)
		} else if an < bn {
			comp = -1
		} else if an > bn {
			comp = 1
		}
		if term.descending {
			comp = -comp
		}
		if comp != 0 {
			return comp
		}
	}
	return 0
}

func (ev *evaluator) evalGroup(g *groupExpr, input any, env *frame) any {
	result := newObject()
	type entry struct {
		data      any
		exprIndex int
	}
	groups := map[string]*entry{}
	var order []string
	in, ok := input.(*array)
	reduce := ok && in.tupleStream
	var list []any
	if ok {
		list = in.items
	} else {
		list = []any{input}
	}
	if len(list) == 0 {
		list = []any{nil}
	}
	for _, item := range list {
		ctx, fenv := item, env
		if reduce {
			ctx = item.(tuple)["@"]
			fenv = frameFromTuple(env, item.(tuple))
		}
		for pi, pair := range g.pairs {
			key := ev.eval(pair[0], ctx, fenv)
			if key == nil {
				continue
			}
			ks, isStr := key.(string)
			if !isStr {
				throw("T1003", g.pos, "", key)
			}
			if e, ok := groups[ks]; ok {
				if e.exprIndex != pi {
					throw("D1009", g.pos, "", ks)
				}
				e.data = appendGroupItem(e.data, item)
			} else {
				groups[ks] = &entry{data: item, exprIndex: pi}
				order = append(order, ks)
			}
		}
	}
	for _, k := range order {
		e := groups[k]
		ctx, fenv := e.data, env
		if reduce {
			t := reduceTupleStream(e.data)
			ctx = t["@"]
			delete(t, "@")
			fenv = frameFromTuple(env, t)
		}
		v := ev.eval(g.pairs[e.exprIndex][1], ctx, fenv)
		if v != nil {
			result.set(k, v)
		}
	}
	return result
}

// appendGroupItem is fn.append for group data, where tuples are values.
func appendGroupItem(data, item any) any {
	return appendValues(data, item)
}

func reduceTupleStream(data any) tuple {
	switch t := data.(type) {
	case tuple:
		out := tuple{}
		for k, v := range t {
			out[k] = v
		}
		return out
	case *array:
		out := tuple{}
		for k, v := range t.items[0].(tuple) {
			out[k] = v
		}
		for _, it := range t.items[1:] {
			for k, v := range it.(tuple) {
				out[k] = appendValues(out[k], v)
			}
		}
		return out
	}
	return tuple{}
}
