package jsonata

import (
	"math"
	"math/rand/v2"
)

func registerArrays() {
	def("count", "<a:n>", 1, func(c *call, a []any) any {
		if a[0] == nil {
			return 0.0
		}
		return float64(len(a[0].(*array).items))
	})
	def("append", "<xx:a>", 2, func(c *call, a []any) any { return appendValues(a[0], a[1]) })
	def("reverse", "<a:a>", 1, fnReverse)
	def("shuffle", "<a:a>", 1, fnShuffle)
	def("distinct", "<x:x>", 1, fnDistinct)
	def("zip", "<a+>", 0, fnZip)
	def("sort", "<af?:a>", 2, fnSort)
}

func fnReverse(c *call, a []any) any {
	if a[0] == nil {
		return nil
	}
	arr := a[0].(*array)
	if len(arr.items) <= 1 {
		return arr
	}
	out := &array{items: make([]any, len(arr.items))}
	for i, it := range arr.items {
		out.items[len(arr.items)-1-i] = it
	}
	return out
}

func fnShuffle(c *call, a []any) any {
	if a[0] == nil {
		return nil
	}
	arr := a[0].(*array)
	if len(arr.items) <= 1 {
		return arr
	}
	out := &array{items: append([]any(nil), arr.items...)}
	rand.Shuffle(len(out.items), func(i, j int) { out.items[i], out.items[j] = out.items[j], out.items[i] })
	return out
}

func fnDistinct(c *call, a []any) any {
	arr, ok := a[0].(*array)
	if !ok || len(arr.items) <= 1 {
		return a[0]
	}
	out := &array{items: []any{}, seq: arr.seq}
	for _, v := range arr.items {
		dup := false
		for _, r := range out.items {
			if deepEqual(v, r) {
				dup = true
				break
			}
		}
		if !dup {
			out.items = append(out.items, v)
		}
	}
	return out
}

func fnZip(c *call, a []any) any {
	out := &array{items: []any{}}
	n := math.MaxInt
	for _, x := range a {
		arr, ok := x.(*array)
		if !ok {
			n = 0
			break
		}
		n = min(n, len(arr.items))
	}
	if len(a) == 0 {
		n = 0
	}
	for i := 0; i < n; i++ {
		t := &array{}
		for _, x := range a {
			t.items = append(t.items, x.(*array).items[i])
		}
		out.items = append(out.items, t)
	}
	return out
}

func fnSort(c *call, a []any) any {
	if a[0] == nil {
		return nil
	}
	arr := a[0].(*array)
	if len(arr.items) <= 1 {
		return arr
	}
	var comp func(x, y any) bool
	if a[1] == nil {
		if !isArrayOfNumbers(arr) && !isArrayOfStrings(arr) {
			throwX("D3070", nil, errExtra{index: 1})
		}
		comp = func(x, y any) bool {
			if xs, ok := x.(string); ok {
				return xs > y.(string)
			}
			return x.(float64) > y.(float64)
		}
	} else {
		fn := a[1]
		comp = func(x, y any) bool { return jsTruthy(c.ev.apply(fn, []any{x, y}, nil, c.env)) }
	}
	return &array{items: mergeSort(arr.items, comp)}
}

// mergeSort is jsonata-js's stable merge sort; comp(a, b) reports whether
// a must come after b.
func mergeSort(xs []any, comp func(a, b any) bool) []any {
	if len(xs) <= 1 {
		return xs
	}
	mid := len(xs) / 2
	l := mergeSort(append([]any(nil), xs[:mid]...), comp)
	r := mergeSort(append([]any(nil), xs[mid:]...), comp)
	out := make([]any, 0, len(xs))
	for len(l) > 0 && len(r) > 0 {
		if comp(l[0], r[0]) {
			out = append(out, r[0])
			r = r[1:]
		} else {
			out = append(out, l[0])
			l = l[1:]
		}
	}
	out = append(out, l...)
	return append(out, r...)
}
