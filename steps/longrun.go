package steps

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"sync"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/steps/internal/budget"
	"github.com/baton-run/baton/steps/internal/slicestate"
)

// envelope is the input of every slice after the first: where the step
// stands, and its original input.
type envelope struct {
	Slice sliceRef        `json:"batonSlice"`
	Input json.RawMessage `json:"input"`
}

// sliceRef names the slice a continued invocation runs.
type sliceRef struct {
	Step  string `json:"step"`
	Job   string `json:"job"`
	Slice int    `json:"slice"`
	From  int    `json:"from"` // the first slice of this execution
}

// result is what a long step's invocation returns to the compiled Choice.
type result struct {
	Status   string        `json:"status"`
	Output   any           `json:"output"`
	Progress *progressJSON `json:"progress,omitempty"`
}

// progressJSON is checkpoint.Progress as a result shows it.
type progressJSON struct {
	Done  int64  `json:"done"`
	Total int64  `json:"total,omitempty"`
	Note  string `json:"note,omitempty"`
}

func progressOf(p checkpoint.Progress) *progressJSON {
	return &progressJSON{Done: p.Done, Total: p.Total, Note: p.Note}
}

type meta = slicestate.Meta

// sliceRun is one invocation of a long step.
type sliceRun struct {
	h     *Handler
	info  *stepInfo
	ctx   context.Context
	clk   clock.Clock
	env   sliceRef
	input json.RawMessage
	key   checkpoint.Key
	owner string
	entry string // the Task state entry: a prefix of owner ("" when unknown)
	// recovering: the last slice never ended under control (killed,
	// crashed, overran); this one hands back at its first checkpoint.
	recovering bool
	mu         sync.Mutex // r.rec and r.meta while the watcher runs
	rec        checkpoint.Record
	meta       meta
	saved      json.RawMessage // the user's state as last written
	budget     *budget.Budget
	every      time.Duration
	start      time.Time
}

// runLong runs one slice of a long step.
func (h *Handler) runLong(ctx context.Context, info *stepInfo, p Payload) ([]byte, error) {
	r, err := h.newSlice(ctx, info, p)
	if err != nil {
		return nil, err
	}
	if err := r.claim(); err != nil {
		return nil, err
	}
	if r.rec.Done {
		r.event(EventDone, &Progress{progress: r.rec.Progress})
		return r.done(r.rec.Output)
	}
	if err := r.begin(); err != nil {
		return nil, err
	}
	return r.run()
}

// newSlice decodes the payload: a fresh input or a continuation envelope.
func (h *Handler) newSlice(ctx context.Context, info *stepInfo, p Payload) (*sliceRun, error) {
	r := &sliceRun{h: h, info: info, ctx: ctx, clk: h.opts.Clock, input: p.Input, entry: entryTag(p.Execution, p.Entered)}
	r.owner = r.entry + checkpoint.NewOwner()
	var env envelope
	if json.Unmarshal(p.Input, &env) == nil && env.Slice.Step == info.node.name && env.Slice.Job != "" {
		r.env, r.input = env.Slice, env.Input
	} else {
		r.env = sliceRef{Step: info.node.name, Job: jobOr(info.node.handler.jobID(p.Input), p.Execution)}
	}
	if r.env.Job == "" {
		return nil, &InputError{Type: "steps.Payload", Err: "no job id: no execution name in the payload and the input names no job"}
	}
	r.key = checkpoint.Key{Job: r.env.Job, Step: info.path}
	if info.inMap {
		r.key.Item = itemKey(r.input)
	}
	r.start = r.clk.Now()
	r.budget = budget.New(h.deadline(ctx, info), h.timeout(info))
	r.every = info.node.long.CheckpointEvery
	if r.every <= 0 {
		r.every = max(h.timeout(info)/10, time.Second)
	}
	return r, nil
}

func jobOr(named, execution string) string {
	if named != "" {
		return named
	}
	return execution
}

