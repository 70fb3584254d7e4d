package statemachines

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"

	"github.com/google/uuid"

	"github.com/baton-run/baton/statemachines/jsonata"
)

// EvalJSONataTemplate evaluates a JSONata-mode field value (Arguments,
// Output, Assign, Items, ...): every string of the form "{% expr %}",
// anywhere in tmpl, is replaced by the expression's value; other values are
// copied. $states is bound to states (input, result, errorOutput, context),
// $name to the workflow variables, and Step Functions' added functions
// ($partition, $range, $hash, $random, $uuid, $parse) are available while
// $eval is not. Failures are *Error{Name: States.QueryEvaluationError}.
func EvalJSONataTemplate(tmpl any, states map[string]any, vars Vars) (any, error) {
	return EvalJSONataField("", tmpl, states, vars)
}

// EvalJSONataField is EvalJSONataTemplate for the named state field, which
// AWS's cause texts mention ("Output", "Arguments"); nested members are
// named "Arguments/Input/key" and array items "Items[2]".
func EvalJSONataField(field string, tmpl any, states map[string]any, vars Vars) (any, error) {
	var lookup func(string) (any, bool)
	if vars != nil {
		lookup = vars.Lookup
	}
	// $states and the variables are converted once for all the template's expressions.
	vals := map[string]any{"states": states}
	for name, fn := range stepFunctionsFunctions {
		vals[name] = fn
	}
	return evalJSONataValue(field, tmpl, jsonata.NewBindings(vals, lookup))
}

// EvalJSONataAs evaluates a field that must have one JSON type (Items:
// "array", Condition: "boolean", TimeoutSeconds: "number", ...). A value of
// another type fails as AWS words it: "... returned an unexpected result
// type. Expected 'array', but was 'null' for value: null".
func EvalJSONataAs(field string, tmpl any, want string, states map[string]any, vars Vars) (any, error) {
	v, err := EvalJSONataField(field, tmpl, states, vars)
	if err != nil {
		return nil, err
	}
	if got := jsonTypeName(v); got != want {
		src := fmt.Sprint(tmpl)
		if s, ok := tmpl.(string); ok {
			if inner, ok := JSONataExpression(s); ok {
				src = strings.TrimSpace(inner)
			}
		}
		return nil, queryError(field, src, fmt.Sprintf("returned an unexpected result type. Expected '%s', but was '%s' for value: %s", want, got, compactJSON(v)))
	}
	return v, nil
}

// compactJSON renders v without HTML escaping, as AWS's causes show values.
func compactJSON(v any) string {
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSuffix(sb.String(), "\n")
}

// jsonTypeName is the JSON type of v as AWS names it in causes.
func jsonTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64, int, int64, json.Number:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// JSONataExpression reports whether s is a "{% ... %}" expression string
// and returns the expression inside.
func JSONataExpression(s string) (string, bool) {
	if len(s) < 4 || !strings.HasPrefix(s, "{%") || !strings.HasSuffix(s, "%}") {
		return "", false
	}
	return s[2 : len(s)-2], true
}

// JSONataSyntaxError returns "" when expr (the text inside "{% %}") is a
// well-formed JSONata expression, else the parser's "code: message", for
// create-time validation.
func JSONataSyntaxError(expr string) string {
	if _, err := compileJSONata(strings.TrimSpace(expr)); err != nil {
		return jsonataMessage(err)
	}
	return ""
}

