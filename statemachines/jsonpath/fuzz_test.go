package jsonpath

import (
	"testing"
)

// FuzzJSONPath compiles arbitrary text and, when it is a path, evaluates it
// on a document with every kind of node. Neither may panic; a definite
// path yields a node or a *NotFoundError, an indefinite one a non-nil
// []any; compiling the same text twice yields the same *Path.
func FuzzJSONPath(f *testing.F) {
	for _, seed := range []string{
		"$", "$$", "$v", "$.a", "$.a.b[0]", "$['a b'][\"c\"]", "$.l[-1]", "$.l[1:3]", "$.l[:-1]", "$.l[*]",
		"$.o.*", "$..x", "$..[0]", "$.l[?(@.x > 1 && @.y == 'a' || !(@.z))]", "$.l[?(@.s =~ /a.*/i)]",
		"$.l[?(@.x in [1, 2])]", "$.l.length()", "$.l[0,2]", "$['a','b']", "$.l[?($.n < @.x)]", "$[",
	} {
		f.Add(seed)
	}
	doc := map[string]any{
		"a": map[string]any{"b": []any{1.0, "two", nil}},
		"l": []any{map[string]any{"x": 1.0, "s": "abc"}, map[string]any{"x": 2.0, "y": "a"}, true, []any{}},
		"o": map[string]any{"k": "v", "n": nil, "x": map[string]any{"x": 3.0}},
		"n": 1.5, "s": "str", "z": nil,
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Compile(src)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok {
				t.Fatalf("Compile(%q) error %T, want *SyntaxError", src, err)
			}
			return
		}
		if again, _ := Compile(src); again != p && cachedCount.Load() < maxCached {
			t.Fatalf("Compile(%q) not cached", src)
		}
		v, err := p.Get(doc)
		if p.Definite() {
			if _, ok := err.(*NotFoundError); err != nil && !ok {
				t.Fatalf("Get(%q) error %T", src, err)
			}
			return
		}
		if l, ok := v.([]any); err != nil || !ok || l == nil {
			t.Fatalf("Get(%q) of an indefinite path = %#v, %v; want a non-nil []any", src, v, err)
		}
		_ = p.Steps()
	})
}
