package jsonata

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func mustCompile(t testing.TB, src string) *Expr {
	t.Helper()
	e, err := Compile(src)
	if err != nil {
		t.Fatalf("Compile(%q): %v", src, err)
	}
	return e
}

func TestEvalValues(t *testing.T) {
	t.Parallel()
	input := map[string]any{
		"a":     nil,
		"n":     2.0,
		"items": []any{map[string]any{"p": 1.0}, map[string]any{"p": 3.0}},
	}
	tests := []struct {
		expr string
		want any
	}{
		{"missing", Undefined},
		{"a", nil},
		{"n * 3", 6.0},
		{"items.p", []any{1.0, 3.0}},
		{"items[p > 2].p", 3.0},
		{"items[p > 2].p[]", []any{3.0}},
		{"$sum(items.p)", 4.0},
		{`{"k": items.p}`, map[string]any{"k": []any{1.0, 3.0}}},
		{"$keys($)", []any{"a", "items", "n"}}, // map input: keys sorted
		{"$x & '!'", "bound!"},
	}
	for _, tc := range tests {
		got, err := mustCompile(t, tc.expr).Eval(input, map[string]any{"x": "bound"})
		if err != nil {
			t.Errorf("%s: %v", tc.expr, err)
			continue
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s = %#v, want %#v", tc.expr, got, tc.want)
		}
	}
}

func TestUndefinedInput(t *testing.T) {
	t.Parallel()
	got, err := mustCompile(t, "$exists($)").Eval(Undefined, nil)
	if err != nil || got != false {
		t.Fatalf("$exists($) on Undefined = %v, %v; want false", got, err)
	}
	got, err = mustCompile(t, "$exists($)").Eval(nil, nil)
	if err != nil || got != true {
		t.Fatalf("$exists($) on null = %v, %v; want true", got, err)
	}
}

func TestErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		expr, code, token string
		compile           bool
	}{
		{"1 +", "S0207", "", true},
		{`"abc`, "S0101", "", true},
		{"a := 1", "S0212", "a", true},
		{"1 + 'a'", "T2002", "+", false},
		{"$substring(1, 'x')", "T0410", "substring", false},
		{"$error('boom')", "D3137", "error", false},
		{"[1..1e8]", "D2014", "..", false},
		{"$number('x')", "D3030", "number", false},
	}
	for _, tc := range tests {
		e, err := Compile(tc.expr)
		if err == nil {
			if tc.compile {
				t.Errorf("%s: compiled, want %s", tc.expr, tc.code)
				continue
			}
			_, err = e.Eval(nil, nil)
		}
		var je *Error
		if !errors.As(err, &je) {
			t.Errorf("%s: err = %v, want *Error %s", tc.expr, err, tc.code)
			continue
		}
		if je.Code != tc.code || je.Token != tc.token || je.Message == "" {
			t.Errorf("%s: got %+v, want code %s token %q and a message", tc.expr, je, tc.code, tc.token)
		}
	}
}

func TestCustomFunction(t *testing.T) {
	t.Parallel()
	double := &Function{Signature: "<n:n>", Fn: func(args []any) (any, error) {
		return args[0].(float64) * 2, nil
	}}
	fail := &Function{Fn: func(args []any) (any, error) {
		return nil, &Error{Code: "X0001", Message: "custom failure"}
	}}
	e := mustCompile(t, "$map([1,2], $double)")
	got, err := e.Eval(nil, map[string]any{"double": double})
	if err != nil || !reflect.DeepEqual(got, []any{2.0, 4.0}) {
		t.Fatalf("$map with custom function = %v, %v", got, err)
	}
	_, err = mustCompile(t, "$double('x')").Eval(nil, map[string]any{"double": double})
	if je := (*Error)(nil); !errors.As(err, &je) || je.Code != "T0410" {
		t.Fatalf("signature violation: err = %v, want T0410", err)
	}
	_, err = mustCompile(t, "$fail()").Eval(nil, map[string]any{"fail": fail})
	if je := (*Error)(nil); !errors.As(err, &je) || je.Code != "X0001" {
		t.Fatalf("custom error: err = %v, want X0001 passed through", err)
	}
}

