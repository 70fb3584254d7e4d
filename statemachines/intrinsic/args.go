package intrinsic

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
)

// typeName is the JSON type of v as AWS names it in causes.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case []any:
		return "array"
	}
	return "object"
}

func wrongType(c *Call, i int, want string, got any) *Error {
	return failf("The function %s expects argument %d to be of type %s, but it was of type %s: %s",
		c.Name, i+1, want, typeName(got), Text(got))
}

func argString(c *Call, args []any, i int) (string, error) {
	s, ok := args[i].(string)
	if !ok {
		return "", wrongType(c, i, "string", args[i])
	}
	return s, nil
}

func argArray(c *Call, args []any, i int) ([]any, error) {
	a, ok := args[i].([]any)
	if !ok {
		return nil, wrongType(c, i, "array", args[i])
	}
	return a, nil
}

func argObject(c *Call, args []any, i int) (map[string]any, error) {
	m, ok := args[i].(map[string]any)
	if !ok {
		return nil, wrongType(c, i, "object", args[i])
	}
	return m, nil
}

// argInt reads an integer argument. Fractions are rounded half up, as Java's
// Math.round does (States.MathAdd(1.5, 0) is 2, (-2.5, 0) is -2); the
// result must fit a 32-bit int.
func argInt(c *Call, args []any, i int) (int, error) {
	f, ok := args[i].(float64)
	if !ok {
		return 0, wrongType(c, i, "number", args[i])
	}
	r := math.Floor(f + 0.5)
	if r < math.MinInt32 || r > math.MaxInt32 || math.IsNaN(r) {
		return 0, failf("The function %s expects argument %d to be an integer between %d and %d, but it was %s",
			c.Name, i+1, math.MinInt32, math.MaxInt32, Text(f))
	}
	return int(r), nil
}

func checkLength(c *Call, s string, i int) error {
	if n := len([]rune(s)); n > maxStringLen {
		return failf("The function %s expects argument %d to be at most %d characters long, but it has %d",
			c.Name, i+1, maxStringLen, n)
	}
	return nil
}

// maxStringLen bounds the input of States.Base64Encode, Base64Decode and
// Hash.
const maxStringLen = 10000

// Text renders v as compact JSON the way Step Functions does: integers
// without a fraction, no HTML escaping.
func Text(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// formatArg renders a States.Format argument the way AWS does, with Java's
// toString: strings as they are, integers without a fraction, null as
// null, arrays as [a, b] and objects as {k=v, k2=v2} (strings inside them
// unquoted; keys in sorted order, where AWS keeps document order).
func formatArg(v any) string {
	var b strings.Builder
	writeJava(&b, v)
	return b.String()
}

func writeJava(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		b.WriteString(x)
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case float64:
		b.WriteString(javaNumber(x))
	case []any:
		b.WriteByte('[')
		for i, item := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeJava(b, item)
		}
		b.WriteByte(']')
	case map[string]any:
		writeJavaMap(b, x)
	}
}

func writeJavaMap(b *strings.Builder, m map[string]any) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k)
		b.WriteByte('=')
		writeJava(b, m[k])
	}
	b.WriteByte('}')
}

// javaNumber renders a number as Java prints the value a JSON parser gives
// for it: an integer (JSON text without fraction or exponent) as its
// digits, any other number as Double.toString does (1.1, 1.0E21, 1.5E-5).
func javaNumber(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	if abs := math.Abs(f); abs >= 1e-3 && abs < 1e7 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	mant, exp, _ := strings.Cut(strconv.FormatFloat(f, 'e', -1, 64), "e")
	if !strings.Contains(mant, ".") {
		mant += ".0"
	}
	n, _ := strconv.Atoi(exp)
	return mant + "E" + strconv.Itoa(n)
}
