package integration

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/baton-run/baton/internal/testenv"
	"github.com/baton-run/baton/orchestrator/local"
)

// buildProgram builds a workflow program (its full build: the CLI, and
// orchestrator.Main's Lambda mode when the emulator starts it).
func buildProgram(t *testing.T, pkg string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), filepath.Base(pkg))
	cmd := exec.Command(goTool(t), "build", "-trimpath", "-o", out, pkg)
	cmd.Dir = testenv.ModuleRoot()
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, b)
	}
	return out
}

// runResult is what a workflow program's `run --json` prints.
type runResult struct {
	Status, Error, Cause string
	Output               json.RawMessage
	Events               []struct{ Type string }
}

// runProgram runs `PROGRAM run ARGS... --json --quiet` and decodes its result.
func runProgram(t *testing.T, bin string, args ...string) runResult {
	t.Helper()
	cmd := exec.Command(bin, append(append([]string{"run"}, args...), "--json", "--quiet")...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var r runResult
	if err == nil {
		err = json.Unmarshal(out, &r)
	}
	if err != nil || r.Status != "SUCCEEDED" {
		t.Fatalf("%s run %v: %v, %s %s: %s\nstderr:\n%s", filepath.Base(bin), args, err, r.Status, r.Error, r.Cause, stderr.String())
	}
	return r
}

func countType(evs []struct{ Type string }, typ string) int {
	n := 0
	for _, ev := range evs {
		if ev.Type == typ {
			n++
		}
	}
	return n
}

// TestLambdaBinaryRunMatchesInProcess: the example long job's `run
// --lambda-binary ITSELF --timeout 2s` runs every slice in the program's
// own process under the Lambda emulator (checkpoints shared through the
// --db file) and gives exactly the in-process run's result, over several
// invocations; the file keeps each invocation's report, a cold start
// first; no function process outlives the run.
func TestLambdaBinaryRunMatchesInProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: generates and aggregates a 3M-row CSV twice")
	}
	bin := buildProgram(t, "./examples/longjob")
	dir := t.TempDir()
	data := filepath.Join(dir, "sales")
	input := `{"rows":3000000,"seed":7,"dir":"` + data + `"}`
	want := runProgram(t, bin, "--memory", "--timeout", "2s", "--input", input)
	if err := os.RemoveAll(data); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "baton.db")
	got := runProgram(t, bin, "--lambda-binary", bin, "--db", db, "--timeout", "2s", "--input", input)
	var w, g any
	if json.Unmarshal(want.Output, &w) != nil || json.Unmarshal(got.Output, &g) != nil || !reflect.DeepEqual(w, g) {
		t.Fatalf("through the binary:\n%s\nin-process:\n%s", got.Output, want.Output)
	}
	if n := countType(got.Events, "LambdaFunctionScheduled"); n < 3 {
		t.Errorf("%d invocations through the binary, want the long steps sliced (>= 3)", n)
	}
	if pids := processesRunning(bin); len(pids) > 0 {
		t.Errorf("function processes survived the run: %v", pids)
	}
	checkBinaryReports(t, db, countType(got.Events, "LambdaFunctionScheduled"))
}

// checkBinaryReports: the run's database holds one report per invocation,
// the first a cold start.
func checkBinaryReports(t *testing.T, db string, invocations int) {
	t.Helper()
	e, err := local.Open(local.Options{Path: db, NoResume: true})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	xs, err := e.ListExecutions(t.Context(), local.ExecutionFilter{})
	if err != nil || len(xs) != 1 {
		t.Fatalf("executions in %s: %v, %v", db, xs, err)
	}
	rs, err := e.InvocationReports(t.Context(), xs[0].Arn)
	if err != nil || len(rs) != invocations {
		t.Fatalf("%d reports for %d invocations (%v)", len(rs), invocations, err)
	}
	if !rs[0].ColdStart() || rs[0].MemorySizeMB <= 0 {
		t.Errorf("first report %+v, want a cold start", rs[0])
	}
}
