package jsonata

import (
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
)

func registerNumbers() {
	def("number", "<(nsb)-:n>", 1, fnNumber)
	def("abs", "<n-:n>", 1, numFn(math.Abs))
	def("floor", "<n-:n>", 1, numFn(floorF))
	def("ceil", "<n-:n>", 1, numFn(math.Ceil))
	def("round", "<n-n?:n>", 2, fnRound)
	def("sqrt", "<n-:n>", 1, func(c *call, a []any) any {
		if a[0] == nil {
			return nil
		}
		if a[0].(float64) < 0 {
			throw("D3060", 0, "", a[0])
		}
		return math.Sqrt(a[0].(float64))
	})
	def("power", "<n-n:n>", 2, func(c *call, a []any) any {
		if a[0] == nil {
			return nil
		}
		r := math.Pow(a[0].(float64), a[1].(float64))
		if math.IsNaN(r) || math.IsInf(r, 0) {
			throwX("D3061", a[0], errExtra{value2: a[1]})
		}
		return r
	})
	def("random", "<:n>", 0, func(c *call, a []any) any { return rand.Float64() })
	def("sum", "<a<n>:n>", 1, aggregate(func(xs []float64) float64 {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s
	}, true))
	def("max", "<a<n>:n>", 1, aggregate(func(xs []float64) float64 {
		m := math.Inf(-1)
		for _, x := range xs {
			m = math.Max(m, x)
		}
		return m
	}, false))
	def("min", "<a<n>:n>", 1, aggregate(func(xs []float64) float64 {
		m := math.Inf(1)
		for _, x := range xs {
			m = math.Min(m, x)
		}
		return m
	}, false))
	def("average", "<a<n>:n>", 1, aggregate(func(xs []float64) float64 {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	}, false))
	def("formatBase", "<n-n?:s>", 2, fnFormatBase)
	def("formatNumber", "<n-so?:s>", 3, fnFormatNumber)
	def("formatInteger", "<n-s:s>", 2, fnFormatInteger)
	def("parseInteger", "<s-s:n>", 2, fnParseInteger)
}

func floorF(f float64) float64 { return math.Floor(f) }

func numFn(f func(float64) float64) builtinFn {
	return func(c *call, a []any) any {
		if a[0] == nil {
			return nil
		}
		return f(a[0].(float64))
	}
}

func aggregate(f func([]float64) float64, emptyOK bool) builtinFn {
	return func(c *call, a []any) any {
		if a[0] == nil {
			return nil
		}
		arr := a[0].(*array)
		if len(arr.items) == 0 && !emptyOK {
			return nil
		}
		xs := make([]float64, len(arr.items))
		for i, it := range arr.items {
			xs[i] = it.(float64)
		}
		return f(xs)
	}
}

var (
	decimalRe = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$`)
	radixRe   = regexp.MustCompile(`^0([xX][0-9A-Fa-f]+|[oO][0-7]+|[bB][01]+)$`)
)

func fnNumber(c *call, a []any) any {
	switch t := a[0].(type) {
	case nil:
		return nil
	case float64:
		return t
	case bool:
		if t {
			return 1.0
		}
		return 0.0
	case string:
		if decimalRe.MatchString(t) {
			if f, err := strconv.ParseFloat(t, 64); err == nil && !math.IsInf(f, 0) {
				return f
			}
		}
		if radixRe.MatchString(t) {
			base := map[byte]int{'x': 16, 'o': 8, 'b': 2}[strings.ToLower(t[1:2])[0]]
			n, err := strconv.ParseInt(t[2:], base, 64)
			if err == nil {
				return float64(n)
			}
		}
	}
	throwX("D3030", a[0], errExtra{index: 1})
	return nil
}

// roundHalfEven rounds to precision decimal places, halves to even, using
// decimal shifting as jsonata-js does.
func roundHalfEven(f float64, precision int) float64 {
	if precision != 0 {
		f = shiftDecimal(f, precision)
	}
	r := math.Floor(f + 0.5)
	if diff := r - f; math.Abs(diff) == 0.5 && math.Abs(math.Mod(r, 2)) == 1 {
		r--
	}
	if precision != 0 {
		r = shiftDecimal(r, -precision)
	}
	if r == 0 {
		r = 0
	}
	return r
}

func shiftDecimal(f float64, by int) float64 {
	s := formatNumber(f)
	mant, exp, _ := strings.Cut(s, "e")
	e, _ := strconv.Atoi(exp)
	out, _ := strconv.ParseFloat(mant+"e"+strconv.Itoa(e+by), 64)
	return out
}

func fnRound(c *call, a []any) any {
	if a[0] == nil {
		return nil
	}
	p := 0
	if a[1] != nil {
		p = int(a[1].(float64))
	}
	return roundHalfEven(a[0].(float64), p)
}

func fnFormatBase(c *call, a []any) any {
	if a[0] == nil {
		return nil
	}
	v := roundHalfEven(a[0].(float64), 0)
	radix := 10.0
	if a[1] != nil {
		radix = a[1].(float64)
	}
	if radix < 2 || radix > 36 {
		throw("D3100", 0, "", radix)
	}
	return strconv.FormatInt(int64(v), int(radix))
}
