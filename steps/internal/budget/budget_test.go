package budget

import (
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestSafety(t *testing.T) {
	for _, tc := range []struct{ timeout, want time.Duration }{
		{time.Second, 10 * time.Millisecond},
		{5 * time.Second, 25 * time.Millisecond},
		{30 * time.Second, 150 * time.Millisecond},
		{900 * time.Second, time.Second},
	} {
		if got := Safety(tc.timeout); got != tc.want {
			t.Errorf("Safety(%s) = %s, want %s", tc.timeout, got, tc.want)
		}
	}
}

func TestFitsKeepsRoomForTheLongestChunkAndTheFinalSave(t *testing.T) {
	b := New(t0.Add(5*time.Second), 5*time.Second) // safety 25ms
	b.ObserveChunk(100 * time.Millisecond)
	b.ObserveChunk(200 * time.Millisecond) // longest: margin 250ms
	b.ObserveSave(20 * time.Millisecond)   // final save: 40ms
	margin := 250*time.Millisecond + 40*time.Millisecond + 25*time.Millisecond
	if b.Margin() != margin {
		t.Fatalf("Margin = %s, want %s", b.Margin(), margin)
	}
	cases := []struct {
		left time.Duration
		want bool
	}{{margin + time.Millisecond, true}, {margin, false}, {time.Millisecond, false}}
	for _, tc := range cases {
		if got := b.Fits(t0.Add(5*time.Second - tc.left)); got != tc.want {
			t.Errorf("Fits with %s left = %v, want %v", tc.left, got, tc.want)
		}
	}
}

func TestOldChunksLeaveTheWindow(t *testing.T) {
	b := New(t0.Add(time.Minute), time.Minute)
	b.ObserveChunk(time.Second)
	for range window {
		b.ObserveChunk(10 * time.Millisecond)
	}
	if got := b.Margin() - Safety(time.Minute); got != 12500*time.Microsecond {
		t.Errorf("margin after the slow chunk left the window: %s, want 12.5ms", got)
	}
}

func TestSeedOnlyUntilThisSliceWrites(t *testing.T) {
	b := New(t0.Add(time.Minute), time.Minute)
	b.Seed(300 * time.Millisecond)
	if b.SlowestSave() != 300*time.Millisecond {
		t.Errorf("SlowestSave before any write = %s, want the seed", b.SlowestSave())
	}
	b.ObserveSave(5 * time.Millisecond)
	if b.SlowestSave() != 5*time.Millisecond {
		t.Errorf("SlowestSave = %s, want this slice's 5ms (the seed must not ratchet)", b.SlowestSave())
	}
}
