package steps

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/internal/clock"
	sm "github.com/baton-run/baton/statemachines"
	"github.com/baton-run/baton/steps/internal/retry"
)

// HandlerOptions configure a Handler. A nil *HandlerOptions means all
// defaults.
type HandlerOptions struct {
	// Clock paces slices and retries. Defaults to the real clock. With any
	// other clock the slice deadline is Now + the function's timeout (a
	// context deadline, which is real time, is ignored).
	Clock clock.Clock
	// Observe is called for each slice event (claim, save, continue, done,
	// retry), from the invoking goroutine. Defaults to none.
	Observe func(Event)
	// Rand returns numbers in [0, 1) for retry jitter. Defaults to
	// math/rand/v2.
	Rand func() float64
	// Timeout replaces every function's timeout, e.g. a scaled-down
	// Lambda limit for a local run. Defaults to 0: each function's own.
	Timeout time.Duration
	// NoRenew never answers "renew" (continue as a new execution): the
	// whole step runs in one execution, which then risks Step Functions'
	// 25,000-event history limit (the local engine enforces it too).
	// Defaults to false: renew past MaxSlicesPerExecution.
	NoRenew bool
}

func (o *HandlerOptions) withDefaults() HandlerOptions {
	var v HandlerOptions
	if o != nil {
		v = *o
	}
	v.Clock = clock.OrReal(v.Clock)
	if v.Observe == nil {
		v.Observe = func(Event) {}
	}
	if v.Rand == nil {
		v.Rand = rand.Float64
	}
	return v
}

// Handler serves a workflow's steps: it is the function behind the
// workflow's Task states, on Lambda (lambda.Start(h)) and in the local
// engine, which calls Invoke the way the Lambda runtime does.
type Handler struct {
	wf    *Workflow
	c     *compiled
	store *checkpoint.Store
	opts  HandlerOptions
}

// NewHandler compiles wf and returns its handler. store keeps the long
// steps' checkpoints; it may be nil for a workflow without long steps.
func NewHandler(wf *Workflow, store *checkpoint.Store, opts *HandlerOptions) (*Handler, error) {
	c, err := wf.build()
	if err != nil {
		return nil, err
	}
	if store == nil && hasLong(c) {
		return nil, errors.New("steps: workflow " + wf.name + " has long steps: NewHandler needs a checkpoint store")
	}
	return &Handler{wf: wf, c: c, store: store, opts: opts.withDefaults()}, nil
}

func hasLong(c *compiled) bool {
	for _, s := range c.steps {
		if s.node.kind == kindLong {
			return true
		}
	}
	return false
}

// Payload is what a compiled Task state sends the function.
type Payload struct {
	Step      string `json:"step"`
	Execution string `json:"execution,omitempty"` // long steps: $$.Execution.Name
	// Entered is $$.State.EnteredTime (long steps): with Execution it names
	// the Task state's entry, which every retry of the entry shares, so a
	// retry takes over the lease of its killed predecessor at once.
	Entered string          `json:"entered,omitempty"`
	Input   json.RawMessage `json:"input"`
}

// PayloadStep returns the step a payload names.
func PayloadStep(payload []byte) (string, error) {
	var p struct {
		Step string `json:"step"`
	}
	if err := json.Unmarshal(payload, &p); err != nil {
		return "", &InputError{Type: "steps.Payload", Err: err.Error()}
	}
	return p.Step, nil
}

// Invoke runs the step the payload names and returns its JSON output. The
// error, when not nil, is the step's own error value (its Go type name is
// its ASL error name) or one of this package's error types.
func (h *Handler) Invoke(ctx context.Context, payload []byte) ([]byte, error) {
	var p Payload
	if err := json.Unmarshal(payload, &p); err != nil {
		return nil, &InputError{Type: "steps.Payload", Err: err.Error()}
	}
	info := h.c.steps[p.Step]
	if info == nil {
		return nil, &UnknownStepError{Workflow: h.wf.name, Step: p.Step}
	}
	ctx, cancel := h.withDeadline(ctx, info)
	defer cancel()
	if info.node.kind == kindLong {
		return h.runLong(ctx, info, p)
	}
	return h.runTask(ctx, info, p.Input)
}

// withDeadline gives ctx the invocation's deadline: the context's own
// (set by the Lambda runtime) with the real clock, else Now + timeout.
func (h *Handler) withDeadline(ctx context.Context, info *stepInfo) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok && h.opts.Clock == clock.Real {
		return context.WithCancel(ctx)
	}
	if h.opts.Clock == clock.Real {
		return context.WithTimeout(ctx, h.timeout(info))
	}
	return context.WithCancel(ctx)
}

// deadline returns when the invocation must have returned.
func (h *Handler) deadline(ctx context.Context, info *stepInfo) time.Time {
	if d, ok := ctx.Deadline(); ok && h.opts.Clock == clock.Real {
		return d
	}
	return h.opts.Clock.Now().Add(h.timeout(info))
}

// runTask runs a Task step, retrying transient errors in-process while the
// invocation's time allows.
func (h *Handler) runTask(ctx context.Context, info *stepInfo, input []byte) ([]byte, error) {
	var out []byte
	op := func() (err error) {
		out, err = info.node.handler.invoke(ctx, input, nil)
		return err
	}
	deadline := h.deadline(ctx, info)
	fits := func(d time.Duration) bool { return h.opts.Clock.Now().Add(d).Before(deadline) }
	return out, h.retry(ctx, info, op, fits)
}

// retry runs op under the step's RetryPolicy (no retries without one).
func (h *Handler) retry(ctx context.Context, info *stepInfo, op func() error, fits func(time.Duration) bool) error {
	pol := info.node.retry
	if pol == nil {
		return op()
	}
	p := pol.withDefaults()
	b := &retry.BackOff{Policy: retry.Policy{Initial: p.Interval, Rate: p.BackoffRate, Max: p.MaxDelay,
		Attempts: p.MaxAttempts, Jitter: p.Jitter}, Fits: fits, Rand: h.opts.Rand}
	notify := func(err error, d time.Duration) {
		h.opts.Observe(Event{Kind: EventRetry, Workflow: h.wf.name, Step: info.path, Err: err, Delay: d})
	}
	return retry.Do(ctx, h.opts.Clock, b, op, func(err error) bool { return retryable(p, err) }, notify)
}

// retryable reports whether the policy retries err in-process. The
// runtime's own errors are left to the state machine.
func retryable(p RetryPolicy, err error) bool {
	name := ErrorName(err)
	if slices.Contains(permanentErrors, name) || slices.Contains(resumeErrors, name) || slices.Contains(leaseErrors, name) {
		return false
	}
	return slices.Contains(p.Errors, name) || slices.Contains(p.Errors, sm.ErrAll) ||
		slices.Contains(p.Errors, sm.ErrTaskFailed)
}

// timeout returns the invocation timeout of a step's function.
func (h *Handler) timeout(info *stepInfo) time.Duration {
	if h.opts.Timeout > 0 {
		return h.opts.Timeout
	}
	return info.function.Timeout
}
