package integration

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// batonJSON runs the baton CLI and decodes its --json output.
func batonJSON(t *testing.T, dir string, wantExit int, args ...string) map[string]any {
	t.Helper()
	cmd := exec.Command(batonBinary(t), args...)
	cmd.Env = awsEnv(dir)
	out, err := cmd.Output()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
		out = append(out, ee.Stderr...)
	} else if err != nil {
		t.Fatal(err)
	}
	if code != wantExit {
		t.Fatalf("baton %s: exit %d, want %d\n%s", strings.Join(args, " "), code, wantExit, out)
	}
	m := map[string]any{}
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("baton %s printed non-JSON: %v\n%s", args[0], err, out)
	}
	return m
}

// TestAWSBackendAgainstServe runs baton's own AWS backend (the CLI's --aws
// mode, aws-sdk-go-v2 underneath) against `baton serve`: deploy, start,
// watch, fail on purpose, redrive, finish.
func TestAWSBackendAgainstServe(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the baton serve end-to-end test in -short mode")
	}
	dir := t.TempDir()
	srv := startServe(t, dir, "--mock-config", "testdata/awsflow/mocks.json", "--test-case", "FlakyCharge")
	aws := []string{"--aws", "--endpoint-url", srv.URL, "--json"}

	run := batonJSON(t, dir, 1, append([]string{"run", "testdata/awsflow/orders.asl.json", "--input", `{"customer":"ada"}`,
		"--execution-name", "order-42"}, aws...)...)
	if run["status"] != "FAILED" || run["error"] != "PaymentDeclined" {
		t.Fatalf("first run = %v, want FAILED with PaymentDeclined", run)
	}
	arn, _ := run["executionArn"].(string)
	if !strings.HasSuffix(arn, ":execution:orders:order-42") {
		t.Fatalf("execution arn = %q", arn)
	}
	var types []string
	for _, ev := range run["events"].([]any) {
		types = append(types, ev.(map[string]any)["type"].(string))
	}
	if types[0] != "ExecutionStarted" || types[len(types)-1] != "ExecutionFailed" {
		t.Errorf("history = %v", types)
	}

	done := batonJSON(t, dir, 0, append([]string{"redrive", arn}, aws...)...)
	if done["status"] != "SUCCEEDED" {
		t.Fatalf("after redrive = %v, want SUCCEEDED", done)
	}
	out, _ := done["output"].(map[string]any)
	if out["customer"] != "ada" || out["receipt"].(map[string]any)["charged"] != 99.5 || out["order"].(map[string]any)["id"] != 42.0 {
		t.Errorf("output = %v, want the order and the receipt", out)
	}
	var redriven int
	for _, ev := range done["events"].([]any) {
		if ev.(map[string]any)["type"] == "ExecutionRedriven" {
			redriven++
		}
	}
	if redriven != 1 {
		t.Errorf("history has %d ExecutionRedriven events, want 1", redriven)
	}

	cmd := exec.Command(batonBinary(t), "executions", "list", "--aws", "--endpoint-url", srv.URL)
	cmd.Env = awsEnv(dir)
	list, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(list), "order-42") || !strings.Contains(string(list), "SUCCEEDED") {
		t.Errorf("executions list --aws: %v\n%s", err, list)
	}
}
