package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRunExitCodes pins DESIGN.md §6: 0 SUCCEEDED, 1 FAILED, 2 usage or
// invalid definition; output on stdout, error and cause on stderr.
func TestRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	ok := writeFile(t, dir, "ok.asl.json", `{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"sum.$":"States.MathAdd($.a, 1)"},"End":true}}}`)
	fail := writeFile(t, dir, "fail.json", `{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Broken","Cause":"on purpose"}}}`)
	invalid := writeFile(t, dir, "invalid.json", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}`)
	input := writeFile(t, dir, "input.json", `{"a":41}`)
	cases := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string
	}{
		{"succeeds", []string{"run", ok, "--input", `{"a":1}`, "--memory"}, 0, `{"sum":2}`, ""},
		{"input from file", []string{"run", "--memory", ok, "--input", "@" + input}, 0, `{"sum":42}`, ""},
		{"fails", []string{"run", fail, "--memory"}, 1, "", "FAILED: Broken\non purpose"},
		{"invalid definition", []string{"run", invalid, "--memory"}, 2, "", "Nowhere"},
		{"bad input", []string{"run", ok, "--memory", "--input", "{nope"}, 2, "", "not valid JSON"},
		{"no definition", []string{"run", "--memory"}, 2, "", "usage"},
		{"mock without test case", []string{"run", ok, "--memory", "--mock-config", input}, 2, "", "go together"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := runBaton(t, c.args...)
			if code != c.code || !strings.Contains(stdout, c.stdout) || !strings.Contains(stderr, c.stderr) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want %d, %q, %q", code, stdout, stderr, c.code, c.stdout, c.stderr)
			}
		})
	}
}

func TestRunJSONAndExecutionsCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "baton.db")
	def := writeFile(t, dir, "job.json", `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":0,"Next":"F"},"F":{"Type":"Fail","Error":"E","Cause":"C"}}}`)
	stdout, _, code := runBaton(t, "run", def, "--db", db, "--json")
	var res struct {
		Arn    string `json:"executionArn"`
		Status string
		Output any
		Error  string
		Cause  string
		Events []struct{ Type string }
	}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || code != 1 {
		t.Fatalf("exit %d, %v: %s", code, err, stdout)
	}
	var typesSeen []string
	for _, ev := range res.Events {
		typesSeen = append(typesSeen, ev.Type)
	}
	want := "ExecutionStarted WaitStateEntered WaitStateExited FailStateEntered ExecutionFailed"
	if res.Status != "FAILED" || res.Error != "E" || res.Cause != "C" || res.Output != nil || strings.Join(typesSeen, " ") != want {
		t.Fatalf("--json result %+v", res)
	}
	if st, err := os.Stat(db); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("database file mode: %v %v", st.Mode(), err)
	}
	list, _, code := runBaton(t, "executions", "list", "--db", db)
	if code != 0 || !strings.Contains(list, "FAILED") || !strings.Contains(list, res.Arn) {
		t.Fatalf("list (exit %d):\n%s", code, list)
	}
	hist, _, code := runBaton(t, "executions", "history", res.Arn, "--db", db)
	if code != 0 || !strings.Contains(hist, "FailStateEntered") {
		t.Fatalf("history (exit %d):\n%s", code, hist)
	}
	// Redriving re-enters the Fail state, which fails again.
	_, stderr, code := runBaton(t, "redrive", res.Arn, "--db", db)
	if code != 1 || !strings.Contains(stderr, "FAILED: E") {
		t.Fatalf("redrive: exit %d %s", code, stderr)
	}
	desc, _, _ := runBaton(t, "executions", "describe", res.Arn, "--db", db, "--json")
	if !strings.Contains(desc, `"redriveCount": 1`) {
		t.Fatalf("describe after redrive:\n%s", desc)
	}
	if _, stderr, code := runBaton(t, "executions", "describe", "nope", "--db", db); code != 1 || !strings.Contains(stderr, "ExecutionDoesNotExist") {
		t.Fatalf("unknown execution: exit %d %s", code, stderr)
	}
}

// TestRunSIGTERMLeavesExecutionResumable: SIGTERM stops `baton run`
// cleanly (exit 1, execution still RUNNING in the file); `baton executions
// resume` finishes it with a consistent history.
func TestRunSIGTERMLeavesExecutionResumable(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "baton.db")
	def := writeFile(t, dir, "nap.json", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"W"},"W":{"Type":"Wait","Seconds":2,"Next":"B"},"B":{"Type":"Pass","End":true}}}`)
	cmd := exec.Command(batonBinary(t), "run", def, "--db", db, "--input", `{"k":"v"}`)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(700 * time.Millisecond) // inside the Wait
	_ = cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(stderr.String(), "interrupted") {
		t.Fatalf("after SIGTERM: %v, stderr %q", err, stderr.String())
	}
	list, _, _ := runBaton(t, "executions", "list", "--db", db, "--status", "RUNNING")
	if !strings.Contains(list, "RUNNING") {
		t.Fatalf("no RUNNING execution after SIGTERM:\n%s", list)
	}
	out, _, code := runBaton(t, "executions", "resume", "--db", db)
	if code != 0 || !strings.HasPrefix(out, "SUCCEEDED") {
		t.Fatalf("resume: exit %d\n%s", code, out)
	}
	hist, _, _ := runBaton(t, "executions", "history", strings.Fields(out)[1], "--db", db, "--json")
	for _, typ := range []string{"WaitStateEntered", "WaitStateExited", "ExecutionSucceeded"} {
		if strings.Count(hist, `"`+typ+`"`) != 1 {
			t.Fatalf("history must hold %s once:\n%s", typ, hist)
		}
	}
}
