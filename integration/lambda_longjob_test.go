package integration

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/baton-run/baton/orchestrator/lambdaemu"
	"github.com/baton-run/baton/orchestrator/local"
)

// longJob is the scaled 30-minute job: testdata/lambdalong's bootstrap under
// the emulator, driven by the local engine from the workflow's own ASL.
type longJob struct {
	bin, db, sink string
	fs            *lambdaemu.Functions
	fn            *lambdaemu.Function
	engine        *local.Engine
	arn           string // the state machine
	progressMark  int    // sink lines seen by awaitProgress
}

func newLongJob(t testing.TB) *longJob {
	t.Helper()
	j := &longJob{bin: buildBootstrap(t, "lambdalong")}
	dir := t.TempDir()
	j.db, j.sink = filepath.Join(dir, "checkpoints.db"), filepath.Join(dir, "sink.txt")
	fs, err := lambdaemu.NewFunctions(lambdaemu.Config{Name: "longjob", Path: j.bin, Timeout: 3 * time.Second,
		Env: map[string]string{"BATON_CHECKPOINT_DB": j.db, "BATON_SINK": j.sink}})
	if err != nil {
		t.Fatal(err)
	}
	j.fs = fs
	j.fn, _ = fs.Get("longjob")
	t.Cleanup(func() {
		fs.Close()
		if pids := processesRunning(j.bin); len(pids) > 0 {
			t.Errorf("processes survived: %v", pids)
		}
	})
	if j.engine, err = local.Open(local.Options{Invoker: fs}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.engine.Close() })
	asl, err := exec.Command(j.bin, "asl").Output()
	if err != nil {
		t.Fatalf("%s asl: %v", j.bin, err)
	}
	sm, err := j.engine.CreateStateMachine(context.Background(), "longjob", asl, nil)
	if err != nil {
		t.Fatalf("CreateStateMachine: %v\n%s", err, asl)
	}
	j.arn = sm.Arn
	return j
}

