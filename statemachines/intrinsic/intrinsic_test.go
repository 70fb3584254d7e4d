package intrinsic

import (
	"encoding/json"
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/baton-run/baton/statemachines/jsonpath"
)

func decode(t testing.TB, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("decode %s: %v", s, err)
	}
	return v
}

// resolverFor resolves $ paths against input and $$ paths against ctx.
func resolverFor(input, ctx any) Resolver {
	return func(p *jsonpath.Path) (any, error) {
		if p.Root() == jsonpath.RootContext {
			return p.Get(ctx)
		}
		return p.Get(input)
	}
}

func eval(t testing.TB, src string, input any) (any, error) {
	t.Helper()
	c, err := Parse(src)
	if err != nil {
		return nil, err
	}
	return c.Eval(resolverFor(input, map[string]any{"StateMachine": map[string]any{"Name": "my-state-machine"}}))
}

func TestEval(t *testing.T) {
	t.Parallel()
	tests := []struct {
		call, input, want string
	}{
		// States.Format
		{`States.Format('Formatting argument {}.', $.v)`, `{"v": null}`, `"Formatting argument null."`},
		{`States.Format('Formatting argument {}.', $.v)`, `{"v": 1}`, `"Formatting argument 1."`},
		{`States.Format('Formatting argument {}.', $.v)`, `{"v": 1.1}`, `"Formatting argument 1.1."`},
		{`States.Format('{} and {}', 'a', true)`, `{}`, `"a and true"`},
		{`States.Format('Hello, my name is {}.', $.name)`, `{"name": "Arnav"}`, `"Hello, my name is Arnav."`},
		{`States.Format($.template, $.name)`, `{"name": "Arnav", "template": "Hello, my name is {}."}`, `"Hello, my name is Arnav."`},
		{`States.Format('\{\} is {}, it\'s \\ ok', 'x')`, `{}`, `"{} is x, it's \\ ok"`},
		{`States.Format('fst={} and snd={}.', $.o, $.o)`, `{"o": {"Arg1": 1, "Arg2": []}}`, `"fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}."`},
		{`States.Format('{}', $.o)`, `{"o": {"a": [1, "b", null, true, {"c": 2.5}]}}`, `"{a=[1, b, null, true, {c=2.5}]}"`},
		{`States.Format('{} {} {} {}', 1e21, 1.5e-5, 12345678.5, -0.25)`, `{}`, `"1.0E21 1.5E-5 1.23456785E7 -0.25"`},
		{`States.Format('{}', $.s)`, `{"s": "{\"Arg1\": 1, \"Arg2\": []}"}`, `"{\"Arg1\": 1, \"Arg2\": []}"`},
		{`States.Format('plain')`, `{}`, `"plain"`},
		// States.StringToJson / JsonToString
		{`States.StringToJson($.s)`, `{"s": "{\"foo\": \"bar\"}"}`, `{"foo": "bar"}`},
		{`States.StringToJson($.s)`, `{"s": ""}`, `null`},
		{`States.StringToJson($.s)`, `{"s": "null"}`, `null`},
		{`States.StringToJson($.s)`, `{"s": "-0"}`, `0`},
		{`States.StringToJson($.s)`, `{"s": "1.1"}`, `1.1`},
		{`States.StringToJson($.s)`, `{"s": "[1, 2, \"HelloWorld\"]"}`, `[1, 2, "HelloWorld"]`},
		{`States.JsonToString($.v)`, `{"v": 0}`, `"0"`},
		{`States.JsonToString($.v)`, `{"v": "HelloWorld"}`, `"\"HelloWorld\""`},
		{`States.JsonToString($.v)`, `{"v": [1, 2, "HelloWorld"]}`, `"[1,2,\"HelloWorld\"]"`},
		{`States.JsonToString($.v)`, `{"v": {"Arg1": 1, "Arg2": []}}`, `"{\"Arg1\":1,\"Arg2\":[]}"`},
		{`States.JsonToString($.v)`, `{"v": "<&>"}`, `"\"<&>\""`},
		// Arrays
		{`States.Array()`, `{}`, `[]`},
		{`States.Array($.a, $.b)`, `{"a": "", "b": " "}`, `["", " "]`},
		{`States.Array($.a, 'x', 1, null, false, States.Array())`, `{"a": {"Arg1": 1, "Arg2": []}}`, `[{"Arg1": 1, "Arg2": []}, "x", 1, null, false, []]`},
		{`States.ArrayPartition($.a, $.n)`, `{"a": [], "n": 2}`, `[]`},
		{`States.ArrayPartition($.a, $.n)`, `{"a": [0, 1], "n": 1}`, `[[0], [1]]`},
		{`States.ArrayPartition($.a, $.n)`, `{"a": [0, 1], "n": 3}`, `[[0, 1]]`},
		{`States.ArrayPartition($.a, $.n)`, `{"a": [0, 1, 2, 3, 4], "n": 2}`, `[[0, 1], [2, 3], [4]]`},
		{`States.ArrayContains($.a, $.v)`, `{"a": [], "v": null}`, `false`},
		{`States.ArrayContains($.a, $.v)`, `{"a": [[1, 2, 3], 2], "v": null}`, `false`},
		{`States.ArrayContains($.a, $.v)`, `{"a": [[1, 2, 3], 2], "v": [1, 2, 3]}`, `true`},
		{`States.ArrayContains($.a, $.v)`, `{"a": [true, false], "v": false}`, `true`},
		{`States.ArrayContains($.a, $.v)`, `{"a": [{"1": 2, "2": []}], "v": {"2": [], "1": 2}}`, `true`},
		{`States.ArrayRange($.a, $.b, $.c)`, `{"a": 1, "b": 9, "c": 9}`, `[1]`},
		{`States.ArrayRange(0, 9, 3)`, `{}`, `[0, 3, 6, 9]`},
		{`States.ArrayRange(0, 10, 3)`, `{}`, `[0, 3, 6, 9]`},
		{`States.ArrayRange(1, 9, 2)`, `{}`, `[1, 3, 5, 7, 9]`},
		{`States.ArrayRange(5, 1, -2)`, `{}`, `[5, 3, 1]`},
		{`States.ArrayRange(5, 1, 2)`, `{}`, `[]`},
		{`States.ArrayGetItem($.a, $.i)`, `{"a": [1, 2, 3, 4, 5, 6, 7, 8, 9], "i": 5}`, `6`},
		{`States.ArrayLength($.a)`, `{"a": [1, 2, 3, 4, 5, 6, 7, 8, 9]}`, `9`},
		{`States.ArrayUnique($.a)`, `{"a": [null, null, true, true, false, false, 1, 1, 1.1, 0, -0, "HelloWorld", "HelloWorld", [], [], [null], [null], {"a": 1, "b": 2}, {"a": 1, "b": 2}, {"a": 1, "b": 1}]}`,
			`[null, true, false, 1, 1.1, 0, "HelloWorld", [], [null], {"a": 1, "b": 2}, {"a": 1, "b": 1}]`},
		// Encoding, hashing
		{`States.Base64Encode($.s)`, `{"s": ""}`, `""`},
		{`States.Base64Encode('Data to encode')`, `{}`, `"RGF0YSB0byBlbmNvZGU="`},
		{`States.Base64Decode($.s)`, `{"s": "RGF0YSB0byBlbmNvZGU="}`, `"Data to encode"`},
		{`States.Base64Decode('RGF0YSB0byBlbmNvZGU')`, `{}`, `"Data to encode"`},
		{`States.Hash($.a, $.b)`, `{"a": "input data", "b": "SHA-256"}`, `"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"`},
		{`States.Hash('input data', 'MD5')`, `{}`, `"812f45842bc6d66ee14572ce20db8e86"`},
		{`States.Hash('input data', 'SHA-1')`, `{}`, `"aaff4a450a104cd177d28d18d74485e8cae074b7"`},
		// JsonMerge
		{`States.JsonMerge($.a, $.b, false)`, `{"a": {"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3}, "b": {"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}}`,
			`{"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3, "d": 4}`},
		// Math
		{`States.MathAdd($.a, $.b)`, `{"a": -9, "b": 3}`, `-6`},
		{`States.MathAdd($.a, $.b)`, `{"a": 1.49, "b": 1.5}`, `3`},
		{`States.MathAdd($.a, $.b)`, `{"a": 2.5, "b": 0}`, `3`},
		{`States.MathAdd($.a, $.b)`, `{"a": 3.5, "b": 0}`, `4`},
		{`States.MathAdd($.a, $.b)`, `{"a": -1.5, "b": 0}`, `-1`},
		{`States.MathAdd($.a, $.b)`, `{"a": -2.5, "b": 0}`, `-2`},
		{`States.MathAdd($.a, $.b)`, `{"a": 1.5, "b": 1.51}`, `4`},
		{`States.MathAdd(1, -1)`, `{}`, `0`},
		{`States.MathRandom(7, 8)`, `{}`, `7`},
		// Strings
		{`States.StringSplit($.s, $.d)`, `{"s": "This.is+a,test=string", "d": ".+,="}`, `["This", "is", "a", "test", "string"]`},
		{`States.StringSplit($.s, $.d)`, `{"s": "split on T and \nnew line", "d": "T\n"}`, `["split on ", " and ", "new line"]`},
		{`States.StringSplit($.s, ',')`, `{"s": "Value1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n"}`,
			`["Value1", "Value2", "Value3\nValue4", "Value5", "Value6\n", "\ntrue", "1", "'HelloWorld'\nNull", "None", "\n   \n"]`},
		// Nesting and the context object.
		{`States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))`, `{}`, `"machine"`},
		{` States.Array( 1 ,  'a,b' , $.a[?(@.x == 'y,)')].x )`, `{"a": [{"x": "y,)"}]}`, `[1, "a,b", ["y,)"]]`},
	}
	for _, tt := range tests {
		t.Run(tt.call, func(t *testing.T) {
			got, err := eval(t, tt.call, decode(t, tt.input))
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if want := decode(t, tt.want); !reflect.DeepEqual(got, want) {
				t.Errorf("got %s, want %s", Text(got), Text(want))
			}
		})
	}
}

