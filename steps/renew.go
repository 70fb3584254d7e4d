package steps

import "encoding/json"

// startedByKey is the input field through which Step Functions links an
// execution started from a Task state to the execution that started it.
const startedByKey = "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"

// ContinuedAs returns the ARN of the execution that an execution with this
// output continued as: a long step's renew state ends its execution with the
// result of states:startExecution, {"ExecutionArn", "StartDate"}. ok is
// false for any other output. Check the successor with ContinuedFrom: a
// step may return an object of the same shape.
func ContinuedAs(output string) (arn string, ok bool) {
	var res map[string]any
	if json.Unmarshal([]byte(output), &res) != nil || len(res) != 2 {
		return "", false
	}
	arn, _ = res["ExecutionArn"].(string)
	_, dated := res["StartDate"]
	return arn, arn != "" && dated
}

// ContinuedFrom returns the ARN of the execution that an execution with
// this input continues: the input a renew state starts the machine with,
// {"batonResume": envelope, "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID":
// parent}. ok is false for any other input.
func ContinuedFrom(input string) (arn string, ok bool) {
	var in struct {
		Resume map[string]any `json:"batonResume"`
		Parent string         `json:"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID"`
	}
	if json.Unmarshal([]byte(input), &in) != nil || in.Resume == nil || in.Parent == "" {
		return "", false
	}
	return in.Parent, true
}
