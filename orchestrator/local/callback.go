package local

import (
	"context"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/baton-run/baton/orchestrator/internal/history"
	asl "github.com/baton-run/baton/statemachines"
)

// callback is a .waitForTaskToken task waiting for SendTask*.
type callback struct {
	result    chan callbackResult
	heartbeat chan struct{}
	done      chan struct{} // closed when the task stops waiting
}

type callbackResult struct {
	output string
	err    *asl.Error
	ack    chan struct{}
}

// taskToken is derived from the task's place in the history, so a resumed
// execution waits on the same token it handed out before the restart.
func (s *stateRun) taskToken() string {
	raw := fmt.Sprintf("%s|%s|%d|%d", s.th.r.x.Arn, s.th.scope, s.entered.ID, s.retries)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func (s *stateRun) awaitCallback(t taskTarget, started time.Time, timeout, heartbeat time.Duration) (any, *asl.Error) {
	e := s.th.r.e
	cb := &callback{result: make(chan callbackResult), heartbeat: make(chan struct{}, 1), done: make(chan struct{})}
	e.mu.Lock()
	e.tokens[s.token] = cb
	e.mu.Unlock()
	defer func() {
		close(cb.done)
		e.mu.Lock()
		delete(e.tokens, s.token)
		e.mu.Unlock()
	}()
	timeoutC, stopT := s.deadline(started, timeout)
	defer stopT()
	beatC, stopB := s.deadline(started, heartbeat)
	defer func() { stopB() }()
	for {
		select {
		case res := <-cb.result:
			defer close(res.ack)
			if res.err != nil {
				return nil, s.taskFailed(t, res.err)
			}
			out := parseResult([]byte(res.output))
			s.th.emit("TaskSucceeded", history.TaskOutput{ResourceType: t.resourceType, Resource: t.resource, Output: history.Payload{V: out}})
			return out, nil
		case <-cb.heartbeat:
			stopB()
			beatC, stopB = s.deadline(e.clk.Now(), heartbeat)
		case <-timeoutC:
			return nil, s.taskFailed(t, &asl.Error{Name: asl.ErrTimeout})
		case <-beatC:
			return nil, s.taskFailed(t, &asl.Error{Name: asl.ErrHeartbeatTimeout})
		case <-s.th.ctx.Done():
			return nil, errAborted
		}
	}
}

// deadline returns a channel firing d after from (never when d is 0).
func (s *stateRun) deadline(from time.Time, d time.Duration) (<-chan time.Time, func()) {
	if d <= 0 {
		return nil, func() {}
	}
	t := s.th.r.e.clk.NewTimer(from.Add(d).Sub(s.th.r.e.clk.Now()))
	return t.C(), func() { t.Stop() }
}

// SendTaskSuccess completes the .waitForTaskToken task holding token with
// output (JSON). It returns once the result is recorded durably.
func (e *Engine) SendTaskSuccess(ctx context.Context, token, output string) error {
	if _, err := parseJSON(output); err != nil {
		return fmt.Errorf("%w: output is not valid JSON", ErrInvalidOutput)
	}
	return e.deliver(ctx, token, callbackResult{output: output})
}

// SendTaskFailure fails the .waitForTaskToken task holding token.
func (e *Engine) SendTaskFailure(ctx context.Context, token, errName, cause string) error {
	return e.deliver(ctx, token, callbackResult{err: &asl.Error{Name: errName, Cause: cause}})
}

// SendTaskHeartbeat resets the HeartbeatSeconds timer of the task holding
// token.
func (e *Engine) SendTaskHeartbeat(ctx context.Context, token string) error {
	cb, err := e.callback(token)
	if err != nil {
		return err
	}
	select {
	case cb.heartbeat <- struct{}{}:
	default:
	}
	return nil
}

func (e *Engine) deliver(ctx context.Context, token string, res callbackResult) error {
	cb, err := e.callback(token)
	if err != nil {
		return err
	}
	res.ack = make(chan struct{})
	select {
	case cb.result <- res:
	case <-cb.done:
		return fmt.Errorf("%w: the task stopped waiting", ErrTaskTimedOut)
	case <-ctx.Done():
		return ctx.Err()
	}
	<-res.ack
	return e.store.Sync(ctx)
}

func (e *Engine) callback(token string) (*callback, error) {
	if _, err := base64.RawURLEncoding.DecodeString(token); err != nil || token == "" {
		return nil, fmt.Errorf("%w: malformed task token", ErrInvalidToken)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	cb, ok := e.tokens[token]
	if !ok {
		return nil, fmt.Errorf("%w: no task waits for this token", ErrTaskDoesNotExist)
	}
	return cb, nil
}