// itemKey names a Map item by its content: the same item always maps to the
// same checkpoint, whatever its index.
func itemKey(input []byte) string {
	var v any
	if json.Unmarshal(input, &v) == nil {
		input, _ = json.Marshal(v) // canonical: sorted keys
	}
	sum := sha256.Sum256(input)
	return hex.EncodeToString(sum[:8])
}

// storeErr names a store failure by its ASL error type.
func (r *sliceRun) storeErr(err error) error {
	var held *LeaseHeldError
	switch {
	case errors.As(err, &held):
		return held
	case errors.Is(err, checkpoint.ErrLeaseHeld):
		return &LeaseHeldError{Key: r.key.String()}
	case errors.Is(err, checkpoint.ErrLeaseLost), errors.Is(err, checkpoint.ErrConflict):
		return &LeaseLostError{Key: r.key.String(), Detail: err.Error()}
	case errors.Is(err, checkpoint.ErrTooLarge):
		return &StateTooLargeError{Key: r.key.String(), Detail: err.Error()}
	}
	return &CheckpointError{Key: r.key.String(), Err: err}
}

// begin decodes the checkpoint, fails a stalled step, and marks this slice
// pending (so a kill is noticed by the next claim).
func (r *sliceRun) begin() error {
	m, err := slicestate.Decode(r.rec.State)
	if err != nil {
		return &CheckpointError{Key: r.key.String(), Err: err}
	}
	r.meta = m
	r.saved = r.meta.State
	r.budget.Seed(m.SaveMax)
	r.recovering = m.Pending != nil
	if err := r.checkStall(); err != nil {
		r.release(nil)
		return err
	}
	r.meta.Pending = &slicestate.Pending{Chunk: r.meta.Chunks, Started: r.start, Deadline: r.budget.Deadline()}
	start := r.clk.Now()
	err = r.write(false)
	r.budget.ObserveSave(r.clk.Now().Sub(start))
	return err
}

// write stores r.meta in the checkpoint: a fenced save, or a save that also
// releases the lease.
func (r *sliceRun) write(release bool) error { return r.writeCtx(r.ctx, release) }

// writeCtx is write under ctx.
func (r *sliceRun) writeCtx(ctx context.Context, release bool) error {
	state, err := json.Marshal(r.meta)
	if err != nil {
		return &CheckpointError{Key: r.key.String(), Err: err}
	}
	var rec checkpoint.Record
	if release {
		next := r.rec
		next.State = state
		rec, err = r.h.store.Release(ctx, next)
	} else {
		rec, err = r.h.store.Save(ctx, r.rec, state, r.rec.Progress)
	}
	if err != nil {
		return r.storeErr(err)
	}
	r.rec = rec
	return nil
}

// persist writes the handler's current state with its progress.
func (r *sliceRun) persist(p *Progress, release bool) error {
	r.mu.Lock() // the watcher may mark the slice exhausted meanwhile
	defer r.mu.Unlock()
	st, err := json.Marshal(p.state)
	if err != nil {
		return &CheckpointError{Key: r.key.String(), Err: err}
	}
	start := r.clk.Now()
	prev, prevProgress := r.meta, r.rec.Progress
	r.meta.State, r.meta.Chunks, r.rec.Progress = st, p.chunks, p.progress
	r.meta.SaveMax = r.budget.SlowestSave()
	if release {
		r.meta.Pending = nil
	}
	if err := r.write(release); err != nil {
		r.meta, r.rec.Progress = prev, prevProgress // as stored
		return err
	}
	r.saved, p.lastPersist = st, r.clk.Now()
	r.budget.ObserveSave(p.lastPersist.Sub(start))
	if !release {
		r.event(EventSave, p)
	}
	return nil
}

// release gives the lease up after an error, clearing the pending mark
// (the slice ended under control) and keeping the last saved state.
func (r *sliceRun) release(err error) error {
	r.meta.Pending = nil
	if werr := r.write(true); werr != nil && err == nil {
		return werr
	}
	return err
}
