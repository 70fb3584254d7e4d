package intrinsic

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"hash"
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
)

// format is States.Format(template, args...). In a literal template \{ and
// \} are literal braces; every other {} is replaced by the next argument.
func format(c *Call, args []any) (any, error) {
	tmpl, err := argString(c, args, 0)
	if err != nil {
		return nil, err
	}
	escapes := c.Args[0].IsLiteral
	if escapes {
		tmpl = c.Args[0].Raw
	}
	var b strings.Builder
	next := 1
	for i := 0; i < len(tmpl); i++ {
		switch {
		case escapes && tmpl[i] == '\\' && i+1 < len(tmpl):
			i++
			b.WriteByte(tmpl[i])
		case tmpl[i] == '{' && i+1 < len(tmpl) && tmpl[i+1] == '}':
			if next >= len(args) {
				return nil, formatArity(c, args)
			}
			b.WriteString(formatArg(args[next]))
			next++
			i++
		default:
			b.WriteByte(tmpl[i])
		}
	}
	if next != len(args) {
		return nil, formatArity(c, args)
	}
	return b.String(), nil
}

func formatArity(c *Call, args []any) *Error {
	return failf("Number of arguments in %s do not match the occurrences of {}: the template has %d placeholder(s) for %d argument(s)",
		c.Name, strings.Count(args[0].(string), "{}"), len(args)-1)
}

func stringToJSON(c *Call, args []any) (any, error) {
	s, err := argString(c, args, 0)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, failf("The argument of the function %s is not a valid JSON text: %s", c.Name, Text(s))
	}
	return noNegativeZero(v), nil
}

// noNegativeZero turns -0 into 0, as Java's JSON parsers read "-0".
func noNegativeZero(v any) any {
	switch x := v.(type) {
	case float64:
		if x == 0 {
			return 0.0
		}
	case []any:
		for i := range x {
			x[i] = noNegativeZero(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = noNegativeZero(x[k])
		}
	}
	return v
}

func jsonToString(_ *Call, args []any) (any, error) { return Text(args[0]), nil }

func array(_ *Call, args []any) (any, error) { return append([]any{}, args...), nil }

func arrayPartition(c *Call, args []any) (any, error) {
	a, err := argArray(c, args, 0)
	if err != nil {
		return nil, err
	}
	size, err := argInt(c, args, 1)
	if err != nil {
		return nil, err
	}
	if size <= 0 {
		return nil, failf("The chunk size argument of the function %s must be greater than 0 but was %d", c.Name, size)
	}
	return Partition(a, size), nil
}

// Partition splits a into chunks of size elements (the last may be
// shorter); size must be positive. It is the body of States.ArrayPartition
// and of JSONata's $partition.
func Partition(a []any, size int) []any {
	out := make([]any, 0, (len(a)+size-1)/size)
	for i := 0; i < len(a); i += size {
		out = append(out, append([]any{}, a[i:min(i+size, len(a))]...))
	}
	return out
}

func arrayContains(c *Call, args []any) (any, error) {
	a, err := argArray(c, args, 0)
	if err != nil {
		return nil, err
	}
	for _, v := range a {
		if Equal(v, args[1]) {
			return true, nil
		}
	}
	return false, nil
}

// maxRange is the largest array States.ArrayRange may build.
const maxRange = 1000

func arrayRange(c *Call, args []any) (any, error) {
	var n [3]int
	for i := range n {
		v, err := argInt(c, args, i)
		if err != nil {
			return nil, err
		}
		n[i] = v
	}
	out, ok := Range(n[0], n[1], n[2])
	switch {
	case n[2] == 0:
		return nil, failf("The step argument of the function %s must not be 0", c.Name)
	case !ok:
		return nil, failf("The function %s cannot create an array of more than %d elements (it would have %d)",
			c.Name, maxRange, rangeCount(n[0], n[1], n[2]))
	}
	return out, nil
}

// Range returns start, start+step, … up to and including end, as float64
// values; ok is false when step is 0 or the array would have more than
// 1000 elements (AWS's limit). It is the body of States.ArrayRange and of
// JSONata's $range.
func Range(start, end, step int) (out []any, ok bool) {
	count := rangeCount(start, end, step)
	if step == 0 || count > maxRange {
		return nil, false
	}
	out = make([]any, count)
	for i := range out {
		out[i] = float64(start + i*step)
	}
	return out, true
}

func rangeCount(start, end, step int) int {
	if (step > 0 && start <= end) || (step < 0 && start >= end) {
		return (end-start)/step + 1
	}
	return 0
}

func arrayGetItem(c *Call, args []any) (any, error) {
	a, err := argArray(c, args, 0)
	if err != nil {
		return nil, err
	}
	ix, err := argInt(c, args, 1)
	if err != nil {
		return nil, err
	}
	if ix < 0 || ix >= len(a) {
		return nil, failf("The index %d is out of bounds for the array of length %d in the function %s", ix, len(a), c.Name)
	}
	return a[ix], nil
}

func arrayLength(c *Call, args []any) (any, error) {
	a, err := argArray(c, args, 0)
	if err != nil {
		return nil, err
	}
	return float64(len(a)), nil
}

func arrayUnique(c *Call, args []any) (any, error) {
	a, err := argArray(c, args, 0)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(a))
	for _, v := range a {
		if !containsEqual(out, v) {
			out = append(out, v)
		}
	}
	return out, nil
}

