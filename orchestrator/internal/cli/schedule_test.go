package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baton-run/baton/orchestrator/schedule"
	"github.com/baton-run/baton/steps"
)

func scheduledWorkflows(expr string) []*steps.Workflow {
	wf := steps.New("report", &steps.WorkflowOptions{Schedules: []steps.Schedule{{
		Name: "nightly", Expression: expr, Timezone: "Europe/Berlin", Input: map[string]int{"n": 1},
	}}})
	return []*steps.Workflow{wf.Add(steps.Task("double", double, nil))}
}

func TestScheduleInstallsDeclaredSchedules(t *testing.T) {
	db := filepath.Join(t.TempDir(), "baton.db")
	for _, expr := range []string{"cron(0 2 * * ? *)", "cron(30 3 * * ? *)"} { // the second run updates
		var out, errOut bytes.Buffer
		code := Run([]string{"schedule", "--db", db, "--install-only"}, Env{Stdout: &out, Stderr: &errOut}, scheduledWorkflows(expr))
		if code != exitOK || !strings.Contains(out.String(), "schedule report-nightly: "+expr) {
			t.Fatalf("schedule --install-only: exit %d, %q %q", code, out.String(), errOut.String())
		}
	}
	store, err := schedule.OpenStore(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	sc, err := store.Get(context.Background(), "report-nightly")
	if err != nil {
		t.Fatal(err)
	}
	if sc.Expression != "cron(30 3 * * ? *)" || sc.Input != `{"n":1}` || !strings.HasSuffix(sc.StateMachine, ":stateMachine:report") {
		t.Errorf("stored schedule = %+v, want the updated expression targeting the report state machine", sc)
	}
}

func TestScheduleRejectsBadExpressions(t *testing.T) {
	var out, errOut bytes.Buffer
	code := Run([]string{"schedule", "--memory-not-a-flag"}, Env{Stdout: &out, Stderr: &errOut}, scheduledWorkflows("rate(1 minute)"))
	if code != exitUsage {
		t.Errorf("unknown flag: exit %d, want %d", code, exitUsage)
	}
	db := filepath.Join(t.TempDir(), "baton.db")
	code = Run([]string{"schedule", "--db", db, "--install-only"}, Env{Stdout: &out, Stderr: &errOut}, scheduledWorkflows("cron(0 2 * * * *)"))
	if code != exitUsage || !strings.Contains(errOut.String(), "day-of-month") {
		t.Errorf("bad expression: exit %d, stderr %q; want %d naming day-of-month", code, errOut.String(), exitUsage)
	}
}
