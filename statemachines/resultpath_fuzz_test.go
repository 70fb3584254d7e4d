package statemachines

import (
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzResultPath applies arbitrary ResultPaths to arbitrary JSON inputs.
// Nothing may panic; the input is never modified; after a successful
// merge, reading the path back from the output yields the result.
func FuzzResultPath(f *testing.F) {
	for _, seed := range [][2]string{
		{"$.a", `{}`}, {"$.a.b.c", `{"a": {"x": 1}}`}, {"$['x y'][0]", `{"x y": [1, 2]}`},
		{"$.a[1].b", `{"a": [{}, {}]}`}, {"$", `1`}, {"$.s", `"str"`}, {"$.a[-1]", `{"a": [1]}`},
	} {
		f.Add(seed[0], seed[1])
	}
	result := map[string]any{"r": []any{1.0, "x"}}
	f.Fuzz(func(t *testing.T, path, inputText string) {
		var input any
		if json.Unmarshal([]byte(inputText), &input) != nil {
			return
		}
		before, _ := json.Marshal(input)
		out, err := ApplyResultPath(OptPath{Set: true, Path: path}, input, result)
		if after, _ := json.Marshal(input); string(after) != string(before) {
			t.Fatalf("ApplyResultPath(%q) modified its input: %s -> %s", path, before, after)
		}
		if err != nil {
			if e, ok := err.(*Error); !ok || e.Name != ErrResultPathMatch {
				t.Fatalf("ApplyResultPath(%q) error %v", path, err)
			}
			return
		}
		back, err := EvalPath(path, out, Env{})
		if err != nil || !reflect.DeepEqual(back, result) {
			t.Fatalf("EvalPath(%q) on the merged output = %v, %v; want the result", path, back, err)
		}
	})
}
