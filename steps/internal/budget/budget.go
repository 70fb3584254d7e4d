// Package budget decides, at each chunk boundary of a long step's slice,
// whether another chunk and the final save still fit before the invocation's
// deadline. The margin it keeps adapts to what it has observed: the longest
// recent chunk and the slowest recent save, plus a small fixed safety.
package budget

import "time"

// window is how many recent observations the estimates look at.
const window = 8

// Budget tracks one slice. The zero value is not usable; use New.
type Budget struct {
	deadline time.Time
	safety   time.Duration
	chunks   ring
	saves    ring
	seedSave time.Duration // the previous slice's slowest write
}

// New returns the budget of a slice that must end by deadline, for a
// function whose timeout is timeout. The safety kept for returning the
// response is timeout/200, between 10 ms and 1 s.
func New(deadline time.Time, timeout time.Duration) *Budget {
	return &Budget{deadline: deadline, safety: Safety(timeout)}
}

// Safety returns the fixed part of the margin for a timeout.
func Safety(timeout time.Duration) time.Duration {
	return min(max(timeout/200, 10*time.Millisecond), time.Second)
}

// Seed starts the save estimate from the previous slice's slowest write,
// so the final save is accounted for before this slice has written. (No
// chunk seed: the first chunk of a slice always runs, and is measured.)
func (b *Budget) Seed(save time.Duration) { b.seedSave = save }

// SlowestSave returns the slowest write this slice has made (the seed when
// it has made none), for the next slice's Seed. The seed does not carry
// over otherwise, so one slow write does not inflate every later margin.
func (b *Budget) SlowestSave() time.Duration {
	if b.saves.n == 0 {
		return b.seedSave
	}
	return b.saves.max()
}

// ObserveChunk records how long one chunk took (its saves excluded).
func (b *Budget) ObserveChunk(d time.Duration) { b.chunks.add(d) }

// ObserveSave records how long one checkpoint write took.
func (b *Budget) ObserveSave(d time.Duration) { b.saves.add(d) }

// Margin is the time the slice must have left before starting a chunk: the
// expected chunk (the longest recent one, plus a quarter), the expected
// final save (the slowest recent one, doubled), and the safety.
func (b *Budget) Margin() time.Duration {
	return b.chunks.max()*5/4 + 2*max(b.saves.max(), b.seedSave) + b.safety
}

// Fits reports whether another chunk may start at now.
func (b *Budget) Fits(now time.Time) bool {
	return b.deadline.Sub(now) > b.Margin()
}

// Remaining returns the time left until the deadline minus the safety.
func (b *Budget) Remaining(now time.Time) time.Duration {
	return b.deadline.Sub(now) - b.safety
}

// Deadline returns the slice's deadline.
func (b *Budget) Deadline() time.Time { return b.deadline }

// ring holds the last window observations.
type ring struct {
	vals [window]time.Duration
	n    int
}

func (r *ring) add(d time.Duration) {
	r.vals[r.n%window] = d
	r.n++
}

func (r *ring) max() time.Duration {
	var m time.Duration
	for _, v := range r.vals[:min(r.n, window)] {
		m = max(m, v)
	}
	return m
}
