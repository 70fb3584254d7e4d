package jsonata

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Integer pictures (XPath fn:format-integer), as implemented by
// jsonata-js's datetime.js.

var (
	fewWords     = []string{"Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve", "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen"}
	ordinalWords = []string{"Zeroth", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth", "Eighteenth", "Nineteenth"}
	decadeWords  = []string{"Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety", "Hundred"}
	magnitudes   = []string{"Thousand", "Million", "Billion", "Trillion"}
	wordValues   = map[string]float64{}
	decimalZeros = []rune{0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10}
)

var wordSplitRe = regexp.MustCompile(`,\s|\sand\s|[\s\\-]`)

// wordsRegex matches a number written in words.
var wordsRegex string

func init() {
	defer func() {
		keys := make([]string, 0, len(wordValues))
		for k := range wordValues {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			return len(keys[i]) > len(keys[j]) || len(keys[i]) == len(keys[j]) && keys[i] < keys[j]
		})
		wordsRegex = "(?:" + strings.Join(append(keys, "and", "[\\-, ]"), "|") + ")+"
	}()
	for i, w := range fewWords {
		wordValues[strings.ToLower(w)] = float64(i)
	}
	for i, w := range ordinalWords {
		wordValues[strings.ToLower(w)] = float64(i)
	}
	for i, w := range decadeWords {
		lw := strings.ToLower(w)
		wordValues[lw] = float64((i + 2) * 10)
		wordValues[lw[:len(lw)-1]+"ieth"] = wordValues[lw]
	}
	wordValues["hundredth"] = 100
	for i, w := range magnitudes {
		lw := strings.ToLower(w)
		v := math.Pow(10, float64((i+1)*3))
		wordValues[lw] = v
		wordValues[lw+"th"] = v
	}
}

func numberToWords(n float64, ordinal bool) string { return wordsLookup(n, false, ordinal) }

// wordsLookup spells num; prev says words precede it (adding "and" or ",").
func wordsLookup(num float64, prev, ord bool) string {
	switch {
	case num <= 19:
		words := fewWords[int(num)]
		if ord {
			words = ordinalWords[int(num)]
		}
		return joinWords(prev, " and ", words)
	case num < 100:
		tens, rem := math.Floor(num/10), math.Mod(num, 10)
		words := decadeWords[int(tens)-2]
		if rem > 0 {
			words += "-" + wordsLookup(rem, false, ord)
		} else if ord {
			words = words[:len(words)-1] + "ieth"
		}
		return joinWords(prev, " and ", words)
	case num < 1000:
		hundreds, rem := math.Floor(num/100), math.Mod(num, 100)
		return joinWords(prev, ", ", fewWords[int(hundreds)]+" Hundred"+wordsRest(rem, ord))
	}
	mag := min(int(math.Floor(math.Log10(num)/3)), len(magnitudes))
	factor := math.Pow(10, float64(mag*3))
	mant := math.Floor(num / factor)
	words := wordsLookup(mant, false, false) + " " + magnitudes[mag-1] + wordsRest(num-mant*factor, ord)
	return joinWords(prev, ", ", words)
}

// wordsRest spells the remainder after hundreds or a magnitude.
func wordsRest(rem float64, ord bool) string {
	if rem > 0 {
		return wordsLookup(rem, true, ord)
	}
	if ord {
		return "th"
	}
	return ""
}

func joinWords(prev bool, sep, words string) string {
	if prev {
		return sep + words
	}
	return words
}

func wordsToNumber(text string) float64 {
	parts := wordSplitRe.Split(text, -1)
	segs := []float64{0}
	for _, p := range parts {
		v, ok := wordValues[p]
		if !ok {
			v = math.NaN()
		}
		if v < 100 {
			top := segs[len(segs)-1]
			segs = segs[:len(segs)-1]
			if top >= 1000 {
				segs = append(segs, top)
				top = 0
			}
			segs = append(segs, top+v)
		} else {
			segs[len(segs)-1] *= v
		}
	}
	sum := 0.0
	for _, s := range segs {
		sum += s
	}
	return sum
}

var romanNumerals = []struct {
	v int
	s string
}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}}

// maxRoman bounds roman numerals (jsonata-js recurses once per thousand
// and overflows its stack on huge values).
const maxRoman = 1e7

func decimalToRoman(v int) string {
	if v > maxRoman {
		throw("U1001", 0, "", float64(v))
	}
	var sb strings.Builder
	for _, rn := range romanNumerals {
		for v >= rn.v {
			sb.WriteString(rn.s)
			v -= rn.v
		}
	}
	return sb.String()
}

