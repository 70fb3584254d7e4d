package local

import (
	"context"
	"fmt"
	"strings"

	"github.com/baton-run/baton/orchestrator/internal/enginestore"
	"github.com/baton-run/baton/statemachines"
)

// CreateStateMachine validates and stores a state machine. Creating one
// whose name exists with the same definition and options returns the
// existing one (as AWS does); a different definition fails with
// ErrStateMachineAlreadyExists.
func (e *Engine) CreateStateMachine(ctx context.Context, name string, definition []byte, opts *StateMachineOptions) (StateMachine, error) {
	if err := e.isClosed(); err != nil {
		return StateMachine{}, err
	}
	if err := validName(name); err != nil {
		return StateMachine{}, err
	}
	rec := enginestore.StateMachine{Arn: e.smArn(name), Name: name, Definition: string(definition), Created: e.clk.Now()}
	rec.RoleArn, rec.Type = e.smOptions(opts)
	if err := validate(definition, rec.Type); err != nil {
		return StateMachine{}, err
	}
	if old, err := e.store.StateMachine(rec.Arn); err == nil {
		if old.Definition == rec.Definition && old.RoleArn == rec.RoleArn && old.Type == rec.Type {
			return toStateMachine(old), nil
		}
		return StateMachine{}, fmt.Errorf("%w: %s", ErrStateMachineAlreadyExists, rec.Arn)
	}
	if err := e.store.PutStateMachine(rec); err != nil {
		return StateMachine{}, err
	}
	return toStateMachine(rec), nil
}

// UpdateStateMachine replaces a state machine's definition (and, when
// opts sets them, its role and type). Running executions keep the
// definition they started with.
func (e *Engine) UpdateStateMachine(ctx context.Context, arn string, definition []byte, opts *StateMachineOptions) (StateMachine, error) {
	rec, err := e.store.StateMachine(arn)
	if err != nil {
		return StateMachine{}, notFound(err, ErrStateMachineDoesNotExist, arn)
	}
	if definition != nil {
		if err := validate(definition, rec.Type); err != nil {
			return StateMachine{}, err
		}
		rec.Definition = string(definition)
	}
	if opts != nil && opts.RoleArn != "" {
		rec.RoleArn = opts.RoleArn
	}
	rec.Updated = e.clk.Now()
	if err := e.store.PutStateMachine(rec); err != nil {
		return StateMachine{}, err
	}
	return toStateMachine(rec), nil
}

// DescribeStateMachine returns a stored state machine.
func (e *Engine) DescribeStateMachine(ctx context.Context, arn string) (StateMachine, error) {
	rec, err := e.store.StateMachine(arn)
	if err != nil {
		return StateMachine{}, notFound(err, ErrStateMachineDoesNotExist, arn)
	}
	return toStateMachine(rec), nil
}

// ListStateMachines returns every state machine, by name.
func (e *Engine) ListStateMachines(ctx context.Context) ([]StateMachine, error) {
	recs, err := e.store.StateMachines()
	if err != nil {
		return nil, err
	}
	out := make([]StateMachine, len(recs))
	for i, r := range recs {
		out[i] = toStateMachine(r)
	}
	return out, nil
}

// DeleteStateMachine deletes a state machine; its executions stay
// readable. Deleting an unknown ARN succeeds, as on AWS.
func (e *Engine) DeleteStateMachine(ctx context.Context, arn string) error {
	return e.store.DeleteStateMachine(arn)
}

// StateMachineArn returns the ARN a state machine called name has.
func (e *Engine) StateMachineArn(name string) string { return e.smArn(name) }

func (e *Engine) smArn(name string) string {
	return fmt.Sprintf("arn:aws:states:%s:%s:stateMachine:%s", e.opts.Region, e.opts.Account, name)
}

func (e *Engine) execArn(smName, name string) string {
	return fmt.Sprintf("arn:aws:states:%s:%s:execution:%s:%s", e.opts.Region, e.opts.Account, smName, name)
}

func (e *Engine) smOptions(opts *StateMachineOptions) (role, typ string) {
	role = fmt.Sprintf("arn:aws:iam::%s:role/baton-local", e.opts.Account)
	typ = "STANDARD"
	if opts != nil && opts.RoleArn != "" {
		role = opts.RoleArn
	}
	if opts != nil && opts.Type != "" {
		typ = opts.Type
	}
	return role, typ
}

// model parses a definition, caching the result by its text.
func (e *Engine) model(def string) (*statemachines.StateMachine, error) {
	if m, ok := e.models.Load(def); ok {
		return m.(*statemachines.StateMachine), nil
	}
	m, err := statemachines.Parse([]byte(def))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidDefinition, err)
	}
	e.models.Store(def, m)
	return m, nil
}

func toStateMachine(r enginestore.StateMachine) StateMachine {
	return StateMachine{Arn: r.Arn, Name: r.Name, Definition: r.Definition, RoleArn: r.RoleArn,
		Type: r.Type, CreationDate: r.Created, UpdateDate: r.Updated}
}

// validName applies Step Functions' naming rules to state machine and
// execution names.
func validName(name string) error {
	if name == "" || len(name) > 80 {
		return fmt.Errorf("%w: %q must be 1 to 80 characters", ErrInvalidName, name)
	}
	for _, r := range name {
		if r <= 0x20 || (r >= 0x7f && r <= 0x9f) || strings.ContainsRune("<>{}[]?*\"#%\\^|~`$&,;:/", r) {
			return fmt.Errorf("%w: %q contains %q, which Step Functions names cannot contain", ErrInvalidName, name, r)
		}
	}
	return nil
}

// validate checks a definition as CreateStateMachine does on AWS; the
// error lists every diagnostic with its JSON pointer.
func validate(definition []byte, typ string) error {
	_, diags := statemachines.ParseAndValidate(definition, statemachines.ValidateOptions{Type: statemachines.MachineType(typ)})
	if !statemachines.HasErrors(diags) {
		return nil
	}
	// AWS's wording: Invalid State Machine Definition: 'CODE: message at /location, ...'
	return fmt.Errorf("%w: %s", ErrInvalidDefinition, statemachines.InvalidDefinitionMessage(diags))
}
