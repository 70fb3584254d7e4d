// Package awsschedule manages baton schedules on Amazon EventBridge
// Scheduler through aws-sdk-go-v2/service/scheduler: the same Schedule
// values the local scheduler fires, created, read, updated, paused and
// deleted on AWS.
//
// The local-only fields Overlap and CatchUpWindow have no EventBridge
// Scheduler equivalent; they are not sent and come back as their defaults.
package awsschedule

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/scheduler"
	"github.com/aws/aws-sdk-go-v2/service/scheduler/types"

	"github.com/baton-run/baton/orchestrator/schedule"
)

// Target is what a schedule needs on AWS besides its definition.
type Target struct {
	// RoleArn is the IAM role EventBridge Scheduler assumes to call
	// states:StartExecution. Required.
	RoleArn string
	// DeadLetterArn, when set, is an SQS queue for undeliverable events.
	DeadLetterArn string
	// RetryPolicy, when set, bounds redelivery. Defaults to the schedule's
	// RetryPolicy, else AWS's.
	RetryPolicy *schedule.RetryPolicy
}

// Client manages the schedules of one schedule group.
type Client struct {
	api   *scheduler.Client
	group string
}

// New returns a Client for the group ("" means AWS's "default" group).
func New(api *scheduler.Client, group string) *Client {
	return &Client{api: api, group: group}
}

func (c *Client) groupName() *string {
	if c.group == "" {
		return nil
	}
	return aws.String(c.group)
}

// Create creates the schedule; an existing name fails with
// schedule.ErrExists.
func (c *Client) Create(ctx context.Context, sc schedule.Schedule, t Target) error {
	in, err := createInput(sc, t, c.groupName())
	if err != nil {
		return err
	}
	_, err = c.api.CreateSchedule(ctx, in)
	return mapError(sc.Name, err)
}

// Update replaces the schedule's definition (UpdateSchedule replaces every
// field).
func (c *Client) Update(ctx context.Context, sc schedule.Schedule, t Target) error {
	in, err := createInput(sc, t, c.groupName())
	if err != nil {
		return err
	}
	_, err = c.api.UpdateSchedule(ctx, updateInput(in))
	return mapError(sc.Name, err)
}

// Get reads a schedule back, with the Target it runs with.
func (c *Client) Get(ctx context.Context, name string) (schedule.Schedule, Target, error) {
	out, err := c.api.GetSchedule(ctx, &scheduler.GetScheduleInput{Name: aws.String(name), GroupName: c.groupName()})
	if err != nil {
		return schedule.Schedule{}, Target{}, mapError(name, err)
	}
	return fromOutput(out), targetOf(out.Target), nil
}

// SetState pauses or resumes a schedule: UpdateSchedule with every other
// field as it is.
func (c *Client) SetState(ctx context.Context, name string, state schedule.State) error {
	sc, t, err := c.Get(ctx, name)
	if err != nil {
		return err
	}
	sc.State = state
	return c.Update(ctx, sc, t)
}

// Delete deletes a schedule; a missing one fails with schedule.ErrNotFound.
func (c *Client) Delete(ctx context.Context, name string) error {
	_, err := c.api.DeleteSchedule(ctx, &scheduler.DeleteScheduleInput{Name: aws.String(name), GroupName: c.groupName()})
	return mapError(name, err)
}

// Summary is one row of List.
type Summary struct {
	Name, State, TargetArn string
}

// List returns the group's schedules, following pagination.
func (c *Client) List(ctx context.Context) ([]Summary, error) {
	var out []Summary
	p := scheduler.NewListSchedulesPaginator(c.api, &scheduler.ListSchedulesInput{GroupName: c.groupName()})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, mapError("", err)
		}
		for _, s := range page.Schedules {
			row := Summary{Name: aws.ToString(s.Name), State: string(s.State)}
			if s.Target != nil {
				row.TargetArn = aws.ToString(s.Target.Arn)
			}
			out = append(out, row)
		}
	}
	return out, nil
}

func createInput(sc schedule.Schedule, t Target, group *string) (*scheduler.CreateScheduleInput, error) {
	if err := validate(sc, t); err != nil {
		return nil, err
	}
	in := &scheduler.CreateScheduleInput{
		Name:                  aws.String(sc.Name),
		GroupName:             group,
		ScheduleExpression:    aws.String(sc.Expression),
		FlexibleTimeWindow:    flexibleWindow(sc.FlexibleWindow),
		Target:                target(sc, t),
		State:                 types.ScheduleStateEnabled,
		ActionAfterCompletion: types.ActionAfterCompletion(sc.ActionAfterCompletion),
		Description:           optString(sc.Description),
		StartDate:             optTime(sc.StartDate),
		EndDate:               optTime(sc.EndDate),
	}
	if sc.State == schedule.Disabled {
		in.State = types.ScheduleStateDisabled
	}
	if sc.Timezone != "" {
		in.ScheduleExpressionTimezone = aws.String(sc.Timezone)
	}
	return in, nil
}

