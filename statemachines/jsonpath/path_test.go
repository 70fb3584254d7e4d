package jsonpath

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

const store = `{
  "store": {
    "book": [
      {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
      {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
      {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
      {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99}
    ],
    "bicycle": {"color": "red", "price": 19.95}
  },
  "expensive": 10,
  "a b": {"c.d": 1, "it's": 2},
  "nul": null,
  "s": "text",
  "nested": {"x": {"x": {"x": 3}}}
}`

func decode(t testing.TB, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestGet(t *testing.T) {
	t.Parallel()
	doc := decode(t, store)
	tests := []struct {
		path string
		want string // JSON
	}{
		{"$", store},
		{"$.expensive", `10`},
		{"$.store.bicycle.color", `"red"`},
		{"$['store']['bicycle']['color']", `"red"`},
		{`$["store"]["bicycle"].price`, `19.95`},
		{"$['a b']['c.d']", `1`},
		{`$['a b']['it\'s']`, `2`},
		{"$.nul", `null`},
		{"$.store.book[0].author", `"Nigel Rees"`},
		{"$.store.book[-1].title", `"The Lord of the Rings"`},
		{"$.store.book[ 1 ].price", `12.99`},
		{"$.store.book[0,1].price", `[8.95, 12.99]`},
		{"$.store.book[1:3].price", `[12.99, 8.99]`},
		{"$.store.book[-2:].price", `[8.99, 22.99]`},
		{"$.store.book[:2].price", `[8.95, 12.99]`},
		{"$.store.book[2:].price", `[8.99, 22.99]`},
		{"$.store.book[:-3].price", `[8.95]`},
		{"$.store.book[3:1].price", `[]`},
		{"$.store.book[10:20]", `[]`},
		{"$.store.book[*].author", `["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"]`},
		{"$.store.book.*.price", `[8.95, 12.99, 8.99, 22.99]`},
		{"$.store.bicycle.*", `["red", 19.95]`},
		// Objects are visited in sorted key order (bicycle before book); AWS
		// uses document order. See the package doc.
		{"$..price", `[19.95, 8.95, 12.99, 8.99, 22.99]`},
		{"$.nested..x", `[{"x":{"x":3}}, {"x":3}, 3]`},
		{"$..book[2].title", `["Moby Dick"]`},
		{"$..book[?(@.isbn)].title", `["Moby Dick", "The Lord of the Rings"]`},
		{"$.store.book[?(@.price < 10)].title", `["Sayings of the Century", "Moby Dick"]`},
		{"$.store.book[?(@.price <= 8.99 && @.category == 'fiction')].title", `["Moby Dick"]`},
		{"$.store.book[?(@.price > 20 || @.author == \"Evelyn Waugh\")].title", `["Sword of Honour", "The Lord of the Rings"]`},
		{"$.store.book[?(@.price > $.expensive)].price", `[12.99, 22.99]`},
		{"$.store.book[?(!(@.price > 10))].price", `[8.95, 8.99]`},
		{"$.store.book[?(@.author =~ /.*REES/i)].price", `[8.95]`},
		{"$.store.book[?(@.category != 'fiction')].price", `[8.95]`},
		{"$.store.book[?(@.category in ['reference', 'x'])].price", `[8.95]`},
		{"$.store.book[?(@.category nin ['fiction'])].price", `[8.95]`},
		{"$.store.book[?(@.price >= 22.99)].price", `[22.99]`},
		{"$.store.book[?(@.missing == 1)]", `[]`},
		{"$.store.book.length()", `4`},
		{"$.store.book[*].length()", `4`},
		{"$.s.length()", `4`},
		{"$.missing[*]", `[]`},
		{"$.missing[1:5]", `[]`},
		{"$.missing..x", `[]`},
		{"$.s[*]", `[]`},
		{"$.store.book.[?(@.price > 20)].title", `["The Lord of the Rings"]`},
		{"$.store.book.[0].title", `"Sayings of the Century"`},
		{"$.['expensive']", `10`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p, err := Compile(tt.path)
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			got, err := p.Get(doc)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if want := decode(t, tt.want); !reflect.DeepEqual(got, want) {
				t.Errorf("got %s, want %s", compactJSON(got), compactJSON(want))
			}
		})
	}
}

