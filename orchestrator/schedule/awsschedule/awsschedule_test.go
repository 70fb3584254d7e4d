package awsschedule

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/scheduler"

	"github.com/baton-run/baton/orchestrator/schedule"
	"github.com/baton-run/baton/orchestrator/schedule/awsschedule/awsscheduletest"
)

func newClient(t *testing.T) (*Client, *awsscheduletest.Server) {
	fake, srv := awsscheduletest.New()
	t.Cleanup(srv.Close)
	api := scheduler.New(scheduler.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(srv.URL),
		Credentials: aws.AnonymousCredentials{},
	})
	return New(api, ""), fake
}

const smArn = "arn:aws:states:us-east-1:123456789012:stateMachine:report"

func TestCreateSendsTheScheduleAsEventBridgeExpectsIt(t *testing.T) {
	c, fake := newClient(t)
	sc := schedule.Schedule{Name: "nightly", Expression: "cron(0 2 ? * MON-FRI *)", Timezone: "Europe/Berlin",
		StartDate: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), FlexibleWindow: 15 * time.Minute,
		StateMachine: smArn, Input: `{"at":"<aws.scheduler.scheduled-time>"}`, Description: "weekday report"}
	target := Target{RoleArn: "arn:aws:iam::123456789012:role/sched", DeadLetterArn: "arn:aws:sqs:us-east-1:123456789012:dlq",
		RetryPolicy: &schedule.RetryPolicy{MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3}}
	if err := c.Create(context.Background(), sc, target); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"ScheduleExpression":         "cron(0 2 ? * MON-FRI *)",
		"ScheduleExpressionTimezone": "Europe/Berlin",
		"State":                      "ENABLED",
		"Description":                "weekday report",
		"StartDate":                  float64(1767225600), // 2026-01-01T00:00:00Z in epoch seconds
		"FlexibleTimeWindow":         map[string]any{"Mode": "FLEXIBLE", "MaximumWindowInMinutes": float64(15)},
		"Target": map[string]any{"Arn": smArn, "RoleArn": "arn:aws:iam::123456789012:role/sched",
			"Input":            `{"at":"<aws.scheduler.scheduled-time>"}`,
			"DeadLetterConfig": map[string]any{"Arn": "arn:aws:sqs:us-east-1:123456789012:dlq"},
			"RetryPolicy":      map[string]any{"MaximumEventAgeInSeconds": float64(3600), "MaximumRetryAttempts": float64(3)}},
	}
	got := fake.Bodies()[0]
	delete(got, "ClientToken") // random, added by the SDK
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("CreateSchedule body\n got %v\nwant %v", got, want)
	}
	back, backTarget, err := c.Get(context.Background(), "nightly")
	if err != nil {
		t.Fatal(err)
	}
	sc.State, back.CreatedAt, back.UpdatedAt = schedule.Enabled, time.Time{}, time.Time{}
	if !back.StartDate.Equal(sc.StartDate) || !reflect.DeepEqual(backTarget, target) {
		t.Fatalf("Get: %+v %+v", back, backTarget)
	}
	back.StartDate = sc.StartDate
	if back != sc {
		t.Fatalf("Get = %+v\nwant %+v", back, sc)
	}
}

func TestLifecycleAndErrors(t *testing.T) {
	ctx := context.Background()
	c, fake := newClient(t)
	target := Target{RoleArn: "arn:aws:iam::123456789012:role/sched"}
	for _, n := range []string{"a", "b", "c"} {
		if err := c.Create(ctx, schedule.Schedule{Name: n, Expression: "rate(1 hour)", StateMachine: smArn}, target); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Create(ctx, schedule.Schedule{Name: "a", Expression: "rate(1 hour)", StateMachine: smArn}, target); !errors.Is(err, schedule.ErrExists) {
		t.Fatalf("duplicate: %v", err)
	}
	if err := c.SetState(ctx, "b", schedule.Disabled); err != nil {
		t.Fatal(err)
	}
	if put := fake.Bodies()[len(fake.Bodies())-1]; put["State"] != "DISABLED" || put["ScheduleExpression"] != "rate(1 hour)" {
		t.Fatalf("pause sent %v; UpdateSchedule must carry every field", put)
	}
	list, err := c.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []Summary{{"a", "ENABLED", smArn}, {"b", "DISABLED", smArn}, {"c", "ENABLED", smArn}}
	if !reflect.DeepEqual(list, want) {
		t.Fatalf("List (two pages) = %v, want %v", list, want)
	}
	if err := c.Delete(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if err := c.Delete(ctx, "a"); !errors.Is(err, schedule.ErrNotFound) || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("second delete: %v", err)
	}
}

func TestLocalValidationFirst(t *testing.T) {
	c, fake := newClient(t)
	cases := []struct {
		sc     schedule.Schedule
		target Target
		want   string
	}{
		{schedule.Schedule{Name: "x", Expression: "cron(0 0 * * * *)", StateMachine: smArn}, Target{RoleArn: "r"}, "use ? in one"},
		{schedule.Schedule{Name: "x", Expression: "rate(1 day)", StateMachine: "report"}, Target{RoleArn: "r"}, "on AWS the target is a state machine ARN"},
		{schedule.Schedule{Name: "x", Expression: "rate(1 day)", StateMachine: smArn}, Target{}, "a role ARN is required"},
		{schedule.Schedule{Name: "x", Expression: "rate(1 day)", StateMachine: smArn}, Target{RoleArn: "sched-role"}, `role ARN "sched-role" does not match`},
		{schedule.Schedule{Name: "x", Expression: "rate(1 day)", StateMachine: smArn},
			Target{RoleArn: "arn:aws:iam::123456789012:role/sched", DeadLetterArn: "arn:aws:sqs:us-east-1:1:q"}, "dead-letter queue ARN"},
	}
	for _, c2 := range cases {
		if err := c.Create(context.Background(), c2.sc, c2.target); !errors.Is(err, schedule.ErrInvalid) || !strings.Contains(err.Error(), c2.want) {
			t.Errorf("%+v: %v, want %q", c2.sc, err, c2.want)
		}
	}
	if len(fake.Bodies()) != 0 {
		t.Fatalf("invalid schedules reached the API: %v", fake.Bodies())
	}
}
