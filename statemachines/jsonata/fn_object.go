package jsonata

func registerObjects() {
	def("keys", "<x-:a<s>>", 1, func(c *call, a []any) any { return keysOf(a[0]) })
	def("lookup", "<x-s:x>", 2, func(c *call, a []any) any { return lookupField(a[0], a[1].(string)) })
	def("spread", "<x-:a<o>>", 1, func(c *call, a []any) any { return spread(a[0]) })
	def("merge", "<a<o>:o>", 1, fnMerge)
	def("each", "<o-f:a>", 2, fnEach)
	def("sift", "<o-f?:o>", 2, fnSift)
}

func keysOf(v any) any {
	result := newSeq()
	switch t := v.(type) {
	case *array:
		seen := map[string]bool{}
		for _, it := range t.items {
			for _, k := range items(keysOf(it)) {
				if ks := k.(string); !seen[ks] {
					seen[ks] = true
					result.push(ks)
				}
			}
		}
	case *object:
		for _, k := range t.keyList() {
			result.push(k)
		}
	}
	return result
}

func spread(v any) any {
	switch t := v.(type) {
	case *array:
		var result any = newSeq()
		for _, it := range t.items {
			result = appendValues(result, spread(it))
		}
		return result
	case *object:
		result := newSeq()
		for _, k := range t.keyList() {
			o := newObject()
			o.set(k, t.value(k))
			result.push(o)
		}
		return result
	}
	return v
}

func fnMerge(c *call, a []any) any {
	if a[0] == nil {
		return nil
	}
	out := newObject()
	for _, it := range a[0].(*array).items {
		o := it.(*object)
		for _, k := range o.keyList() {
			out.set(k, o.value(k))
		}
	}
	return out
}

func fnEach(c *call, a []any) any {
	if a[0] == nil {
		return nil
	}
	o := a[0].(*object)
	result := newSeq()
	for _, k := range o.keyList() {
		args := hofArgs(a[1], o.value(k), k, o)
		if r := c.ev.apply(a[1], args, nil, c.env); r != nil {
			result.push(r)
		}
	}
	return result
}

func fnSift(c *call, a []any) any {
	if a[0] == nil {
		return nil
	}
	o := a[0].(*object)
	out := newObject()
	for _, k := range o.keyList() {
		args := hofArgs(a[1], o.value(k), k, o)
		if toBool(c.ev.apply(a[1], args, nil, c.env)) {
			out.set(k, o.value(k))
		}
	}
	if out.size() == 0 {
		return nil
	}
	return out
}
