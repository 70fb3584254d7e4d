package jsonata

import "sort"

// pathRun is the state of one path evaluation (jsonata-js evaluatePath).
type pathRun struct {
	ev      *evaluator
	env     *frame
	input   *array // the context sequence for the next step
	result  any
	tuples  *array // the tuple stream, once a step binds focus/index/parent
	isTuple bool
}

func (ev *evaluator) evalPath(expr *node, input any, env *frame) any {
	r := &pathRun{ev: ev, env: env, input: pathInput(expr, input)}
	for i, step := range expr.steps {
		if !r.step(step, i, i == len(expr.steps)-1) {
			break
		}
	}
	result := r.finish(expr.tuple)
	if expr.keepSingletonArray {
		result = keepSingleton(result)
	}
	if expr.group != nil {
		if r.isTuple && r.tuples != nil {
			result = r.tuples
		}
		return ev.evalGroup(expr.group, result, env)
	}
	return result
}

// pathInput is the initial context: an array input is the sequence itself
// unless the path starts with a variable.
func pathInput(expr *node, input any) *array {
	if a, ok := input.(*array); ok && expr.steps[0].typ != tokVariable {
		return a
	}
	return &array{seq: true, items: []any{input}}
}

// step evaluates one step; false stops the path (no results).
func (r *pathRun) step(step *node, i int, last bool) bool {
	if step.tuple {
		r.isTuple = true
	}
	switch {
	case i == 0 && step.consarray:
		r.result = r.ev.eval(step, r.input, r.env)
	case r.isTuple:
		r.tuples = r.ev.evalTupleStep(step, r.input, r.tuples, r.env)
	default:
		r.result = r.ev.evalStep(step, r.input, r.env, last)
	}
	if !r.isTuple && emptyResult(r.result) {
		return false
	}
	if step.focus == "" {
		r.input = r.nextInput()
	}
	return true
}

// nextInput is the context of the next step: the last value result (tuple
// steps read their own stream instead, as in jsonata-js).
func (r *pathRun) nextInput() *array {
	if a, ok := r.result.(*array); ok {
		return a
	}
	return newSeq(r.result)
}

// finish turns a tuple stream back into values unless the path itself is
// part of an enclosing tuple stream.
func (r *pathRun) finish(keepTuples bool) any {
	if !r.isTuple {
		return r.result
	}
	if r.tuples == nil { // no step produced a stream (jsonata-js throws a TypeError)
		return nil
	}
	if keepTuples {
		return r.tuples
	}
	out := newSeq()
	for _, t := range r.tuples.items {
		out.push(t.(tuple)["@"])
	}
	return out
}

// keepSingleton applies the [] operator to a path result.
func keepSingleton(result any) any {
	a, ok := result.(*array)
	if !ok {
		return result
	}
	if a.cons && !a.seq {
		a = newSeq(a)
	}
	if a.seq { // only sequences (always built by this evaluation) carry the flag
		a.keepSingleton = true
	}
	return a
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
	var result *array
	if expr.typ == "sort" {
		result = ev.sortTuples(expr, input, tuples, env)
	} else {
		if tuples == nil {
			tuples = &array{seq: true, tupleStream: true}
			for _, it := range input.items {
				tuples.push(tuple{"@": it})
			}
		}
		result = &array{seq: true, tupleStream: true}
		for _, tv := range tuples.items {
			t := tv.(tuple)
			res := ev.eval(expr, t["@"], frameFromTuple(env, t))
			result.items = append(result.items, extendTuples(expr, t, res)...)
		}
	}
	if expr.stages != nil {
		return ev.evalStages(expr.stages, result, env).(*array)
	}
	return result
}

// sortTuples is an order-by step inside a tuple stream.
func (ev *evaluator) sortTuples(expr *node, input, tuples *array, env *frame) *array {
	if tuples != nil {
		return ev.evalSort(expr, tuples, env).(*array)
	}
	sorted := ev.evalSort(expr, input, env).(*array)
	result := &array{seq: true, tupleStream: true}
	for i, it := range sorted.items {
		t := tuple{"@": it}
		if expr.index != "" {
			t[expr.index] = float64(i)
		}
		result.push(t)
	}
	return result
}

// extendTuples makes the output tuples of one input tuple t whose step
// evaluated to res, adding the step's focus, index and ancestor bindings.
func extendTuples(expr *node, t tuple, res any) []any {
	if res == nil {
		return nil
	}
	ra, ok := res.(*array)
	if !ok {
		ra = &array{items: []any{res}}
	}
	out := make([]any, 0, len(ra.items))
	for i, item := range ra.items {
		nt := make(tuple, len(t)+2)
		for k, v := range t {
			nt[k] = v
		}
		if ra.tupleStream {
			for k, v := range item.(tuple) {
				nt[k] = v
			}
		} else {
			bindStepTuple(expr, nt, t, item, i)
		}
		out = append(out, nt)
	}
	return out
}

