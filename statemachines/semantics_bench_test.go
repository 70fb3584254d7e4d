package statemachines

import (
	"encoding/json"
	"testing"
)

func benchValue(b *testing.B, s string) any {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		b.Fatal(err)
	}
	return v
}

const benchInput = `{"order": {"id": "o-1", "customer": {"name": "ada", "tier": "gold"},
  "items": [{"sku": "a", "qty": 1, "price": 9.5}, {"sku": "b", "qty": 3, "price": 2}, {"sku": "c", "qty": 2, "price": 12}]},
  "meta": {"attempt": 1}}`

func BenchmarkEvalPath(b *testing.B) {
	input := benchValue(b, benchInput)
	for _, path := range []string{
		"$", "$.order.customer.name", "$.order.items[1].qty", "$$.Execution.Id", "$user.name",
		"$.order.items[*].sku", "$.order.items[?(@.qty > 1)].sku", "$..price",
	} {
		b.Run(path, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := EvalPath(path, input, testEnv); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEvalTemplate(b *testing.B) {
	input := benchValue(b, benchInput)
	for name, tmpl := range map[string]string{
		"paths":     `{"id.$": "$.order.id", "who.$": "$.order.customer.name", "n.$": "$.order.items[0].qty", "fixed": "x"}`,
		"nested":    `{"customer": {"name.$": "$.order.customer.name", "tier.$": "$.order.customer.tier"}, "ctx": {"exec.$": "$$.Execution.Id"}, "list": [1, {"a.$": "$.meta.attempt"}]}`,
		"intrinsic": `{"msg.$": "States.Format('order {} for {}', $.order.id, $.order.customer.name)", "count.$": "States.ArrayLength($.order.items)"}`,
	} {
		t := benchValue(b, tmpl)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := EvalTemplate(t, input, testEnv); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkIOProcessing is one Task state's whole JSONPath input/output
// processing: InputPath, Parameters, ResultSelector, ResultPath,
// OutputPath, and the payload size check of the output.
func BenchmarkIOProcessing(b *testing.B) {
	input := benchValue(b, benchInput)
	params := benchValue(b, `{"orderId.$": "$.id", "customer.$": "$.customer.name", "execution.$": "$$.Execution.Id"}`)
	selector := benchValue(b, `{"status.$": "$.Payload.status", "total.$": "$.Payload.total"}`)
	taskResult := benchValue(b, `{"Payload": {"status": "ok", "total": 37.5}, "StatusCode": 200}`)
	inputPath := OptPath{Set: true, Path: "$.order"}
	resultPath := OptPath{Set: true, Path: "$.result"}
	outputPath := OptPath{Set: true, Path: "$.result"}
	b.ReportAllocs()
	for b.Loop() {
		effective, err := ApplyInputPath(inputPath, input, testEnv)
		if err != nil {
			b.Fatal(err)
		}
		if _, err = EvalTemplate(params, effective, testEnv); err != nil {
			b.Fatal(err)
		}
		selected, err := EvalTemplate(selector, taskResult, testEnv)
		if err != nil {
			b.Fatal(err)
		}
		merged, err := ApplyResultPath(resultPath, input, selected)
		if err != nil {
			b.Fatal(err)
		}
		out, err := ApplyOutputPath(outputPath, merged, testEnv)
		if err != nil {
			b.Fatal(err)
		}
		if err := CheckPayloadSize(out); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvalChoiceRule(b *testing.B) {
	input := benchValue(b, benchInput)
	rule := &ChoiceRule{And: []*ChoiceRule{
		{Variable: "$.order.customer.tier", Operator: "StringEquals", Value: "gold"},
		{Not: &ChoiceRule{Variable: "$.meta.attempt", Operator: "NumericGreaterThan", Value: 3.0}},
	}}
	b.ReportAllocs()
	for b.Loop() {
		if ok, err := EvalChoiceRule(rule, input, testEnv); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}
