package lambdaemu

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/baton-run/baton/orchestrator/local"
)

// TestEngineReportLineIsLambdas: the engine's copy of a report renders the
// same REPORT line as the emulator's, cold or warm, failed or not.
func TestEngineReportLineIsLambdas(t *testing.T) {
	t.Parallel()
	for _, r := range []Report{
		{Init: 2500 * time.Microsecond, Duration: 1234560 * time.Nanosecond, BilledMs: 4, MemorySizeMB: 128, MaxMemoryUsedMB: 7, Status: "success"},
		{Duration: 3 * time.Second, BilledMs: 3000, MemorySizeMB: 256, MaxMemoryUsedMB: 9, Status: "timeout"},
		{Duration: 10 * time.Millisecond, BilledMs: 10, MemorySizeMB: 128, Status: "error"},
	} {
		res := Result{RequestID: "req-1", Report: r}
		if got, want := EngineReport("fn", res).Line(), r.Line("req-1"); got != want {
			t.Errorf("engine line =\n%q\nwant\n%q", got, want)
		}
	}
}

// TestRecordToKeepsReportsWithTheExecution runs a two-attempt Lambda task
// whose bootstrap does not exist on an engine with a SQLite file: each
// failed invocation's report is kept with the execution, named by state and
// attempt, and survives reopening the file.
func TestRecordToKeepsReportsWithTheExecution(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	fs, err := NewFunctions(Config{Name: "fn", Path: filepath.Join(dir, "missing"), MemoryMB: 256})
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	var seen []Result
	fs.OnReport = func(_ string, _ local.InvokeMeta, r Result) { seen = append(seen, r) }
	db := filepath.Join(dir, "engine.db")
	e, err := local.Open(local.Options{Path: db, Invoker: fs})
	if err != nil {
		t.Fatal(err)
	}
	fs.RecordTo(e)
	def := `{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:fn",` +
		`"Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":1,"MaxAttempts":1,"BackoffRate":1}],"End":true}}}`
	x, _, err := e.RunOnce(context.Background(), "rec", []byte(def), `{}`, nil)
	if err != nil || x.Status != local.StatusFailed {
		t.Fatalf("run: %+v, %v", x, err)
	}
	e.Close()
	if e, err = local.Open(local.Options{Path: db, NoResume: true}); err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	got, err := e.InvocationReports(context.Background(), x.Arn)
	if err != nil || len(got) != 2 || len(seen) != 2 {
		t.Fatalf("reports = %+v, %v (OnReport saw %d); want 2", got, err, len(seen))
	}
	for i, r := range got {
		want := EngineReport("fn", seen[i])
		want.StateName, want.Attempt, want.Timestamp = "Call", i, r.Timestamp
		if r != want || r.MemorySizeMB != 256 || r.Status != "error" {
			t.Errorf("report %d = %+v\nwant %+v", i, r, want)
		}
	}
	if _, err := e.InvocationReports(context.Background(), x.Arn+"x"); err == nil {
		t.Error("reports of an unknown execution: no error")
	}
}