func TestGetNotFound(t *testing.T) {
	t.Parallel()
	doc := decode(t, store)
	tests := []struct{ path, msg string }{
		{"$.missing", "No results for path: $['missing']"},
		{"$.store.missing", "No results for path: $['store']['missing']"},
		{"$.missing.x", "Missing property in path $['missing']"},
		{"$.store.book[10]", "No results for path: $['store']['book'][10]"},
		{"$.store.book[-5].title", "No results for path: $['store']['book'][-5]['title']"},
		{"$.nul.x", "Expected to find an object with property ['x'] in path $['nul'] but found 'null'. " +
			"This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'."},
		{"$.s[0]", "Filter: [0] can only be applied to arrays. Current context is: text"},
		{"$.store.bicycle[0]", `Filter: [0] can only be applied to arrays. Current context is: {"color":"red","price":19.95}`},
		{"$.store.book.x", "Expected to find an object with property ['x'] in path $['store']['book'] but found 'net.minidev.json.JSONArray'. " +
			"This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'."},
		{"$.expensive.x", "Expected to find an object with property ['x'] in path $['expensive'] but found 'java.lang.Integer'. " +
			"This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'."},
		{"$.nul[0]", "The path $['nul'] is null"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, err := MustCompile(tt.path).Get(doc)
			var nf *NotFoundError
			if !errors.As(err, &nf) {
				t.Fatalf("err = %v, want a *NotFoundError", err)
			}
			if nf.Msg != tt.msg {
				t.Errorf("msg = %q\nwant   %q", nf.Msg, tt.msg)
			}
		})
	}
}

func TestCompile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path      string
		root      RootKind
		varName   string
		definite  bool
		reference bool
	}{
		{"$", RootInput, "", true, true},
		{"$.a.b[0]", RootInput, "", true, true},
		{"$$", RootContext, "", true, true},
		{"$$.Execution.Id", RootContext, "", true, true},
		{"$myVar", RootVariable, "myVar", true, false},
		{"$my_var2.x[1]", RootVariable, "my_var2", true, false},
		{"$.a[*]", RootInput, "", false, false},
		{"$.a[1:2]", RootInput, "", false, false},
		{"$..a", RootInput, "", false, false},
		{"$.a[?(@.b)]", RootInput, "", false, false},
		{"$.a[0,1]", RootInput, "", false, false},
		{"$['a','b']", RootInput, "", true, false},
		{"$['a','b'].c", RootInput, "", false, false},
		{"$.a.length()", RootInput, "", true, false},
	}
	for _, tt := range tests {
		p, err := Compile(tt.path)
		if err != nil {
			t.Errorf("Compile(%q): %v", tt.path, err)
			continue
		}
		if p.Root() != tt.root || p.Var() != tt.varName || p.Definite() != tt.definite || p.IsReference() != tt.reference {
			t.Errorf("Compile(%q) = root %v var %q definite %v reference %v, want %v %q %v %v", tt.path,
				p.Root(), p.Var(), p.Definite(), p.IsReference(), tt.root, tt.varName, tt.definite, tt.reference)
		}
	}
}

func TestCompileErrors(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		"", "a.b", "$.", "$[", "$['a'", "$.a[?(@.b > )]", "$.a[?(@.b == 1]", "$.a b", "$.foo()",
		"$.a.length().b", "$[x]", "$.a[?(@.b =~ /[/)]", "$[1:2:3]",
	} {
		if p, err := Compile(src); err == nil {
			t.Errorf("Compile(%q) = %v, want an error", src, p.segs)
		}
	}
}

func TestSteps(t *testing.T) {
	t.Parallel()
	got := MustCompile("$.a['b c'][2]").Steps()
	if want := []any{"a", "b c", 2}; !reflect.DeepEqual(got, want) {
		t.Errorf("Steps = %v, want %v", got, want)
	}
	if MustCompile("$.a[*]").Steps() != nil {
		t.Error("Steps of an indefinite path should be nil")
	}
}

func TestCompileCaches(t *testing.T) {
	t.Parallel()
	if MustCompile("$.cached.path") != MustCompile("$.cached.path") {
		t.Error("Compile did not return the cached *Path")
	}
}

