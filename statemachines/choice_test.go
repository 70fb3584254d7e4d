package statemachines

import (
	"fmt"
	"testing"
)

func cmpRule(op string, value any) *ChoiceRule {
	return &ChoiceRule{Variable: "$.v", Operator: op, Value: value}
}

func TestEvalChoiceComparisons(t *testing.T) {
	t.Parallel()
	tests := []struct {
		op    string
		value any
		v     string // JSON of $.v
		want  bool
	}{
		{"StringEquals", "abc", `"abc"`, true},
		{"StringEquals", "abc", `"abd"`, false},
		{"StringEquals", "1", `1`, false},
		{"StringEquals", "     ", `" "`, false},
		{"StringEquals", "\t\r\n", `"\t\n"`, false},
		{"StringLessThan", "AB", `"A"`, true},
		{"StringLessThan", "A", `"A"`, false},
		{"StringGreaterThan", "A ", `"A"`, false},
		{"StringGreaterThan", "A", `"B"`, true},
		{"StringLessThanEquals", "A", `"A"`, true},
		{"StringGreaterThanEquals", "AB", `"A"`, false},
		{"StringGreaterThanEquals", "", `""`, true},
		{"StringLessThan", "\uffff", `"\ud83d\ude00"`, true}, // UTF-16 order, as Java compares
		{"StringMatches", "log-*.txt", `"log-2024.txt"`, true},
		{"StringMatches", "log-*.txt", `"log-2024.csv"`, false},
		{"StringMatches", "*", `""`, true},
		{"StringMatches", "a*b*c", `"aXbYbZc"`, true},
		{"StringMatches", "a*b*c", `"acb"`, false},
		{"StringMatches", `a\*b`, `"a*b"`, true},
		{"StringMatches", `a\*b`, `"axb"`, false},
		{"StringMatches", `a\\*`, `"a\\xyz"`, true},
		{"StringMatches", "abc", `"abc"`, true},
		{"StringMatches", "*c", `1`, false},
		{"NumericEquals", 1.0, `1`, true},
		{"NumericEquals", 1.0, `1.0`, true},
		{"NumericEquals", 0.0, `""`, false},
		{"NumericEquals", 0.0, `true`, false},
		{"NumericEquals", 1.0, `null`, false},
		{"NumericEquals", 1.0, `[1]`, false},
		{"NumericLessThan", 1.0, `0.5`, true},
		{"NumericLessThan", 1.0, `1`, false},
		{"NumericGreaterThan", 0.0, `1`, true},
		{"NumericLessThanEquals", 0.0, `0`, true},
		{"NumericGreaterThanEquals", 1.0, `0`, false},
		{"BooleanEquals", true, `true`, true},
		{"BooleanEquals", false, `false`, true},
		{"BooleanEquals", false, `0`, false},
		{"BooleanEquals", false, `""`, false},
		{"BooleanEquals", true, `"true"`, false},
		{"TimestampEquals", "2012-10-09T19:00:55Z", `"2012-10-09T20:00:55+01:00"`, true},
		{"TimestampEquals", "2012-10-09T19:00:55Z", `1`, false},
		{"TimestampEquals", "2012-10-09T19:00:55Z", `[]`, false},
		{"TimestampEquals", "2012-10-09T19:00:55Z", `"2012-10-09T19:00:55"`, false},
		{"TimestampLessThan", "2012-10-09T19:00:56Z", `"2012-10-09T19:00:55Z"`, true},
		{"TimestampLessThan", "2012-10-09T19:00:55.5Z", `"2012-10-09T19:00:55.25Z"`, true},
		{"TimestampGreaterThan", "2012-10-09T19:00:55Z", `"2012-10-09T19:00:55Z"`, false},
		{"TimestampGreaterThanEquals", "2012-10-09T19:00:55Z", `"2012-10-09T19:00:56Z"`, true},
		{"TimestampLessThanEquals", "2012-10-09T19:00:55Z", `"2012-10-09T19:00:56Z"`, false},
		{"IsNull", true, `null`, true},
		{"IsNull", true, `false`, false},
		{"IsNull", false, `{}`, true},
		{"IsNumeric", true, `0`, true},
		{"IsNumeric", true, `"1"`, false},
		{"IsNumeric", false, `0`, false},
		{"IsString", true, `""`, true},
		{"IsString", true, `null`, false},
		{"IsBoolean", true, `false`, true},
		{"IsBoolean", false, `1`, true},
		{"IsTimestamp", true, `"2016-03-14T01:59:00Z"`, true},
		{"IsTimestamp", true, `"2023-02-24"`, false},
		{"IsTimestamp", true, `1`, false},
		{"IsTimestamp", false, `"2012-10-09T19:00:55"`, true},
		{"IsPresent", true, `null`, true},
		{"IsPresent", false, `[]`, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %v %s", tt.op, tt.value, tt.v), func(t *testing.T) {
			input := jsonValue(t, `{"v": `+tt.v+`}`)
			got, err := EvalChoiceRule(cmpRule(tt.op, tt.value), input, testEnv)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			// The *Path form reads the same operand from the input.
			if _, isCheck := typeChecks[tt.op]; isCheck || tt.op == "IsPresent" || tt.op == "StringMatches" {
				return
			}
			input.(map[string]any)["w"] = tt.value
			got, err = EvalChoiceRule(cmpRule(tt.op+"Path", "$.w"), input, testEnv)
			if err != nil || got != tt.want {
				t.Errorf("%sPath: got %v, %v; want %v", tt.op, got, err, tt.want)
			}
		})
	}
}

