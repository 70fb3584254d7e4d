package jsonata

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// formatNumber renders f as JavaScript's Number.prototype.toString does.
func formatNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d.ddde±XX
	mant, expStr, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	exp, _ := strconv.Atoi(expStr)
	n := exp + 1 // position of the decimal point
	k := len(digits)
	switch {
	case k <= n && n <= 21:
		return sign + digits + strings.Repeat("0", n-k)
	case 0 < n && n <= 21:
		return sign + digits[:n] + "." + digits[n:]
	case -6 < n && n <= 0:
		return sign + "0." + strings.Repeat("0", -n) + digits
	}
	s := digits[:1]
	if k > 1 {
		s += "." + digits[1:]
	}
	es := "+"
	if n-1 < 0 {
		es = "-"
	}
	return sign + s + "e" + es + strconv.Itoa(abs(n-1))
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// toPrecision15 is Number(n.toPrecision(15)).
func toPrecision15(f float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'e', 14, 64), 64)
	return r
}

// stringify is fn.string: strings as-is, everything else as JSON with
// numbers at 15 significant digits and functions as "".
func stringify(v any, pretty bool) (string, *Error) {
	switch t := v.(type) {
	case string:
		return t, nil
	case float64:
		if math.IsInf(t, 0) || math.IsNaN(t) {
			return "", newErr("D3001", 0, "", t).finish(nil)
		}
	}
	if isFunc(v) {
		return "", nil
	}
	var sb strings.Builder
	if err := writeJSON(&sb, v, pretty, ""); err != nil {
		return "", err
	}
	return sb.String(), nil
}

func writeJSON(sb *strings.Builder, v any, pretty bool, indent string) *Error {
	switch t := v.(type) {
	case nil, nullT:
		sb.WriteString("null")
	case bool:
		sb.WriteString(strconv.FormatBool(t))
	case float64:
		if math.IsInf(t, 0) || math.IsNaN(t) {
			return newErr("D1001", 0, "", t).finish(nil)
		}
		sb.WriteString(formatNumber(toPrecision15(t)))
	case string:
		writeJSONString(sb, t)
	case *array:
		return writeJSONArray(sb, t, pretty, indent)
	case *object:
		return writeJSONObject(sb, t, pretty, indent)
	default:
		if isFunc(v) {
			sb.WriteString(`""`)
		} else {
			sb.WriteString("null")
		}
	}
	return nil
}

func writeJSONArray(sb *strings.Builder, a *array, pretty bool, indent string) *Error {
	if len(a.items) == 0 {
		sb.WriteString("[]")
		return nil
	}
	inner := indent + "  "
	sb.WriteByte('[')
	for i, it := range a.items {
		if i > 0 {
			sb.WriteByte(',')
		}
		if pretty {
			sb.WriteString("\n" + inner)
		}
		if err := writeJSON(sb, it, pretty, inner); err != nil {
			return err
		}
	}
	if pretty {
		sb.WriteString("\n" + indent)
	}
	sb.WriteByte(']')
	return nil
}

func writeJSONObject(sb *strings.Builder, o *object, pretty bool, indent string) *Error {
	if o.size() == 0 {
		sb.WriteString("{}")
		return nil
	}
	inner := indent + "  "
	sb.WriteByte('{')
	for i, k := range o.keyList() {
		if i > 0 {
			sb.WriteByte(',')
		}
		if pretty {
			sb.WriteString("\n" + inner)
		}
		writeJSONString(sb, k)
		sb.WriteByte(':')
		if pretty {
			sb.WriteByte(' ')
		}
		if err := writeJSON(sb, o.value(k), pretty, inner); err != nil {
			return err
		}
	}
	if pretty {
		sb.WriteString("\n" + indent)
	}
	sb.WriteByte('}')
	return nil
}

func writeJSONString(sb *strings.Builder, s string) {
	sb.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '"':
			sb.WriteString(`\"`)
		case '\\':
			sb.WriteString(`\\`)
		case '\b':
			sb.WriteString(`\b`)
		case '\f':
			sb.WriteString(`\f`)
		case '\n':
			sb.WriteString(`\n`)
		case '\r':
			sb.WriteString(`\r`)
		case '\t':
			sb.WriteString(`\t`)
		default:
			if r < 0x20 {
				sb.WriteString(`\u00`)
				sb.WriteString(strconv.FormatInt(int64(r)>>4, 16))
				sb.WriteString(strconv.FormatInt(int64(r)&15, 16))
			} else {
				sb.WriteRune(r)
			}
		}
	}
	sb.WriteByte('"')
}
