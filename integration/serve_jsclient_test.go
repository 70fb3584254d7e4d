package integration

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/baton-run/baton/internal/testenv"
)

// TestJSClientAgainstServe drives `baton serve` with the AWS SDK for
// JavaScript v3, a third independent client: create, start, fail, redrive,
// paged reverse history, validate, typed errors.
func TestJSClientAgainstServe(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the JavaScript client end-to-end test in -short mode")
	}
	pkg := testenv.NodeModule(t, "@aws-sdk/client-sfn")
	node := testenv.Node(t)
	dir := t.TempDir()
	srv := startServe(t, dir)
	cmd := exec.Command(node, "testdata/jsclient/drive.mjs", srv.URL)
	cmd.Env = append(awsEnv(dir), "SFN_MODULE="+filepath.Join(pkg, "dist-cjs", "index.js"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node drive.mjs: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var got struct {
		Created       string
		DescribedName string
		Failed        struct{ Status, Error, Cause, RedriveStatus string }
		Redriven      struct {
			Status       string
			RedriveCount int
		}
		HistoryPage    []string
		HistoryHasNext bool
		Listed         int
		Validate       struct {
			Result string
			Codes  []string
		}
		TypedError string
		TestState  struct {
			Status, Error, AfterParameters string
			RetryIndex, Backoff            int
		}
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &got); err != nil {
		t.Fatalf("drive.mjs printed %s: %v", out, err)
	}
	if got.DescribedName != "flaky" || !strings.HasSuffix(got.Created, ":stateMachine:flaky") {
		t.Errorf("created %q described %q", got.Created, got.DescribedName)
	}
	if got.Failed.Status != "FAILED" || got.Failed.Error != "Broken" || got.Failed.RedriveStatus != "REDRIVABLE" {
		t.Errorf("failed execution = %+v", got.Failed)
	}
	// The redrive restarts at the Fail state, with the same input: it fails
	// again, and the redrive count shows the redrive happened.
	if got.Redriven.Status != "FAILED" || got.Redriven.RedriveCount != 1 {
		t.Errorf("redriven execution = %+v, want FAILED again with redriveCount 1", got.Redriven)
	}
	if !reflect.DeepEqual(got.HistoryPage, []string{"ExecutionFailed", "FailStateEntered"}) || !got.HistoryHasNext {
		t.Errorf("reverse history page = %v (next %v), want the two newest events and a next token", got.HistoryPage, got.HistoryHasNext)
	}
	if got.Listed != 1 {
		t.Errorf("listed %d executions, want 1", got.Listed)
	}
	if got.Validate.Result != "FAIL" || len(got.Validate.Codes) == 0 || got.Validate.Codes[0] != "MISSING_TRANSITION_TARGET" {
		t.Errorf("validate = %+v, want FAIL with MISSING_TRANSITION_TARGET", got.Validate)
	}
	if ts := got.TestState; ts.Status != "RETRIABLE" || ts.Error != "Throttled" || ts.RetryIndex != 0 || ts.Backoff != 2 || ts.AfterParameters != `{"FunctionName":"f"}` {
		t.Errorf("TestState = %+v, want RETRIABLE after 2 s by retrier 0", ts)
	}
	if got.TypedError != "ExecutionDoesNotExist" {
		t.Errorf("stop of a missing execution raised %s, want ExecutionDoesNotExist", got.TypedError)
	}
}
