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

// validate applies the picture-string rules of F&O 4.7.3 (D3081-D3093);
// like jsonata-js, the last violated rule wins.
func (np *numberProps) validate(p *picParts) {
	code := ""
	for _, check := range []func(*picParts) string{np.checkCounts, np.checkMantissa, np.checkGrouping, np.checkOptionalDigits, np.checkExponent} {
		if c := check(p); c != "" {
			code = c
		}
	}
	if code != "" {
		throw(code, 0, "", nil)
	}
}

func (np *numberProps) isDigit(s string) bool { return contains(np.family, s) }

func once(s, sub string) bool { return strings.Index(s, sub) == strings.LastIndex(s, sub) }

func (np *numberProps) checkCounts(p *picParts) string {
	code := ""
	if !once(p.sub, np.decimal) {
		code = "D3081"
	}
	if !once(p.sub, np.percent) {
		code = "D3082"
	}
	if !once(p.sub, np.permille) {
		code = "D3083"
	}
	if strings.Contains(p.sub, np.percent) && strings.Contains(p.sub, np.permille) {
		code = "D3084"
	}
	return code
}

func (np *numberProps) checkMantissa(p *picParts) string {
	code := ""
	if countIn(p.mantissa, func(s string) bool { return np.isDigit(s) || s == np.digit }) == 0 {
		code = "D3085"
	}
	if countIn(p.active, func(s string) bool { return !contains(np.active, s) }) > 0 {
		code = "D3086"
	}
	return code
}

func (np *numberProps) checkGrouping(p *picParts) string {
	code := ""
	if dp := strings.Index(p.sub, np.decimal); dp >= 0 {
		if strings.HasSuffix(p.sub[:dp], np.grouping) || strings.HasPrefix(p.sub[dp+len(np.decimal):], np.grouping) {
			code = "D3087"
		}
	} else if strings.HasSuffix(p.integer, np.grouping) {
		code = "D3088"
	}
	if strings.Contains(p.sub, np.grouping+np.grouping) {
		code = "D3089"
	}
	return code
}

func (np *numberProps) checkOptionalDigits(p *picParts) string {
	code := ""
	if i := strings.Index(p.integer, np.digit); i >= 0 && countIn(p.integer[:i], np.isDigit) > 0 {
		code = "D3090"
	}
	if i := strings.LastIndex(p.fractional, np.digit); i >= 0 && countIn(p.fractional[i:], np.isDigit) > 0 {
		code = "D3091"
	}
	return code
}

func (np *numberProps) checkExponent(p *picParts) string {
	if p.exponent == nil {
		return ""
	}
	code := ""
	if len(*p.exponent) > 0 && (strings.Contains(p.sub, np.percent) || strings.Contains(p.sub, np.permille)) {
		code = "D3092"
	}
	if len(*p.exponent) == 0 || countIn(*p.exponent, func(s string) bool { return !np.isDigit(s) }) > 0 {
		code = "D3093"
	}
	return code
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
	mantissa, exponent := adjusted, 0
	if pic.minExp != 0 {
		mantissa, exponent = scaleMantissa(adjusted, pic.scaling)
	}
	s := np.digits(strconv.FormatFloat(math.Abs(roundHalfEven(mantissa, pic.maxFrac)), 'f', pic.maxFrac, 64))
	if strings.Contains(s, ".") {
		s = strings.Replace(s, ".", np.decimal, 1)
	} else {
		s += np.decimal
	}
	s = strings.TrimRight(strings.TrimLeft(s, np.zero), np.zero)
	s = np.group(np.pad(s, pic), pic)
	if pic.minExp != 0 {
		s += np.exponentPart(exponent, pic.minExp)
	}
	return pic.prefix + s + pic.suffix
}

// scaleMantissa brings |v| into [10^(scaling-1), 10^scaling]. (jsonata-js
// loops forever on zero and negative values; here zero stays zero and the
// sign is kept aside.)
func scaleMantissa(v float64, scaling int) (float64, int) {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return v, 0
	}
	sign := 1.0
	if v < 0 {
		sign, v = -1, -v
	}
	maxM, minM := math.Pow(10, float64(scaling)), math.Pow(10, float64(scaling-1))
	e := 0
	for v < minM {
		v *= 10
		e--
	}
	for v > maxM {
		v /= 10
		e++
	}
	return sign * v, e
}

func (np *numberProps) exponentPart(exponent, minDigits int) string {
	es := np.digits(strconv.Itoa(abs(exponent)))
	if pad := minDigits - len([]rune(es)); pad > 0 {
		es = strings.Repeat(np.zero, pad) + es
	}
	if exponent < 0 {
		return np.exponent + np.minus + es
	}
	return np.exponent + es
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
