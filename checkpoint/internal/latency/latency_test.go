package latency

import (
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	var r Recorder
	for i := 100; i >= 1; i-- { // unsorted input
		r.samples = append(r.samples, time.Duration(i))
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{0, 1}, {50, 50}, {99, 99}, {100, 100}} {
		if got := r.Percentile(c.p); got != c.want {
			t.Errorf("Percentile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
	if got := (&Recorder{}).Percentile(50); got != 0 {
		t.Errorf("empty Percentile = %v", got)
	}
}