func romanToDecimal(s string) float64 {
	vals := map[rune]int{'M': 1000, 'D': 500, 'C': 100, 'L': 50, 'X': 10, 'V': 5, 'I': 1}
	dec, max := 0, 1
	rs := []rune(s)
	for i := len(rs) - 1; i >= 0; i-- {
		v := vals[rs[i]]
		if v < max {
			dec -= v
		} else {
			max = v
			dec += v
		}
	}
	return float64(dec)
}

func decimalToLetters(v int, a rune) string {
	var letters []rune
	for v > 0 {
		letters = append([]rune{rune((v-1)%26) + a}, letters...)
		v = (v - 1) / 26
	}
	return string(letters)
}

func lettersToDecimal(s string, a rune) float64 {
	rs := []rune(s)
	dec := 0.0
	for i := range rs {
		dec += float64(rs[len(rs)-i-1]-a+1) * math.Pow(26, float64(i))
	}
	return dec
}

const (
	fmtDecimal = iota
	fmtLetters
	fmtRoman
	fmtWords
	fmtSequence
)

const (
	caseLower = iota
	caseUpper
	caseTitle
)

type groupSep struct {
	position  int
	character string
}

type intFormat struct {
	primary         int
	caseMode        int
	ordinal         bool
	zeroCode        rune
	mandatoryDigits int
	optionalDigits  int
	regular         bool
	regularSep      groupSep
	separators      []groupSep
	token           string
	n               int
}

func analyseIntegerPicture(picture string) *intFormat {
	f := &intFormat{primary: fmtDecimal, caseMode: caseLower}
	primary := picture
	if i := strings.LastIndex(picture, ";"); i >= 0 {
		primary = picture[:i]
		if strings.HasPrefix(picture[i+1:], "o") {
			f.ordinal = true
		}
	}
	switch primary {
	case "A":
		f.caseMode, f.primary = caseUpper, fmtLetters
	case "a":
		f.primary = fmtLetters
	case "I":
		f.caseMode, f.primary = caseUpper, fmtRoman
	case "i":
		f.primary = fmtRoman
	case "W":
		f.caseMode, f.primary = caseUpper, fmtWords
	case "Ww":
		f.caseMode, f.primary = caseTitle, fmtWords
	case "w":
		f.primary = fmtWords
	default:
		analyseDecimalPicture(f, primary)
	}
	return f
}

func digitGroup(r rune) (rune, bool) {
	for _, z := range decimalZeros {
		if r >= z && r <= z+9 {
			return z, true
		}
	}
	return 0, false
}

func analyseDecimalPicture(f *intFormat, primary string) {
	rs := []rune(primary)
	zero := rune(-1)
	pos := 0
	var seps []groupSep
	for i := len(rs) - 1; i >= 0; i-- {
		r := rs[i]
		if z, ok := digitGroup(r); ok {
			f.mandatoryDigits++
			pos++
			if zero < 0 {
				zero = z
			} else if z != zero {
				throw("D3131", 0, "", nil)
			}
			continue
		}
		if r == '#' {
			pos++
			f.optionalDigits++
			continue
		}
		seps = append(seps, groupSep{position: pos, character: string(r)})
	}
	if f.mandatoryDigits == 0 {
		f.primary = fmtSequence
		f.token = primary
		return
	}
	f.zeroCode = zero
	if r := regularRepeat(seps); r > 0 {
		f.regular = true
		f.regularSep = groupSep{position: r, character: seps[0].character}
	} else {
		f.separators = seps
	}
}

func gcd(a, b int) int {
	if b == 0 {
		return a
	}
	return gcd(b, a%b)
}

func regularPositions(positions []int) int {
	if len(positions) == 0 {
		return 0
	}
	factor := positions[0]
	for _, p := range positions[1:] {
		factor = gcd(factor, p)
	}
	for i := 1; i <= len(positions); i++ {
		found := false
		for _, p := range positions {
			if p == i*factor {
				found = true
			}
		}
		if !found {
			return 0
		}
	}
	return factor
}

func regularRepeat(seps []groupSep) int {
	if len(seps) == 0 {
		return 0
	}
	var positions []int
	for _, s := range seps {
		if s.character != seps[0].character {
			return 0
		}
		positions = append(positions, s.position)
	}
	return regularPositions(positions)
}

func formatIntegerWith(value float64, f *intFormat) string {
	negative := value < 0
	value = math.Abs(value)
	var out string
	switch f.primary {
	case fmtLetters:
		a := 'a'
		if f.caseMode == caseUpper {
			a = 'A'
		}
		out = decimalToLetters(int(value), a)
	case fmtRoman:
		out = decimalToRoman(int(value))
		if f.caseMode == caseUpper {
			out = strings.ToUpper(out)
		}
	case fmtWords:
		out = numberToWords(value, f.ordinal)
		if f.caseMode == caseUpper {
			out = strings.ToUpper(out)
		} else if f.caseMode == caseLower {
			out = strings.ToLower(out)
		}
	case fmtDecimal:
		out = formatDecimalInteger(value, f)
	case fmtSequence:
		throw("D3130", 0, "", f.token)
	}
	if negative {
		out = "-" + out
	}
	return out
}

