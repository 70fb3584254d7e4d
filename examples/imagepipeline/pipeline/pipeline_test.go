package pipeline

import (
	"errors"
	"fmt"
	"image"
	"os"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/steps"
	"github.com/baton-run/baton/steps/steptest"
)

// retryCounter counts the in-process retries of each step.
type retryCounter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *retryCounter) observe(ev steps.Event) {
	if ev.Kind == steps.EventRetry {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.n[ev.Step]++
	}
}

// The pipeline end to end on the local engine (fake clock): the summary is
// exactly the reference's, and the faults take the paths they should.
func TestPipeline(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		in            Input
		status, error string
		fetches       int // invocations of fetch (ASL retries add one each); -1: any
		retries       int // in-process retries of fetch
		sheets        int // invocations of the contact sheet
	}{
		{name: "clean", in: Input{Seed: 1, Images: 5, Size: 64, Thumb: 16},
			status: "SUCCEEDED", fetches: 5, sheets: 1},
		// Image 1 is throttled twice: retried in-process. Image 8 is
		// throttled five times: three in-process retries, then the
		// state machine's Retry invokes fetch again, whose own first
		// retry succeeds.
		{name: "faults", in: Input{Seed: 7, Images: 10, Corrupt: []int{3}, Missing: []int{5}, Throttle: map[int]int{1: 2, 8: 5}},
			status: "SUCCEEDED", fetches: 11, retries: 2 + 3 + 1, sheets: 1},
		{name: "all corrupt: no contact sheet", in: Input{Seed: 3, Images: 3, Corrupt: []int{0, 1, 2}},
			status: "SUCCEEDED", fetches: 3},
		// The third failure exceeds the tolerance and aborts the Map:
		// how many other fetches ran by then is up to the scheduler.
		{name: "too many missing", in: Input{Seed: 4, Images: 6, Missing: []int{0, 2, 4}},
			status: "FAILED", error: "States.ExceedToleratedFailureThreshold", fetches: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.in.Dir = t.TempDir()
			rc := &retryCounter{n: map[string]int{}}
			e := steptest.New(t, Workflow(), &steptest.Options{Observe: rc.observe})
			res := e.Run("batch", tt.in)
			if string(res.Status) != tt.status || res.Error != tt.error {
				t.Fatalf("status %s %s (%s), want %s %s", res.Status, res.Error, res.Cause, tt.status, tt.error)
			}
			if res.Status == "SUCCEEDED" {
				checkSummary(t, res, reference(tt.in))
				checkQuarantine(t, tt.in)
			}
			if tt.fetches < 0 {
				tt.fetches = max(e.Invocations("fetch"), len(tt.in.Missing))
			}
			got := [3]int{e.Invocations("fetch"), rc.n["thumbnails/fetch"], e.Invocations("contact sheet")}
			if want := [3]int{tt.fetches, tt.retries, tt.sheets}; got != want {
				t.Errorf("fetch invocations, fetch retries, contact sheet invocations = %v, want %v (retries by step: %v)", got, want, rc.n)
			}
		})
	}
}

func checkSummary(t *testing.T, res steptest.Result, want Summary) {
	t.Helper()
	var got Summary
	if err := res.Decode(&got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("summary\n got %+v\nwant %+v", got, want)
	}
}

