package steps

import (
	"encoding/json"
	"time"

	"github.com/baton-run/baton/checkpoint"
)

// Progress is a long step's handle on its slice: it paces the chunks and
// saves the state. A Long handler calls Next before each chunk and Save
// after it; it never reads the clock.
//
// Progress is not safe for concurrent use: call it from the handler's
// goroutine.
type Progress struct {
	run   *sliceRun
	state any // *State of the running handler

	begun       bool // a chunk of this slice has started
	inChunk     bool
	chunkStart  time.Time
	saveSpent   time.Duration // checkpoint writes inside the current chunk
	lastPersist time.Time

	chunks   int64 // chunks finished, all slices
	progress checkpoint.Progress

	stopped bool  // Next returned false: the slice is over
	overrun bool  // a chunk ran past the deadline
	err     error // a save was rejected
}

// Next reports whether the handler may process one more chunk. It returns
// false when the slice's time is spent (after saving the state: return at
// once, what you return is discarded and the next slice resumes from the
// state), when the invocation's context is done, or when a save was
// rejected because a newer invocation took the step over.
func (p *Progress) Next() bool {
	if p.stopped {
		return false
	}
	now := p.run.clk.Now()
	if p.inChunk {
		p.endChunk(now)
	}
	switch {
	case !now.Before(p.run.budget.Deadline()):
		p.stopped, p.overrun = true, true
		return false
	case p.run.ctx.Err() != nil || (p.begun && !p.run.budget.Fits(now)):
		p.stop()
		return false
	}
	p.begun = true // the first chunk of a slice always starts: a slice makes progress or stalls visibly
	p.inChunk, p.chunkStart, p.saveSpent = true, p.run.clk.Now(), 0
	return true
}

// endChunk accounts for a finished chunk.
func (p *Progress) endChunk(now time.Time) {
	p.inChunk = false
	p.chunks++
	p.run.budget.ObserveChunk(now.Sub(p.chunkStart) - p.saveSpent)
}

// Save records the step's progress (done of total units; total 0 when
// unknown) at a chunk boundary: the state as it is now is consistent. The
// state is written to the checkpoint store when LongOptions.CheckpointEvery
// has passed since the last write, and always when the slice ends.
//
// A slice that resumes after one that never ended under control (a crash,
// a kill) ends at its first write: the state machine's next entry of the
// step starts a fresh retry count, so the compiled Retry's MaxAttempts
// bounds crashes without progress between them, not crashes per slice.
func (p *Progress) Save(done, total int64) {
	p.progress.Done, p.progress.Total = done, total
	if p.stopped || p.run.clk.Now().Sub(p.lastPersist) < p.run.every {
		return
	}
	start := p.run.clk.Now()
	if p.run.recovering {
		p.stop()
	} else if err := p.run.persist(p, false); err != nil {
		p.err, p.stopped = err, true
	}
	p.saveSpent += p.run.clk.Now().Sub(start)
}

// SetNote sets a free-form progress note ("file 3 of 12") saved with the
// next checkpoint.
func (p *Progress) SetNote(note string) { p.progress.Note = note }

// Slice returns the number of this slice, 0 for the first.
func (p *Progress) Slice() int { return p.run.env.Slice }

// Chunks returns how many chunks the step has finished, in all slices.
func (p *Progress) Chunks() int64 { return p.chunks }

// stop ends the slice at a chunk boundary: save the state and release the
// lease so the next slice can claim it at once.
func (p *Progress) stop() {
	p.stopped = true
	if err := p.run.persist(p, true); err != nil {
		p.err = err
	}
}

// load decodes the saved state into st, the handler's fresh *State.
func (p *Progress) load(st any) error {
	p.state = st
	if len(p.run.saved) == 0 {
		return nil
	}
	if err := json.Unmarshal(p.run.saved, st); err != nil {
		return &CheckpointError{Key: p.run.key.String(), Err: err}
	}
	return nil
}