// start starts an execution of the job over items items of itemMs each.
func (j *longJob) start(t testing.TB, items, itemMs int) local.Execution {
	t.Helper()
	in := `{"items":` + strconv.Itoa(items) + `,"itemMs":` + strconv.Itoa(itemMs) + `}`
	x, err := j.engine.StartExecution(context.Background(), j.arn, "", in)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// finish waits for the execution and checks its exact result.
func (j *longJob) finish(t testing.TB, x local.Execution, items int) []local.HistoryEvent {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	x, err := j.engine.Wait(ctx, x.Arn)
	if err != nil {
		t.Fatal(err)
	}
	evs, _, err := j.engine.GetExecutionHistory(ctx, x.Arn, local.HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"count":` + strconv.Itoa(items) + `,"sum":` + strconv.Itoa(items*(items-1)/2) + `}`
	if x.Status != local.StatusSucceeded || canonical(x.Output) != want {
		t.Fatalf("execution %s output %s error %s %s; want SUCCEEDED %s", x.Status, x.Output, x.Error, x.Cause, want)
	}
	return evs
}

// canonical re-marshals a JSON text (sorted keys).
func canonical(s string) string {
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// sinkLines counts the items processed so far (with repeats).
func sinkLines(path string) int {
	b, _ := os.ReadFile(path)
	return strings.Count(string(b), "\n")
}

// awaitProgress waits (at most 30 s) until the sink has grown by n items
// since the last call.
func (j *longJob) awaitProgress(t testing.TB, n int) {
	t.Helper()
	start := j.progressMark
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cur := sinkLines(j.sink); cur >= start+n {
			j.progressMark = cur
			return
		}
	}
	j.progressMark = sinkLines(j.sink)
}

// processed counts how many times the sink saw each item.
func (j *longJob) processed(t testing.TB, items int) (missing, redone int) {
	t.Helper()
	b, err := os.ReadFile(j.sink)
	if err != nil {
		t.Fatal(err)
	}
	seen := make([]int, items)
	for _, line := range strings.Fields(string(b)) {
		n, err := strconv.Atoi(line)
		if err != nil || n < 0 || n >= items {
			t.Fatalf("sink line %q", line)
		}
		seen[n]++
	}
	for _, c := range seen {
		if c == 0 {
			missing++
		}
		if c > 1 {
			redone += c - 1
		}
	}
	return missing, redone
}

// TestLambdaLongJobScaled: the long job with a 3 s Lambda timeout and 20 s
// of work completes through the real binary in slices that each end before
// the deadline, with the exact result and every item processed once.
func TestLambdaLongJobScaled(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: 20 s of real work")
	}
	const items, itemMs = 100, 200
	j := newLongJob(t)
	evs := j.finish(t, j.start(t, items, itemMs), items)
	slices := countEvents(evs, "LambdaFunctionSucceeded")
	// 20 s of work in slices of at most 3 s (less a safety margin): at least
	// 7; a margin under half the timeout keeps it under 14.
	if slices < 7 || slices > 14 {
		t.Errorf("%d slices for 20 s of work under a 3 s timeout, want 7 to 14", slices)
	}
	if n := countEvents(evs, "LambdaFunctionFailed"); n != 0 {
		t.Errorf("%d failed invocations (a slice overran its deadline?)", n)
	}
	if missing, redone := j.processed(t, items); missing != 0 || redone != 0 {
		t.Errorf("sink: %d items missing, %d processed twice", missing, redone)
	}
	if n := j.fn.Instances(); n != 1 {
		t.Errorf("%d instances: the slices should reuse one warm process", n)
	}
}

// lambdaKills is how many times TestLambdaLongJobSurvivesKills kills the
// function; BATON_LAMBDA_KILLS overrides it.
func lambdaKills() int {
	if n, err := strconv.Atoi(os.Getenv("BATON_LAMBDA_KILLS")); err == nil && n > 0 {
		return n
	}
	return 20
}

// TestLambdaLongJobSurvivesKills: SIGKILL the function's process at random
// moments; after each kill the compiled Retry re-invokes the step, which
// resumes from its checkpoint: the job completes with the exact result, no
// item is lost, and redone work is bounded by the checkpoint interval.
func TestLambdaLongJobSurvivesKills(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: kills a real job many times")
	}
	done, redone := killFunctions(t, lambdaKills())
	t.Logf("%d kills, %d items redone", done, redone)
}

// BenchmarkLambdaLongJobKills is the kill test at the bench target's scale:
// 100 SIGKILLs of the function process (BATON_LAMBDA_KILLS overrides);
// redone-items/kill is the work each kill cost.
func BenchmarkLambdaLongJobKills(b *testing.B) {
	kills := 100
	if n, err := strconv.Atoi(os.Getenv("BATON_LAMBDA_KILLS")); err == nil && n > 0 {
		kills = n
	}
	var done, redone int
	for b.Loop() {
		d, r := killFunctions(b, kills)
		done, redone = done+d, redone+r
	}
	b.ReportMetric(float64(redone)/float64(done), "redone-items/kill")
}

// killFunctions runs the job and SIGKILLs one of its function processes
// at random moments, kills times; it checks the result and returns the
// kills done and the items processed more than once.
func killFunctions(t testing.TB, kills int) (done, redone int) {
	t.Helper()
	const itemMs = 50
	items := 60 + kills*20                                             // enough work to outlast the kills
	perKill := int(500*time.Millisecond/(itemMs*time.Millisecond)) + 1 // CheckpointEvery / item time
	j := newLongJob(t)
	x := j.start(t, items, itemMs)
	for done < kills {
		// Let the job checkpoint once since the last kill, then kill at a
		// random moment: every kill then costs at most one checkpoint
		// interval, which the redone-items bound below checks. (Early kills,
		// before any save, are TestLambdaLongJobSurvivesEarlyKills's case.)
		j.awaitProgress(t, perKill)
		time.Sleep(time.Duration(rand.IntN(1000)) * time.Millisecond)
		if d, _ := j.engine.DescribeExecution(context.Background(), x.Arn); d.Status.Terminal() {
			break
		}
		if pids := j.fn.PIDs(); len(pids) > 0 {
			syscall.Kill(pids[rand.IntN(len(pids))], syscall.SIGKILL)
			done++
		}
	}
	j.finish(t, x, items)
	if done < kills {
		t.Errorf("the job finished after %d of %d kills", done, kills)
	}
	missing, redone := j.processed(t, items)
	if missing != 0 || redone > done*perKill {
		t.Errorf("sink: %d items missing, %d redone; want none missing, at most %d redone (%d per kill)", missing, redone, done*perKill, perKill)
	}
	return done, redone
}
