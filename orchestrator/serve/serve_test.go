package serve_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/baton-run/baton/orchestrator/awsbackend"
	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/orchestrator/serve"
)

const passMachine = `{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"ok":true},"ResultPath":"$.r","End":true}}}`

const failMachine = `{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"on purpose"}}}`

// newClient starts the API over an in-memory engine on 127.0.0.1 and returns
// a real aws-sdk-go-v2 client pointed at it.
func newClient(t *testing.T) *sfn.Client {
	t.Helper()
	eng, err := local.Open(local.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(serve.New(eng, nil))
	t.Cleanup(func() { srv.Close(); eng.Close() })
	return sfn.New(sfn.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
		HTTPClient:   &http.Client{Transport: &http.Transport{DialContext: loopbackOnly}},
	})
}

// loopbackOnly dials 127.0.0.1 and refuses anything else (no DNS either),
// so a client misconfiguration cannot send test traffic off the machine.
func loopbackOnly(ctx context.Context, network, addr string) (net.Conn, error) {
	if host, _, err := net.SplitHostPort(addr); err != nil || host != "127.0.0.1" {
		return nil, fmt.Errorf("test client refuses to dial %q: only 127.0.0.1", addr)
	}
	return (&net.Dialer{}).DialContext(ctx, network, addr)
}

func TestSDKRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newClient(t)
	created, err := c.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String("hello"), Definition: aws.String(passMachine), RoleArn: aws.String("arn:aws:iam::123456789012:role/r"),
	})
	if err != nil {
		t.Fatalf("CreateStateMachine: %v", err)
	}
	if created.CreationDate == nil || time.Since(*created.CreationDate) > time.Minute {
		t.Errorf("creationDate = %v, want about now", created.CreationDate)
	}
	b := awsbackend.New(c)
	arn, err := b.Start(ctx, aws.ToString(created.StateMachineArn), "run-1", `{"a":1}`)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	d, err := b.Wait(ctx, arn)
	if err != nil {
		t.Fatalf("Wait: %v", err)
	}
	if d.Status != types.ExecutionStatusSucceeded || aws.ToString(d.Output) != `{"a":1,"r":{"ok":true}}` {
		t.Fatalf("execution = %s %s, want SUCCEEDED with the Pass result", d.Status, aws.ToString(d.Output))
	}
	_, err = c.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: created.StateMachineArn, Name: aws.String("run-1"), Input: aws.String(`{"a":1}`)})
	var exists *types.ExecutionAlreadyExists
	if !errors.As(err, &exists) {
		t.Fatalf("StartExecution of a closed execution's name = %v, want ExecutionAlreadyExists as on AWS", err)
	}
	again, err := b.Start(ctx, aws.ToString(created.StateMachineArn), "run-1", `{"a":1}`)
	if err != nil || again != arn {
		t.Fatalf("awsbackend's idempotent Start = %q, %v; want %q", again, err, arn)
	}
	events, err := b.History(ctx, arn)
	if err != nil {
		t.Fatal(err)
	}
	want := []types.HistoryEventType{"ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"}
	if len(events) != len(want) {
		t.Fatalf("history has %d events, want %d", len(events), len(want))
	}
	for i, ev := range events {
		if ev.Type != want[i] || ev.Id != int64(i+1) {
			t.Errorf("event %d = %s id %d, want %s id %d", i, ev.Type, ev.Id, want[i], i+1)
		}
	}
	if events[0].ExecutionStartedEventDetails == nil || aws.ToString(events[0].ExecutionStartedEventDetails.Input) != `{"a":1}` {
		t.Errorf("ExecutionStarted details = %+v", events[0].ExecutionStartedEventDetails)
	}
}

func TestSDKTypedErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newClient(t)
	sm, err := c.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String("m"), Definition: aws.String(passMachine), RoleArn: aws.String("arn:aws:iam::123456789012:role/r"),
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn, Name: aws.String("x"), Input: aws.String(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		call   func() error
		target any
	}{
		{"ExecutionDoesNotExist", func() error {
			_, err := c.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String("arn:aws:states:us-east-1:123456789012:execution:m:nope")})
			return err
		}, new(*types.ExecutionDoesNotExist)},
		{"StateMachineDoesNotExist", func() error {
			_, err := c.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: aws.String("arn:aws:states:us-east-1:123456789012:stateMachine:nope")})
			return err
		}, new(*types.StateMachineDoesNotExist)},
		{"InvalidDefinition", func() error {
			_, err := c.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("bad"), Definition: aws.String(`{"StartAt":"X","States":{}}`), RoleArn: aws.String("arn:aws:iam::123456789012:role/r")})
			return err
		}, new(*types.InvalidDefinition)},
		{"ExecutionAlreadyExists", func() error {
			_, err := c.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn, Name: aws.String("x"), Input: aws.String(`{"other":1}`)})
			return err
		}, new(*types.ExecutionAlreadyExists)},
	}
	for _, tc := range cases {
		err := tc.call()
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if !errors.As(err, tc.target) {
			t.Errorf("%s: got %T %v, not the SDK's typed error", tc.name, err, err)
		}
	}
}

func TestSDKFailAndRedrive(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := newClient(t)
	b := awsbackend.New(c)
	arn, err := b.Deploy(ctx, "fails", failMachine, "arn:aws:iam::123456789012:role/r", "")
	if err != nil {
		t.Fatal(err)
	}
	x, err := b.Start(ctx, arn, "", "")
	if err != nil {
		t.Fatal(err)
	}
	d, err := b.Wait(ctx, x)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != types.ExecutionStatusFailed || aws.ToString(d.Error) != "Boom" || aws.ToString(d.Cause) != "on purpose" {
		t.Fatalf("got %s %s %s, want FAILED Boom", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause))
	}
	if err := b.Redrive(ctx, x); err != nil {
		t.Fatalf("Redrive: %v", err)
	}
	if d, err = b.Wait(ctx, x); err != nil || d.RedriveCount == nil || *d.RedriveCount != 1 {
		t.Fatalf("after redrive: %+v, %v; want redriveCount 1", d, err)
	}
	list, err := b.List(ctx, arn, types.ExecutionStatusFailed)
	if err != nil || len(list) != 1 {
		t.Fatalf("List FAILED = %d items, %v; want 1", len(list), err)
	}
}

func TestSDKValidateTruncates(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	// Three states with dangling transitions: three errors.
	def := `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"X"},"B":{"Type":"Pass","Next":"Y"},"C":{"Type":"Pass","Next":"Z"}}}`
	out, err := c.ValidateStateMachineDefinition(context.Background(), &sfn.ValidateStateMachineDefinitionInput{
		Definition: aws.String(def), MaxResults: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	if out.Result != types.ValidateStateMachineDefinitionResultCodeFail || len(out.Diagnostics) != 1 || out.Truncated == nil || !*out.Truncated {
		t.Fatalf("validate = %s, %d diagnostics, truncated %v; want FAIL, 1, true", out.Result, len(out.Diagnostics), out.Truncated)
	}
}

func TestSDKStartSyncExecution(t *testing.T) {
	t.Parallel()
	c := newClient(t)
	sm, err := c.CreateStateMachine(context.Background(), &sfn.CreateStateMachineInput{
		Name: aws.String("sync"), Definition: aws.String(passMachine), RoleArn: aws.String("arn:aws:iam::123456789012:role/r"),
	})
	if err != nil {
		t.Fatal(err)
	}
	// StartSyncExecution's endpoint has a "sync-" host prefix on AWS; a
	// local endpoint needs it off.
	out, err := c.StartSyncExecution(context.Background(), &sfn.StartSyncExecutionInput{StateMachineArn: sm.StateMachineArn, Input: aws.String(`{"b":2}`)},
		awsbackend.WithoutHostPrefix)
	if err != nil {
		t.Fatal(err)
	}
	if out.Status != types.SyncExecutionStatusSucceeded || aws.ToString(out.Output) != `{"b":2,"r":{"ok":true}}` || out.StopDate == nil {
		t.Fatalf("StartSyncExecution = %s %s (stop %v), want SUCCEEDED with the Pass result", out.Status, aws.ToString(out.Output), out.StopDate)
	}
}
