package clock

import (
	"sort"
	"sync"
	"time"
)

// Fake is a Clock whose time moves only when told: by Advance, or, when
// created with NewAutoFake, by itself to the earliest pending timer once no
// new timer has been made for a short real-time quiet period. The auto mode
// lets a whole execution with Wait states, retry backoff and timeouts run
// instantly while keeping the order of concurrent timers.
type Fake struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
	auto   time.Duration // quiet period before auto-advancing; 0 = manual
	gen    uint64        // bumped on every timer creation
}

// NewFake returns a manual fake clock starting at start.
func NewFake(start time.Time) *Fake { return &Fake{now: start} }

// NewAutoFake returns a fake clock starting at start that jumps to the
// earliest pending timer after 10ms of real time without new timers. The
// quiet period is how long work racing a timer (a task against its
// timeout) may take in real time before the timer wins.
func NewAutoFake(start time.Time) *Fake { return NewAutoFakeQuiet(start, 10*time.Millisecond) }

// NewAutoFakeQuiet is NewAutoFake with the given quiet period.
func NewAutoFakeQuiet(start time.Time, quiet time.Duration) *Fake {
	return &Fake{now: start, auto: quiet}
}

// Now returns the fake time.
func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// After is NewTimer(d).C().
func (f *Fake) After(d time.Duration) <-chan time.Time { return f.NewTimer(d).C() }

// NewTimer returns a timer firing when the fake time reaches Now()+d.
func (f *Fake) NewTimer(d time.Duration) Timer {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := &fakeTimer{f: f, when: f.now.Add(d), c: make(chan time.Time, 1)}
	if d <= 0 {
		t.c <- f.now
		t.fired = true
		return t
	}
	f.timers = append(f.timers, t)
	f.gen++
	if f.auto > 0 {
		gen := f.gen
		time.AfterFunc(f.auto, func() { f.autoAdvance(gen) })
	}
	return t
}

// Advance moves the time forward by d, firing the timers that come due.
func (f *Fake) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.setLocked(f.now.Add(d))
}

// Pending returns how many timers wait to fire.
func (f *Fake) Pending() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.timers)
}

func (f *Fake) autoAdvance(gen uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if gen != f.gen || len(f.timers) == 0 {
		return
	}
	earliest := f.timers[0].when
	for _, t := range f.timers[1:] {
		if t.when.Before(earliest) {
			earliest = t.when
		}
	}
	f.setLocked(earliest)
	if len(f.timers) > 0 {
		f.gen++
		g := f.gen
		time.AfterFunc(f.auto, func() { f.autoAdvance(g) })
	}
}

func (f *Fake) setLocked(now time.Time) {
	if now.After(f.now) {
		f.now = now
	}
	sort.SliceStable(f.timers, func(i, j int) bool { return f.timers[i].when.Before(f.timers[j].when) })
	keep := f.timers[:0]
	for _, t := range f.timers {
		if t.when.After(f.now) {
			keep = append(keep, t)
			continue
		}
		t.fired = true
		t.c <- f.now
	}
	f.timers = keep
}

type fakeTimer struct {
	f     *Fake
	when  time.Time
	c     chan time.Time
	fired bool
}

func (t *fakeTimer) C() <-chan time.Time { return t.c }

func (t *fakeTimer) Stop() bool {
	t.f.mu.Lock()
	defer t.f.mu.Unlock()
	if t.fired {
		return false
	}
	for i, x := range t.f.timers {
		if x == t {
			t.f.timers = append(t.f.timers[:i], t.f.timers[i+1:]...)
			break
		}
	}
	t.fired = true
	return true
}