func containsEqual(list []any, v any) bool {
	for _, w := range list {
		if Equal(v, w) {
			return true
		}
	}
	return false
}

func base64Encode(c *Call, args []any) (any, error) {
	s, err := argString(c, args, 0)
	if err != nil {
		return nil, err
	}
	if err := checkLength(c, s, 0); err != nil {
		return nil, err
	}
	return base64.StdEncoding.EncodeToString([]byte(s)), nil
}

func base64Decode(c *Call, args []any) (any, error) {
	s, err := argString(c, args, 0)
	if err != nil {
		return nil, err
	}
	if err := checkLength(c, s, 0); err != nil {
		return nil, err
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		if b, err = base64.RawStdEncoding.DecodeString(s); err != nil {
			return nil, failf("The argument of the function %s is not valid base64: %s", c.Name, Text(s))
		}
	}
	if !utf8.Valid(b) {
		return strings.ToValidUTF8(string(b), "\uFFFD"), nil
	}
	return string(b), nil
}

var hashes = map[string]func() hash.Hash{
	"MD5": md5.New, "SHA-1": sha1.New, "SHA-256": sha256.New, "SHA-384": sha512.New384, "SHA-512": sha512.New,
}

func hashFn(c *Call, args []any) (any, error) {
	data := formatArg(args[0])
	if args[0] == nil {
		return nil, wrongType(c, 0, "string", nil)
	}
	if err := checkLength(c, data, 0); err != nil {
		return nil, err
	}
	alg, err := argString(c, args, 1)
	if err != nil {
		return nil, err
	}
	sum, ok := Hash(data, alg)
	if !ok {
		return nil, failf("The hash algorithm %s is not supported by the function %s; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512", Text(alg), c.Name)
	}
	return sum, nil
}

// Hash returns the lower-case hex digest of data with alg (MD5, SHA-1,
// SHA-256, SHA-384 or SHA-512); ok is false for another algorithm. It is
// the body of States.Hash and of JSONata's $hash.
func Hash(data, alg string) (string, bool) {
	newHash, ok := hashes[alg]
	if !ok {
		return "", false
	}
	h := newHash()
	h.Write([]byte(data))
	return hex.EncodeToString(h.Sum(nil)), true
}

// jsonMerge is States.JsonMerge(a, b, false): a shallow merge where b's
// keys win. AWS supports only the shallow mode.
func jsonMerge(c *Call, args []any) (any, error) {
	a, err := argObject(c, args, 0)
	if err != nil {
		return nil, err
	}
	b, err := argObject(c, args, 1)
	if err != nil {
		return nil, err
	}
	deep, ok := args[2].(bool)
	if !ok {
		return nil, wrongType(c, 2, "boolean", args[2])
	}
	if deep {
		return nil, failf("The function %s supports only the shallow merging mode: its third argument must be false", c.Name)
	}
	out := make(map[string]any, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out, nil
}

// mathRandom is States.MathRandom(start, end[, seed]): an integer in
// [start, end).
func mathRandom(c *Call, args []any) (any, error) {
	start, err := argInt(c, args, 0)
	if err != nil {
		return nil, err
	}
	end, err := argInt(c, args, 1)
	if err != nil {
		return nil, err
	}
	if end <= start {
		return nil, failf("The end argument of the function %s must be greater than its start argument (%d <= %d)", c.Name, end, start)
	}
	n := int64(end) - int64(start)
	if len(args) < 3 {
		return float64(int64(start) + rand.Int64N(n)), nil
	}
	seed, err := argInt(c, args, 2)
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	return float64(int64(start) + r.Int64N(n)), nil
}

func mathAdd(c *Call, args []any) (any, error) {
	a, err := argInt(c, args, 0)
	if err != nil {
		return nil, err
	}
	b, err := argInt(c, args, 1)
	if err != nil {
		return nil, err
	}
	return float64(a + b), nil
}

// stringSplit is States.StringSplit(s, delimiters): every character of
// delimiters separates; empty pieces are dropped.
func stringSplit(c *Call, args []any) (any, error) {
	s, err := argString(c, args, 0)
	if err != nil {
		return nil, err
	}
	delims, err := argString(c, args, 1)
	if err != nil {
		return nil, err
	}
	out := []any{}
	for _, piece := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(delims, r) }) {
		out = append(out, piece)
	}
	return out, nil
}

func uuidFn(_ *Call, _ []any) (any, error) {
	id, err := uuid.NewRandom()
	if err != nil {
		return nil, failf("States.UUID could not read random bytes: %v", err)
	}
	return id.String(), nil
}

// Equal is deep JSON equality.
func Equal(a, b any) bool {
	switch x := a.(type) {
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if w, ok := y[k]; !ok || !Equal(v, w) {
				return false
			}
		}
		return true
	}
	return a == b
}
