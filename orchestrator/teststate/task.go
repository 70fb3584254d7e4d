package teststate

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/baton-run/baton/orchestrator/local"
	asl "github.com/baton-run/baton/statemachines"
)

const lambdaInvoke = "arn:aws:states:::lambda:invoke"

// task produces the state's result: the mock, or the Lambda function.
func (t *tester) task(input any) (any, *asl.Error) {
	if t.mock != nil {
		return t.mock.result, t.mock.err
	}
	resource, payload := t.st.Resource, input
	if strings.HasPrefix(resource, lambdaInvoke) {
		params, _ := input.(map[string]any)
		name, _ := params["FunctionName"].(string)
		resource, payload = name, params["Payload"]
	}
	if t.opts.Invoker == nil || (!strings.HasPrefix(t.st.Resource, "arn:aws:lambda:") && resource == t.st.Resource) {
		return nil, asl.Errorf(asl.ErrTaskFailed, "baton's TestState can only invoke Lambda functions unmocked; mock %s", t.st.Resource)
	}
	raw, err := t.opts.Invoker.Invoke(t.ctx, resource, []byte(jsonText(payload)), local.InvokeMeta{StateName: t.st.Name})
	if err != nil {
		return nil, invokeError(err)
	}
	var res any
	if err := json.Unmarshal(raw, &res); err != nil {
		res = string(raw)
	}
	if strings.HasPrefix(t.st.Resource, lambdaInvoke) {
		res = map[string]any{"ExecutedVersion": "$LATEST", "Payload": res, "StatusCode": 200.0}
	}
	return res, nil
}

func invokeError(err error) *asl.Error {
	var fe *local.FunctionError
	if errors.As(err, &fe) {
		return &asl.Error{Name: fe.Type, Cause: jsonText(fe)}
	}
	var ae *asl.Error
	if errors.As(err, &ae) {
		return ae
	}
	return &asl.Error{Name: asl.ErrTaskFailed, Cause: err.Error()}
}