func TestGuards(t *testing.T) {
	t.Parallel()
	deep := mustCompile(t, "($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))")
	_, err := deep.Eval(nil, nil)
	if je := (*Error)(nil); !errors.As(err, &je) || je.Code != "U1001" {
		t.Fatalf("deep recursion: err = %v, want U1001", err)
	}
	loop := mustCompile(t, "($f := function($n) { $f($n + 1) }; $f(0))")
	start := time.Now()
	_, err = loop.EvalWith(nil, nil, Options{TimeLimit: 200 * time.Millisecond})
	if je := (*Error)(nil); !errors.As(err, &je) || je.Code != "U1001" {
		t.Fatalf("infinite tail loop: err = %v, want U1001", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("time limit took %v to fire", d)
	}
}

func TestTransformDoesNotMutateInput(t *testing.T) {
	t.Parallel()
	input := map[string]any{"a": map[string]any{"b": 1.0}}
	got, err := mustCompile(t, `$ ~> |a|{"b": 2}|`).Eval(input, nil)
	if err != nil {
		t.Fatal(err)
	}
	if input["a"].(map[string]any)["b"] != 1.0 {
		t.Fatalf("input mutated: %v", input)
	}
	if got.(map[string]any)["a"].(map[string]any)["b"] != 2.0 {
		t.Fatalf("transform result = %v", got)
	}
}

// TestConcurrentEval runs one compiled expression from many goroutines with
// different bindings (run with -race to check for shared state).
func TestConcurrentEval(t *testing.T) {
	t.Parallel()
	e := mustCompile(t, `($acc := function($l, $i) { $l + $i }; $reduce([1..$n], $acc) & ":" & $string($n))`)
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for g := 1; g <= 32; g++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			got, err := e.Eval(nil, map[string]any{"n": float64(n)})
			want := fmt.Sprintf("%d:%d", n*(n+1)/2, n)
			if n == 1 {
				want = "1:1"
			}
			if err != nil || got != want {
				errs <- fmt.Errorf("n=%d: got %v, %v; want %s", n, got, err, want)
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestEvalJSONKeepsKeyOrder(t *testing.T) {
	t.Parallel()
	got, err := mustCompile(t, "$keys($)").EvalJSON([]byte(`{"z":1,"a":2,"m":3}`), nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(toStrings(got), ",") != "z,a,m" {
		t.Fatalf("$keys = %v, want document order z,a,m", got)
	}
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func TestOutsideVarsAndFunctionResult(t *testing.T) {
	t.Parallel()
	calls := 0
	vars := func(name string) (any, bool) {
		calls++
		if name == "limit" {
			return 10.0, true
		}
		return nil, false
	}
	got, err := mustCompile(t, "$limit + $limit + $count([1])").EvalWith(nil, nil, Options{Vars: vars})
	if err != nil || got != 21.0 {
		t.Fatalf("outside vars: got %v, %v; want 21", got, err)
	}
	if calls != 2 { // $limit once (then cached), $count looked up as a variable first
		t.Fatalf("Vars called %d times, want 2", calls)
	}
	got, err = mustCompile(t, "function($x) { $x }").Eval(nil, nil)
	if err != nil || got != FunctionResult {
		t.Fatalf("function result = %#v, %v; want FunctionResult", got, err)
	}
}

func TestPreparedBindings(t *testing.T) {
	t.Parallel()
	lookups := 0
	b := NewBindings(map[string]any{"base": map[string]any{"n": 2.0}}, func(name string) (any, bool) {
		lookups++
		return 3.0, name == "extra"
	})
	e := mustCompile(t, "$base.n * $extra + $local")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			got, err := e.EvalWith(nil, map[string]any{"local": float64(i)}, Options{Bindings: b})
			if err != nil || got != 6.0+float64(i) {
				t.Errorf("eval %d = %v, %v; want %v", i, got, err, 6+i)
			}
		}(i)
	}
	wg.Wait()
	if lookups != 1 {
		t.Errorf("lookup called %d times, want 1 (cached)", lookups)
	}
}

// TestInputNotModified evaluates expressions that build, sort, group and
// transform values and checks the caller's input is unchanged.
func TestInputNotModified(t *testing.T) {
	t.Parallel()
	input := map[string]any{
		"a":    []any{3.0, 1.0, 2.0},
		"objs": []any{map[string]any{"k": "x", "v": 1.0}, map[string]any{"k": "y", "v": 2.0}},
		"nest": map[string]any{"deep": map[string]any{"z": []any{"q"}}},
	}
	before := fmt.Sprint(input)
	for _, src := range []string{
		"a^($)", "a[]", "$sort(a)", "$reverse(a)", "objs{k: v}", "objs#$i.{'i': $i}",
		`$ ~> |objs|{"v": 0}, ["k"]|`, `$ ~> |nest.deep|{"z": 1}|`, "$merge(objs)", "$append(a, a)",
		"nest.deep.z[]", "$spread(nest)", "**.z", "$distinct(a)", "$shuffle(a)",
	} {
		if _, err := mustCompile(t, src).Eval(input, nil); err != nil {
			t.Errorf("%s: %v", src, err)
		}
	}
	if after := fmt.Sprint(input); after != before {
		t.Fatalf("input modified:\nbefore %s\nafter  %s", before, after)
	}
}

// TestPathologicalInputsFail checks expressions that would exhaust the
// stack or loop for hours fail with an error instead.
func TestPathologicalInputsFail(t *testing.T) {
	t.Parallel()
	deep := strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000)
	if _, err := Compile(deep); err == nil {
		t.Error("100000 nested parentheses compiled")
	}
	for _, src := range []string{"$formatInteger(1e15, 'I')", "$pad('x', 1e12)", "$formatNumber(0, '0.0e0') & ''"} {
		done := make(chan error, 1)
		go func() {
			_, err := mustCompile(t, src).Eval(nil, nil)
			done <- err
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s did not finish", src)
		}
	}
}

func TestGoValuesAsInput(t *testing.T) {
	t.Parallel()
	type item struct {
		Name string `json:"name"`
		Qty  int    `json:"qty"`
	}
	input := map[string]any{"items": []item{{"a", 2}, {"b", 3}}, "n": int32(4), "tags": []string{"x"}}
	got, err := mustCompile(t, "$sum(items.qty) * n & tags[0]").Eval(input, nil)
	if err != nil || got != "20x" {
		t.Fatalf("got %v, %v; want 20x", got, err)
	}
}

func TestOrderByUndefinedLast(t *testing.T) {
	t.Parallel()
	input := []any{map[string]any{"n": 1.0}, map[string]any{}, map[string]any{"n": 2.0}}
	for src, want := range map[string]string{"$^(n).n": "[1 2]", "$^(>n).n": "[2 1]", "$count($^(>n))": "3"} {
		got, err := mustCompile(t, src).Eval(input, nil)
		if err != nil || fmt.Sprint(got) != want {
			t.Errorf("%s = %v, %v; want %s", src, got, err, want)
		}
	}
	got, _ := mustCompile(t, "$^(>n)[-1]").Eval(input, nil)
	if m, ok := got.(map[string]any); !ok || len(m) != 0 {
		t.Errorf("descending sort: last item = %v, want the object without n", got)
	}
}

// TestOddTupleExpressionsFailCleanly covers focus/index/parent bindings in
// unusual places: each must evaluate or fail with a JSONata code, never an
// internal error.
func TestOddTupleExpressionsFailCleanly(t *testing.T) {
	t.Parallel()
	input := map[string]any{"A": []any{1.0, map[string]any{"B": 2.0}}}
	for _, src := range []string{
		"[1,2]#$i.($i)", "[1,2]@$x.($x)", "[1,2]#$i{'a':$i}", "[1,2].[3]#$i{'a': $i}", "A#${}",
		"(A#$i)[0]", "A@$a.B#$i[%]", "[1][%]", "$#$i", "$@$v.x", "{}#$i", "{'a':1}@$o.a",
		"A#$i^($i).B", "A.B.%.%", "A@$a@$b", "A#$i#$j", "**#$i", "*@$s.%",
	} {
		e, err := Compile(src)
		if err == nil {
			_, err = e.Eval(input, nil)
		}
		var je *Error
		if err != nil && (!errors.As(err, &je) || je.Code == "U1000") {
			t.Errorf("%s: %v", src, err)
		}
	}
}
