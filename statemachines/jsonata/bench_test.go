package jsonata

import "testing"

// benchStates is a $states-like binding: a Step Functions state input.
var benchStates = map[string]any{
	"input": map[string]any{
		"orderId":  "o-123",
		"customer": map[string]any{"name": "Ada", "tier": "gold"},
		"items": []any{
			map[string]any{"sku": "a", "price": 12.5, "qty": 2.0},
			map[string]any{"sku": "b", "price": 3.0, "qty": 10.0},
			map[string]any{"sku": "c", "price": 99.99, "qty": 1.0},
		},
	},
	"context": map[string]any{"Execution": map[string]any{"Id": "arn:aws:states:us-east-1:1:execution:m:e"}},
}

// BenchmarkEval measures typical Step Functions expressions against a
// small state input bound as $states.
func BenchmarkEval(b *testing.B) {
	exprs := map[string]string{
		"path":      "$states.input.customer.name",
		"filter":    "$states.input.items[price > 10].sku",
		"aggregate": "$sum($states.input.items.(price * qty))",
		"object":    `{"id": $states.input.orderId, "total": $sum($states.input.items.(price * qty)), "n": $count($states.input.items)}`,
		"string":    `"Order " & $states.input.orderId & " for " & $uppercase($states.input.customer.name)`,
		"condition": `$states.input.customer.tier = "gold" ? 0.1 : 0`,
		"map":       `$map($states.input.items, function($i) { $i.sku & ":" & $string($i.qty) })`,
	}
	for name, src := range exprs {
		e := mustCompile(b, src)
		bindings := map[string]any{"states": benchStates}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Eval(nil, bindings); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCompile measures parsing a mid-sized expression.
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(`{"id": $states.input.orderId, "lines": $states.input.items[price > 10].{"sku": sku, "cost": price * qty}}`); err != nil {
			b.Fatal(err)
		}
	}
}