func TestEvalFailures(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", maxStringLen+1)
	tests := []struct {
		call, input string
		cause       string // a regular expression
	}{
		{`States.Format('{} {}', 1)`, `{}`, `^Number of arguments in States.Format do not match the occurrences of \{\}`},
		{`States.Format('{}', 1, 2)`, `{}`, `^Number of arguments in States.Format do not match`},
		{`States.Format($.n)`, `{"n": 1}`, `States.Format expects argument 1 to be of type string, but it was of type number: 1$`},
		{`States.StringToJson($.s)`, `{"s": "{"}`, `not a valid JSON text`},
		{`States.StringToJson($.s)`, `{"s": 1}`, `to be of type string`},
		{`States.ArrayPartition($.a, 0)`, `{"a": [1]}`, `must be greater than 0`},
		{`States.ArrayPartition($.a, 1)`, `{"a": "x"}`, `to be of type array, but it was of type string: "x"`},
		{`States.ArrayRange(0, 1000, 1)`, `{}`, `more than 1000 elements \(it would have 1001\)`},
		{`States.ArrayRange(0, 10, 0)`, `{}`, `must not be 0`},
		{`States.ArrayRange('a', 10, 1)`, `{}`, `to be of type number`},
		{`States.ArrayGetItem($.a, 3)`, `{"a": [1, 2, 3]}`, `index 3 is out of bounds for the array of length 3`},
		{`States.ArrayGetItem($.a, -1)`, `{"a": [1, 2, 3]}`, `out of bounds`},
		{`States.ArrayLength($.a)`, `{"a": {}}`, `to be of type array, but it was of type object`},
		{`States.Base64Encode($.s)`, `{"s": "` + long + `"}`, `at most 10000 characters long, but it has 10001`},
		{`States.Base64Decode($.s)`, `{"s": "` + long + `"}`, `at most 10000 characters`},
		{`States.Base64Decode('!!!')`, `{}`, `not valid base64`},
		{`States.Hash('x', 'SHA-3')`, `{}`, `hash algorithm "SHA-3" is not supported`},
		{`States.Hash($.s, 'MD5')`, `{"s": "` + long + `"}`, `at most 10000 characters`},
		{`States.JsonMerge($.a, $.a, true)`, `{"a": {}}`, `only the shallow merging mode`},
		{`States.JsonMerge($.a, 1, false)`, `{"a": {}}`, `argument 2 to be of type object`},
		{`States.MathAdd($.a, 1)`, `{"a": "1"}`, `to be of type number, but it was of type string`},
		{`States.MathAdd($.a, 1)`, `{"a": 3e10}`, `to be an integer between -2147483648 and 2147483647`},
		{`States.MathRandom(5, 5)`, `{}`, `must be greater than its start`},
		{`States.StringSplit($.a, ',')`, `{"a": []}`, `to be of type string`},
	}
	for _, tt := range tests {
		t.Run(tt.call[:min(len(tt.call), 60)], func(t *testing.T) {
			_, err := eval(t, tt.call, decode(t, tt.input))
			var ie *Error
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want an *intrinsic.Error", err)
			}
			if !regexp.MustCompile(tt.cause).MatchString(ie.Cause) {
				t.Errorf("cause = %q, want a match for %q", ie.Cause, tt.cause)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		"", "States", "States.Nope()", "States.Format", "States.Format('a'", "States.Format('a)",
		"States.Array(1 2)", "States.Array(1,)", "States.UUID(1)", "States.MathAdd(1)", "States.JsonMerge(1, 2)",
		"States.Array(foo)", "States.Array($.a[)", "States.Array() x", "States.Array(1e)",
		`States.Format('\"')`, `States.Format('\n')`, `States.Format('a\')`,
	} {
		if c, err := Parse(src); err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", src, c)
		} else if _, ok := err.(*Error); !ok {
			t.Errorf("Parse(%q) error %T, want *Error", src, err)
		}
	}
}

func TestRandomFunctions(t *testing.T) {
	t.Parallel()
	uuidRE := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	seen := map[any]bool{}
	for range 200 {
		v, err := eval(t, "States.MathRandom(-3, 3)", nil)
		if err != nil {
			t.Fatal(err)
		}
		if f := v.(float64); f < -3 || f >= 3 || f != float64(int(f)) {
			t.Fatalf("MathRandom(-3, 3) = %v, want an integer in [-3, 3)", f)
		}
		seen[v] = true
		u, _ := eval(t, "States.UUID()", nil)
		if !uuidRE.MatchString(u.(string)) {
			t.Fatalf("UUID() = %q, not a version 4 UUID", u)
		}
	}
	if len(seen) != 6 {
		t.Errorf("MathRandom(-3, 3) produced %d distinct values in 200 draws, want 6", len(seen))
	}
	a, _ := eval(t, "States.MathRandom(0, 1000000, 42)", nil)
	b, _ := eval(t, "States.MathRandom(0, 1000000, 42)", nil)
	if a != b {
		t.Errorf("seeded MathRandom is not deterministic: %v != %v", a, b)
	}
}

func TestPathErrorsPassThrough(t *testing.T) {
	t.Parallel()
	_, err := eval(t, "States.Array($.missing)", map[string]any{})
	var nf *jsonpath.NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("err = %v, want the resolver's *jsonpath.NotFoundError", err)
	}
}

func TestExportedHelpers(t *testing.T) {
	t.Parallel()
	if got := Partition([]any{1.0, 2.0, 3.0}, 2); len(got) != 2 || len(got[1].([]any)) != 1 {
		t.Errorf("Partition = %v", got)
	}
	if got, ok := Range(3, -3, -3); !ok || !reflect.DeepEqual(got, []any{3.0, 0.0, -3.0}) {
		t.Errorf("Range(3, -3, -3) = %v, %v", got, ok)
	}
	if _, ok := Range(1, 1001, 1); ok {
		t.Error("Range(1, 1001, 1) accepted 1001 elements")
	}
	if _, ok := Range(1, 2, 0); ok {
		t.Error("Range with step 0 accepted")
	}
	if got, ok := Hash("input data", "SHA-384"); !ok || len(got) != 96 {
		t.Errorf("Hash SHA-384 = %q, %v", got, ok)
	}
	if _, ok := Hash("x", "sha-256"); ok {
		t.Error("Hash accepted a lower-case algorithm name")
	}
}