func formatDecimalInteger(value float64, f *intFormat) string {
	if f.mandatoryDigits > maxStringLength {
		throw("D3001", 0, "", float64(f.mandatoryDigits))
	}
	s := formatNumber(value)
	if pad := f.mandatoryDigits - len(s); pad > 0 {
		s = strings.Repeat("0", pad) + s
	}
	rs := []rune(s)
	if f.zeroCode != '0' {
		for i, r := range rs {
			rs[i] = r + f.zeroCode - '0'
		}
	}
	if f.regular {
		n := (len(rs) - 1) / f.regularSep.position
		for i := n; i > 0; i-- {
			p := len(rs) - i*f.regularSep.position
			rs = append(rs[:p:p], append([]rune(f.regularSep.character), rs[p:]...)...)
		}
	} else {
		for i := len(f.separators) - 1; i >= 0; i-- {
			sep := f.separators[i]
			p := len(rs) - sep.position
			if p < 0 {
				p = 0
			}
			rs = append(rs[:p:p], append([]rune(sep.character), rs[p:]...)...)
		}
	}
	s = string(rs)
	if f.ordinal {
		suffix := map[byte]string{'1': "st", '2': "nd", '3': "rd"}[s[len(s)-1]]
		if suffix == "" || (len(s) > 1 && s[len(s)-2] == '1') {
			suffix = "th"
		}
		s += suffix
	}
	return s
}

func fnFormatInteger(c *call, a []any) any {
	if a[0] == nil {
		return nil
	}
	f := analyseIntegerPicture(a[1].(string))
	return formatIntegerWith(math.Floor(a[0].(float64)), f)
}

func fnParseInteger(c *call, a []any) any {
	s, ok := a[0].(string)
	if !ok {
		return nil
	}
	f := analyseIntegerPicture(a[1].(string))
	m := integerMatcher(f)
	return m.parse(s)
}

// matcher recognises one picture component when parsing.
type matcher struct {
	regex     string
	parse     func(string) any
	component byte
}

func integerMatcher(f *intFormat) *matcher {
	m := &matcher{}
	upper := f.caseMode == caseUpper
	occurrences := "+"
	if f.n > 0 {
		if f.optionalDigits == 0 {
			occurrences = "{" + strconv.Itoa(f.n) + "}"
		} else {
			occurrences = "{" + strconv.Itoa(f.n-f.optionalDigits) + "," + strconv.Itoa(f.n) + "}"
		}
	}
	switch f.primary {
	case fmtLetters:
		a := 'a'
		m.regex = "[a-z]+"
		if upper {
			a, m.regex = 'A', "[A-Z]+"
		}
		m.parse = func(s string) any { return lettersToDecimal(s, a) }
	case fmtRoman:
		m.regex = "[mdclxvi]+"
		if upper {
			m.regex = "[MDCLXVI]+"
		}
		m.parse = func(s string) any { return romanToDecimal(strings.ToUpper(s)) }
	case fmtWords:
		m.regex = wordsRegex
		m.parse = func(s string) any { return wordsToNumber(strings.ToLower(s)) }
	case fmtDecimal:
		m.regex = "[0-9]" + occurrences
		if f.ordinal {
			m.regex += "(?:th|st|nd|rd)"
		}
		m.parse = func(s string) any { return parseDecimalDigits(s, f) }
	case fmtSequence:
		throw("D3130", 0, "", f.token)
	}
	return m
}

func parseDecimalDigits(s string, f *intFormat) any {
	digits := s
	if f.ordinal && len(digits) >= 2 {
		digits = digits[:len(digits)-2]
	}
	if f.regular {
		digits = strings.ReplaceAll(digits, ",", "")
	} else {
		for _, sep := range f.separators {
			digits = strings.ReplaceAll(digits, sep.character, "")
		}
	}
	if f.zeroCode != '0' {
		rs := []rune(digits)
		for i, r := range rs {
			rs[i] = r - f.zeroCode + '0'
		}
		digits = string(rs)
	}
	end := 0
	for end < len(digits) && (digits[end] >= '0' && digits[end] <= '9' || end == 0 && (digits[0] == '-' || digits[0] == '+')) {
		end++
	}
	n, err := strconv.ParseFloat(digits[:end], 64)
	if err != nil {
		return nil
	}
	return n
}
