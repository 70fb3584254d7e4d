package cli

import (
	"context"

	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/steps"
)

// follow waits for x to end and, while it ended by continuing as a new
// execution (a long step past MaxSlicesPerExecution), for the execution it
// continued as. It returns the last execution and the ARNs of the chain,
// x first. renewed is told of each successor.
func (s *session) follow(ctx context.Context, x local.Execution, renewed func(local.Execution)) (local.Execution, []string, error) {
	chain := []string{x.Arn}
	for {
		done, err := s.engine.Wait(ctx, x.Arn)
		if err != nil {
			return x, chain, err
		}
		next, ok := s.successor(ctx, done)
		if !ok {
			return done, chain, nil
		}
		renewed(next)
		x, chain = next, append(chain, next.Arn)
	}
}

// successor returns the execution x continued as: x's output names it
// (the renew state's startExecution result) and its input names x as the
// execution it continues.
func (s *session) successor(ctx context.Context, x local.Execution) (local.Execution, bool) {
	arn, ok := steps.ContinuedAs(x.Output)
	if x.Status != local.StatusSucceeded || !ok {
		return x, false
	}
	next, err := s.engine.DescribeExecution(ctx, arn)
	if from, ok := steps.ContinuedFrom(next.Input); err != nil || !ok || from != x.Arn {
		return x, false
	}
	return next, true
}