func TestEvalChoiceMissingPaths(t *testing.T) {
	t.Parallel()
	input := jsonValue(t, `{"v": 1}`)
	got, err := EvalChoiceRule(&ChoiceRule{Variable: "$.nope", Operator: "IsPresent", Value: false}, input, testEnv)
	if err != nil || !got {
		t.Errorf("IsPresent false on a missing path = %v, %v; want true", got, err)
	}
	_, err = EvalChoiceRule(&ChoiceRule{Variable: "$.nope", Operator: "NumericEquals", Value: 1.0}, input, testEnv)
	assertError(t, err, ErrRuntime, "Invalid path '$.nope': The choice state's condition path references an invalid value.")
	_, err = EvalChoiceRule(&ChoiceRule{Variable: "$.v", Operator: "NumericEqualsPath", Value: "$.w"}, input, testEnv)
	assertError(t, err, ErrRuntime, "Invalid path '$.w': The choice state's condition path references an invalid value.")
	_, err = EvalChoiceRule(&ChoiceRule{Variable: "$.nope", Operator: "IsNull", Value: true}, input, testEnv)
	assertError(t, err, ErrRuntime, "Invalid path '$.nope': The choice state's condition path references an invalid value.")
}

func TestEvalChoiceBooleanOperators(t *testing.T) {
	t.Parallel()
	yes := cmpRule("NumericEquals", 1.0)
	no := cmpRule("NumericEquals", 2.0)
	boom := &ChoiceRule{Variable: "$.nope", Operator: "NumericEquals", Value: 1.0}
	tests := []struct {
		name string
		r    *ChoiceRule
		want bool
	}{
		{"And true", &ChoiceRule{And: []*ChoiceRule{yes, yes}}, true},
		{"And false", &ChoiceRule{And: []*ChoiceRule{yes, no}}, false},
		{"And short-circuits", &ChoiceRule{And: []*ChoiceRule{no, boom}}, false},
		{"Or true", &ChoiceRule{Or: []*ChoiceRule{no, yes}}, true},
		{"Or false", &ChoiceRule{Or: []*ChoiceRule{no, no}}, false},
		{"Or short-circuits", &ChoiceRule{Or: []*ChoiceRule{yes, boom}}, true},
		{"Not", &ChoiceRule{Not: no}, true},
		{"nested", &ChoiceRule{Not: &ChoiceRule{And: []*ChoiceRule{yes, &ChoiceRule{Or: []*ChoiceRule{no, yes}}}}}, false},
		{"context variable", &ChoiceRule{Variable: "$$.StateMachine.Name", Operator: "StringMatches", Value: "my-*"}, true},
		{"variable", &ChoiceRule{Variable: "$count", Operator: "NumericGreaterThan", Value: 2.0}, true},
		{"literal JSONata condition", &ChoiceRule{Condition: true}, true},
	}
	for _, tt := range tests {
		got, err := EvalChoiceRule(tt.r, jsonValue(t, `{"v": 1}`), testEnv)
		if err != nil || got != tt.want {
			t.Errorf("%s: got %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	if _, err := EvalChoiceRule(&ChoiceRule{And: []*ChoiceRule{yes, boom}}, jsonValue(t, `{"v": 1}`), testEnv); err == nil {
		t.Error("And did not report the error of its second rule")
	}
}
