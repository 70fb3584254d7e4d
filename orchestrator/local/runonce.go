package local

import (
	"context"
	"errors"
)

// RunOnce stores definition as the state machine called name (creating it,
// or updating it when its definition differs), runs one execution with
// input to its end and returns it with its whole history. It is what
// `baton run` does.
func (e *Engine) RunOnce(ctx context.Context, name string, definition []byte, input string, opts *StateMachineOptions) (Execution, []HistoryEvent, error) {
	sm, err := e.CreateStateMachine(ctx, name, definition, opts)
	if errors.Is(err, ErrStateMachineAlreadyExists) {
		sm, err = e.UpdateStateMachine(ctx, e.smArn(name), definition, opts)
	}
	if err != nil {
		return Execution{}, nil, err
	}
	x, err := e.StartExecution(ctx, sm.Arn, "", input)
	if err != nil {
		return Execution{}, nil, err
	}
	if x, err = e.Wait(ctx, x.Arn); err != nil {
		return x, nil, err
	}
	evs, _, err := e.GetExecutionHistory(ctx, x.Arn, HistoryOptions{})
	return x, evs, err
}
