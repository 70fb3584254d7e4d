package local

import (
	"context"
	"strings"
	"testing"
)

// TestStartExecutionIntegration: a parent runs a child machine with
// startExecution.sync:2 (waiting, output as JSON) and starts a copy of
// itself without waiting (the continue-as-new pattern of long jobs).
func TestStartExecutionIntegration(t *testing.T) {
	e := engineWith(t, nil)
	ctx := context.Background()
	child, err := e.CreateStateMachine(ctx, "child", []byte(`{"StartAt":"D","States":{"D":{"Type":"Pass","Parameters":{"doubled.$":"States.MathAdd($.v, $.v)"},"End":true}}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	parent := `{"StartAt":"Run","States":{
	 "Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
	   "Parameters":{"StateMachineArn":"` + child.Arn + `","Input":{"v.$":"$.v"}},"ResultSelector":{"out.$":"$.Output","status.$":"$.Status"},
	   "ResultPath":"$.child","Next":"Again?"},
	 "Again?":{"Type":"Choice","Choices":[{"Variable":"$.v","NumericLessThan":3,"Next":"Continue"}],"Default":"Done"},
	 "Continue":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution",
	   "Parameters":{"StateMachineArn.$":"$$.StateMachine.Id","Input":{"v.$":"States.MathAdd($.v, 1)"}},"End":true},
	 "Done":{"Type":"Succeed"}}}`
	x, _, err := e.RunOnce(ctx, "parent", []byte(parent), `{"v":1}`, nil)
	if err != nil || x.Status != StatusSucceeded || !strings.Contains(x.Output, `"ExecutionArn"`) {
		t.Fatalf("%+v %v", x, err)
	}
	var xs []Execution
	for seen := -1; seen != len(xs); { // each parent may start the next one
		seen = len(xs)
		xs, _ = e.ListExecutions(ctx, ExecutionFilter{StateMachineArn: e.StateMachineArn("parent")})
		for _, p := range xs {
			if _, err := e.Wait(ctx, p.Arn); err != nil {
				t.Fatal(err)
			}
		}
	}
	kids, _ := e.ListExecutions(ctx, ExecutionFilter{StateMachineArn: child.Arn})
	if len(xs) != 3 || len(kids) != 3 {
		t.Fatalf("%d parents and %d children, want 3 and 3", len(xs), len(kids))
	}
	last, _ := e.DescribeExecution(ctx, xs[0].Arn)
	for _, p := range xs {
		if strings.Contains(p.Input, `"v":3`) {
			last = p
		}
	}
	if last.Output != `{"child":{"out":{"doubled":6},"status":"SUCCEEDED"},"v":3}` {
		t.Fatalf("last parent output %s", last.Output)
	}
}
