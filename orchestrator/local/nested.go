package local

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	asl "github.com/baton-run/baton/statemachines"
)

// startExecution runs the arn:aws:states:::states:startExecution
// integration on this engine: it starts an execution of another (or the
// same) state machine; with .sync it waits for the end and returns its
// description (.sync:2 with Input and Output as JSON values). The child's
// name defaults to one derived from the task's place in the history, so a
// resumed parent finds the child it started instead of starting another.
func (s *stateRun) startExecution(action string, params any) (any, *asl.Error) {
	m, _ := params.(map[string]any)
	smArn, _ := m["StateMachineArn"].(string)
	if smArn == "" {
		return nil, s.runtimef("The field 'StateMachineArn' is required by arn:aws:states:::states:startExecution")
	}
	input := "{}"
	switch in := m["Input"].(type) {
	case nil:
	case string:
		input = in
	default:
		input = jsonText(in)
	}
	name, _ := m["Name"].(string)
	if name == "" {
		name = s.childName()
	}
	e := s.th.r.e
	x, err := e.StartExecution(s.th.ctx, smArn, name, input)
	if err != nil {
		return nil, &asl.Error{Name: "StepFunctions." + errorCode(err) + "Exception", Cause: err.Error()}
	}
	if !strings.HasPrefix(action, "startExecution.sync") {
		return map[string]any{"ExecutionArn": x.Arn, "StartDate": millis(x.StartDate)}, nil
	}
	if x, err = e.Wait(s.th.ctx, x.Arn); err != nil {
		return nil, errAborted
	}
	desc := describeChild(x, action == "startExecution.sync:2")
	if x.Status != StatusSucceeded {
		return nil, &asl.Error{Name: asl.ErrTaskFailed, Cause: jsonText(desc)}
	}
	return desc, nil
}

func (s *stateRun) childName() string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s|%s|%d|%d", s.th.r.x.Arn, s.th.scope, s.entered.ID, s.retries)))
	return hex.EncodeToString(sum[:16])
}

func describeChild(x Execution, parsed bool) map[string]any {
	d := map[string]any{
		"ExecutionArn": x.Arn, "Name": x.Name, "StateMachineArn": x.StateMachineArn, "Status": string(x.Status),
		"StartDate": millis(x.StartDate), "StopDate": millis(x.StopDate), "Input": x.Input,
		"InputDetails": map[string]any{"Included": true}, "RedriveCount": float64(x.RedriveCount),
	}
	if x.Output != "" {
		d["Output"], d["OutputDetails"] = x.Output, map[string]any{"Included": true}
	}
	if x.Error != "" {
		d["Error"], d["Cause"] = x.Error, x.Cause
	}
	if parsed {
		d["Input"] = parseResult([]byte(x.Input))
		if x.Output != "" {
			d["Output"] = parseResult([]byte(x.Output))
		}
	}
	return d
}

// errorCode is the AWS error code of an engine error (its sentinel's text).
func errorCode(err error) string {
	code, _, _ := strings.Cut(err.Error(), ":")
	return code
}