// TestJaywayQuirks pins behaviours where Jayway (and so AWS) departs from
// other JSONPath implementations.
func TestJaywayQuirks(t *testing.T) {
	t.Parallel()
	doc := decode(t, `{"l": [0, 1, 2, 3], "o": {"a": 1, "b": 2, "c": 3}}`)
	tests := []struct{ path, want string }{
		{"$.l[-2:3]", `[2, 3, 0, 1, 2]`}, // a negative start in [a:b] counts each index from the end
		{"$.l[0:-1]", `[]`},              // a negative end in [a:b] selects nothing
		{"$.l[:-1]", `[0, 1, 2]`},        // but [:b] counts it from the end
		{"$.l[-2:]", `[2, 3]`},
		{"$.l[-9:]", `[0, 1, 2, 3]`},
		{"$.l[2:99]", `[2, 3]`},
		{"$.o['a','c']", `{"a": 1, "c": 3}`}, // names at the end merge into one object
		{"$.o['a','x']", `{"a": 1}`},
		{"$['o','l'][0]", `[0]`}, // elsewhere they iterate
	}
	for _, tt := range tests {
		got, err := MustCompile(tt.path).Get(doc)
		if err != nil {
			t.Errorf("%s: %v", tt.path, err)
			continue
		}
		if want := decode(t, tt.want); !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %s, want %s", tt.path, compactJSON(got), compactJSON(want))
		}
	}
}

// TestConcurrentUse compiles and evaluates the same paths from many
// goroutines (run with -race).
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	doc := decode(t, store)
	paths := []string{"$.store.book[0].title", "$..price", "$.store.book[?(@.price < 10)].title", "$.concurrent.new"}
	done := make(chan struct{})
	for g := 0; g < 8; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := 0; i < 200; i++ {
				p, err := Compile(paths[(g+i)%len(paths)])
				if err != nil {
					t.Error(err)
					return
				}
				_, _ = p.Get(doc)
			}
		}()
	}
	for g := 0; g < 8; g++ {
		<-done
	}
}

func TestFilters(t *testing.T) {
	t.Parallel()
	doc := decode(t, `{"limit": 2, "items": [
		{"n": 1, "s": "Alpha", "tags": ["a"], "sub": {"ok": true}},
		{"n": 2, "s": "beta", "flag": false, "sub": {"ok": false}},
		{"n": 3, "s": "gamma", "nul": null},
		{"s": "delta"}, 7, "str"]}`)
	tests := []struct{ path, want string }{
		{"$.items[?(@.n)].s", `["Alpha", "beta", "gamma"]`},
		{"$.items[?(@.flag)].s", `["beta"]`}, // existence, not truth
		{"$.items[?(@.nul)].s", `["gamma"]`},
		{"$.items[?(@.n == 2)].s", `["beta"]`},
		{"$.items[?(@.n != 2)].s", `["Alpha", "gamma", "delta"]`}, // missing operands differ
		{"$.items[?(@.n >= $.limit)].s", `["beta", "gamma"]`},
		{"$.items[?(@.s =~ /a.*a/)].s", `[]`}, // Java matches(): the whole string
		{"$.items[?(@.s =~ /.*a.*a/)].s", `["gamma"]`},
		{"$.items[?(@.s =~ /alpha/i)].s", `["Alpha"]`},
		{"$.items[?(@.s < 'b')].s", `["Alpha"]`},
		{"$.items[?(@.sub.ok == true)].n", `[1]`},
		{"$.items[?(@.tags == ['a'])].n", `[1]`},
		{"$.items[?(@.n in [1, 3])].n", `[1, 3]`},
		{"$.items[?(@ == 7)]", `[7]`},
		{"$.items[?(@ == 'str')]", `["str"]`},
		{"$.items[?(@.n > 1 && (@.s == 'beta' || @.s == 'gamma'))].n", `[2, 3]`},
		{"$.items[?(!@.n)].s", `["delta"]`},
		{"$.items[?(@.n == null)].s", `[]`},
		{"$.items[?(@.nul == null)].s", `["gamma"]`},
		{"$.items[?(@.n == -1.5e0)].s", `[]`},
	}
	for _, tt := range tests {
		got, err := MustCompile(tt.path).Get(doc)
		if err != nil {
			t.Errorf("%s: %v", tt.path, err)
			continue
		}
		if want := decode(t, tt.want); !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %s, want %s", tt.path, compactJSON(got), compactJSON(want))
		}
	}
}
