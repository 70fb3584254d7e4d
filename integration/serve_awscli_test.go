package integration

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/testenv"
)

// awsCLI returns Debian's AWS CLI v2 (package awscli), which scripts/tools.sh
// installs.
func awsCLI(t *testing.T) string {
	t.Helper()
	const p = "/usr/bin/aws"
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("BATON_REQUIRE_TOOLS") == "1" {
			t.Fatal("/usr/bin/aws (Debian awscli) is missing; run scripts/tools.sh as root")
		}
		t.Skip("skipping: /usr/bin/aws (Debian awscli) is not installed")
	}
	return p
}

// cli runs one `aws stepfunctions` command against srv and decodes its JSON.
func cli(t *testing.T, bin string, srv *batonServe, dir string, args ...string) map[string]any {
	t.Helper()
	full := append([]string{"--endpoint-url", srv.URL, "--output", "json", "stepfunctions"}, args...)
	cmd := exec.Command(bin, full...)
	cmd.Env = awsEnv(dir)
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("aws stepfunctions %s: %v\n%s", strings.Join(args, " "), err, stderr)
	}
	m := map[string]any{}
	if len(strings.TrimSpace(string(out))) > 0 {
		if err := json.Unmarshal(out, &m); err != nil {
			t.Fatalf("aws %s printed non-JSON: %v\n%s", args[0], err, out)
		}
	}
	return m
}

// TestAWSCLIAgainstServe drives `baton serve` with the AWS CLI v2.
func TestAWSCLIAgainstServe(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the AWS CLI end-to-end test in -short mode")
	}
	bin := awsCLI(t)
	_ = testenv.ModuleRoot()
	dir := t.TempDir()
	srv := startServe(t, dir)

	def := `{"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":30,"Next":"Done"},"Done":{"Type":"Pass","Result":"ok","End":true}}}`
	quick := `{"StartAt":"Hi","States":{"Hi":{"Type":"Pass","Parameters":{"greeting.$":"States.Format('hello {}', $.who)"},"End":true}}}`
	role := "arn:aws:iam::123456789012:role/baton"

	sm := cli(t, bin, srv, dir, "create-state-machine", "--name", "hello", "--definition", quick, "--role-arn", role)
	smArn, _ := sm["stateMachineArn"].(string)
	if !strings.Contains(smArn, ":stateMachine:hello") {
		t.Fatalf("create-state-machine arn = %q", smArn)
	}
	d := cli(t, bin, srv, dir, "describe-state-machine", "--state-machine-arn", smArn)
	if d["name"] != "hello" || d["definition"] != quick || d["status"] != "ACTIVE" {
		t.Errorf("describe-state-machine = %v", d)
	}
	x := cli(t, bin, srv, dir, "start-execution", "--state-machine-arn", smArn, "--name", "first", "--input", `{"who":"cli"}`)
	xArn, _ := x["executionArn"].(string)
	desc := waitStatus(t, bin, srv, dir, xArn)
	if desc["status"] != "SUCCEEDED" || desc["output"] != `{"greeting":"hello cli"}` {
		t.Errorf("describe-execution = %v", desc)
	}
	list := cli(t, bin, srv, dir, "list-executions", "--state-machine-arn", smArn)
	if execs, _ := list["executions"].([]any); len(execs) != 1 {
		t.Errorf("list-executions = %v, want 1 execution", list)
	}
	h := cli(t, bin, srv, dir, "get-execution-history", "--execution-arn", xArn)
	var types []string
	for _, e := range h["events"].([]any) {
		types = append(types, e.(map[string]any)["type"].(string))
	}
	if strings.Join(types, ",") != "ExecutionStarted,PassStateEntered,PassStateExited,ExecutionSucceeded" {
		t.Errorf("history types = %v", types)
	}

	slow := cli(t, bin, srv, dir, "create-state-machine", "--name", "slow", "--definition", def, "--role-arn", role)
	sx := cli(t, bin, srv, dir, "start-execution", "--state-machine-arn", slow["stateMachineArn"].(string))
	stop := cli(t, bin, srv, dir, "stop-execution", "--execution-arn", sx["executionArn"].(string), "--error", "Operator", "--cause", "stopped by test")
	if _, ok := stop["stopDate"]; !ok {
		t.Errorf("stop-execution = %v, want a stopDate", stop)
	}
	sd := cli(t, bin, srv, dir, "describe-execution", "--execution-arn", sx["executionArn"].(string))
	if sd["status"] != "ABORTED" || sd["error"] != "Operator" {
		t.Errorf("after stop-execution: %v", sd)
	}
}

func waitStatus(t *testing.T, bin string, srv *batonServe, dir, arn string) map[string]any {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		d := cli(t, bin, srv, dir, "describe-execution", "--execution-arn", arn)
		if d["status"] != "RUNNING" || time.Now().After(deadline) {
			return d
		}
		time.Sleep(50 * time.Millisecond)
	}
}
