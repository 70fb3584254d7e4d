package main

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/scheduler"

	"github.com/baton-run/baton/orchestrator/schedule"
	"github.com/baton-run/baton/orchestrator/schedule/awsschedule"
)

// awsBackend manages schedules on EventBridge Scheduler.
type awsBackend struct {
	c      *awsschedule.Client
	target awsschedule.Target
}

func openAWSBackend(ctx context.Context, b *backendFlags) (scheduleBackend, error) {
	var opts []func(*config.LoadOptions) error
	if *b.awsRegion != "" {
		opts = append(opts, config.WithRegion(*b.awsRegion))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("--aws: loading the AWS configuration: %w", err)
	}
	api := scheduler.NewFromConfig(cfg, func(o *scheduler.Options) {
		if *b.endpoint != "" {
			o.BaseEndpoint = aws.String(*b.endpoint)
		}
	})
	return awsBackend{c: awsschedule.New(api, *b.group), target: awsschedule.Target{RoleArn: *b.roleArn, DeadLetterArn: *b.dlqArn}}, nil
}

func (a awsBackend) Create(ctx context.Context, sc schedule.Schedule) error {
	return a.c.Create(ctx, sc, a.target)
}

func (a awsBackend) Update(ctx context.Context, sc schedule.Schedule) error {
	return a.c.Update(ctx, sc, a.target)
}

func (a awsBackend) Delete(ctx context.Context, name string) error { return a.c.Delete(ctx, name) }
func (a awsBackend) Close() error                                  { return nil }

func (a awsBackend) SetState(ctx context.Context, name string, st schedule.State) error {
	return a.c.SetState(ctx, name, st)
}

type awsDescribeView struct {
	Schedule      schedule.Schedule  `json:"schedule"`
	Target        awsschedule.Target `json:"target"`
	NextFireTimes []string           `json:"nextFireTimes"`
}

func (a awsBackend) Describe(ctx context.Context, name string) (any, error) {
	sc, t, err := a.c.Get(ctx, name)
	if err != nil {
		return nil, err
	}
	return awsDescribeView{Schedule: sc, Target: t, NextFireTimes: nextFires(sc, 5)}, nil
}

func (a awsBackend) List(ctx context.Context) ([][]string, any, error) {
	list, err := a.c.List(ctx)
	rows := [][]string{{"NAME", "STATE", "TARGET"}}
	for _, s := range list {
		rows = append(rows, []string{s.Name, s.State, s.TargetArn})
	}
	if list == nil {
		list = []awsschedule.Summary{}
	}
	return rows, list, err
}