func bindStepTuple(expr *node, nt, t tuple, item any, i int) {
	if expr.focus != "" {
		nt[expr.focus] = item
		nt["@"] = t["@"]
	} else {
		nt["@"] = item
	}
	if expr.index != "" {
		nt[expr.index] = float64(i)
	}
	if expr.ancestor != nil {
		nt[expr.ancestor.label] = t["@"]
	}
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
		in = &array{seq: true, items: []any{input}}
	}
	if pred.typ == tokNumber {
		return indexFilter(in, pred.value.(float64), results)
	}
	for i, item := range in.items {
		ctx, fenv := item, env
		if in.tupleStream {
			ctx = item.(tuple)["@"]
			fenv = frameFromTuple(env, item.(tuple))
		}
		if predicateSelects(ev.eval(pred, ctx, fenv), i, len(in.items)) {
			results.push(item)
		}
	}
	return results
}

// indexFilter is a literal numeric predicate: one item, counted from the
// end when negative; an array item is returned as is.
func indexFilter(in *array, n float64, results *array) any {
	idx := int(floorF(n))
	if idx < 0 {
		idx += len(in.items)
	}
	if idx < 0 || idx >= len(in.items) || in.items[idx] == nil {
		return results
	}
	if a, ok := in.items[idx].(*array); ok {
		return a
	}
	results.push(in.items[idx])
	return results
}

// predicateSelects reports whether the item at index i (of n) passes a
// predicate that evaluated to res: numbers select by position, anything
// else by its boolean value.
func predicateSelects(res any, i, n int) bool {
	if checkNumeric(res) {
		res = &array{items: []any{res}}
	}
	if !isArrayOfNumbers(res) {
		return toBool(res)
	}
	selected := false
	for _, r := range res.(*array).items {
		ii := int(floorF(r.(float64)))
		if ii < 0 {
			ii += n
		}
		if ii == i {
			selected = true
		}
	}
	return selected
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
// means a sorts after b): undefined keys sort last, and keys must be all
// numbers or all strings.
func compareSortKeys(expr *node, a, b []any) int {
	for j, term := range expr.terms {
		switch {
		case a[j] == nil && b[j] == nil:
			continue
		case a[j] == nil: // undefined sorts last, even descending
			return 1
		case b[j] == nil:
			return -1
		}
		comp := compareSortKey(expr.pos, a[j], b[j])
		if term.descending {
			comp = -comp
		}
		if comp != 0 {
			return comp
		}
	}
	return 0
}

// compareSortKey compares two defined keys.
func compareSortKey(pos int, aa, bb any) int {
	as, aStr := aa.(string)
	an, aNum := aa.(float64)
	bs, bStr := bb.(string)
	bn, bNum := bb.(float64)
	if !(aStr || aNum) || !(bStr || bNum) {
		bad := aa
		if aStr || aNum {
			bad = bb
		}
		throw("T2008", pos, "", bad)
	}
	if aStr != bStr {
		panic(&evalError{err: newErr("T2007", pos, "", aa), extra: &errExtra{value2: bb}})
	}
	if aStr {
		return cmpStrings(as, bs)
	}
	switch {
	case an < bn:
		return -1
	case an > bn:
		return 1
	}
	return 0
}

// groupEntry collects the items whose key expression gave one key.
type groupEntry struct {
	data      any
	exprIndex int
}

func (ev *evaluator) evalGroup(g *groupExpr, input any, env *frame) any {
	in, ok := input.(*array)
	reduce := ok && in.tupleStream
	list := []any{input}
	if ok {
		list = in.items
	}
	if len(list) == 0 {
		list = []any{nil}
	}
	groups, order := ev.groupItems(g, list, reduce, env)
	result := newObject()
	for _, k := range order {
		e := groups[k]
		ctx, fenv := e.data, env
		if reduce {
			t := reduceTupleStream(e.data)
			ctx = t["@"]
			delete(t, "@")
			fenv = frameFromTuple(env, t)
		}
		if v := ev.eval(g.pairs[e.exprIndex][1], ctx, fenv); v != nil {
			result.set(k, v)
		}
	}
	return result
}

// groupItems evaluates the key expressions for every item.
func (ev *evaluator) groupItems(g *groupExpr, list []any, reduce bool, env *frame) (map[string]*groupEntry, []string) {
	groups := map[string]*groupEntry{}
	var order []string
	for _, item := range list {
		ctx, fenv := item, env
		if t, ok := item.(tuple); ok && reduce { // an empty tuple stream groups one undefined item
			ctx = t["@"]
			fenv = frameFromTuple(env, t)
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
				e.data = appendValues(e.data, item)
				continue
			}
			groups[ks] = &groupEntry{data: item, exprIndex: pi}
			order = append(order, ks)
		}
	}
	return groups, order
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
