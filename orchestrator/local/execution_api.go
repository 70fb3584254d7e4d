package local

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/baton-run/baton/orchestrator/internal/enginestore"
	"github.com/baton-run/baton/orchestrator/internal/history"
	"github.com/google/uuid"
)

// maxPayload is Step Functions' limit on inputs, outputs and results.
const maxPayload = 256 * 1024

// StartExecution starts an execution of the state machine; name "" picks a
// UUID, input "" means "{}". Execution names are idempotent as on AWS:
// starting an existing name with the same input returns that execution
// (running or finished), a different input fails with
// ErrExecutionAlreadyExists. The execution is durable when this returns.
func (e *Engine) StartExecution(ctx context.Context, stateMachineArn, name, input string) (Execution, error) {
	if err := e.isClosed(); err != nil {
		return Execution{}, err
	}
	sm, err := e.store.StateMachine(stateMachineArn)
	if err != nil {
		return Execution{}, notFound(err, ErrStateMachineDoesNotExist, stateMachineArn)
	}
	if name == "" {
		name = uuid.NewString()
	}
	if err := validName(name); err != nil {
		return Execution{}, err
	}
	if input, err = checkInput(input); err != nil {
		return Execution{}, err
	}
	arn := e.execArn(sm.Name, name)
	if sm.Type == "EXPRESS" {
		arn = strings.Replace(arn, ":execution:", ":express:", 1) + ":" + uuid.NewString()
	}
	if old, err := e.store.Execution(arn); err == nil {
		if old.Input == input {
			return toExecution(old), nil
		}
		return Execution{}, fmt.Errorf("%w: %s was started with a different input", ErrExecutionAlreadyExists, arn)
	}
	x := enginestore.Execution{Arn: arn, Name: name, StateMachineArn: sm.Arn, StateMachineName: sm.Name,
		Definition: sm.Definition, RoleArn: sm.RoleArn, Status: string(StatusRunning), Input: input,
		Start: e.clk.Now()}
	if err := e.launch(x, true); err != nil {
		return Execution{}, err
	}
	if err := e.store.Sync(ctx); err != nil {
		return Execution{}, err
	}
	return toExecution(x), nil
}

func checkInput(input string) (string, error) {
	if input == "" {
		return "{}", nil
	}
	if len(input) > maxPayload {
		return "", fmt.Errorf("%w: input is %d bytes, over the 262144-byte limit", ErrInvalidExecutionInput, len(input))
	}
	if !json.Valid([]byte(input)) {
		return "", fmt.Errorf("%w: input is not valid JSON", ErrInvalidExecutionInput)
	}
	return input, nil
}

// DescribeExecution returns an execution's current description.
func (e *Engine) DescribeExecution(ctx context.Context, arn string) (Execution, error) {
	if r := e.running(arn); r != nil {
		return toExecution(r.record()), nil
	}
	x, err := e.store.Execution(arn)
	if err != nil {
		return Execution{}, notFound(err, ErrExecutionDoesNotExist, arn)
	}
	return toExecution(x), nil
}

// ListExecutions lists executions, newest first.
func (e *Engine) ListExecutions(ctx context.Context, f ExecutionFilter) ([]Execution, error) {
	xs, err := e.store.Executions(f.StateMachineArn)
	if err != nil {
		return nil, err
	}
	var out []Execution
	for _, x := range xs {
		if f.StateMachineArn == "" && isMapRunChild(x) {
			continue // listed by their Map Run only, as on AWS
		}
		if r := e.running(x.Arn); r != nil {
			x = r.record()
		}
		if f.Status == "" || Status(x.Status) == f.Status {
			out = append(out, toExecution(x))
		}
	}
	return out, nil
}

// GetExecutionHistory returns a page of an execution's events (all of them
// when opts.MaxResults is 0), readable while it runs.
func (e *Engine) GetExecutionHistory(ctx context.Context, arn string, opts HistoryOptions) ([]HistoryEvent, string, error) {
	if _, err := e.DescribeExecution(ctx, arn); err != nil {
		return nil, "", err
	}
	evs, err := e.store.Events(arn)
	if err != nil {
		return nil, "", err
	}
	start := 0
	if opts.NextToken != "" {
		if start, err = strconv.Atoi(opts.NextToken); err != nil || start < 0 || start > len(evs) {
			return nil, "", fmt.Errorf("%w: bad history page token %q", ErrInvalidToken, opts.NextToken)
		}
	}
	if opts.Reverse {
		for i, j := 0, len(evs)-1; i < j; i, j = i+1, j-1 {
			evs[i], evs[j] = evs[j], evs[i]
		}
	}
	end, next := len(evs), ""
	if opts.MaxResults > 0 && start+opts.MaxResults < len(evs) {
		end, next = start+opts.MaxResults, strconv.Itoa(start+opts.MaxResults)
	}
	out := make([]HistoryEvent, 0, end-start)
	var r detailsRenderer
	for _, ev := range evs[start:end] {
		out = append(out, r.event(ev))
	}
	return out, next, nil
}

// StopExecution aborts a running execution with the given error and cause
// (ExecutionAborted); stopping a finished execution returns it unchanged.
func (e *Engine) StopExecution(ctx context.Context, arn, errName, cause string) (Execution, error) {
	r := e.running(arn)
	if r == nil {
		return e.DescribeExecution(ctx, arn)
	}
	r.stop(&stopCause{kind: StatusAborted, name: errName, cause: cause})
	return e.Wait(ctx, arn)
}

// Wait blocks until the execution is no longer RUNNING and returns it.
func (e *Engine) Wait(ctx context.Context, arn string) (Execution, error) {
	if r := e.running(arn); r != nil {
		select {
		case <-r.done:
		case <-ctx.Done():
			return Execution{}, ctx.Err()
		}
		if err := e.store.Sync(ctx); err != nil {
			return Execution{}, err
		}
	}
	return e.DescribeExecution(ctx, arn)
}

func (e *Engine) running(arn string) *run {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.runs[arn]
}

func toExecution(x enginestore.Execution) Execution {
	return Execution{Arn: x.Arn, Name: x.Name, StateMachineArn: x.StateMachineArn, Status: Status(x.Status),
		Input: x.Input, Output: x.Output, Error: x.Error, Cause: x.Cause, StartDate: x.Start,
		StopDate: x.Stop, RedriveCount: x.RedriveCount, RedriveDate: x.RedriveDate}
}

// detailsRenderer renders the details of many events into shared blocks:
// a page of history takes a few allocations, not a few per event.
type detailsRenderer struct {
	buf   []byte
	cache history.TextCache // consecutive events carry the same payloads
}

// detailsBlock is the size of the blocks; an event larger than what is
// left of one gets a block of its own making.
const detailsBlock = 64 << 10

func (r *detailsRenderer) event(ev *history.Event) HistoryEvent {
	h := HistoryEvent{ID: ev.ID, PreviousEventID: ev.Prev, Type: ev.Type, Timestamp: ev.Time}
	switch {
	case ev.Details != nil: // as stored
		if len(ev.Details) > 0 {
			h.Details, h.DetailsKey = ev.Details, history.DetailsKey(ev.Type)
		}
		return h
	case ev.Pending == nil:
		return h
	}
	if cap(r.buf)-len(r.buf) < detailsBlock/16 {
		r.buf = make([]byte, 0, detailsBlock)
	}
	start := len(r.buf)
	r.buf = ev.AppendJSONCached(r.buf, &r.cache)
	if d := r.buf[start:len(r.buf):len(r.buf)]; len(d) > 0 {
		h.Details, h.DetailsKey = d, history.DetailsKey(ev.Type)
	}
	return h
}
