package intrinsic

import (
	"bytes"
	"encoding/json"
	"math"
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
	return failf("The argument at index %d of the function %s must be of type %s but was %s: %s",
		i+1, c.Name, want, typeName(got), Text(got))
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
		return 0, failf("The argument at index %d of the function %s must be an integer between %d and %d but was %s",
			i+1, c.Name, math.MinInt32, math.MaxInt32, Text(f))
	}
	return int(r), nil
}

func checkLength(c *Call, s string, i int) error {
	if n := len([]rune(s)); n > maxStringLen {
		return failf("The argument at index %d of the function %s must be at most %d characters long but was %d",
			i+1, c.Name, maxStringLen, n)
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

// formatArg renders a States.Format argument: strings as they are, other
// values as JSON text.
func formatArg(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return Text(v)
}
