package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/testenv"
	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/orchestrator/schedule"
	"github.com/baton-run/baton/orchestrator/schedule/awsschedule/awsscheduletest"
)

var (
	scheduleBinOnce sync.Once
	scheduleBin     string
	scheduleBinErr  error
)

// batonBinary builds cmd/baton once per test run.
func batonBinary(t *testing.T) string {
	t.Helper()
	scheduleBinOnce.Do(func() {
		dir, err := os.MkdirTemp("", "baton-schedule-test")
		if err != nil {
			scheduleBinErr = err
			return
		}
		scheduleBin = filepath.Join(dir, "baton")
		cmd := exec.Command("go", "build", "-o", scheduleBin, "./cmd/baton")
		cmd.Dir = testenv.ModuleRoot()
		if out, err := cmd.CombinedOutput(); err != nil {
			scheduleBinErr = errors.New(string(out))
		}
	})
	if scheduleBinErr != nil {
		t.Fatalf("building baton: %v", scheduleBinErr)
	}
	return scheduleBin
}

func runBaton(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(batonBinary(t), args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

// Expected lines were written by hand (2026: US DST starts Mar 8, EU DST
// ends Oct 25).
func TestScheduleNextCommand(t *testing.T) {
	cases := []struct {
		args   []string
		stdout string
		code   int
		stderr string
	}{
		{[]string{"cron(30 2 * * ? *)", "--tz", "America/New_York", "--from", "2026-03-07T00:00:00-05:00", "-n", "3"},
			"2026-03-07T02:30:00-05:00\n2026-03-09T02:30:00-04:00\n2026-03-10T02:30:00-04:00\n", 0, ""},
		{[]string{"-n", "2", "--tz", "Europe/Berlin", "--from", "2026-10-24T12:00:00+02:00", "cron(30 2 * * ? *)"},
			"2026-10-25T02:30:00+02:00\n2026-10-26T02:30:00+01:00\n", 0, ""},
		{[]string{"rate(90 minutes)", "--from", "2026-01-01T00:00:00Z", "-n", "3"},
			"2026-01-01T00:00:00Z\n2026-01-01T01:30:00Z\n2026-01-01T03:00:00Z\n", 0, ""},
		{[]string{"at(2026-06-01T09:30:00)", "--tz", "Asia/Tokyo", "--from", "2026-01-01T00:00:00Z"},
			"2026-06-01T09:30:00+09:00\n", 0, ""},
		{[]string{"cron(0 12 * * ? *)", "--from", "2026-01-01T00:00:00Z", "--end", "2026-01-03T00:00:00Z"},
			"2026-01-01T12:00:00Z\n2026-01-02T12:00:00Z\n", 0, ""},
		{[]string{"at(2026-03-08T02:30:00)", "--tz", "America/New_York", "--from", "2026-01-01T00:00:00Z"},
			"", 0, "has no fire time at or after 2026-01-01T00:00:00Z"}, // inside the spring-forward gap
		{[]string{"cron(0 10 * * MON *)"}, "", 2, "day-of-month and day-of-week cannot both be specified; use ? in one"},
		{[]string{"cron(0 10 ? * MON *)", "--tz", "Mars/Base"}, "", 2, `time zone "Mars/Base"`},
		{[]string{"cron(0 10 ? * MON *)", "--from", "yesterday"}, "", 2, `--from "yesterday": not an RFC 3339 time`},
		{[]string{}, "", 2, "expected one expression"},
	}
	for _, c := range cases {
		stdout, stderr, code := runBaton(t, append([]string{"schedule", "next"}, c.args...)...)
		if stdout != c.stdout || code != c.code || !strings.Contains(stderr, c.stderr) {
			t.Errorf("next %q:\n got code %d stdout %q stderr %q\nwant code %d stdout %q stderr ~%q",
				c.args, code, stdout, stderr, c.code, c.stdout, c.stderr)
		}
	}
}

func TestScheduleManagementCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "baton.db")
	steps := []struct {
		args   []string
		code   int
		stdout string // substring
		stderr string // substring
	}{
		{[]string{"add", "nightly", "--expression", "cron(0 2 * * ? *)", "--tz", "Europe/Berlin", "--state-machine", "job"}, 0, "", ""},
		{[]string{"add", "nightly", "--expression", "cron(0 2 * * ? *)", "--state-machine", "job"}, 1, "", "schedule already exists: nightly"},
		{[]string{"add", "bad", "--expression", "cron(0 2 * * * *)", "--state-machine", "job"}, 2, "", "use ? in one"},
		{[]string{"add", "bad", "--expression", "rate(1 day)", "--state-machine", "job", "--input", "{nope"}, 2, "", "input: not well-formed JSON"},
		{[]string{"add", "past", "--expression", "at(2020-01-01T00:00:00)", "--state-machine", "job"}, 0, "", "warning: past has no fire time after now"},
		{[]string{"remove", "past"}, 0, "", ""},
		{[]string{"list"}, 0, "nightly  ENABLED  cron(0 2 * * ? *)  Europe/Berlin  job", ""},
		{[]string{"pause", "nightly"}, 0, "", ""},
		{[]string{"describe", "nightly"}, 0, `"state": "DISABLED"`, ""},
		{[]string{"update", "nightly", "--expression", "rate(1 hour)", "--state-machine", "job", "--overlap", "buffer_one"}, 0, "", ""},
		{[]string{"describe", "nightly"}, 0, `"overlap": "BUFFER_ONE"`, ""},
		{[]string{"update", "nightly", "--expression", "rate(1 hour)", "--state-machine", "job", "--max-retries", "3"}, 0, "", ""},
		{[]string{"describe", "nightly"}, 0, `"maximumRetryAttempts": 3`, ""},
		{[]string{"update", "nightly", "--expression", "rate(1 hour)", "--state-machine", "job", "--max-event-age", "30"}, 2, "", "MaximumEventAgeInSeconds 30 is outside 60-86400"},
		{[]string{"remove", "nightly"}, 0, "", ""},
		{[]string{"remove", "nightly"}, 1, "", "schedule not found: nightly"},
		{[]string{"frobnicate"}, 2, "", `unknown subcommand "frobnicate"`},
	}
	for _, s := range steps {
		stdout, stderr, code := runBaton(t, append(append([]string{"schedule"}, s.args...), "--db", db)...)
		if code != s.code || !strings.Contains(stdout, s.stdout) || !strings.Contains(stderr, s.stderr) {
			t.Errorf("schedule %q:\n got code %d stdout %q stderr %q\nwant code %d stdout ~%q stderr ~%q",
				s.args, code, stdout, stderr, s.code, s.stdout, s.stderr)
		}
	}
}

