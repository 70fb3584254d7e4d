package jsonata

func registerHOF() {
	def("map", "<af>", 2, fnMap)
	def("filter", "<af>", 2, fnFilter)
	def("single", "<af?>", 2, fnSingle)
	def("reduce", "<afj?:j>", 3, fnReduce)
}

// hofArgs passes only as many arguments as the function declares.
func hofArgs(fn any, a1, a2, a3 any) []any {
	args := []any{a1}
	n := arity(fn)
	if n < 0 {
		n = 3
	}
	if n >= 2 {
		args = append(args, a2)
	}
	if n >= 3 {
		args = append(args, a3)
	}
	return args
}

func fnMap(c *call, a []any) any {
	if a[0] == nil {
		return nil
	}
	arr := a[0].(*array)
	result := newSeq()
	for i, it := range arr.items {
		if r := c.ev.apply(a[1], hofArgs(a[1], it, float64(i), arr), nil, c.env); r != nil {
			result.push(r)
		}
	}
	return result
}

func fnFilter(c *call, a []any) any {
	if a[0] == nil {
		return nil
	}
	arr := a[0].(*array)
	result := newSeq()
	for i, it := range arr.items {
		if toBool(c.ev.apply(a[1], hofArgs(a[1], it, float64(i), arr), nil, c.env)) {
			result.push(it)
		}
	}
	return result
}

func fnSingle(c *call, a []any) any {
	if a[0] == nil {
		return nil
	}
	arr := a[0].(*array)
	var result any
	found := false
	for i, it := range arr.items {
		ok := true
		if a[1] != nil {
			ok = toBool(c.ev.apply(a[1], hofArgs(a[1], it, float64(i), arr), nil, c.env))
		}
		if !ok {
			continue
		}
		if found {
			throwX("D3138", nil, errExtra{index: i})
		}
		result, found = it, true
	}
	if !found {
		throw("D3139", 0, "", nil)
	}
	return result
}

func fnReduce(c *call, a []any) any {
	if a[0] == nil {
		return nil
	}
	arr := a[0].(*array)
	n := arity(a[1])
	if n >= 0 && n < 2 {
		throwX("D3050", nil, errExtra{index: 1})
	}
	var result any
	i := 0
	if a[2] == nil && len(arr.items) > 0 {
		result, i = arr.items[0], 1
	} else {
		result = a[2]
	}
	for ; i < len(arr.items); i++ {
		args := []any{result, arr.items[i]}
		if n >= 3 || n < 0 {
			args = append(args, float64(i))
		}
		if n >= 4 || n < 0 {
			args = append(args, arr)
		}
		result = c.ev.apply(a[1], args, nil, c.env)
	}
	return result
}
