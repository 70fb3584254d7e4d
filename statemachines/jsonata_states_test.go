package statemachines

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/baton-run/baton/internal/testenv"
)

var jsonataStates = map[string]any{
	"input":   map[string]any{"order": map[string]any{"id": "o-1", "items": []any{1.0, 2.0, 3.0, 4.0, 5.0}}, "text": `{"a":[1,true]}`},
	"context": map[string]any{"Execution": map[string]any{"Name": "run-1"}},
}

func TestEvalJSONataTemplate(t *testing.T) {
	t.Parallel()
	vars := MapVars{"limit": 2.0, "greeting": "hi"}
	tests := []struct {
		name string
		tmpl any
		want any
	}{
		{"literal", map[string]any{"a": 1.0, "b": "plain", "c": "{% not closed"}, map[string]any{"a": 1.0, "b": "plain", "c": "{% not closed"}},
		{"whole string", "{% $states.input.order.id %}", "o-1"},
		{"nested", map[string]any{"x": []any{"{% $count($states.input.order.items) %}", "{% $states.context.Execution.Name %}"}}, map[string]any{"x": []any{5.0, "run-1"}}},
		{"variables", "{% $greeting & ' ' & $string($limit) %}", "hi 2"},
		{"null value", "{% null %}", nil},
		{"partition", "{% $partition($states.input.order.items, $limit) %}", []any{[]any{1.0, 2.0}, []any{3.0, 4.0}, []any{5.0}}},
		{"range", "{% $range(0, 10, 5) %}", []any{0.0, 5.0, 10.0}},
		{"range down", "{% $range(3, 1, -1) %}", []any{3.0, 2.0, 1.0}},
		{"hash", "{% $hash('abc', 'SHA-256') %}", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"hash md5", "{% $hash('abc', 'MD5') %}", "900150983cd24fb0d6963f7d28e17f72"},
		{"parse", "{% $parse($states.input.text).a[1] %}", true},
		{"random seeded is stable", "{% $random(7) = $random(7) and $random(7) < 1 %}", true},
	}
	for _, tc := range tests {
		got, err := EvalJSONataTemplate(tc.tmpl, jsonataStates, vars)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %#v, want %#v", tc.name, got, tc.want)
		}
	}
}

func TestJSONataUUID(t *testing.T) {
	t.Parallel()
	got, err := EvalJSONataTemplate([]any{"{% $uuid() %}", "{% $uuid() %}"}, jsonataStates, nil)
	if err != nil {
		t.Fatal(err)
	}
	v4 := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	pair := got.([]any)
	if !v4.MatchString(pair[0].(string)) || pair[0] == pair[1] {
		t.Fatalf("$uuid() = %v, want two distinct v4 UUIDs", pair)
	}
}

func TestEvalJSONataFieldErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, field string
		tmpl        any
		cause       string
	}{
		{"undefined", "Output", map[string]any{"v": "{% $states.input.missing %}"},
			"The JSONata expression '$states.input.missing' specified for the field 'Output/v' returned nothing (undefined)."},
		{"function", "Items", "{% $fn := function($x){$x} %}",
			"The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type."},
		{"evaluation error", "Arguments", []any{"{% 1 + 'a' %}"},
			"The JSONata expression '1 + 'a'' specified for the field 'Arguments[0]' threw an error during evaluation. T2002: The right side of the + operator must evaluate to a number"},
		{"no $eval", "Output", "{% $eval('1') %}",
			"The JSONata expression '$eval('1')' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function"},
		{"bad chunk", "Output", "{% $partition([1], 0) %}",
			"The JSONata expression '$partition([1], 0)' specified for the field 'Output' threw an error during evaluation. D3137: The chunk size argument of $partition must be a positive integer, but was 0"},
		{"bad algorithm", "Output", "{% $hash('a', 'SHA-3') %}",
			`The JSONata expression '$hash('a', 'SHA-3')' specified for the field 'Output' threw an error during evaluation. D3137: The hash algorithm "SHA-3" is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512`},
		{"syntax", "Output", "{% 1 + %}",
			"The JSONata expression '1 +' specified for the field 'Output' threw an error during evaluation. S0207: Unexpected end of expression"},
	}
	for _, tc := range tests {
		_, err := EvalJSONataField(tc.field, tc.tmpl, jsonataStates, nil)
		var se *Error
		if !errors.As(err, &se) || se.Name != ErrQueryEvaluation {
			t.Errorf("%s: err = %v, want %s", tc.name, err, ErrQueryEvaluation)
			continue
		}
		if se.Cause != tc.cause {
			t.Errorf("%s: cause\n got %q\nwant %q", tc.name, se.Cause, tc.cause)
		}
	}
}

