package serve

import (
	"context"
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/baton-run/baton/orchestrator/local"
)

func (s *server) startExecution(ctx context.Context, in *startExecutionIn) (*startExecutionOut, error) {
	if err := s.closedSameName(ctx, in); err != nil {
		return nil, err
	}
	x, err := s.e.StartExecution(ctx, in.StateMachineArn, in.Name, in.Input)
	if err != nil {
		return nil, apiError(err)
	}
	return &startExecutionOut{ExecutionArn: x.Arn, StartDate: epochPtr(x.StartDate)}, nil
}

// closedSameName refuses a name already used by a closed execution, as
// Step Functions does (the engine's own API returns that execution, which
// is what baton's scheduler and `run --name` rely on).
func (s *server) closedSameName(ctx context.Context, in *startExecutionIn) error {
	if in.Name == "" {
		return nil
	}
	arn := strings.Replace(in.StateMachineArn, ":stateMachine:", ":execution:", 1) + ":" + in.Name
	x, err := s.e.DescribeExecution(ctx, arn)
	if err != nil || !x.Status.Terminal() {
		return nil
	}
	return &APIError{Code: "ExecutionAlreadyExists", Message: "Execution Already Exists: '" + arn + "'"}
}

// startSyncExecution runs an execution to its end and answers with it, as
// StartSyncExecution does for EXPRESS machines (any type is accepted here).
func (s *server) startSyncExecution(ctx context.Context, in *startExecutionIn) (*startSyncExecutionOut, error) {
	if err := s.closedSameName(ctx, in); err != nil {
		return nil, err
	}
	x, err := s.e.StartExecution(ctx, in.StateMachineArn, in.Name, in.Input)
	if err != nil {
		return nil, apiError(err)
	}
	if x, err = s.e.Wait(ctx, x.Arn); err != nil {
		return nil, apiError(err)
	}
	return &startSyncExecutionOut{core(x)}, nil
}

func (s *server) describeExecution(ctx context.Context, in *executionArnIn) (*describeExecutionOut, error) {
	x, err := s.e.DescribeExecution(ctx, in.ExecutionArn)
	if err != nil {
		return nil, apiError(err)
	}
	return describeOut(x), nil
}

func core(x local.Execution) executionCore {
	return executionCore{
		ExecutionArn: x.Arn, StateMachineArn: x.StateMachineArn, Name: x.Name, Status: string(x.Status),
		StartDate: epochPtr(x.StartDate), StopDate: epochPtr(x.StopDate), Input: x.Input,
		Output: x.Output, Error: x.Error, Cause: x.Cause,
	}
}

func describeOut(x local.Execution) *describeExecutionOut {
	out := &describeExecutionOut{executionCore: core(x), RedriveCount: x.RedriveCount, RedriveDate: epochPtr(x.RedriveDate)}
	switch {
	case x.Redrivable():
		out.RedriveStatus = "REDRIVABLE"
	case x.Status.Terminal():
		out.RedriveStatus = "NOT_REDRIVABLE"
	}
	return out
}

func (s *server) listExecutions(ctx context.Context, in *listIn) (*listExecutionsOut, error) {
	xs, err := s.e.ListExecutions(ctx, local.ExecutionFilter{
		StateMachineArn: in.StateMachineArn, Status: local.Status(in.StatusFilter),
	})
	if err != nil {
		return nil, apiError(err)
	}
	items := make([]executionItem, len(xs))
	for i, x := range xs {
		items[i] = executionItem{
			ExecutionArn: x.Arn, StateMachineArn: x.StateMachineArn, Name: x.Name, Status: string(x.Status),
			StartDate: epochPtr(x.StartDate), StopDate: epochPtr(x.StopDate), RedriveCount: x.RedriveCount,
		}
	}
	page, next, err := paginate(items, in.MaxResults, in.NextToken)
	return &listExecutionsOut{Executions: page, NextToken: next}, err
}

func (s *server) history(ctx context.Context, in *historyIn) (*historyOut, error) {
	limit := in.MaxResults
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	events, next, err := s.e.GetExecutionHistory(ctx, in.ExecutionArn, local.HistoryOptions{
		Reverse: in.ReverseOrder, MaxResults: limit, NextToken: in.NextToken,
	})
	if err != nil {
		return nil, apiError(err)
	}
	if events == nil {
		events = []local.HistoryEvent{}
	}
	return &historyOut{Events: events, NextToken: next}, nil
}

func (s *server) stopExecution(ctx context.Context, in *stopExecutionIn) (*stopExecutionOut, error) {
	x, err := s.e.StopExecution(ctx, in.ExecutionArn, in.Error, in.Cause)
	if err != nil {
		return nil, apiError(err)
	}
	return &stopExecutionOut{StopDate: epochPtr(x.StopDate)}, nil
}

func (s *server) redriveExecution(ctx context.Context, in *executionArnIn) (*redriveExecutionOut, error) {
	x, err := s.e.RedriveExecution(ctx, in.ExecutionArn)
	if err != nil {
		return nil, apiError(err)
	}
	return &redriveExecutionOut{RedriveDate: epochPtr(x.RedriveDate)}, nil
}

func (s *server) sendTaskSuccess(ctx context.Context, in *taskSuccessIn) (struct{}, error) {
	return struct{}{}, apiError(s.e.SendTaskSuccess(ctx, in.TaskToken, in.Output))
}

func (s *server) sendTaskFailure(ctx context.Context, in *taskFailureIn) (struct{}, error) {
	return struct{}{}, apiError(s.e.SendTaskFailure(ctx, in.TaskToken, in.Error, in.Cause))
}

func (s *server) sendTaskHeartbeat(ctx context.Context, in *taskHeartbeatIn) (struct{}, error) {
	return struct{}{}, apiError(s.e.SendTaskHeartbeat(ctx, in.TaskToken))
}

// paginate returns one page of items: tokens are opaque offsets.
func paginate[T any](items []T, limit int, token string) ([]T, string, error) {
	start := 0
	if token != "" {
		raw, err := base64.RawURLEncoding.DecodeString(token)
		n, aerr := strconv.Atoi(string(raw))
		if err != nil || aerr != nil || n < 0 || n > len(items) {
			return nil, "", Errorf("InvalidToken", "invalid nextToken %q", token)
		}
		start = n
	}
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	end := min(start+limit, len(items))
	next := ""
	if end < len(items) {
		next = base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(end)))
	}
	return items[start:end], next, nil
}
