// Package awsbackend manages baton's state machines and executions on AWS
// Step Functions through aws-sdk-go-v2. The same calls work against
// `baton serve`, which speaks the Step Functions API locally: point the
// client at it with an endpoint URL.
//
// Guarantees: Deploy creates or updates a state machine by name, so it can
// be repeated; Start is idempotent by execution name (the same name and input
// give the same execution, even after it has finished); History returns every
// event, following pagination. Known limits: versions, aliases, activities and
// Map Runs are not wrapped.
package awsbackend

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// Backend is a Step Functions client with baton's conventions.
type Backend struct {
	client *sfn.Client
	poll   time.Duration
}

// Options configure a Backend made by Open.
type Options struct {
	// EndpointURL overrides the Step Functions endpoint (for `baton serve`).
	// Defaults to the SDK's endpoint resolution (AWS_ENDPOINT_URL_SFN too).
	EndpointURL string
	// Region overrides the region. Defaults to the standard chain.
	Region string
	// PollInterval is how often Wait describes an execution. Defaults to 1s.
	PollInterval time.Duration
}

// Open builds a Backend from the standard credential and region chain.
func Open(ctx context.Context, opts Options) (*Backend, error) {
	var loaders []func(*config.LoadOptions) error
	if opts.Region != "" {
		loaders = append(loaders, config.WithRegion(opts.Region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, loaders...)
	if err != nil {
		return nil, fmt.Errorf("awsbackend: load AWS config: %w", err)
	}
	client := sfn.NewFromConfig(cfg, func(o *sfn.Options) {
		if opts.EndpointURL != "" {
			o.BaseEndpoint = aws.String(opts.EndpointURL)
			WithoutHostPrefix(o)
		}
	})
	b := New(client)
	if opts.PollInterval > 0 {
		b.poll = opts.PollInterval
	}
	return b, nil
}

// New wraps an existing client.
func New(client *sfn.Client) *Backend {
	return &Backend{client: client, poll: time.Second}
}

// Client returns the underlying SDK client.
func (b *Backend) Client() *sfn.Client { return b.client }

// Deploy creates the state machine called name, or updates its definition
// and role when it exists, and returns its ARN.
func (b *Backend) Deploy(ctx context.Context, name, definition, roleArn string, typ types.StateMachineType) (string, error) {
	arn, err := b.findStateMachine(ctx, name)
	if err != nil {
		return "", err
	}
	if arn != "" {
		_, err = b.client.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{
			StateMachineArn: aws.String(arn), Definition: aws.String(definition), RoleArn: optional(roleArn),
		})
		return arn, err
	}
	if typ == "" {
		typ = types.StateMachineTypeStandard
	}
	out, err := b.client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String(name), Definition: aws.String(definition), RoleArn: aws.String(roleArn), Type: typ,
	})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.StateMachineArn), nil
}

func (b *Backend) findStateMachine(ctx context.Context, name string) (string, error) {
	p := sfn.NewListStateMachinesPaginator(b.client, &sfn.ListStateMachinesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return "", err
		}
		for _, sm := range page.StateMachines {
			if aws.ToString(sm.Name) == name {
				return aws.ToString(sm.StateMachineArn), nil
			}
		}
	}
	return "", nil
}

// Start starts an execution and returns its ARN. With a name, a repeated
// call with the same input returns the existing execution instead of
// ExecutionAlreadyExists, also after it has finished; a different input
// still fails with *types.ExecutionAlreadyExists.
func (b *Backend) Start(ctx context.Context, stateMachineArn, name, input string) (string, error) {
	out, err := b.client.StartExecution(ctx, &sfn.StartExecutionInput{
		StateMachineArn: aws.String(stateMachineArn), Name: optional(name), Input: optional(input),
	})
	if err == nil {
		return aws.ToString(out.ExecutionArn), nil
	}
	var exists *types.ExecutionAlreadyExists
	if name == "" || !errors.As(err, &exists) {
		return "", err
	}
	arn := ExecutionArn(stateMachineArn, name)
	d, derr := b.Describe(ctx, arn)
	if derr != nil || !sameJSON(aws.ToString(d.Input), input) {
		return "", err
	}
	return arn, nil
}

// Describe describes one execution.
func (b *Backend) Describe(ctx context.Context, executionArn string) (*sfn.DescribeExecutionOutput, error) {
	return b.client.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String(executionArn)})
}

// List lists a state machine's executions, newest first, optionally only
// those with the given status ("" for all).
func (b *Backend) List(ctx context.Context, stateMachineArn string, status types.ExecutionStatus) ([]types.ExecutionListItem, error) {
	var all []types.ExecutionListItem
	p := sfn.NewListExecutionsPaginator(b.client, &sfn.ListExecutionsInput{
		StateMachineArn: aws.String(stateMachineArn), StatusFilter: status,
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		all = append(all, page.Executions...)
	}
	return all, nil
}

// History returns every event of an execution, oldest first.
func (b *Backend) History(ctx context.Context, executionArn string) ([]types.HistoryEvent, error) {
	var all []types.HistoryEvent
	p := sfn.NewGetExecutionHistoryPaginator(b.client, &sfn.GetExecutionHistoryInput{
		ExecutionArn: aws.String(executionArn), IncludeExecutionData: aws.Bool(true),
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		all = append(all, page.Events...)
	}
	return all, nil
}

// Stop aborts a running execution.
func (b *Backend) Stop(ctx context.Context, executionArn, errName, cause string) error {
	_, err := b.client.StopExecution(ctx, &sfn.StopExecutionInput{
		ExecutionArn: aws.String(executionArn), Error: optional(errName), Cause: optional(cause),
	})
	return err
}

// Redrive restarts a failed, timed-out or aborted execution from where it
// stopped.
func (b *Backend) Redrive(ctx context.Context, executionArn string) error {
	_, err := b.client.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: aws.String(executionArn)})
	return err
}

// Wait polls an execution until it is no longer RUNNING (or ctx ends) and
// returns its final description.
func (b *Backend) Wait(ctx context.Context, executionArn string) (*sfn.DescribeExecutionOutput, error) {
	t := time.NewTicker(b.poll)
	defer t.Stop()
	for {
		d, err := b.Describe(ctx, executionArn)
		if err != nil || d.Status != types.ExecutionStatusRunning {
			return d, err
		}
		select {
		case <-ctx.Done():
			return d, ctx.Err()
		case <-t.C:
		}
	}
}
