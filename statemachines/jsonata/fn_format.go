package jsonata

import (
	"math"
	"strconv"
	"strings"
)

// $formatNumber: XPath fn:format-number as implemented by jsonata-js.

type numberProps struct {
	decimal, grouping, exponent, minus, percent, permille, zero, digit, pattern string
	family                                                                      []string
	active                                                                      []string
}

func newNumberProps(opts any) *numberProps {
	p := map[string]string{
		"decimal-separator": ".", "grouping-separator": ",", "exponent-separator": "e", "minus-sign": "-",
		"percent": "%", "per-mille": "\u2030", "zero-digit": "0", "digit": "#", "pattern-separator": ";",
	}
	if o, ok := opts.(*object); ok {
		for _, k := range o.keyList() {
			if s, ok := o.value(k).(string); ok {
				p[k] = s
			}
		}
	}
	np := &numberProps{decimal: p["decimal-separator"], grouping: p["grouping-separator"], exponent: p["exponent-separator"],
		minus: p["minus-sign"], percent: p["percent"], permille: p["per-mille"], zero: p["zero-digit"], digit: p["digit"], pattern: p["pattern-separator"]}
	z := []rune(np.zero)[0]
	for i := rune(0); i < 10; i++ {
		np.family = append(np.family, string(z+i))
	}
	np.active = append(append([]string(nil), np.family...), np.decimal, np.exponent, np.grouping, np.digit, np.pattern)
	return np
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type picParts struct {
	prefix, suffix, active, mantissa, integer, fractional, sub string
	exponent                                                   *string
}

func (np *numberProps) splitParts(sub string) *picParts {
	rs := []rune(sub)
	isActive := func(r rune) bool { return contains(np.active, string(r)) && string(r) != np.exponent }
	prefix, suffix := sub, ""
	for i, r := range rs {
		if isActive(r) {
			prefix = string(rs[:i])
			break
		}
	}
	for i := len(rs) - 1; i >= 0; i-- {
		if isActive(rs[i]) {
			suffix = string(rs[i+1:])
			break
		}
	}
	if len(prefix)+len(suffix) > len(sub) {
		suffix = ""
	}
	p := &picParts{prefix: prefix, suffix: suffix, sub: sub}
	p.active = sub[len(prefix) : len(sub)-len(suffix)]
	ep := strings.Index(sub[min(len(prefix), len(sub)):], np.exponent)
	if ep >= 0 {
		ep += len(prefix)
	}
	if ep < 0 || ep > len(sub)-len(suffix) {
		p.mantissa = p.active
	} else {
		rel := ep - len(prefix)
		p.mantissa = p.active[:rel]
		e := p.active[rel+len(np.exponent):]
		p.exponent = &e
	}
	if dp := strings.Index(p.mantissa, np.decimal); dp < 0 {
		p.integer, p.fractional = p.mantissa, suffix
	} else {
		p.integer, p.fractional = p.mantissa[:dp], p.mantissa[dp+len(np.decimal):]
	}
	return p
}

func countIn(s string, pred func(string) bool) int {
	n := 0
	for _, r := range s {
		if pred(string(r)) {
			n++
		}
	}
	return n
}

func (np *numberProps) validate(p *picParts) {
	code := ""
	sub := p.sub
	dp := strings.Index(sub, np.decimal)
	if dp != strings.LastIndex(sub, np.decimal) {
		code = "D3081"
	}
	if strings.Index(sub, np.percent) != strings.LastIndex(sub, np.percent) {
		code = "D3082"
	}
	if strings.Index(sub, np.permille) != strings.LastIndex(sub, np.permille) {
		code = "D3083"
	}
	if strings.Contains(sub, np.percent) && strings.Contains(sub, np.permille) {
		code = "D3084"
	}
	isDigit := func(s string) bool { return contains(np.family, s) }
	if countIn(p.mantissa, func(s string) bool { return isDigit(s) || s == np.digit }) == 0 {
		code = "D3085"
	}
	if countIn(p.active, func(s string) bool { return !contains(np.active, s) }) > 0 {
		code = "D3086"
	}
	if dp >= 0 {
		if strings.HasSuffix(sub[:dp], np.grouping) || strings.HasPrefix(sub[dp+len(np.decimal):], np.grouping) {
			code = "D3087"
		}
	} else if strings.HasSuffix(p.integer, np.grouping) {
		code = "D3088"
	}
	if strings.Contains(sub, np.grouping+np.grouping) {
		code = "D3089"
	}
	if i := strings.Index(p.integer, np.digit); i >= 0 && countIn(p.integer[:i], isDigit) > 0 {
		code = "D3090"
	}
	if i := strings.LastIndex(p.fractional, np.digit); i >= 0 && countIn(p.fractional[i:], isDigit) > 0 {
		code = "D3091"
	}
	if p.exponent != nil {
		if len(*p.exponent) > 0 && (strings.Contains(sub, np.percent) || strings.Contains(sub, np.permille)) {
			code = "D3092"
		}
		if len(*p.exponent) == 0 || countIn(*p.exponent, func(s string) bool { return !isDigit(s) }) > 0 {
			code = "D3093"
		}
	}
	if code != "" {
		throw(code, 0, "", nil)
	}
}

type picVars struct {
	intGroups                []int
	regularGrouping          int
	minInt, scaling          int
	prefix, suffix, picture  string
	fracGroups               []int
	minFrac, maxFrac, minExp int
}

func (np *numberProps) groupingPositions(part, integer string, toLeft bool) []int {
	var out []int
	pos := strings.Index(part, np.grouping)
	for pos >= 0 {
		var seg string
		if toLeft {
			seg = part[:pos]
		} else {
			seg = part[pos:]
		}
		out = append(out, countIn(seg, func(s string) bool { return contains(np.family, s) || s == np.digit }))
		next := strings.Index(integer[min(pos+1, len(integer)):], np.grouping)
		if next < 0 || pos+1 > len(integer) {
			break
		}
		pos = pos + 1 + next
	}
	return out
}

func (np *numberProps) analyse(p *picParts) *picVars {
	isDigit := func(s string) bool { return contains(np.family, s) }
	v := &picVars{prefix: p.prefix, suffix: p.suffix, picture: p.sub}
	v.intGroups = np.groupingPositions(p.integer, p.integer, false)
	v.regularGrouping = regularPositions(v.intGroups)
	v.fracGroups = np.groupingPositions(p.fractional, p.integer, true)
	v.minInt = countIn(p.integer, isDigit)
	v.scaling = v.minInt
	v.minFrac = countIn(p.fractional, isDigit)
	v.maxFrac = countIn(p.fractional, func(s string) bool { return isDigit(s) || s == np.digit })
	expPresent := p.exponent != nil
	if v.minInt == 0 && v.maxFrac == 0 {
		if expPresent {
			v.minFrac, v.maxFrac = 1, 1
		} else {
			v.minInt = 1
		}
	}
	if expPresent && v.minInt == 0 && strings.Contains(p.integer, np.digit) {
		v.minInt = 1
	}
	if v.minInt == 0 && v.minFrac == 0 {
		v.minFrac = 1
	}
	if expPresent {
		v.minExp = countIn(*p.exponent, isDigit)
	}
	return v
}

func fnFormatNumber(c *call, a []any) any {
	if a[0] == nil {
		return nil
	}
	np := newNumberProps(a[2])
	subs := strings.Split(a[1].(string), np.pattern)
	if len(subs) > 2 {
		throw("D3080", 0, "", nil)
	}
	var vars []*picVars
	for _, s := range subs {
		p := np.splitParts(s)
		np.validate(p)
		vars = append(vars, np.analyse(p))
	}
	if len(vars) == 1 {
		neg := *vars[0]
		neg.prefix = np.minus + neg.prefix
		vars = append(vars, &neg)
	}
	value := a[0].(float64)
	pic := vars[0]
	if value < 0 {
		pic = vars[1]
	}
	return np.format(value, pic)
}

func (np *numberProps) format(value float64, pic *picVars) string {
	adjusted := value
	if strings.Contains(pic.picture, np.percent) {
		adjusted *= 100
	} else if strings.Contains(pic.picture, np.permille) {
		adjusted *= 1000
	}
	mantissa := adjusted
	var exponent *int
	if pic.minExp != 0 {
		maxM, minM := math.Pow(10, float64(pic.scaling)), math.Pow(10, float64(pic.scaling-1))
		e := 0
		for mantissa < minM {
			mantissa *= 10
			e--
		}
		for mantissa > maxM {
			mantissa /= 10
			e++
		}
		exponent = &e
	}
	rounded := roundHalfEven(mantissa, pic.maxFrac)
	s := np.digits(strconv.FormatFloat(math.Abs(rounded), 'f', pic.maxFrac, 64))
	if strings.Contains(s, ".") {
		s = strings.Replace(s, ".", np.decimal, 1)
	} else {
		s += np.decimal
	}
	for strings.HasPrefix(s, np.zero) {
		s = s[len(np.zero):]
	}
	for strings.HasSuffix(s, np.zero) {
		s = s[:len(s)-len(np.zero)]
	}
	s = np.pad(s, pic)
	s = np.group(s, pic)
	if exponent != nil {
		es := np.digits(strconv.Itoa(abs(*exponent)))
		if pad := pic.minExp - len([]rune(es)); pad > 0 {
			es = strings.Repeat(np.zero, pad) + es
		}
		sign := ""
		if *exponent < 0 {
			sign = np.minus
		}
		s += np.exponent + sign + es
	}
	return pic.prefix + s + pic.suffix
}

func (np *numberProps) digits(s string) string {
	if np.zero == "0" {
		return s
	}
	z := []rune(np.zero)[0]
	rs := []rune(s)
	for i, r := range rs {
		if r >= '0' && r <= '9' {
			rs[i] = z + (r - '0')
		}
	}
	return string(rs)
}

// pad applies the minimum integer and fraction sizes (bullets 8 and 9).
func (np *numberProps) pad(s string, pic *picVars) string {
	rs := []rune(s)
	dec := []rune(np.decimal)[0]
	dp := runeIndexOf(rs, dec)
	if padL := pic.minInt - dp; padL > 0 {
		s = strings.Repeat(np.zero, padL) + s
	}
	if padR := pic.minFrac - (len(rs) - dp - 1); padR > 0 {
		s += strings.Repeat(np.zero, padR)
	}
	return s
}

func runeIndexOf(rs []rune, r rune) int {
	for i, x := range rs {
		if x == r {
			return i
		}
	}
	return -1
}

func insertAt(rs []rune, at int, ins string) []rune {
	at = max(0, min(at, len(rs)))
	out := append([]rune(nil), rs[:at]...)
	out = append(out, []rune(ins)...)
	return append(out, rs[at:]...)
}

// group inserts grouping separators and drops a trailing decimal
// separator (bullets 10-12).
func (np *numberProps) group(s string, pic *picVars) string {
	rs := []rune(s)
	dec := []rune(np.decimal)[0]
	dp := runeIndexOf(rs, dec)
	if pic.regularGrouping > 0 {
		n := (dp - 1) / pic.regularGrouping
		for g := 1; g <= n; g++ {
			rs = insertAt(rs, dp-g*pic.regularGrouping, np.grouping)
		}
	} else {
		for _, pos := range pic.intGroups {
			rs = insertAt(rs, dp-pos, np.grouping)
			dp++
		}
	}
	dp = runeIndexOf(rs, dec)
	for _, pos := range pic.fracGroups {
		rs = insertAt(rs, pos+dp+1, np.grouping)
	}
	dp = runeIndexOf(rs, dec)
	if pic.maxFrac == 0 || dp == len(rs)-1 {
		rs = rs[:len(rs)-1]
	}
	return string(rs)
}
