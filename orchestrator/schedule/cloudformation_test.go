package schedule

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/golden"
)

func TestCloudFormationGolden(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		sc     Schedule
		target AWSTarget
	}{
		"minimal": {Schedule{Name: "hourly", Expression: "rate(1 hour)"},
			AWSTarget{StateMachineArn: map[string]any{"Ref": "JobStateMachine"}, RoleArn: map[string]any{"Fn::GetAtt": []any{"JobSchedulerRole", "Arn"}}}},
		"full": {Schedule{Name: "nightly", Expression: "cron(0 2 ? * MON-FRI *)", Timezone: "Europe/Berlin", Description: "weekday report",
			StartDate: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), EndDate: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
			FlexibleWindow: 15 * time.Minute, State: Disabled, Input: `{"day":"<aws.scheduler.scheduled-time>"}`,
			Overlap: OverlapBufferOne, CatchUpWindow: time.Hour},
			AWSTarget{StateMachineArn: "arn:aws:states:eu-central-1:123456789012:stateMachine:report", RoleArn: "arn:aws:iam::123456789012:role/sched",
				DeadLetterArn: map[string]any{"Fn::GetAtt": []any{"ReportDLQ", "Arn"}}, RetryPolicy: &RetryPolicy{MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3},
				GroupName: "reports"}},
	}
	for name, c := range cases {
		got, err := c.sc.CloudFormation(c.target)
		if err != nil {
			t.Fatal(err)
		}
		checkGolden(t, filepath.Join("testdata", "cloudformation", name+".json"), got)
	}
	checkGolden(t, filepath.Join("testdata", "cloudformation", "role.json"),
		SchedulerRole([]any{map[string]any{"Ref": "JobStateMachine"}}, []any{map[string]any{"Fn::GetAtt": []any{"JobDLQ", "Arn"}}}))
}

func checkGolden(t *testing.T, path string, v any) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, path, buf.Bytes())
}

func TestCloudFormationRejects(t *testing.T) {
	t.Parallel()
	ok := AWSTarget{StateMachineArn: "arn:sm", RoleArn: "arn:role"}
	cases := []struct {
		sc     Schedule
		target AWSTarget
		want   string
	}{
		{Schedule{Name: "x", Expression: "cron(0 0 * * * *)"}, ok, "use ? in one"},
		{Schedule{Name: "x", Expression: "rate(1 day)"}, AWSTarget{RoleArn: "arn:role"}, "StateMachineArn is required"},
		{Schedule{Name: "x", Expression: "rate(1 day)"}, AWSTarget{StateMachineArn: "arn:sm"}, "RoleArn is required"},
		{Schedule{Name: "x", Expression: "rate(1 day)"}, AWSTarget{StateMachineArn: "arn:sm", RoleArn: "arn:role", RetryPolicy: &RetryPolicy{MaximumEventAgeInSeconds: 30}},
			"MaximumEventAgeInSeconds 30 is outside 60-86400"},
		{Schedule{Name: "x", Expression: "rate(1 day)"}, AWSTarget{StateMachineArn: "arn:sm", RoleArn: "arn:role", RetryPolicy: &RetryPolicy{MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 186}},
			"MaximumRetryAttempts 186 is outside 0-185"},
	}
	for _, c := range cases {
		_, err := c.sc.CloudFormation(c.target)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.sc, err, c.want)
		}
	}
}
