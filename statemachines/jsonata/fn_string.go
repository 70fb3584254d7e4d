package jsonata

import (
	"encoding/base64"
	"math"
	"net/url"
	"strings"
	"unicode/utf8"
)

func registerStrings() {
	def("string", "<x-b?:s>", 1, fnString)
	def("substring", "<s-nn?:s>", 3, fnSubstring)
	def("substringBefore", "<s-s:s>", 2, strFn2(func(s, t string) string {
		if i := strings.Index(s, t); i >= 0 {
			return s[:i]
		}
		return s
	}))
	def("substringAfter", "<s-s:s>", 2, strFn2(func(s, t string) string {
		if i := strings.Index(s, t); i >= 0 {
			return s[i+len(t):]
		}
		return s
	}))
	def("lowercase", "<s-:s>", 1, strFn(strings.ToLower))
	def("uppercase", "<s-:s>", 1, strFn(strings.ToUpper))
	def("length", "<s-:n>", 1, func(c *call, a []any) any {
		if s, ok := a[0].(string); ok {
			return float64(utf8.RuneCountInString(s))
		}
		return nil
	})
	def("trim", "<s-:s>", 1, strFn(trimJS))
	def("pad", "<s-ns?:s>", 3, fnPad)
	def("contains", "<s-(sf):b>", 2, fnContains)
	def("split", "<s-(sf)n?:a<s>>", 3, fnSplit)
	def("join", "<a<s>s?:s>", 2, fnJoin)
	def("match", "<s-f<s:o>n?:a<o>>", 3, fnMatch)
	def("replace", "<s-(sf)(sf)n?:s>", 4, fnReplace)
	def("base64encode", "<s-:s>", 1, strFn(func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }))
	def("base64decode", "<s-:s>", 1, strFn(func(s string) string {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			b, _ = base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
		}
		return string(b)
	}))
	def("encodeUrlComponent", "<s-:s>", 1, urlFn("encodeUrlComponent", encodeURIComponent))
	def("encodeUrl", "<s-:s>", 1, urlFn("encodeUrl", encodeURI))
	def("decodeUrlComponent", "<s-:s>", 1, urlFn("decodeUrlComponent", decodeURI))
	def("decodeUrl", "<s-:s>", 1, urlFn("decodeUrl", decodeURI))
}

// maxStringLength bounds strings a function may build (V8's limit is about
// 2^29 characters).
const maxStringLength = 1 << 26

func strFn(f func(string) string) builtinFn {
	return func(c *call, a []any) any {
		if s, ok := a[0].(string); ok {
			return f(s)
		}
		return nil
	}
}

func strFn2(f func(string, string) string) builtinFn {
	return func(c *call, a []any) any {
		s, ok := a[0].(string)
		if !ok {
			return nil
		}
		t, _ := a[1].(string)
		return f(s, t)
	}
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func fnString(c *call, a []any) any {
	if a[0] == nil {
		return nil
	}
	pretty, _ := a[1].(bool)
	s, err := stringify(a[0], pretty)
	if err != nil {
		panic(&evalError{err: err})
	}
	return s
}

// jsSliceIndex is Array.prototype.slice's index normalisation.
func jsSliceIndex(f float64, n int) int {
	if math.IsNaN(f) {
		return 0
	}
	f = math.Trunc(f)
	if f < 0 {
		f += float64(n)
		if f < 0 {
			return 0
		}
	}
	if f > float64(n) {
		return n
	}
	return int(f)
}

func fnSubstring(c *call, a []any) any {
	s, ok := a[0].(string)
	if !ok {
		return nil
	}
	rs := []rune(s)
	start := a[1].(float64)
	n := float64(len(rs))
	if n+start < 0 {
		start = 0
	}
	from := jsSliceIndex(start, len(rs))
	if a[2] == nil {
		return string(rs[from:])
	}
	length := a[2].(float64)
	if length <= 0 {
		return ""
	}
	end := start + length
	if start < 0 {
		end = n + start + length
	}
	to := jsSliceIndex(end, len(rs))
	if to <= from {
		return ""
	}
	return string(rs[from:to])
}

func trimJS(s string) string {
	var sb strings.Builder
	inSpace := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			if !inSpace {
				sb.WriteByte(' ')
			}
			inSpace = true
			continue
		}
		inSpace = false
		sb.WriteRune(r)
	}
	out := sb.String()
	out = strings.TrimPrefix(out, " ")
	return strings.TrimSuffix(out, " ")
}

