// Package latency records per-operation latencies inside a benchmark and
// reports their percentiles with b.ReportMetric.
package latency

import (
	"slices"
	"testing"
	"time"
)

// Recorder collects one sample per timed operation.
type Recorder struct {
	samples []time.Duration
}

// Time runs op and records how long it took.
func (r *Recorder) Time(op func()) {
	start := time.Now()
	op()
	r.samples = append(r.samples, time.Since(start))
}

// Percentile returns the p-th percentile (0..100) of the samples, 0 when
// there are none.
func (r *Recorder) Percentile(p float64) time.Duration {
	if len(r.samples) == 0 {
		return 0
	}
	s := slices.Clone(r.samples)
	slices.Sort(s)
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}

// Report adds p50 and p99 in microseconds to b's results.
func (r *Recorder) Report(b *testing.B) {
	b.ReportMetric(float64(r.Percentile(50))/1e3, "p50-µs")
	b.ReportMetric(float64(r.Percentile(99))/1e3, "p99-µs")
}

// Compare times base and op alternately (swapping which goes first every
// iteration, so load drift on a shared machine hits both alike) for b.N
// iterations, and reports both distributions and op's p50 and p99 as
// multiples of base's.
func Compare(b *testing.B, base, op func()) {
	var rb, ro Recorder
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			rb.Time(base)
			ro.Time(op)
		} else {
			ro.Time(op)
			rb.Time(base)
		}
	}
	ro.Report(b)
	b.ReportMetric(float64(rb.Percentile(50))/1e3, "base-p50-µs")
	b.ReportMetric(float64(rb.Percentile(99))/1e3, "base-p99-µs")
	b.ReportMetric(ratio(ro.Percentile(50), rb.Percentile(50)), "x-base-p50")
	b.ReportMetric(ratio(ro.Percentile(99), rb.Percentile(99)), "x-base-p99")
}

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
