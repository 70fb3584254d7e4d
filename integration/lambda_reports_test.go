package integration

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/baton-run/baton/orchestrator/local"
)

// reportsDefinition invokes the real test function four times: a cold
// start, a warm sleep, and a failing call retried once then caught.
const reportsDefinition = `{"StartAt":"First","States":{
 "First":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:fn","Parameters":{"op":"count"},"ResultPath":"$.first","Next":"Second"},
 "Second":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn","Payload":{"op":"sleep","ms":40}},"ResultPath":"$.second","Next":"Third"},
 "Third":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:fn","Parameters":{"op":"error"},
  "Retry":[{"ErrorEquals":["ValidationError"],"MaxAttempts":1,"IntervalSeconds":1}],
  "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done","ResultPath":"$.error"}],"End":true},
 "Done":{"Type":"Pass","End":true}}}`

// TestLambdaReportsInHistory: `baton run --lambda fn=BOOTSTRAP --db FILE`
// keeps each invocation's REPORT with the execution; `baton executions
// history` shows one under each Lambda end event (a cold start with its
// init duration first, then warm ones) and `--json` adds them as "reports"
// beside the unchanged AWS-shaped events.
func TestLambdaReportsInHistory(t *testing.T) {
	bin := buildBootstrap(t, "lambdafn")
	dir := t.TempDir()
	db := filepath.Join(dir, "baton.db")
	def := filepath.Join(dir, "reports.json")
	if err := os.WriteFile(def, []byte(reportsDefinition), 0o600); err != nil {
		t.Fatal(err)
	}
	out := batonOK(t, "run", def, "--lambda", "fn="+bin+",memory=256", "--db", db, "--json")
	var x struct{ ExecutionArn, Status string }
	if err := json.Unmarshal([]byte(out), &x); err != nil || x.Status != "SUCCEEDED" {
		t.Fatalf("run: %v\n%s", err, out)
	}
	var hist struct {
		Events  []json.RawMessage
		Reports []local.InvocationReport
	}
	js := batonOK(t, "executions", "history", x.ExecutionArn, "--db", db, "--json")
	if err := json.Unmarshal([]byte(js), &hist); err != nil {
		t.Fatalf("history --json: %v\n%s", err, js)
	}
	checkReports(t, hist.Reports)
	checkHistoryEvents(t, hist.Events)
	checkReportRows(t, batonOK(t, "executions", "history", x.ExecutionArn, "--db", db), hist.Reports)
}

// batonOK runs baton and fails the test unless it exits 0.
func batonOK(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command(batonBinary(t), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("baton %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr.String())
	}
	return string(out)
}

func checkReports(t *testing.T, rs []local.InvocationReport) {
	t.Helper()
	want := []struct {
		state   string
		attempt int
		status  string
	}{{"First", 0, "success"}, {"Second", 0, "success"}, {"Third", 0, "error"}, {"Third", 1, "error"}}
	if len(rs) != len(want) {
		t.Fatalf("%d reports, want %d: %+v", len(rs), len(want), rs)
	}
	for i, w := range want {
		r := rs[i]
		if r.StateName != w.state || r.Attempt != w.attempt || r.Status != w.status || r.Function != "fn" || r.RequestID == "" {
			t.Errorf("report %d = %+v, want state %s attempt %d status %s", i, r, w.state, w.attempt, w.status)
		}
		if cold := i == 0; r.ColdStart() != cold || (cold && r.InitMs <= 0) {
			t.Errorf("report %d: init %.3f ms, want a cold start only on the first invocation", i, r.InitMs)
		}
		if r.MemorySizeMB != 256 || r.MaxMemoryUsedMB <= 0 || r.DurationMs <= 0 {
			t.Errorf("report %d: memory %d/%d MB, duration %.3f ms", i, r.MaxMemoryUsedMB, r.MemorySizeMB, r.DurationMs)
		}
		if min := int64(math.Ceil(r.InitMs + r.DurationMs)); r.BilledMs < min {
			t.Errorf("report %d: billed %d ms < init+duration %d ms", i, r.BilledMs, min)
		}
	}
	if rs[1].DurationMs < 40 {
		t.Errorf("the 40 ms sleep reports %.3f ms", rs[1].DurationMs)
	}
}

// checkHistoryEvents: the events stay as GetExecutionHistory shapes them,
// with no report fields in the Lambda events.
func checkHistoryEvents(t *testing.T, evs []json.RawMessage) {
	t.Helper()
	ends := 0
	for _, raw := range evs {
		var ev map[string]json.RawMessage
		if err := json.Unmarshal(raw, &ev); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"lambdaFunctionSucceededEventDetails", "lambdaFunctionFailedEventDetails", "taskSucceededEventDetails"} {
			if d, ok := ev[key]; ok {
				ends++
				if bytes.Contains(d, []byte("initDuration")) || bytes.Contains(d, []byte("billed")) {
					t.Errorf("report fields leaked into %s: %s", key, d)
				}
			}
		}
	}
	if ends != 4 {
		t.Errorf("%d Lambda end events, want 4", ends)
	}
}

// checkReportRows: the table has one REPORT row right after each Lambda end
// event, with Lambda's fields, the init duration on the cold start only.
func checkReportRows(t *testing.T, table string, rs []local.InvocationReport) {
	t.Helper()
	lines := strings.Split(table, "\n")
	row := regexp.MustCompile(`^\s+\S+\s+REPORT\s+RequestId: (\S+)\s+Duration: [0-9.]+ ms\s+Billed Duration: \d+ ms\s+` +
		`Memory Size: 256 MB\s+Max Memory Used: \d+ MB(\s+Init Duration: [0-9.]+ ms)?.*\(state (\w+), attempt (\d)\)$`)
	var got int
	for i, l := range lines {
		if !strings.Contains(l, "REPORT") {
			continue
		}
		m := row.FindStringSubmatch(l)
		if m == nil || i == 0 || !regexp.MustCompile(`(LambdaFunction|Task)(Succeeded|Failed)`).MatchString(lines[i-1]) {
			t.Errorf("REPORT row %q (after %q)", l, lines[max(i-1, 0)])
			continue
		}
		if got < len(rs) && (m[1] != rs[got].RequestID || (m[2] != "") != rs[got].ColdStart() || m[3] != rs[got].StateName) {
			t.Errorf("REPORT row %d %q does not show report %+v", got, l, rs[got])
		}
		got++
	}
	if got != len(rs) {
		t.Errorf("%d REPORT rows, want %d:\n%s", got, len(rs), table)
	}
}