func evalJSONataValue(field string, v any, b *jsonata.Bindings) (any, error) {
	switch t := v.(type) {
	case string:
		if src, ok := JSONataExpression(t); ok {
			return evalJSONataString(field, strings.TrimSpace(src), b)
		}
		return t, nil
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, item := range t {
			r, err := evalJSONataValue(joinField(field, k), item, b)
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	case []any:
		out := make([]any, len(t))
		for i, item := range t {
			r, err := evalJSONataValue(fmt.Sprintf("%s[%d]", field, i), item, b)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	}
	return v, nil
}

func joinField(field, key string) string {
	if field == "" {
		return key
	}
	return field + "/" + key
}

func evalJSONataString(field, src string, b *jsonata.Bindings) (any, error) {
	expr, err := compileJSONata(src)
	if err != nil {
		return nil, queryError(field, src, "threw an error during evaluation. "+jsonataMessage(err))
	}
	v, err := expr.EvalWith(nil, nil, jsonata.Options{Bindings: b})
	switch {
	case err != nil:
		var se *Error
		if errors.As(err, &se) {
			return nil, se
		}
		return nil, queryError(field, src, "threw an error during evaluation. "+jsonataMessage(err))
	case v == jsonata.Undefined:
		return nil, queryError(field, src, "returned nothing (undefined).")
	case v == jsonata.FunctionResult:
		return nil, queryError(field, src, "returned an unsupported result type.")
	}
	return v, nil
}

// queryError words a failure as AWS does: "The JSONata expression '<expr>'
// specified for the field '<field>' returned nothing (undefined)."
func queryError(field, src, what string) *Error {
	where := ""
	if field != "" {
		where = " specified for the field '" + field + "'"
	}
	return &Error{Name: ErrQueryEvaluation, Cause: "The JSONata expression '" + src + "'" + where + " " + what}
}

func jsonataMessage(err error) string {
	var je *jsonata.Error
	if errors.As(err, &je) {
		return je.Code + ": " + je.Message
	}
	return err.Error()
}

var jsonataCache sync.Map // expression source -> *jsonata.Expr

func compileJSONata(src string) (*jsonata.Expr, error) {
	if e, ok := jsonataCache.Load(src); ok {
		return e.(*jsonata.Expr), nil
	}
	e, err := jsonata.Compile(src)
	if err != nil {
		return nil, err
	}
	jsonataCache.Store(src, e)
	return e, nil
}

// stepFunctionsFunctions are the functions Step Functions adds to JSONata
// (and $eval, which it removes).
var stepFunctionsFunctions = map[string]any{
	"eval":      jsonata.Undefined,
	"partition": &jsonata.Function{Signature: "<an:a>", Fn: sfnPartition},
	"range":     &jsonata.Function{Signature: "<nnn?:a>", Fn: sfnRange},
	"hash":      &jsonata.Function{Signature: "<ss:s>", Fn: sfnHash},
	"random":    &jsonata.Function{Signature: "<n?:n>", Fn: sfnRandom},
	"uuid":      &jsonata.Function{Signature: "<:s>", Fn: func([]any) (any, error) { return uuid.NewString(), nil }},
	"parse":     &jsonata.Function{Signature: "<s:j>", Fn: sfnParse},
}

// sfnFailure is how the added functions report bad arguments.
func sfnFailure(fn, format string, args ...any) error {
	return &jsonata.Error{Code: "D3137", Token: fn, Message: fmt.Sprintf(format, args...)}
}

func positiveInt(v any) (int, bool) {
	f, ok := v.(float64)
	return int(f), ok && f > 0 && f == math.Trunc(f) && f <= math.MaxInt32
}

func sfnPartition(args []any) (any, error) {
	arr, _ := args[0].([]any)
	size, ok := positiveInt(args[1])
	if !ok {
		return nil, sfnFailure("partition", "The chunk size argument of $partition must be a positive integer, but was %v", args[1])
	}
	out := []any{}
	for i := 0; i < len(arr); i += size {
		out = append(out, append([]any(nil), arr[i:min(i+size, len(arr))]...))
	}
	return out, nil
}

// maxRangeItems bounds $range like the other array-producing limits.
const maxRangeItems = 1000

func sfnRange(args []any) (any, error) {
	start, _ := args[0].(float64)
	end, _ := args[1].(float64)
	step := 1.0
	if s, ok := args[2].(float64); ok {
		step = s
	}
	if step == 0 || math.Trunc(start) != start || math.Trunc(end) != end || math.Trunc(step) != step {
		return nil, sfnFailure("range", "The arguments of $range must be integers and the step must not be zero")
	}
	out := []any{}
	for v := start; (step > 0 && v <= end) || (step < 0 && v >= end); v += step {
		if len(out) == maxRangeItems {
			return nil, sfnFailure("range", "$range cannot create more than %d items", maxRangeItems)
		}
		out = append(out, v)
	}
	return out, nil
}

var hashAlgorithms = map[string]func() hash.Hash{
	"MD5": md5.New, "SHA-1": sha1.New, "SHA-256": sha256.New, "SHA-384": sha512.New384, "SHA-512": sha512.New,
}

func sfnHash(args []any) (any, error) {
	data, _ := args[0].(string)
	alg, _ := args[1].(string)
	newHash, ok := hashAlgorithms[alg]
	if !ok {
		return nil, sfnFailure("hash", "The hash algorithm %q is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512", alg)
	}
	h := newHash()
	h.Write([]byte(data))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// sfnRandom returns a number in [0, 1). With a seed the value is
// deterministic; AWS documents the seeded form but not its generator, so
// seeded values do not match AWS's.
func sfnRandom(args []any) (any, error) {
	seed, ok := args[0].(float64)
	if !ok {
		return rand.Float64(), nil
	}
	r := rand.New(rand.NewPCG(uint64(int64(seed)), 0x62617479))
	return r.Float64(), nil
}

func sfnParse(args []any) (any, error) {
	s, _ := args[0].(string)
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, sfnFailure("parse", "The argument of $parse is not valid JSON: %s", strconv.Quote(s))
	}
	return v, nil
}