// checkQuarantine: every corrupt image, and only those, moved to quarantine.
func checkQuarantine(t *testing.T, in Input) {
	t.Helper()
	entries, err := os.ReadDir(store(in.Dir).path(quarantineDir))
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	for _, i := range in.Corrupt {
		want = append(want, ImageName(i))
		if _, err := os.Stat(store(in.Dir).path(incomingDir, ImageName(i))); err == nil {
			t.Errorf("%s is still in %s", ImageName(i), incomingDir)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("quarantine holds %v, want %v", got, want)
	}
}

// The contact sheet outlasts its (scaled-down) Lambda timeout: each row
// takes a second of fake time under a 2.5 s timeout, so it needs several
// slices, and the sheet is still exactly the reference's.
func TestContactSheetAcrossSlices(t *testing.T) {
	t.Parallel()
	in := Input{Dir: t.TempDir(), Seed: 11, Images: 16, Size: 48, Thumb: 12} // a 4×4 sheet
	var e *steptest.Env
	wf := newWorkflow(func() { e.Clock.(*clock.Fake).Advance(time.Second) })
	var continues int
	e = steptest.New(t, wf, &steptest.Options{Timeout: 2500 * time.Millisecond, Observe: func(ev steps.Event) {
		if ev.Kind == steps.EventContinue {
			continues++
		}
	}})
	res := e.Run("sheet-11", in)
	if res.Status != "SUCCEEDED" {
		t.Fatalf("status %s: %s %s", res.Status, res.Error, res.Cause)
	}
	checkSummary(t, res, reference(in))
	if n := e.Invocations("contact sheet"); n < 2 || continues != n-1 {
		t.Errorf("contact sheet: %d invocations, %d continues; want ≥ 2 slices, all but the last continued", n, continues)
	}
	want := checkpoint.Progress{Done: 4, Total: 4, Note: "16 of 16 thumbnails"}
	if got := e.Checkpoint("sheet-11", "contact sheet").Progress; got != want {
		t.Errorf("final progress %+v, want %+v", got, want)
	}
}

// A slice whose third row overruns the deadline is discarded, as if Lambda
// had killed it; the state machine's Retry resumes from the last saved row
// and redraws the row the lost slice drew after it: drawing a row is
// idempotent, so the sheet is still exactly the reference's.
func TestContactSheetAfterOverrun(t *testing.T) {
	t.Parallel()
	in := Input{Dir: t.TempDir(), Seed: 12, Images: 16, Size: 48, Thumb: 12} // a 4×4 sheet
	var e *steptest.Env
	chunks := 0
	wf := newWorkflow(func() {
		d := time.Second // a checkpoint after every row (CheckpointEvery: 1 s)
		if chunks++; chunks == 3 {
			d = time.Minute // far past the deadline
		}
		e.Clock.(*clock.Fake).Advance(d)
	})
	e = steptest.New(t, wf, &steptest.Options{Timeout: 10 * time.Second})
	res := e.Run("sheet-12", in)
	if res.Status != "SUCCEEDED" {
		t.Fatalf("status %s: %s %s", res.Status, res.Error, res.Cause)
	}
	checkSummary(t, res, reference(in))
	// The lost slice's save after its deadline is fenced off (its lease
	// ended at the deadline): it fails with LeaseLostError, which the state
	// machine retries like a SliceTimeoutError.
	var lost []string
	for _, c := range e.Calls("contact sheet") {
		var fe *local.FunctionError
		if errors.As(c.Err, &fe) {
			lost = append(lost, fe.Type)
		} else if c.Err != nil {
			t.Errorf("contact sheet failed with %T %v", c.Err, c.Err)
		}
	}
	// Rows 0-2 in the lost slice, which last saved after row 1; rows 2
	// and 3 again in the next.
	if want := []string{"LeaseLostError"}; !reflect.DeepEqual(lost, want) || chunks != 5 {
		t.Errorf("lost slices %v, %d chunks drawn; want %v and 5 chunks", lost, chunks, want)
	}
}

// A run resumed at "2 rows drawn" draws only the last two rows: the sheet's
// first rows stay blank (nothing drew them in this fresh directory), which
// proves the checkpointed cursor, not a rerun, decided where to start.
func TestContactSheetResumed(t *testing.T) {
	t.Parallel()
	in := Input{Dir: t.TempDir(), Seed: 5, Images: 9, Size: 32, Thumb: 8} // a 3×3 sheet
	e := steptest.New(t, Workflow(), nil)
	e.ResumeAt("sheet-5", "contact sheet", SheetState{Rows: 2}, checkpoint.Progress{Done: 2, Total: 3})
	res := e.Run("sheet-5", in)
	if res.Status != "SUCCEEDED" {
		t.Fatalf("status %s: %s %s", res.Status, res.Error, res.Cause)
	}
	checkSummary(t, res, reference(in, 0, 1))
	if n := e.Invocations("contact sheet"); n != 1 {
		t.Errorf("contact sheet: %d invocations, want 1", n)
	}
	sheet, err := readPNG(store(in.Dir).path(sheetFile))
	if err != nil {
		t.Fatal(err)
	}
	if b := sheet.Bounds(); b != image.Rect(0, 0, 24, 24) {
		t.Errorf("sheet.png is %v, want 24×24", b)
	}
}

// BenchmarkPipeline runs a batch of 16 images (96×96 to 24×24) end to end
// on the local engine: engine, Map, checkpoints and image work together.
func BenchmarkPipeline(b *testing.B) {
	e := steptest.New(b, Workflow(), nil)
	n := 0
	for b.Loop() {
		n++
		res := e.Run(fmt.Sprintf("bench-%d", n), Input{Dir: b.TempDir(), Seed: int64(n), Images: 16})
		if res.Status != "SUCCEEDED" {
			b.Fatalf("status %s: %s %s", res.Status, res.Error, res.Cause)
		}
	}
}
