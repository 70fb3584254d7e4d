package history

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

// TestAppendTextMatchesEncodingJSON pins the fast encoder to encoding/json
// (HTML escaping off) on values covering every escape and number form.
func TestAppendTextMatchesEncodingJSON(t *testing.T) {
	values := []string{
		`null`, `true`, `0`, `-0.5`, `1e21`, `1e-7`, `123456789012345680000`, `0.000001`, `3.14159`,
		`"plain"`, `"q\"b\\s/<>&\u2028\u2029\u0001\b\f\n\r\t\u007f é 日本"`,
		`[1,"a",{"z":1,"a":[true,false,null]}]`, `{}`, `[]`, `{"b":{"y":2,"x":1},"a":""}`,
	}
	for _, text := range values {
		var v any
		if err := json.Unmarshal([]byte(text), &v); err != nil {
			t.Fatal(err)
		}
		if got, want := string(AppendText(nil, v)), textSlow(v); got != want {
			t.Errorf("AppendText(%s) = %s, want %s", text, got, want)
		}
		if got := Size(v); got != len(textSlow(v)) {
			t.Errorf("Size(%s) = %d, want %d", text, got, len(textSlow(v)))
		}
	}
	bad := string([]byte{'a', 0xff, 'b'})
	if got, want := string(AppendQuoted(nil, bad)), Text(bad); got != want {
		t.Errorf("invalid UTF-8: %s, want %s", got, want)
	}
}

// TestNumbersMatchEncodingJSON pins the whole-number fast path of the
// number encoder and of Size to encoding/json around its bounds.
func TestNumbersMatchEncodingJSON(t *testing.T) {
	const two53 = 1 << 53
	for _, f := range []float64{
		0, math.Copysign(0, -1), 1, -1, 9, 10, -10, 99, 100, 20000, 1e15, -1e15, 123456789,
		two53 - 1, -(two53 - 1), two53, -two53, two53 + 2, 1e20, 1e21, 0.5, -2.5, 1e-7,
		math.MaxInt64, math.MinInt64, math.MaxFloat64, math.SmallestNonzeroFloat64,
	} {
		want := textSlow(f)
		if got := string(AppendText(nil, f)); got != want {
			t.Errorf("AppendText(%v) = %s, want %s", f, got, want)
		}
		if got := Size(f); got != len(want) {
			t.Errorf("Size(%v) = %d, want %d (%s)", f, got, len(want), want)
		}
	}
}

// TestFastDetailsMatchEncodingJSON pins the reflection-free details
// encoders to encoding/json's rendering of the same structs (as JSON
// values: the fast path does not HTML-escape, like Step Functions).
func TestFastDetailsMatchEncodingJSON(t *testing.T) {
	v := map[string]any{"a": []any{1.5, "x<y>"}, "b": nil}
	for _, d := range []any{
		StateEntered{Name: "S\"1", Input: Payload{V: v}},
		StateExited{Name: "S", Output: Payload{V: "text"}},
		Output{Output: Payload{V: 3.0}},
		LambdaScheduled{Resource: "arn:aws:lambda:r:1:function:f", Input: Payload{V: v}, TimeoutInSeconds: 5},
		LambdaScheduled{Resource: "r", Input: Payload{V: nil}},
		TaskOutput{ResourceType: "lambda", Resource: "invoke", Output: Payload{V: v}},
		MapIteration{Name: "M", Index: 7},
	} {
		want, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		got := appendDetails(nil, d, nil)
		var g, w any
		if err := json.Unmarshal(got, &g); err != nil {
			t.Fatalf("%T: %s is not JSON: %v", d, got, err)
		}
		_ = json.Unmarshal(want, &w)
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%T:\n got  %s\n want %s", d, got, want)
		}
	}
}

// TestAppendJSONAfterPrefix checks that details rendered after existing
// bytes (the store's chunk buffer) equal their own rendering, payload
// quoting in place included.
func TestAppendJSONAfterPrefix(t *testing.T) {
	v := map[string]any{"q": `say "hi" \ b`, "n": []any{1.0, -0.5, "\u2028"}}
	for _, d := range []any{
		StateEntered{Name: "S", Input: Payload{V: v}},
		Output{Output: Payload{V: v}},
		Failure{Error: "E", Cause: "c"},
	} {
		ev := &Event{Type: "X", Pending: d}
		want := "prefix" + string(ev.JSON())
		if got := string(ev.AppendJSON([]byte("prefix"))); got != want {
			t.Errorf("%T: AppendJSON = %s, want %s", d, got, want)
		}
		if got, want := string(ev.JSON()), string(Marshal(d)); got != want {
			t.Errorf("%T: JSON = %s, encoding/json %s", d, got, want)
		}
	}
}

// TestTextCacheRendersLikeNoCache renders a run of events sharing values
// (and values equal in content but not identity, or of another length)
// through one cache and checks each against its own rendering.
func TestTextCacheRendersLikeNoCache(t *testing.T) {
	a := map[string]any{"i": 1.0, "n": 3.0}
	b := map[string]any{"i": 2.0, "n": 3.0}
	arr := []any{"x", 1.0, nil}
	evs := []*Event{
		{Pending: StateEntered{Name: "A", Input: Payload{V: a}}},
		{Pending: LambdaScheduled{Resource: "r", Input: Payload{V: a}}},
		{Pending: Output{Output: Payload{V: b}}},
		{Pending: StateExited{Name: "A", Output: Payload{V: b}}},
		{Pending: StateEntered{Name: "B", Input: Payload{V: map[string]any{"i": 2.0, "n": 3.0}}}},
		{Pending: StateEntered{Name: "C", Input: Payload{V: arr}}},
		{Pending: StateExited{Name: "C", Output: Payload{V: arr[:2]}}},
		{Pending: StateExited{Name: "C", Output: Payload{V: "s", Raw: `"raw"`}}},
		{Pending: StateEntered{Name: "D", Input: Payload{V: a}}},
	}
	var c TextCache
	for i, ev := range evs {
		if got, want := string(ev.AppendJSONCached(nil, &c)), string(ev.JSON()); got != want {
			t.Errorf("event %d: cached %s, want %s", i, got, want)
		}
	}
}