// TestEvalJSONataAs pins the type-mismatch causes recorded from AWS for Map
// Items (conformance scenarios map_state_items_eval_jsonata_*).
func TestEvalJSONataAs(t *testing.T) {
	t.Parallel()
	vars := MapVars{"ItemsVar": 1.0}
	tests := []struct {
		tmpl, cause string
	}{
		{"{% null %}", "The JSONata expression 'null' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'null' for value: null"},
		{"{% 'string' %}", `The JSONata expression ''string'' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'string' for value: "string"`},
		{"{% $ItemsVar %}", "The JSONata expression '$ItemsVar' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was 'number' for value: 1"},
	}
	for _, tc := range tests {
		_, err := EvalJSONataAs("Items", tc.tmpl, "array", jsonataStates, vars)
		var se *Error
		if !errors.As(err, &se) || se.Name != ErrQueryEvaluation || se.Cause != tc.cause {
			t.Errorf("%s: err = %v\nwant cause %s", tc.tmpl, err, tc.cause)
		}
	}
	got, err := EvalJSONataAs("Items", "{% [1, 2] %}", "array", jsonataStates, vars)
	if err != nil || !reflect.DeepEqual(got, []any{1.0, 2.0}) {
		t.Errorf("array Items = %v, %v", got, err)
	}
}

func TestJSONataSyntaxError(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		" $states.input.a ": "",
		"($x := 1; $x)":     "",
		"(":                 "S0203: Expected ) before end of expression",
		"1 + + 2":           "S0211: The symbol + cannot be used as a unary operator",
		"'open":             "S0101: String literal must be terminated by a matching quote",
	}
	for expr, want := range tests {
		if got := JSONataSyntaxError(expr); got != want {
			t.Errorf("JSONataSyntaxError(%q) = %q, want %q", expr, got, want)
		}
	}
}

// TestJSONataConformancePassOutput replays the conformance cases whose
// machine is one JSONata Pass state with an Output template: the template,
// evaluated with $states.input bound to the case input, must give the
// recorded execution output.
func TestJSONataConformancePassOutput(t *testing.T) {
	dir := testenv.Shared(t, "conformance/cases")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, e := range entries {
		out, input, want, ok := loadJSONataPassCase(t, filepath.Join(dir, e.Name()))
		if !ok {
			continue
		}
		ran++
		got, err := EvalJSONataField("Output", out, map[string]any{"input": input}, nil)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %#v, %v; want %#v", e.Name(), got, err, want)
		}
	}
	if ran < 10 {
		t.Errorf("replayed only %d cases, want at least 10", ran)
	}
	t.Logf("replayed %d single-Pass JSONata cases", ran)
}

func loadJSONataPassCase(t *testing.T, dir string) (output, input, want any, ok bool) {
	def, err := os.ReadFile(filepath.Join(dir, "definition.json"))
	if err != nil {
		return nil, nil, nil, false
	}
	m, err := Parse(def)
	if err != nil || len(m.States) != 1 {
		return nil, nil, nil, false
	}
	st := m.States[m.StartAt]
	lang := st.QueryLanguage
	if lang == "" {
		lang = m.Language()
	}
	if lang != JSONata || st.Type != TypePass || st.Output == nil || st.Assign != nil || strings.Contains(string(def), "$states.context") {
		return nil, nil, nil, false
	}
	var exp struct {
		Status string `json:"status"`
		Output any    `json:"output"`
	}
	if readJSONFile(t, filepath.Join(dir, "expected.json"), &exp); exp.Status != "SUCCEEDED" {
		return nil, nil, nil, false
	}
	readJSONFile(t, filepath.Join(dir, "input.json"), &input)
	return st.Output, input, exp.Output, true
}

// benchOrder is a state input with 50 line items.
func benchOrder() map[string]any {
	items := make([]any, 50)
	for i := range items {
		items[i] = map[string]any{"sku": "sku-" + strings.Repeat("x", i%7), "price": float64(i) + 0.5, "qty": float64(i % 4)}
	}
	return map[string]any{"id": "o-42", "customer": map[string]any{"name": "Ada", "tier": "gold"}, "items": items}
}

// BenchmarkJSONataVsJSONPath evaluates the same payload template in both
// query languages: JSONata Arguments/Output against JSONPath Parameters.
func BenchmarkJSONataVsJSONPath(b *testing.B) {
	input := benchOrder()
	jsonataTmpl := map[string]any{
		"id": "{% $states.input.id %}", "name": "{% $states.input.customer.name %}",
		"count": "{% $count($states.input.items) %}", "first": "{% $states.input.items[0].sku %}",
	}
	jsonPathTmpl := map[string]any{
		"id.$": "$.id", "name.$": "$.customer.name",
		"count.$": "States.ArrayLength($.items)", "first.$": "$.items[0].sku",
	}
	b.Run("JSONata", func(b *testing.B) {
		b.ReportAllocs()
		states := map[string]any{"input": input}
		for b.Loop() {
			if _, err := EvalJSONataTemplate(jsonataTmpl, states, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("JSONPath", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := EvalTemplate(jsonPathTmpl, input, Env{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
