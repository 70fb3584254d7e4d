package steps_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/steps"
)

// BenchmarkSliceUtilisation runs one slice of a long step under a real
// timeout of 2 s, 5 s and 30 s, with 2 ms chunks and real SQLite
// checkpoints, and reports utilisation: the time spent in chunks over the
// timeout. The 30 s case also reports the extrapolation to Lambda's 900 s:
// the slice's fixed overhead (claim, writes, the last chunk's margin) stays
// the same while the safety grows to its 1 s cap.
func BenchmarkSliceUtilisation(b *testing.B) {
	for _, timeout := range []time.Duration{2 * time.Second, 5 * time.Second, 30 * time.Second} {
		b.Run(timeout.String(), func(b *testing.B) {
			var util, fixed float64
			var slice time.Duration
			for range b.N {
				var work time.Duration
				work, slice = runOneSlice(b, timeout)
				util = float64(work) / float64(timeout)
				fixed = float64(timeout - work - safety(timeout))
			}
			b.ReportMetric(100*util, "util%")
			b.ReportMetric(float64(slice.Milliseconds()), "slice-ms")
			if timeout == 30*time.Second {
				t900 := 900 * time.Second
				b.ReportMetric(100*(1-(fixed+float64(safety(t900)))/float64(t900)), "util900s%")
			}
		})
	}
}

// safety is the runtime's fixed margin for a timeout (budget.Safety).
func safety(timeout time.Duration) time.Duration {
	return min(max(timeout/200, 10*time.Millisecond), time.Second)
}

// runOneSlice invokes a long step that has more work than fits and returns
// the time its chunks took and how long the invocation took.
func runOneSlice(b *testing.B, timeout time.Duration) (time.Duration, time.Duration) {
	var work time.Duration
	chunk := func(_ context.Context, in counter, st *cursor, p *steps.Progress) (counter, error) {
		for p.Next() {
			start := time.Now()
			time.Sleep(2 * time.Millisecond)
			st.Next++
			work += time.Since(start)
			p.Save(st.Next, 0)
		}
		return counter{}, nil
	}
	wf := steps.New("util", &steps.WorkflowOptions{Function: steps.Function{Timeout: timeout}}).
		Add(steps.Long("work", chunk, nil))
	h, err := steps.NewHandler(wf, openStore(b, clock.Real), nil)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	out, err := invoke(ctx, h, "work", fmt.Sprint("util-", timeout), counter{})
	if err != nil || !json.Valid(out) {
		b.Fatalf("slice: %s %v", out, err)
	}
	return work, time.Since(start)
}

// BenchmarkCheckpointOverheadPerSlice measures what the runtime adds to one
// slice on SQLite: claim, the pending mark, and the final save that
// releases the lease (each slice here runs one chunk of no work).
func BenchmarkCheckpointOverheadPerSlice(b *testing.B) {
	clk := clock.NewFake(epoch)
	oneChunk := func(_ context.Context, in counter, st *cursor, p *steps.Progress) (counter, error) {
		for p.Next() {
			clk.Advance(900 * time.Millisecond) // most of the budget: the slice ends after this chunk
			st.Next++
			p.Save(st.Next, 0)
		}
		return counter{}, nil
	}
	wf := steps.New("overhead", &steps.WorkflowOptions{Function: steps.Function{Timeout: time.Second}}).
		Add(steps.Long("work", oneChunk, nil))
	h, err := steps.NewHandler(wf, openStore(b, clk), &steps.HandlerOptions{Clock: clk})
	if err != nil {
		b.Fatal(err)
	}
	in := any(counter{})
	b.ResetTimer()
	for range b.N {
		out, err := invoke(context.Background(), h, "work", "overhead", in)
		if err != nil {
			b.Fatal(err)
		}
		var r sliceResult
		json.Unmarshal(out, &r)
		in = r.Output
	}
}
