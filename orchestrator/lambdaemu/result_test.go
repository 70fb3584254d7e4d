package lambdaemu

import (
	"testing"
	"time"
)

func TestResultError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		res  Result
		name string
	}{
		{Result{Payload: []byte(`{"ok":1}`)}, ""},
		{Result{FunctionError: "Unhandled", Payload: []byte(`{"errorMessage":"m","errorType":"ValidationError"}`)}, "ValidationError"},
		{Result{FunctionError: "Unhandled", Payload: []byte(`{"errorMessage":"m"}`)}, "Lambda.Unknown"},
		{Result{FunctionError: "Unhandled", Payload: []byte(`oops`)}, "Lambda.Unknown"},
	}
	for _, tc := range tests {
		name, cause := tc.res.Error()
		wantCause := string(tc.res.Payload)
		if tc.name == "" {
			wantCause = ""
		}
		if name != tc.name || cause != wantCause {
			t.Errorf("Error() of %s = %q, %q; want %q, %q", tc.res.Payload, name, cause, tc.name, wantCause)
		}
	}
}

func TestReportLine(t *testing.T) {
	t.Parallel()
	r := Report{Init: 2500 * time.Microsecond, Duration: 1234560 * time.Nanosecond, BilledMs: 4, MemorySizeMB: 128, MaxMemoryUsedMB: 7}
	want := "REPORT RequestId: id\tDuration: 1.23 ms\tBilled Duration: 4 ms\tMemory Size: 128 MB\tMax Memory Used: 7 MB\tInit Duration: 2.50 ms\t"
	if got := r.Line("id"); got != want {
		t.Errorf("Line() =\n%q\nwant\n%q", got, want)
	}
	r = Report{Duration: 3 * time.Second, BilledMs: 3000, MemorySizeMB: 128, MaxMemoryUsedMB: 9, Status: "timeout"}
	want = "REPORT RequestId: id\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 9 MB\tStatus: timeout"
	if got := r.Line("id"); got != want {
		t.Errorf("Line() =\n%q\nwant\n%q", got, want)
	}
	if billedMs(1234560*time.Nanosecond) != 2 || billedMs(time.Millisecond) != 1 {
		t.Error("billed duration does not round up to the millisecond")
	}
}
