package serve

import (
	"context"
	"errors"
	"log/slog"
	"strings"

	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/orchestrator/teststate"
	"github.com/baton-run/baton/statemachines"
)

// New returns the Step Functions API over engine. logger may be nil.
func New(engine *local.Engine, logger *slog.Logger) *Handler {
	s := &server{e: engine}
	return &Handler{logger: logger, ops: map[string]op{
		"CreateStateMachine":             handle(s.createStateMachine),
		"UpdateStateMachine":             handle(s.updateStateMachine),
		"DescribeStateMachine":           handle(s.describeStateMachine),
		"ListStateMachines":              handle(s.listStateMachines),
		"DeleteStateMachine":             handle(s.deleteStateMachine),
		"ValidateStateMachineDefinition": handle(s.validate),
		"StartExecution":                 handle(s.startExecution),
		"StartSyncExecution":             handle(s.startSyncExecution),
		"DescribeExecution":              handle(s.describeExecution),
		"ListExecutions":                 handle(s.listExecutions),
		"GetExecutionHistory":            handle(s.history),
		"StopExecution":                  handle(s.stopExecution),
		"RedriveExecution":               handle(s.redriveExecution),
		"SendTaskSuccess":                handle(s.sendTaskSuccess),
		"SendTaskFailure":                handle(s.sendTaskFailure),
		"SendTaskHeartbeat":              handle(s.sendTaskHeartbeat),
		"TestState":                      handle(s.testState),
	}}
}

type server struct{ e *local.Engine }

// engineErrors maps the engine's errors to AWS error codes; the code is the
// sentinel's own text, which names the AWS error.
var engineErrors = []error{
	local.ErrStateMachineDoesNotExist, local.ErrStateMachineAlreadyExists,
	local.ErrExecutionDoesNotExist, local.ErrExecutionAlreadyExists,
	local.ErrExecutionNotRedrivable, local.ErrInvalidDefinition, local.ErrInvalidName,
	local.ErrInvalidArn, local.ErrInvalidExecutionInput, local.ErrInvalidToken,
	local.ErrTaskDoesNotExist, local.ErrTaskTimedOut, local.ErrInvalidOutput,
	local.ErrStateMachineDeleting,
}

// apiError converts an engine error into the API's shape.
func apiError(err error) error {
	if err == nil {
		return nil
	}
	for _, sentinel := range engineErrors {
		if errors.Is(err, sentinel) {
			return &APIError{Code: sentinel.Error(), Message: message(err, sentinel)}
		}
	}
	return err
}

// message strips the sentinel's own name from a wrapped error's text.
func message(err, sentinel error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, sentinel.Error()+": ")
	return strings.TrimSuffix(msg, ": "+sentinel.Error())
}

func (s *server) createStateMachine(ctx context.Context, in *createStateMachineIn) (*createStateMachineOut, error) {
	sm, err := s.e.CreateStateMachine(ctx, in.Name, []byte(in.Definition),
		&local.StateMachineOptions{RoleArn: in.RoleArn, Type: in.Type})
	if err != nil {
		return nil, apiError(err)
	}
	return &createStateMachineOut{StateMachineArn: sm.Arn, CreationDate: epochPtr(sm.CreationDate)}, nil
}

func (s *server) updateStateMachine(ctx context.Context, in *updateStateMachineIn) (*updateStateMachineOut, error) {
	var def []byte
	if in.Definition != "" {
		def = []byte(in.Definition)
	}
	sm, err := s.e.UpdateStateMachine(ctx, in.StateMachineArn, def, &local.StateMachineOptions{RoleArn: in.RoleArn})
	if err != nil {
		return nil, apiError(err)
	}
	return &updateStateMachineOut{UpdateDate: epochPtr(sm.UpdateDate)}, nil
}

func (s *server) describeStateMachine(ctx context.Context, in *stateMachineArnIn) (*describeStateMachineOut, error) {
	sm, err := s.e.DescribeStateMachine(ctx, in.StateMachineArn)
	if err != nil {
		return nil, apiError(err)
	}
	return &describeStateMachineOut{
		StateMachineArn: sm.Arn, Name: sm.Name, Status: "ACTIVE", Definition: sm.Definition,
		RoleArn: sm.RoleArn, Type: sm.Type, CreationDate: epochPtr(sm.CreationDate),
	}, nil
}

func (s *server) listStateMachines(ctx context.Context, in *listIn) (*listStateMachinesOut, error) {
	sms, err := s.e.ListStateMachines(ctx)
	if err != nil {
		return nil, apiError(err)
	}
	items := make([]stateMachineItem, len(sms))
	for i, sm := range sms {
		items[i] = stateMachineItem{StateMachineArn: sm.Arn, Name: sm.Name, Type: sm.Type, CreationDate: epochPtr(sm.CreationDate)}
	}
	page, next, err := paginate(items, in.MaxResults, in.NextToken)
	return &listStateMachinesOut{StateMachines: page, NextToken: next}, err
}

func (s *server) deleteStateMachine(ctx context.Context, in *stateMachineArnIn) (struct{}, error) {
	return struct{}{}, apiError(s.e.DeleteStateMachine(ctx, in.StateMachineArn))
}

func (s *server) validate(_ context.Context, in *validateIn) (*validateOut, error) {
	diags := []validateDiagnostic{}
	_, list := statemachines.ParseAndValidate([]byte(in.Definition),
		statemachines.ValidateOptions{Type: statemachines.MachineType(in.Type)})
	result := "OK"
	for _, d := range list {
		if in.Severity != "WARNING" && d.Severity != statemachines.SeverityError { // AWS's default severity is ERROR
			continue
		}
		if d.Severity == statemachines.SeverityError {
			result = "FAIL"
		}
		diags = append(diags, validateDiagnostic{Severity: string(d.Severity), Code: d.Code, Message: d.Message, Location: d.Location})
	}
	limit := in.MaxResults
	if limit <= 0 {
		limit = 100 // the API's default
	}
	truncated := len(diags) > limit
	if truncated {
		diags = diags[:limit]
	}
	return &validateOut{Result: result, Diagnostics: diags, Truncated: truncated}, nil
}

// testState runs one state in isolation (TestState). Unmocked Lambda tasks
// are not invoked: mock them.
func (s *server) testState(ctx context.Context, in *teststate.Request) (*teststate.Response, error) {
	resp, err := teststate.Run(ctx, in, nil)
	var ve *teststate.ValidationError
	var de *teststate.DefinitionError
	switch {
	case errors.As(err, &ve):
		return nil, &APIError{Code: "ValidationException", Message: ve.Message}
	case errors.As(err, &de):
		return nil, &APIError{Code: "InvalidDefinition", Message: de.Message}
	}
	return resp, err
}
