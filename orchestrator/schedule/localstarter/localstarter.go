// Package localstarter connects the scheduler to baton's local engine: fires
// start executions of the engine's state machines.
package localstarter

import (
	"context"
	"errors"
	"strings"

	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/orchestrator/schedule"
)

// Starter starts and inspects executions on a local engine.
type Starter struct {
	engine *local.Engine
}

var _ schedule.Starter = (*Starter)(nil)

// New returns a Starter over the engine.
func New(engine *local.Engine) *Starter { return &Starter{engine: engine} }

// StartExecution starts the state machine, given by ARN or by name, with the
// fire's deterministic execution name; a repeated start of the same fire
// returns the first execution (the engine's name idempotency).
func (s *Starter) StartExecution(ctx context.Context, stateMachine, name, input string) (string, error) {
	arn := stateMachine
	if !strings.HasPrefix(arn, "arn:") {
		arn = s.engine.StateMachineArn(stateMachine)
	}
	x, err := s.engine.StartExecution(ctx, arn, name, input)
	return x.Arn, err
}

// IsRunning reports whether the execution is RUNNING; an execution the
// engine does not know is not running.
func (s *Starter) IsRunning(ctx context.Context, executionArn string) (bool, error) {
	x, err := s.engine.DescribeExecution(ctx, executionArn)
	if errors.Is(err, local.ErrExecutionDoesNotExist) {
		return false, nil
	}
	return x.Status == local.StatusRunning, err
}
