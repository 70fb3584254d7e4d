package statemachines

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func jsonValue(t testing.TB, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad JSON %s: %v", s, err)
	}
	return v
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func assertJSON(t testing.TB, got any, want string) {
	t.Helper()
	if w := jsonValue(t, want); !reflect.DeepEqual(got, w) {
		t.Errorf("got %s, want %s", jsonText(got), jsonText(w))
	}
}

// assertError checks that err is an *Error with the given name and cause.
func assertError(t testing.TB, err error, name, cause string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want *Error %s", err, err, name)
	}
	if e.Name != name || e.Cause != cause {
		t.Errorf("error = %s: %q\nwant    %s: %q", e.Name, e.Cause, name, cause)
	}
}

var testEnv = Env{
	Context: map[string]any{
		"Execution":    map[string]any{"Id": "arn:aws:states:us-east-1:111111111111:execution:sm:run-1", "Input": map[string]any{"k": "v"}},
		"StateMachine": map[string]any{"Name": "my-state-machine"},
		"State":        map[string]any{"Name": "S", "RetryCount": 0.0},
	},
	Vars: MapVars{"count": 3.0, "user": map[string]any{"name": "ada", "tags": []any{"a", "b"}}},
}
