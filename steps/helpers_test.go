package steps_test

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/sqlitestore"
	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/steps"
)

var epoch = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// openStore opens a real SQLite checkpoint store in the test's temp dir on
// the given clock.
func openStore(t testing.TB, clk clock.Clock) *checkpoint.Store {
	t.Helper()
	s, err := sqlitestore.Open(filepath.Join(t.TempDir(), "checkpoints.db"), &checkpoint.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// sliceResult is a long step's invocation result.
type sliceResult struct {
	Status   string                      `json:"status"`
	Output   json.RawMessage             `json:"output"`
	Progress struct{ Done, Total int64 } `json:"progress"`
}

// invoke calls the handler like a compiled Task state would.
func invoke(ctx context.Context, h *steps.Handler, step, execution string, input any) (json.RawMessage, error) {
	in, err := json.Marshal(input)
	if err != nil {
		return nil, err
	}
	payload, _ := json.Marshal(steps.Payload{Step: step, Execution: execution, Input: in})
	return h.Invoke(ctx, payload)
}

// drive runs a long step to the end the way the compiled slice loop does:
// invoke; on "continue" invoke again with the envelope; on an error the
// compiled Retry resumes (after retryDelay on the clock) unless the error
// is permanent. It returns the output and the number of invocations.
func drive(t testing.TB, h *steps.Handler, clk *clock.Fake, step, execution string, input any) (json.RawMessage, int, error) {
	t.Helper()
	in := any(input)
	for n := 1; n < 1000; n++ {
		out, err := invoke(context.Background(), h, step, execution, in)
		if err != nil {
			if !resumable(err) {
				return nil, n, err
			}
			clk.Advance(time.Second)
			continue
		}
		var r sliceResult
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatalf("invocation %d returned %s: %v", n, out, err)
		}
		if r.Status == "done" {
			return r.Output, n, nil
		}
		if r.Status != "continue" {
			t.Fatalf("invocation %d: status %q, want continue or done", n, r.Status)
		}
		in = r.Output
	}
	t.Fatal("the step did not finish in 1000 invocations")
	return nil, 0, nil
}

// resumable reports whether the compiled Retry of a long step retries err.
func resumable(err error) bool {
	var (
		timeout *steps.SliceTimeoutError
		held    *steps.LeaseHeldError
		lost    *steps.LeaseLostError
	)
	return errors.As(err, &timeout) || errors.As(err, &held) || errors.As(err, &lost)
}
