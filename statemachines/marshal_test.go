package statemachines

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestMarshalRoundTripConformance checks, for every definition that ran on
// AWS, that Marshal writes the same JSON document that was parsed (compared
// as decoded JSON, so member order and spacing do not matter) and that
// Parse(Marshal(m)) gives back an equal model.
func TestMarshalRoundTripConformance(t *testing.T) {
	forEachCorpusDefinition(t, func(t *testing.T, data []byte) {
		checkRoundTrip(t, data)
	})
}

func checkRoundTrip(t *testing.T, data []byte) {
	t.Helper()
	m, err := Parse(data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	out, err := Marshal(m)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	var want, got any
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("Marshal wrote invalid JSON: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("Marshal changed the document:\nwant %s\ngot  %s", data, out)
	}
	m2, err := Parse(out)
	if err != nil {
		t.Fatalf("Parse(Marshal(m)): %v", err)
	}
	if !reflect.DeepEqual(m, m2) {
		t.Fatalf("Parse(Marshal(m)) differs from m")
	}
}

// TestMarshalHandBuilt pins the canonical form of a model built in Go, as
// the DSL compiler builds them: no Order (states sorted by name after
// StartAt's scope order), zero fields omitted, fixed field order.
func TestMarshalHandBuilt(t *testing.T) {
	t.Parallel()
	two := 2.0
	m := &StateMachine{StartAt: "Work", Comment: "c", States: map[string]*State{
		"Work": {Type: TypeTask, Resource: "arn:aws:states:::lambda:invoke", Parameters: map[string]any{"Payload.$": "$", "FunctionName": "f"},
			Retry: []*Retrier{{ErrorEquals: []string{"States.ALL"}, BackoffRate: &two}}, Next: "Done"},
		"Done": {Type: TypeSucceed},
		"Items": {Type: TypeMap, ItemsPath: OptPath{Set: true, Path: "$.xs"}, Parameters: map[string]any{"x.$": "$$.Map.Item.Value"}, End: true,
			ItemProcessor: &StateMachine{StartAt: "P", States: map[string]*State{"P": {Type: TypePass, End: true, ResultPath: OptPath{Set: true, Null: true}}}}},
	}}
	want := `{
  "Comment": "c",
  "StartAt": "Work",
  "States": {
    "Done": {
      "Type": "Succeed"
    },
    "Items": {
      "Type": "Map",
      "ItemsPath": "$.xs",
      "ItemProcessor": {
        "StartAt": "P",
        "States": {
          "P": {
            "Type": "Pass",
            "ResultPath": null,
            "End": true
          }
        }
      },
      "Parameters": {
        "x.$": "$$.Map.Item.Value"
      },
      "End": true
    },
    "Work": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {
        "FunctionName": "f",
        "Payload.$": "$"
      },
      "Retry": [
        {
          "ErrorEquals": [
            "States.ALL"
          ],
          "BackoffRate": 2
        }
      ],
      "Next": "Done"
    }
  }
}`
	out, err := Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	if _, err := Parse(out); err != nil {
		t.Errorf("Parse(Marshal(m)): %v", err)
	}
	if _, err := Marshal(nil); err == nil {
		t.Error("Marshal(nil) succeeded")
	}
}
