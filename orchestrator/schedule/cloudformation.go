package schedule

import (
	"cmp"
	"time"
)

// AWSTarget says what an AWS::Scheduler::Schedule starts and with which
// permissions. ARN fields take a string or a template intrinsic such as
// map[string]any{"Ref": "JobStateMachine"}.
type AWSTarget struct {
	// StateMachineArn is the state machine EventBridge Scheduler starts
	// (StartExecution, with the schedule's input). Required.
	StateMachineArn any
	// RoleArn is the role EventBridge Scheduler assumes; see SchedulerRole.
	// Required.
	RoleArn any
	// DeadLetterArn, when set, is the SQS queue that receives events
	// EventBridge Scheduler could not deliver.
	DeadLetterArn any
	// RetryPolicy, when set, bounds redelivery. Defaults to the schedule's
	// RetryPolicy, else AWS's (24 hours, 185 attempts).
	RetryPolicy *RetryPolicy
	// GroupName is the schedule group. Defaults to AWS's "default".
	GroupName string
}

// RetryPolicy is EventBridge Scheduler's target retry policy: how long and
// how often a fire whose StartExecution fails is retried.
type RetryPolicy struct {
	MaximumEventAgeInSeconds int `json:"maximumEventAgeInSeconds"` // 60-86400
	MaximumRetryAttempts     int `json:"maximumRetryAttempts"`     // 0-185
}

// DefaultRetryPolicy is AWS's: retry for up to 24 hours, 185 times.
var DefaultRetryPolicy = RetryPolicy{MaximumEventAgeInSeconds: 86400, MaximumRetryAttempts: 185}

// validate checks AWS's ranges.
func (p *RetryPolicy) validate(name string) error {
	switch {
	case p == nil:
		return nil
	case p.MaximumEventAgeInSeconds < 60 || p.MaximumEventAgeInSeconds > 86400:
		return invalid("schedule %s: retry policy: MaximumEventAgeInSeconds %d is outside 60-86400", name, p.MaximumEventAgeInSeconds)
	case p.MaximumRetryAttempts < 0 || p.MaximumRetryAttempts > 185:
		return invalid("schedule %s: retry policy: MaximumRetryAttempts %d is outside 0-185", name, p.MaximumRetryAttempts)
	}
	return nil
}

// CloudFormation renders the schedule as an AWS::Scheduler::Schedule
// resource. Overlap and CatchUpWindow have no EventBridge Scheduler
// equivalent and are not rendered: on AWS every fire starts an execution.
// ActionAfterCompletion is not rendered either: the resource type (as
// aws-cdk-lib models it) has no such property; use the API (--aws) for it.
func (s Schedule) CloudFormation(t AWSTarget) (map[string]any, error) {
	s = s.withDefaults()
	if err := s.validateForAWS(t); err != nil {
		return nil, err
	}
	props := map[string]any{
		"Name":               s.Name,
		"ScheduleExpression": s.Expression,
		"State":              string(s.State),
		"FlexibleTimeWindow": flexibleWindowProperty(s.FlexibleWindow),
		"Target":             targetProperty(s, t),
	}
	setIf(props, "ScheduleExpressionTimezone", s.Timezone, s.Timezone != "")
	setIf(props, "Description", s.Description, s.Description != "")
	setIf(props, "GroupName", t.GroupName, t.GroupName != "")
	setIf(props, "StartDate", s.StartDate.UTC().Format(time.RFC3339), !s.StartDate.IsZero())
	setIf(props, "EndDate", s.EndDate.UTC().Format(time.RFC3339), !s.EndDate.IsZero())
	return map[string]any{"Type": "AWS::Scheduler::Schedule", "Properties": props}, nil
}

func (s Schedule) validateForAWS(t AWSTarget) error {
	s.StateMachine = "-" // the target comes from AWSTarget
	if err := s.Validate(); err != nil {
		return err
	}
	switch {
	case t.StateMachineArn == nil:
		return invalid("schedule %s: AWS target: StateMachineArn is required", s.Name)
	case t.RoleArn == nil:
		return invalid("schedule %s: AWS target: RoleArn is required", s.Name)
	}
	return t.RetryPolicy.validate(s.Name)
}

func flexibleWindowProperty(w time.Duration) map[string]any {
	if w == 0 {
		return map[string]any{"Mode": "OFF"}
	}
	return map[string]any{"Mode": "FLEXIBLE", "MaximumWindowInMinutes": int(w / time.Minute)}
}

func targetProperty(s Schedule, t AWSTarget) map[string]any {
	target := map[string]any{"Arn": t.StateMachineArn, "RoleArn": t.RoleArn, "Input": s.Input}
	if t.DeadLetterArn != nil {
		target["DeadLetterConfig"] = map[string]any{"Arn": t.DeadLetterArn}
	}
	if p := cmp.Or(t.RetryPolicy, s.RetryPolicy); p != nil {
		target["RetryPolicy"] = map[string]any{
			"MaximumEventAgeInSeconds": p.MaximumEventAgeInSeconds,
			"MaximumRetryAttempts":     p.MaximumRetryAttempts,
		}
	}
	return target
}

func setIf(m map[string]any, key string, v any, ok bool) {
	if ok {
		m[key] = v
	}
}

// SchedulerRole renders the AWS::IAM::Role EventBridge Scheduler assumes to
// start the given state machines: trust for scheduler.amazonaws.com
// (restricted to the account with aws:SourceAccount, against the confused
// deputy), states:StartExecution on exactly those state machines and, when
// dead-letter queues are given, sqs:SendMessage on exactly those queues.
func SchedulerRole(stateMachineArns, deadLetterArns []any) map[string]any {
	statements := []any{map[string]any{"Effect": "Allow", "Action": "states:StartExecution", "Resource": stateMachineArns}}
	if len(deadLetterArns) > 0 {
		statements = append(statements, map[string]any{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": deadLetterArns})
	}
	return map[string]any{
		"Type": "AWS::IAM::Role",
		"Properties": map[string]any{
			"AssumeRolePolicyDocument": map[string]any{
				"Version": "2012-10-17",
				"Statement": []any{map[string]any{
					"Effect":    "Allow",
					"Principal": map[string]any{"Service": "scheduler.amazonaws.com"},
					"Action":    "sts:AssumeRole",
					"Condition": map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": map[string]any{"Ref": "AWS::AccountId"}}},
				}},
			},
			"Policies": []any{map[string]any{
				"PolicyName":     "start-state-machine",
				"PolicyDocument": map[string]any{"Version": "2012-10-17", "Statement": statements},
			}},
		},
	}
}
