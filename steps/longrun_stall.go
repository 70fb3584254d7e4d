package steps

import (
	"context"
	"time"

	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/steps/internal/budget"
)

// checkStall counts slices that spent their budget without saving a
// finished chunk, and fails the step after MaxStalledSlices of them in a
// row. A slice found pending (it never ended under control) counts only
// when it recorded that it was exhausted (watch, markOverrun): one killed
// or crashed earlier says nothing about its chunk, however late its retry
// comes, so it neither counts nor resets the count.
func (r *sliceRun) checkStall() error {
	p := r.meta.Pending
	switch {
	case p == nil || p.Chunk != r.meta.Chunks:
		r.meta.Stalls = 0
		return nil
	case !p.Exhausted:
		return nil // cut short
	}
	r.meta.Stalls++
	limit := r.info.node.long.MaxStalledSlices
	if limit <= 0 {
		limit = 3
	}
	if r.meta.Stalls < limit {
		return nil
	}
	return &NoProgressError{Step: r.info.path, Chunk: p.Chunk, Slices: r.meta.Stalls,
		Elapsed: p.Deadline.Sub(p.Started), Budget: p.Deadline.Sub(p.Started)}
}

// exhaustLead is how long before its deadline a slice still running
// counts as having spent its budget: a twentieth of the timeout, or more
// when the write that records it needs more (it must land before Lambda
// kills the function at the deadline).
func (r *sliceRun) exhaustLead() time.Duration {
	timeout := r.h.timeout(r.info)
	return max(timeout/20, budget.Safety(timeout)+2*r.budget.SlowestSave())
}

// watch marks the pending slice exhausted if it is still running
// exhaustLead before its deadline; the returned func stops it. Only on
// the real clock: where a process is killed at its deadline (Lambda). On a
// fake clock nothing kills an overrunning slice, which markOverrun
// records; and a fake clock that fires pending timers when idle must not
// jump to this one.
func (r *sliceRun) watch() (stop func()) {
	if r.clk != clock.Real {
		return func() {}
	}
	t := r.clk.NewTimer(r.budget.Deadline().Sub(r.clk.Now()) - r.exhaustLead())
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		select {
		case <-t.C():
			r.mu.Lock()
			defer r.mu.Unlock()
			r.markExhausted(r.ctx, false)
		case <-quit:
		}
	}()
	return func() {
		t.Stop()
		close(quit)
		<-done
	}
}

// markExhausted records in the pending mark that the slice spent its
// budget; best effort (a failed write leaves no evidence: the slice is
// then not counted as stalled).
func (r *sliceRun) markExhausted(ctx context.Context, release bool) {
	if r.meta.Pending == nil || r.meta.Pending.Exhausted && !release {
		return
	}
	r.meta.Pending.Exhausted = true
	r.writeCtx(ctx, release)
}

// markOverrun records, after a chunk ran past the deadline (in-process:
// Lambda would have killed the function), that the slice was exhausted,
// and releases the lease so the retry can claim at once. The lease has
// expired, so the checkpoint is claimed again first: only if nobody wrote
// it since this slice's last write.
func (r *sliceRun) markOverrun() {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.ctx), 10*time.Second)
	defer cancel()
	rec, err := r.h.store.Claim(ctx, r.key, r.owner, r.clk.Now().Add(time.Minute))
	switch {
	case err != nil || rec.Done:
		return
	case rec.Version != r.rec.Version+1:
		r.h.store.Release(ctx, rec) // another invocation's write: leave it as it is
		return
	}
	r.rec = rec
	r.markExhausted(ctx, true)
}