// validate checks the definition locally first, so a bad expression gets
// baton's field-by-field error rather than a ValidationException.
func validate(sc schedule.Schedule, t Target) error {
	if err := sc.Validate(); err != nil {
		return err
	}
	switch {
	case !strings.HasPrefix(sc.StateMachine, "arn:"):
		return fmt.Errorf("%w: schedule %s: stateMachine %q: on AWS the target is a state machine ARN", schedule.ErrInvalid, sc.Name, sc.StateMachine)
	case t.RoleArn == "":
		return fmt.Errorf("%w: schedule %s: a role ARN is required on AWS", schedule.ErrInvalid, sc.Name)
	case !roleArn.MatchString(t.RoleArn):
		return fmt.Errorf("%w: schedule %s: role ARN %q does not match %s", schedule.ErrInvalid, sc.Name, t.RoleArn, roleArn)
	case t.DeadLetterArn != "" && !queueArn.MatchString(t.DeadLetterArn):
		return fmt.Errorf("%w: schedule %s: dead-letter queue ARN %q does not match %s", schedule.ErrInvalid, sc.Name, t.DeadLetterArn, queueArn)
	}
	return nil
}

// The patterns of EventBridge Scheduler's API reference (Target.RoleArn,
// DeadLetterConfig.Arn).
var (
	roleArn  = regexp.MustCompile(`^arn:aws(-[a-z]+)?:iam::\d{12}:role/[\w+=,.@/-]+$`)
	queueArn = regexp.MustCompile(`^arn:aws(-[a-z]+)?:sqs:[a-z0-9\-]+:\d{12}:[a-zA-Z0-9\-_]+$`)
)

func flexibleWindow(w time.Duration) *types.FlexibleTimeWindow {
	if w == 0 {
		return &types.FlexibleTimeWindow{Mode: types.FlexibleTimeWindowModeOff}
	}
	return &types.FlexibleTimeWindow{Mode: types.FlexibleTimeWindowModeFlexible, MaximumWindowInMinutes: aws.Int32(int32(w / time.Minute))}
}

func target(sc schedule.Schedule, t Target) *types.Target {
	out := &types.Target{Arn: aws.String(sc.StateMachine), RoleArn: aws.String(t.RoleArn), Input: aws.String(orEmptyObject(sc.Input))}
	if t.DeadLetterArn != "" {
		out.DeadLetterConfig = &types.DeadLetterConfig{Arn: aws.String(t.DeadLetterArn)}
	}
	if p := cmp.Or(t.RetryPolicy, sc.RetryPolicy); p != nil {
		out.RetryPolicy = &types.RetryPolicy{MaximumEventAgeInSeconds: aws.Int32(int32(p.MaximumEventAgeInSeconds)),
			MaximumRetryAttempts: aws.Int32(int32(p.MaximumRetryAttempts))}
	}
	return out
}

// updateInput converts: UpdateScheduleInput has CreateScheduleInput's fields
// but for ClientToken and tags, so the conversion is field by field.
func updateInput(in *scheduler.CreateScheduleInput) *scheduler.UpdateScheduleInput {
	return &scheduler.UpdateScheduleInput{
		Name: in.Name, GroupName: in.GroupName, ScheduleExpression: in.ScheduleExpression,
		FlexibleTimeWindow: in.FlexibleTimeWindow, Target: in.Target, State: in.State,
		Description: in.Description, StartDate: in.StartDate, EndDate: in.EndDate,
		ActionAfterCompletion:      in.ActionAfterCompletion,
		ScheduleExpressionTimezone: in.ScheduleExpressionTimezone,
	}
}

func fromOutput(out *scheduler.GetScheduleOutput) schedule.Schedule {
	sc := schedule.Schedule{
		Name: aws.ToString(out.Name), Expression: aws.ToString(out.ScheduleExpression),
		Timezone: aws.ToString(out.ScheduleExpressionTimezone), Description: aws.ToString(out.Description),
		StartDate: aws.ToTime(out.StartDate), EndDate: aws.ToTime(out.EndDate),
		State: schedule.State(out.State), CreatedAt: aws.ToTime(out.CreationDate), UpdatedAt: aws.ToTime(out.LastModificationDate),
		ActionAfterCompletion: string(out.ActionAfterCompletion),
	}
	if w := out.FlexibleTimeWindow; w != nil && w.Mode == types.FlexibleTimeWindowModeFlexible {
		sc.FlexibleWindow = time.Duration(aws.ToInt32(w.MaximumWindowInMinutes)) * time.Minute
	}
	if out.Target != nil {
		sc.StateMachine, sc.Input = aws.ToString(out.Target.Arn), aws.ToString(out.Target.Input)
	}
	return sc
}

func targetOf(t *types.Target) Target {
	if t == nil {
		return Target{}
	}
	out := Target{RoleArn: aws.ToString(t.RoleArn)}
	if t.DeadLetterConfig != nil {
		out.DeadLetterArn = aws.ToString(t.DeadLetterConfig.Arn)
	}
	if p := t.RetryPolicy; p != nil {
		out.RetryPolicy = &schedule.RetryPolicy{MaximumEventAgeInSeconds: int(aws.ToInt32(p.MaximumEventAgeInSeconds)),
			MaximumRetryAttempts: int(aws.ToInt32(p.MaximumRetryAttempts))}
	}
	return out
}

// mapError maps EventBridge Scheduler's errors to baton's vocabulary, in
// one place.
func mapError(name string, err error) error {
	var notFound *types.ResourceNotFoundException
	var conflict *types.ConflictException
	switch {
	case err == nil:
		return nil
	case errors.As(err, &notFound):
		return fmt.Errorf("%w: %s (%s)", schedule.ErrNotFound, name, notFound.ErrorMessage())
	case errors.As(err, &conflict):
		return fmt.Errorf("%w: %s (%s)", schedule.ErrExists, name, conflict.ErrorMessage())
	}
	return fmt.Errorf("EventBridge Scheduler: %w", err)
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return aws.Time(t)
}

func orEmptyObject(s string) string {
	if s == "" {
		return "{}"
	}
	return s
}
