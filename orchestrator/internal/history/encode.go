package history

import (
	"math"
	"sort"
	"strconv"
	"unicode/utf8"
)

// Bytes returns the JSON text of v (see AppendText) in a buffer of the
// right size.
func Bytes(v any) []byte { return AppendText(make([]byte, 0, Size(v)), v) }

// AppendText appends the JSON text of a decoded JSON value (nil, bool,
// float64, string, []any, map[string]any) exactly as encoding/json writes
// it with HTML escaping off (sorted keys, shortest numbers), without
// reflection. Other types fall back to Text.
func AppendText(buf []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(buf, "null"...)
	case bool:
		return strconv.AppendBool(buf, x)
	case float64:
		return appendFloat(buf, x)
	case string:
		return AppendQuoted(buf, x)
	case []any:
		buf = append(buf, '[')
		for i, e := range x {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = AppendText(buf, e)
		}
		return append(buf, ']')
	case map[string]any:
		return appendObject(buf, x)
	}
	return append(buf, textSlow(v)...)
}

func appendObject(buf []byte, m map[string]any) []byte {
	var small [16]string
	keys := small[:0]
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	buf = append(buf, '{')
	for i, k := range keys {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = AppendQuoted(buf, k)
		buf = append(buf, ':')
		buf = AppendText(buf, m[k])
	}
	return append(buf, '}')
}

// maxExact bounds the whole numbers appendFloat prints as integers: 2^53,
// below which every integer is exactly a float64.
const maxExact = 1 << 53

// appendFloat formats like encoding/json.
func appendFloat(buf []byte, f float64) []byte {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return append(buf, "null"...)
	}
	if i := int64(f); float64(i) == f && i > -maxExact && i < maxExact && (i != 0 || !math.Signbit(f)) {
		return strconv.AppendInt(buf, i, 10) // what 'f' with -1 precision prints for whole numbers, faster
	}
	abs, format := math.Abs(f), byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	buf = strconv.AppendFloat(buf, f, format, -1, 64)
	if format == 'e' {
		n := len(buf)
		if n >= 4 && buf[n-4] == 'e' && buf[n-3] == '-' && buf[n-2] == '0' {
			buf[n-2] = buf[n-1]
			buf = buf[:n-1]
		}
	}
	return buf
}

const hexDigits = "0123456789abcdef"

// AppendQuoted appends s as a JSON string, escaped as encoding/json does
// with HTML escaping off.
func AppendQuoted[S string | []byte](buf []byte, s S) []byte {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			buf = appendEscape(buf, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:min(i+4, len(s))]))
		if (r == utf8.RuneError && size == 1) || r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			switch r {
			case utf8.RuneError:
				buf = append(buf, `\ufffd`...)
			default:
				buf = append(buf, `\u202`...)
				buf = append(buf, hexDigits[r&0xF])
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"')
}

func appendEscape(buf []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(buf, '\\', c)
	case '\b':
		return append(buf, '\\', 'b')
	case '\f':
		return append(buf, '\\', 'f')
	case '\n':
		return append(buf, '\\', 'n')
	case '\r':
		return append(buf, '\\', 'r')
	case '\t':
		return append(buf, '\\', 't')
	}
	return append(buf, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}