// The real process (`baton schedule run`, then `baton serve`): an at()
// schedule a few seconds ahead is added, the process is started and killed
// (SIGKILL) before the fire time, then started again; the execution starts
// within a bounded wait, exactly once, and succeeds on the engine in the
// same file.
func TestScheduleRunSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("real processes and real time")
	}
	for _, command := range [][]string{{"schedule", "run", "--poll", "200ms"}, {"serve", "--addr", "127.0.0.1:0"}} {
		t.Run(command[0], func(t *testing.T) {
			t.Parallel()
			smoke(t, command)
		})
	}
}

func smoke(t *testing.T, command []string) {
	batonBinary(t) // build first: the fire time is a few seconds ahead
	db := filepath.Join(t.TempDir(), "baton.db")
	createMachine(t, db, "hello", `{"StartAt":"Hi","States":{"Hi":{"Type":"Pass","Result":"hi","End":true}}}`)
	fireAt := time.Now().UTC().Add(6 * time.Second).Truncate(time.Second)
	expr := "at(" + fireAt.Format("2006-01-02T15:04:05") + ")"
	if _, stderr, code := runBaton(t, "schedule", "add", "smoke", "--db", db, "--expression", expr, "--state-machine", "hello",
		"--input", `{"at":"<aws.scheduler.scheduled-time>"}`); code != 0 {
		t.Fatalf("add: %d %s", code, stderr)
	}
	var logs bytes.Buffer
	first := startProcess(t, db, command, &logs)
	time.Sleep(time.Second)
	first.Process.Kill()
	first.Wait()
	second := startProcess(t, db, command, &logs)
	defer stopProcess(second)
	defer func() {
		if t.Failed() {
			described, _, _ := runBaton(t, "schedule", "describe", "smoke", "--db", db)
			t.Logf("process output:\n%s\nschedule:\n%s", logs.String(), described)
		}
	}()
	fire := waitForFire(t, db, "smoke", fireAt.Add(20*time.Second))
	if late := fire.FiredAt.Sub(fireAt); late < 0 || late > 10*time.Second {
		t.Errorf("fired %v after the scheduled time, want within [0, 10s]", late)
	}
	execArn := fire.Execution
	stopProcess(second)
	checkExecution(t, db, execArn, `{"at":"`+fireAt.Format(time.RFC3339)+`"}`)
}

