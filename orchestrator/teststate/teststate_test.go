package teststate

import (
	"context"
	"errors"
	"testing"
)

// TestRun pins TestState's behaviour on hand-written cases (the corpus
// replay in conformance_test.go covers AWS's recordings).
func TestRun(t *testing.T) {
	retryTask := `{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f",
		"Retry":[{"ErrorEquals":["Other"]},{"ErrorEquals":["Throttled"],"IntervalSeconds":3,"BackoffRate":2,"MaxAttempts":2}],
		"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"Recover"}],"End":true}`
	cases := []struct {
		name                          string
		req                           Request
		status, output, errName, next string
		inspect                       func(*Inspection) bool
	}{
		{
			name: "pass state at DEBUG shows each step",
			req: Request{Definition: `{"Type":"Pass","InputPath":"$.a","Parameters":{"v.$":"$.b"},"ResultPath":"$.r","End":true}`,
				Input: `{"a":{"b":7}}`, InspectionLevel: "DEBUG"},
			status: StatusSucceeded, output: `{"a":{"b":7},"r":{"v":7}}`,
			inspect: func(i *Inspection) bool {
				return i.AfterInputPath == `{"b":7}` && i.AfterParameters == `{"v":7}` && i.AfterResultPath == `{"a":{"b":7},"r":{"v":7}}`
			},
		},
		{
			name:   "INFO has no inspection data",
			req:    Request{Definition: `{"Type":"Pass","End":true}`, Input: `{"x":1}`, InspectionLevel: "INFO"},
			status: StatusSucceeded, output: `{"x":1}`,
			inspect: func(i *Inspection) bool { return i == nil },
		},
		{
			name: "mocked error a retrier retries is RETRIABLE with the backoff of the next attempt",
			req: Request{Definition: retryTask, InspectionLevel: "DEBUG", Mock: &Mock{ErrorOutput: &MockError{Error: "Throttled", Cause: "slow down"}},
				StateConfiguration: &StateConfiguration{RetrierRetryCount: ptr(1)}},
			status: StatusRetriable, errName: "Throttled",
			inspect: func(i *Inspection) bool {
				d := i.ErrorDetails
				return d != nil && *d.RetryIndex == 1 && *d.RetryBackoffIntervalSeconds == 6
			},
		},
		{
			name: "retries used up: the catcher catches it",
			req: Request{Definition: retryTask, Input: `{"k":1}`, Mock: &Mock{ErrorOutput: &MockError{Error: "Throttled", Cause: "slow down"}},
				StateConfiguration: &StateConfiguration{RetrierRetryCount: ptr(2)}},
			status: StatusCaughtError, errName: "Throttled", next: "Recover",
			output: `{"err":{"Cause":"slow down","Error":"Throttled"},"k":1}`,
		},
		{
			name: "choice picks the next state",
			req: Request{Definition: `{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":5,"Next":"Big"}],"Default":"Small"}`,
				Input: `{"n":9}`},
			status: StatusSucceeded, output: `{"n":9}`, next: "Big",
		},
		{
			name: "JSONata task output sees the mocked result",
			req: Request{Definition: `{"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::lambda:invoke",
				"Arguments":{"FunctionName":"f","Payload":"{% $states.input.n %}"},"Output":"{% $states.result.Payload * 2 %}","End":true}`,
				Input: `{"n":4}`, InspectionLevel: "TRACE", Mock: &Mock{Result: `{"Payload":21}`}},
			status: StatusSucceeded, output: `42`,
			inspect: func(i *Inspection) bool { return i.AfterArguments == `{"FunctionName":"f","Payload":4}` },
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := Run(context.Background(), &tc.req, nil)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Status != tc.status || resp.Output != tc.output || resp.Error != tc.errName || resp.NextState != tc.next {
				t.Errorf("got %+v\nwant status %s output %s error %s next %s", resp, tc.status, tc.output, tc.errName, tc.next)
			}
			if tc.inspect != nil && !tc.inspect(resp.InspectionData) {
				t.Errorf("inspection data %+v does not hold", resp.InspectionData)
			}
		})
	}
}

func TestRunRefuses(t *testing.T) {
	cases := []struct {
		name string
		req  Request
		want string
	}{
		{"mock on a Pass state", Request{Definition: `{"Type":"Pass","End":true}`, Mock: &Mock{Result: `1`}},
			"State type 'Pass' is not supported when a mock is specified"},
		{"unknown state name", Request{Definition: `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`, StateName: "B"},
			"State not found in definition"},
		{"mock and reveal secrets", Request{Definition: `{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}`,
			Mock: &Mock{Result: `{}`}, RevealSecrets: true}, "TestState does not support RevealSecrets when a mock is specified."},
	}
	for _, tc := range cases {
		_, err := Run(context.Background(), &tc.req, nil)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Message != tc.want {
			t.Errorf("%s: got %v, want ValidationException %q", tc.name, err, tc.want)
		}
	}
	_, err := Run(context.Background(), &Request{Definition: `{"Type":"Nope"}`}, nil)
	var de *DefinitionError
	if !errors.As(err, &de) {
		t.Errorf("invalid state: got %v, want a DefinitionError", err)
	}
}

func ptr(n int) *int { return &n }