func fnPad(c *call, a []any) any {
	s, ok := a[0].(string)
	if !ok {
		return nil
	}
	width := a[1].(float64)
	ch, _ := a[2].(string)
	if ch == "" {
		ch = " "
	}
	if math.Abs(width) > maxStringLength {
		throw("D3001", 0, "", width) // V8 fails with "Invalid string length"
	}
	padLen := int(math.Abs(width)) - utf8.RuneCountInString(s)
	if padLen <= 0 {
		return s
	}
	padding := []rune(strings.Repeat(ch, padLen))[:padLen]
	if width > 0 {
		return s + string(padding)
	}
	return string(padding) + s
}

func fnContains(c *call, a []any) any {
	s, ok := a[0].(string)
	if !ok {
		return nil
	}
	if t, ok := a[1].(string); ok {
		return strings.Contains(s, t)
	}
	return firstMatch(c, a[1], s) != nil
}

func fnSplit(c *call, a []any) any {
	s, ok := a[0].(string)
	if !ok {
		return nil
	}
	limit := limitArg(a[2], "D3020")
	out := &array{items: []any{}}
	if limit == 0 {
		return out
	}
	var parts []string
	if sep, ok := a[1].(string); ok {
		parts = strings.Split(s, sep)
	} else {
		parts = splitRegex(c, a[1], s, limit)
	}
	for _, p := range parts {
		if limit >= 0 && len(out.items) >= limit {
			break
		}
		out.items = append(out.items, p)
	}
	return out
}

func fnJoin(c *call, a []any) any {
	if a[0] == nil {
		return nil
	}
	sep, _ := a[1].(string)
	var parts []string
	for _, it := range a[0].(*array).items {
		parts = append(parts, it.(string))
	}
	return strings.Join(parts, sep)
}

func urlFn(name string, f func(string) (string, bool)) builtinFn {
	return func(c *call, a []any) any {
		s, ok := a[0].(string)
		if !ok {
			return nil
		}
		out, ok := f(s)
		if !ok {
			panic(&evalError{err: &Error{Code: "D3140", Message: "Malformed URL passed to $" + name + "(): " + s, Value: s}})
		}
		return out
	}
}

const uriUnreservedMarks = "-_.!~*'()"
const uriReserved = ";/?:@&=+$,#"

func encodeWith(s string, keep string) (string, bool) {
	var sb strings.Builder
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return "", false
			}
		}
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(keep, r)) {
			sb.WriteRune(r)
			continue
		}
		var buf [4]byte
		n := utf8.EncodeRune(buf[:], r)
		for _, b := range buf[:n] {
			sb.WriteString("%" + strings.ToUpper(hex2(b)))
		}
	}
	return sb.String(), true
}

func hex2(b byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[b>>4], digits[b&15]})
}

func encodeURIComponent(s string) (string, bool) { return encodeWith(s, uriUnreservedMarks) }
func encodeURI(s string) (string, bool)          { return encodeWith(s, uriUnreservedMarks+uriReserved) }

func decodeURI(s string) (string, bool) {
	out, err := url.PathUnescape(s)
	if err != nil || !utf8.ValidString(out) {
		return "", false
	}
	return out, true
}

// limitArg reads an optional limit argument: -1 when absent, the error code
// when negative.
func limitArg(v any, code string) int {
	if v == nil {
		return -1
	}
	l := v.(float64)
	if l < 0 {
		throw(code, 0, "", l)
	}
	return int(l)
}
