package statemachines

import (
	"strings"
	"testing"
)

func TestEvalTemplate(t *testing.T) {
	t.Parallel()
	input := `{"name": "ada", "list": [1, 2, 3], "obj": {"k": "v"}}`
	tests := []struct {
		name, tmpl, want string
	}{
		{"literal values are copied", `{"a": 1, "b": "$.name", "c": [true, null], "d": {"e": "x"}}`, `{"a": 1, "b": "$.name", "c": [true, null], "d": {"e": "x"}}`},
		{"path binding", `{"who.$": "$.name"}`, `{"who": "ada"}`},
		{"root binding", `{"all.$": "$"}`, `{"all": ` + input + `}`},
		{"nested objects", `{"outer": {"inner.$": "$.obj.k"}}`, `{"outer": {"inner": "v"}}`},
		{"objects inside arrays", `{"arr": [{"x.$": "$.list[0]"}, 7]}`, `{"arr": [{"x": 1}, 7]}`},
		{"indefinite path", `{"tail.$": "$.list[1:]"}`, `{"tail": [2, 3]}`},
		{"context object", `{"sm.$": "$$.StateMachine.Name", "ctx.$": "$$.State.Name"}`, `{"sm": "my-state-machine", "ctx": "S"}`},
		{"variables", `{"c.$": "$count", "u.$": "$user.name"}`, `{"c": 3, "u": "ada"}`},
		{"intrinsic", `{"msg.$": "States.Format('hi {}', $.name)", "n.$": "States.ArrayLength($.list)"}`, `{"msg": "hi ada", "n": 3}`},
		{"intrinsic on context and variables", `{"v.$": "States.Array($$.StateMachine.Name, $count)"}`, `{"v": ["my-state-machine", 3]}`},
		{"top-level array", `[{"a.$": "$.name"}]`, `[{"a": "ada"}]`},
		{"scalar", `"plain"`, `"plain"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := EvalTemplate(jsonValue(t, tt.tmpl), jsonValue(t, input), testEnv)
			if err != nil {
				t.Fatal(err)
			}
			assertJSON(t, got, tt.want)
		})
	}
}

func TestEvalTemplateErrors(t *testing.T) {
	t.Parallel()
	input := `{"flagged": false}`
	tests := []struct{ tmpl, name, cause string }{
		{`{"address.$": "$.application.address"}`, ErrRuntime,
			`The JSONPath '$.application.address' specified for the field 'address.$' could not be found in the input '{"flagged":false}'`},
		{`{"deep": [{"x.$": "$.nope"}]}`, ErrRuntime,
			`The JSONPath '$.nope' specified for the field 'x.$' could not be found in the input '{"flagged":false}'`},
		{`{"x.$": "States.Array($.nope)"}`, ErrRuntime,
			`The JSONPath '$.nope' specified for the field 'x.$' could not be found in the input '{"flagged":false}'`},
		{`{"x.$": "States.ArrayGetItem(States.Array(1), 4)"}`, ErrIntrinsicFailure,
			`The index 4 is out of bounds for the array of length 1 in the function States.ArrayGetItem`},
		{`{"x.$": "States.Nope(1)"}`, ErrIntrinsicFailure,
			`Invalid intrinsic function 'States.Nope(1)' at position 11: unknown function 'States.Nope'`},
		{`{"x.$": 5}`, ErrRuntime, `The value of the field 'x.$' must be a path or an intrinsic function, not 5`},
	}
	for _, tt := range tests {
		t.Run(tt.tmpl, func(t *testing.T) {
			_, err := EvalTemplate(jsonValue(t, tt.tmpl), jsonValue(t, input), testEnv)
			assertError(t, err, tt.name, tt.cause)
		})
	}
}

func TestEvalTemplateContextNotFound(t *testing.T) {
	t.Parallel()
	_, err := EvalTemplate(map[string]any{"x.$": "$$.Nope"}, map[string]any{}, testEnv)
	assertError(t, err, ErrRuntime, "The JSONPath '$$.Nope' specified for the field 'x.$' could not be found in the input '"+
		jsonText(testEnv.Context)+"'")
}

func TestEvalTemplateDoesNotModifyTemplate(t *testing.T) {
	t.Parallel()
	tmpl := jsonValue(t, `{"a.$": "$.x", "b": {"c.$": "$.x"}}`)
	for range 2 {
		got, err := EvalTemplate(tmpl, map[string]any{"x": 1.0}, Env{})
		if err != nil {
			t.Fatal(err)
		}
		assertJSON(t, got, `{"a": 1, "b": {"c": 1}}`)
	}
	if !strings.Contains(jsonText(tmpl), `"a.$"`) {
		t.Errorf("template modified: %s", jsonText(tmpl))
	}
}

func TestEvalBinding(t *testing.T) {
	t.Parallel()
	input := jsonValue(t, `{"cause": "disk full", "code": 7}`)
	tests := []struct {
		v    any
		want string
	}{
		{"$.cause", `"disk full"`},
		{"States.Format('cause: {} ({})', $.cause, $.code)", `"cause: disk full (7)"`},
		{"$$.State.Name", `"S"`},
	}
	for _, tt := range tests {
		got, err := EvalBinding("CausePath", tt.v, input, testEnv)
		if err != nil {
			t.Errorf("EvalBinding(%v): %v", tt.v, err)
			continue
		}
		assertJSON(t, got, tt.want)
	}
	_, err := EvalBinding("CausePath", "$.nope", input, testEnv)
	assertError(t, err, ErrRuntime, `The JSONPath '$.nope' specified for the field 'CausePath' could not be found in the input '{"cause":"disk full","code":7}'`)
}
