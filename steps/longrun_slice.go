package steps

import (
	"encoding/json"
	"time"

	"github.com/baton-run/baton/checkpoint"
)

// run calls the handler, retrying transient errors in-process from the last
// saved state, and turns the outcome into the slice's result.
func (r *sliceRun) run() ([]byte, error) {
	p := &Progress{run: r, chunks: r.meta.Chunks, lastPersist: r.clk.Now(), progress: r.rec.Progress}
	r.event(EventClaim, p)
	var out []byte
	op := func() (err error) {
		// An attempt (the first, or a retry after a transient error)
		// starts from the last saved state and progress.
		r.mu.Lock() // the watcher may be writing
		p.chunks, p.stopped, p.inChunk, p.progress = r.meta.Chunks, false, false, r.rec.Progress
		r.mu.Unlock()
		out, err = r.info.node.handler.invoke(r.ctx, r.input, p)
		if p.err != nil || p.overrun || p.stopped {
			return nil
		}
		return err
	}
	fits := func(d time.Duration) bool {
		return r.budget.Remaining(r.clk.Now()) > d+r.budget.Margin()
	}
	stop := r.watch()
	err := r.h.retry(r.ctx, r.info, op, fits)
	stop()
	if err != nil {
		return nil, r.release(err)
	}
	return r.finish(p, out)
}

// finish returns the slice's result: continue, renew, or done.
func (r *sliceRun) finish(p *Progress, out []byte) ([]byte, error) {
	if p.inChunk && !p.stopped {
		p.endChunk(r.clk.Now())
	}
	if !r.clk.Now().Before(r.budget.Deadline()) {
		r.markOverrun()
	}
	switch {
	case p.err != nil:
		return nil, p.err
	case p.overrun:
		return nil, &SliceTimeoutError{Step: r.info.path, Deadline: r.budget.Deadline()}
	case p.stopped:
		return r.next(p)
	}
	rec, err := r.h.store.Complete(r.ctx, r.withProgress(p), out)
	if err != nil {
		return nil, r.storeErr(err)
	}
	r.rec = rec
	r.event(EventDone, p)
	return r.done(out)
}

// withProgress returns the record with the handler's final progress.
func (r *sliceRun) withProgress(p *Progress) checkpoint.Record {
	rec := r.rec
	rec.Progress = p.progress
	return rec
}

// next returns "continue" (or "renew" past MaxSlicesPerExecution) with the
// envelope the next slice starts from.
func (r *sliceRun) next(p *Progress) ([]byte, error) {
	r.event(EventContinue, p)
	ref := r.env
	ref.Slice++
	status := statusContinue
	if !r.h.opts.NoRenew && ref.Slice-ref.From >= r.h.wf.opts.MaxSlicesPerExecution && r.info.path == r.info.node.name {
		status, ref.From = statusRenew, ref.Slice
	}
	return json.Marshal(result{Status: status, Output: envelope{Slice: ref, Input: r.input}, Progress: progressOf(p.progress)})
}

// done returns the step's output as a finished result.
func (r *sliceRun) done(out []byte) ([]byte, error) {
	return json.Marshal(result{Status: statusDone, Output: json.RawMessage(out), Progress: progressOf(r.rec.Progress)})
}

// event reports to the observer.
func (r *sliceRun) event(kind EventKind, p *Progress) {
	now := r.clk.Now()
	r.h.opts.Observe(Event{Kind: kind, Workflow: r.h.wf.name, Step: r.info.path, Job: r.env.Job,
		Slice: r.env.Slice, Progress: p.progress, Chunks: p.chunks,
		Work: now.Sub(r.start), Budget: r.budget.Deadline().Sub(r.start)})
}
