package statemachines

import "testing"

func TestEvalPath(t *testing.T) {
	t.Parallel()
	input := `{"a": {"b": [1, 2, 3]}, "n": null, "items": [{"v": 1}, {"v": 5}]}`
	tests := []struct{ path, want string }{
		{"$", input},
		{"$.a.b[1]", `2`},
		{"$.a.b[-1]", `3`},
		{"$.n", `null`},
		{"$.a.b[1:]", `[2, 3]`},
		{"$.items[?(@.v > 2)].v", `[5]`},
		{"$.missing[*]", `[]`},
		{"$$.Execution.Id", `"arn:aws:states:us-east-1:111111111111:execution:sm:run-1"`},
		{"$$.State.RetryCount", `0`},
		{"$count", `3`},
		{"$user.name", `"ada"`},
		{"$user.tags[0]", `"a"`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := EvalPath(tt.path, jsonValue(t, input), testEnv)
			if err != nil {
				t.Fatal(err)
			}
			assertJSON(t, got, tt.want)
		})
	}
}

func TestEvalPathErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ path, cause string }{
		{"$.x", "Invalid path '$.x' : No results for path: $['x']"},
		{"$.a.x.y", "Invalid path '$.a.x.y' : Missing property in path $['a']['x']"},
		{"$$.Execution.Nope", "Invalid path '$$.Execution.Nope' : No results for path: $['Execution']['Nope']"},
		{"$nope.x", "Invalid path '$nope.x' : The variable 'nope' is not defined"},
		{"$.a[", `Invalid path '$.a[' : invalid JSONPath "$.a[" at position 4: expected an index`},
	}
	for _, tt := range tests {
		_, err := EvalPath(tt.path, jsonValue(t, `{"a": {}}`), testEnv)
		assertError(t, err, ErrRuntime, tt.cause)
	}
}

func TestEvalPathField(t *testing.T) {
	t.Parallel()
	_, err := EvalPathField("CausePath", "$.NoSuchCausePath", jsonValue(t, `{"Error": "e", "b": [1]}`), testEnv)
	assertError(t, err, ErrRuntime,
		`The JSONPath '$.NoSuchCausePath' specified for the field 'CausePath' could not be found in the input '{"Error":"e","b":[1]}'`)
	v, err := EvalPathField("CausePath", "$.Error", jsonValue(t, `{"Error": "e"}`), testEnv)
	if err != nil || v != "e" {
		t.Errorf("EvalPathField = %v, %v; want e", v, err)
	}
}

func TestApplyInputOutputPath(t *testing.T) {
	t.Parallel()
	input := `{"a": {"b": 1}, "c": [1, 2]}`
	tests := []struct {
		name string
		p    OptPath
		want string
	}{
		{"absent means $", OptPath{}, input},
		{"null means {}", OptPath{Set: true, Null: true}, `{}`},
		{"root", OptPath{Set: true, Path: "$"}, input},
		{"path", OptPath{Set: true, Path: "$.a"}, `{"b": 1}`},
		{"indefinite", OptPath{Set: true, Path: "$.c[*]"}, `[1, 2]`},
		{"context", OptPath{Set: true, Path: "$$.StateMachine"}, `{"Name": "my-state-machine"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for fn, apply := range map[string]func(OptPath, any, Env) (any, error){"InputPath": ApplyInputPath, "OutputPath": ApplyOutputPath} {
				got, err := apply(tt.p, jsonValue(t, input), testEnv)
				if err != nil {
					t.Fatalf("%s: %v", fn, err)
				}
				assertJSON(t, got, tt.want)
			}
		})
	}
	_, err := ApplyInputPath(OptPath{Set: true, Path: "$.nope"}, jsonValue(t, input), testEnv)
	assertError(t, err, ErrRuntime, "Invalid path '$.nope' : No results for path: $['nope']")
	_, err = ApplyOutputPath(OptPath{Set: true, Path: "$.a.nope"}, jsonValue(t, input), testEnv)
	assertError(t, err, ErrRuntime, "Invalid path '$.a.nope' : No results for path: $['a']['nope']")
}

func TestApplyResultPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		p             OptPath
		input, result string
		want          string
	}{
		{"absent replaces", OptPath{}, `{"a": 1}`, `"r"`, `"r"`},
		{"root replaces", OptPath{Set: true, Path: "$"}, `{"a": 1}`, `{"r": 1}`, `{"r": 1}`},
		{"null keeps input", OptPath{Set: true, Null: true}, `{"a": 1}`, `"r"`, `{"a": 1}`},
		{"adds a field", OptPath{Set: true, Path: "$.res"}, `{"a": 1}`, `"r"`, `{"a": 1, "res": "r"}`},
		{"replaces a field", OptPath{Set: true, Path: "$.a"}, `{"a": 1}`, `[1]`, `{"a": [1]}`},
		{"creates objects", OptPath{Set: true, Path: "$.x.y.z"}, `{"a": 1}`, `true`, `{"a": 1, "x": {"y": {"z": true}}}`},
		{"merges into nested", OptPath{Set: true, Path: "$.a.c"}, `{"a": {"b": 1}}`, `2`, `{"a": {"b": 1, "c": 2}}`},
		{"bracket names", OptPath{Set: true, Path: "$['a b']"}, `{}`, `1`, `{"a b": 1}`},
		{"into an array element", OptPath{Set: true, Path: "$.l[1].v"}, `{"l": [{}, {}]}`, `1`, `{"l": [{}, {"v": 1}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := jsonValue(t, tt.input)
			got, err := ApplyResultPath(tt.p, input, jsonValue(t, tt.result))
			if err != nil {
				t.Fatal(err)
			}
			assertJSON(t, got, tt.want)
			assertJSON(t, input, tt.input) // the input is not modified
		})
	}
}

func TestApplyResultPathFailures(t *testing.T) {
	t.Parallel()
	tests := []struct{ path, input, cause string }{
		{"$.x", `"a string"`, `Unable to apply step "x" to input "a string"`},
		{"$.a.b", `{"a": 5}`, `Unable to apply step "b" to input 5`},
		{"$.a.b", `{"a": [1]}`, `Unable to apply step "b" to input [1]`},
		{"$.l[3]", `{"l": [1]}`, `Unable to apply step "3" to input [1]`},
		{"$.x", `null`, `Unable to apply step "x" to input null`},
		{"$.a.b", `{"a": null}`, `Unable to apply step "b" to input null`},
		{"$.m[0]", `{}`, `Unable to apply step "0" to input null`},
		{"$.a[*]", `{}`, `The ResultPath '$.a[*]' is not a valid reference path`},
		{"$$.x", `{}`, `The ResultPath '$$.x' is not a valid reference path`},
	}
	for _, tt := range tests {
		_, err := ApplyResultPath(OptPath{Set: true, Path: tt.path}, jsonValue(t, tt.input), "r")
		assertError(t, err, ErrResultPathMatch, tt.cause)
	}
}
