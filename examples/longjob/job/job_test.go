package job

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/steps/steptest"
)

// The job needs several times the (scaled) Lambda timeout: it finishes on
// the local engine with exactly the reference result, in at least three
// slices, and no invocation outlives its timeout (measured around each
// call, independently of the runtime's own accounting).
func TestJobAcrossSlices(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and aggregates three million rows")
	}
	const timeout = 400 * time.Millisecond
	in := Input{Rows: 3_000_000, Seed: 42, Dir: t.TempDir(), ChunkRows: 20_000}
	e := steptest.New(t, Workflow(), &steptest.Options{Clock: clock.Real, Timeout: timeout})
	res := e.Run("job-42", in)
	if res.Status != "SUCCEEDED" {
		t.Fatalf("status %s: %s %s", res.Status, res.Error, res.Cause)
	}
	var got Summary
	if err := json.Unmarshal(res.Output, &got); err != nil {
		t.Fatal(err)
	}
	want := reference(in.Rows, in.Seed)
	want.Input = in
	if !reflect.DeepEqual(got.Report, want) {
		t.Errorf("report differs from the reference:\n got %+v\nwant %+v", got.Report, want)
	}
	var work, longest time.Duration
	var slices, cut int
	for _, c := range e.Calls("aggregate") {
		work += c.Duration
		if c.Err != nil {
			cut++ // a chunk overran the deadline: on Lambda, a kill; the result is discarded and the slice retried
			continue
		}
		slices, longest = slices+1, max(longest, c.Duration)
	}
	// Every slice whose result counts returned before its deadline; allow
	// only for the engine's bookkeeping around the call and for a machine
	// shared with other test processes (the fake-clock tests in package
	// steps pin the runtime's own arithmetic exactly).
	if tolerance := 50 * time.Millisecond; longest > timeout+tolerance {
		t.Errorf("the longest aggregate slice took %s, past the %s timeout", longest, timeout)
	}
	// Three slices: two cut at the deadline and a last one of any length
	// (on an idle machine the job needs little more than two timeouts).
	if slices < 3 || work < 2*timeout {
		t.Errorf("aggregate: %d slices, %s of work; want ≥ 3 slices and ≥ 2× the timeout", slices, work)
	}
	t.Logf("aggregate: %d slices (+%d cut short by an overrun), %s of work under a %s timeout (longest %s); generate: %d invocations",
		slices, cut, work, timeout, longest, e.Invocations("generate"))
}