func createMachine(t *testing.T, db, name, def string) {
	t.Helper()
	eng, err := local.Open(local.Options{Path: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if _, err := eng.CreateStateMachine(context.Background(), name, []byte(def), nil); err != nil {
		t.Fatal(err)
	}
}

func startProcess(t *testing.T, db string, command []string, logs io.Writer) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(batonBinary(t), append(command, "--db", db)...)
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

func stopProcess(cmd *exec.Cmd) {
	if cmd.ProcessState == nil {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}
}

// waitForFire polls the schedule's fire records until one has started an
// execution, and checks there is exactly one.
func waitForFire(t *testing.T, db, name string, deadline time.Time) schedule.Fire {
	t.Helper()
	store, err := schedule.OpenStore(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for time.Now().Before(deadline) {
		fires, err := store.Fires(context.Background(), name, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(fires) > 0 && fires[0].Status != schedule.FireClaimed {
			if len(fires) != 1 || fires[0].Status != schedule.FireStarted {
				t.Fatalf("fires = %+v, want one STARTED", fires)
			}
			return fires[0]
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no fire of %s by %v", name, deadline)
	return schedule.Fire{}
}

func checkExecution(t *testing.T, db, arn, input string) {
	t.Helper()
	eng, err := local.Open(local.Options{Path: db, NoResume: true, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	x, err := eng.DescribeExecution(context.Background(), arn)
	if err != nil || x.Status != local.StatusSucceeded || x.Input != input || x.Output != `"hi"` {
		t.Fatalf("execution %s: %+v, %v; want SUCCEEDED with input %s", arn, x, err, input)
	}
}

// baton schedule --aws drives the real SDK client against a loopback
// EventBridge Scheduler API.
func TestScheduleAWSCommands(t *testing.T) {
	fake, srv := awsscheduletest.New()
	defer srv.Close()
	t.Setenv("AWS_ACCESS_KEY_ID", "test")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "test")
	t.Setenv("AWS_CONFIG_FILE", os.DevNull)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", os.DevNull)
	aws := []string{"--aws", "--endpoint-url", srv.URL, "--region", "eu-west-1"}
	sm := "arn:aws:states:eu-west-1:123456789012:stateMachine:report"
	role := "arn:aws:iam::123456789012:role/sched"
	steps := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"add", "nightly", "--expression", "cron(0 2 * * ? *)", "--tz", "Europe/Berlin", "--state-machine", sm, "--role-arn", role}, 0, "", ""},
		{[]string{"add", "nightly", "--expression", "cron(0 2 * * ? *)", "--state-machine", sm, "--role-arn", role}, 1, "", "schedule already exists: nightly"},
		{[]string{"add", "local-name", "--expression", "rate(1 day)", "--state-machine", "report", "--role-arn", role}, 2, "", "on AWS the target is a state machine ARN"},
		{[]string{"add", "no-role", "--expression", "rate(1 day)", "--state-machine", sm}, 2, "", "a role ARN is required"},
		{[]string{"pause", "nightly"}, 0, "", ""},
		{[]string{"list"}, 0, "nightly  DISABLED  " + sm, ""},
		{[]string{"describe", "nightly"}, 0, `"timezone": "Europe/Berlin"`, ""},
		{[]string{"remove", "nightly"}, 0, "", ""},
		{[]string{"remove", "nightly"}, 1, "", "schedule not found: nightly"},
		{[]string{"run"}, 2, "", "EventBridge Scheduler fires the schedules itself"},
	}
	for _, s := range steps {
		stdout, stderr, code := runBaton(t, append(append([]string{"schedule"}, s.args...), aws...)...)
		if code != s.code || !strings.Contains(stdout, s.stdout) || !strings.Contains(stderr, s.stderr) {
			t.Errorf("schedule %q:\n got code %d stdout %q stderr %q\nwant code %d stdout ~%q stderr ~%q",
				s.args, code, stdout, stderr, s.code, s.stdout, s.stderr)
		}
	}
	if got := fake.Bodies()[0]["ScheduleExpressionTimezone"]; got != "Europe/Berlin" {
		t.Errorf("CreateSchedule sent timezone %v", got)
	}
}
