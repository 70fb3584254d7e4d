package jsonata

import (
	"errors"
	"regexp"
	"testing"
	"time"
)

var fuzzInput = map[string]any{
	"Account": map[string]any{
		"Name": "Firefly",
		"Order": []any{
			map[string]any{"OrderID": "order103", "Product": []any{
				map[string]any{"Name": "Bowler Hat", "Price": 34.45, "Quantity": 2.0},
				map[string]any{"Name": "Trilby hat", "Price": 21.67, "Quantity": 1.0},
			}},
		},
	},
	"tags": []any{"a", "b", nil, true, 3.5},
}

// bigNumbers skips expressions that ask for huge allocations (ranges,
// padding), which are legitimate JSONata but only test the machine's memory.
var bigNumbers = regexp.MustCompile(`[0-9]{4,}|[0-9][eE]`)

// FuzzCompile checks that no expression makes the parser or the evaluator
// panic or hang: every failure must be an *Error with a JSONata code.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		"Account.Order.Product.Price", "$sum(Account.Order.Product.(Price * Quantity))",
		"Account.Order[0].Product[Price > 30].Name", "**.Name", "Account.*.Name",
		`{"names": Account.Order.Product.Name}`, "Account.Order.Product^(>Price).Name",
		"Account.Order.Product{Name: Price}", "Account.Order.Product.%.OrderID",
		"Account.Order.Product#$i[$i = 1].Name", "Account.Order@$o.Product[$o.OrderID = 'order103']",
		"$map(tags, function($v, $i) { $i & ':' & $string($v) })",
		"$reduce([1..5], function($a, $b) { $a + $b }, 0)", "($f := λ($n){ $n < 2 ? 1 : $n * $f($n-1) }; $f(5))",
		"$substring(?, 1)('hello')", "'a' ~> $uppercase ~> $trim", "$ ~> |Account|{'Name': 'x'}, ['Order']|",
		"/[a-z]+/i", "$match('abc', /b(c)/)", "$replace('abc', /b/, function($m) { 'B' })",
		`$formatNumber(1234.5, "#,##0.00")`, "$fromMillis(0, '[Y0001]-[M01]-[D01]')",
		"$toMillis('2024-01-01T00:00:00Z')", "$formatInteger(42, 'w')", "$parseInteger('XLII', 'I')",
		"tags[$type($) = 'string']", "[1,2,3][-1]", "$count(tags) > 2 and true or false",
		"/* comment */ `Account`.Name", "$string({'a': [1, null, true]}, true)",
		"$eval('1 + 1')", "$sort(tags[$type($)='string'], function($a, $b) { $a < $b })",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if bigNumbers.MatchString(src) {
			t.Skip()
		}
		e, err := Compile(src)
		if err != nil {
			requireJSONataError(t, src, err)
			return
		}
		_, err = e.EvalWith(fuzzInput, nil, Options{MaxDepth: 200, TimeLimit: 100 * time.Millisecond})
		if err != nil {
			requireJSONataError(t, src, err)
		}
	})
}

func requireJSONataError(t *testing.T, src string, err error) {
	t.Helper()
	var je *Error
	if !errors.As(err, &je) || je.Code == "" || je.Code == "U1000" {
		t.Fatalf("%q: err = %v, want a JSONata error with a code", src, err)
	}
}
