package integration

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/testenv"
)

// buildBaton builds the baton CLI into a temporary directory.
func buildBaton(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "baton")
	cmd := exec.Command(goTool(t), "build", "-o", out, "./cmd/baton")
	cmd.Dir = testenv.ModuleRoot()
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/baton: %v\n%s", err, b)
	}
	return out
}

// engineKills is how many times TestLambdaLongJobSurvivesEngineKills kills
// the engine; BATON_LAMBDA_ENGINE_KILLS overrides it.
func engineKills() int {
	if n, err := strconv.Atoi(os.Getenv("BATON_LAMBDA_ENGINE_KILLS")); err == nil && n > 0 {
		return n
	}
	return 5
}

// TestLambdaLongJobSurvivesEngineKills runs the long job with the baton CLI
// (`baton run --db F --lambda longjob=BOOTSTRAP,...`) and SIGKILLs the
// engine process at random moments; its function processes die with it.
// Each restart (`baton executions resume`) carries on from the durable
// history and the checkpoint: the job completes with the exact result.
func TestLambdaLongJobSurvivesEngineKills(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: kills the engine process many times")
	}
	baton, bin := buildBaton(t), buildBootstrap(t, "lambdalong")
	dir := t.TempDir()
	db, sink, def := filepath.Join(dir, "engine.db"), filepath.Join(dir, "sink.txt"), filepath.Join(dir, "longjob.asl.json")
	asl, err := exec.Command(bin, "asl").Output()
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(def, asl, 0o644)
	spec := "longjob=" + bin + ",timeout=3s,env=BATON_CHECKPOINT_DB=" + filepath.Join(dir, "checkpoints.db") + ",env=BATON_SINK=" + sink
	kills := engineKills()
	const items, itemMs = 200, 50
	args := []string{"run", def, "--db", db, "--lambda", spec, "--input", `{"items":200,"itemMs":50}`}
	killed := 0
	j := &longJob{sink: sink}
	for ; killed < kills; killed++ {
		if finished := runAndKill(t, baton, args, bin, func() { j.awaitProgress(t, 11) }); finished {
			break
		}
		args = []string{"executions", "resume", "--db", db, "--lambda", spec}
	}
	if out, err := exec.Command(baton, "executions", "resume", "--db", db, "--lambda", spec).CombinedOutput(); err != nil {
		t.Fatalf("final resume: %v\n%s", err, out)
	}
	out, err := exec.Command(baton, "executions", "list", "--db", db, "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var xs []struct{ Status, Output, Error, Cause string }
	if err := json.Unmarshal(out, &xs); err != nil || len(xs) != 1 {
		t.Fatalf("executions: %v %s", err, out)
	}
	want := `{"count":200,"sum":19900}`
	if xs[0].Status != "SUCCEEDED" || canonical(xs[0].Output) != want {
		t.Fatalf("execution %+v, want SUCCEEDED %s", xs[0], want)
	}
	if killed < kills {
		t.Errorf("the job finished after %d of %d engine kills", killed, kills)
	}
	missing, redone := j.processed(t, items)
	t.Logf("%d engine kills, %d items redone", killed, redone)
	if perKill := int(500*time.Millisecond/(itemMs*time.Millisecond)) + 1; missing != 0 || redone > killed*perKill {
		t.Errorf("sink: %d items missing, %d redone; want none missing, at most %d per kill", missing, redone, perKill)
	}
}

// runAndKill starts the CLI, waits for progress (one checkpoint interval
// of items, so that kills cannot starve the job), SIGKILLs it after a
// further random 0-2 s, and checks that no function process outlives it.
// It reports whether the CLI finished on its own first.
func runAndKill(t *testing.T, baton string, args []string, bin string, progress func()) bool {
	t.Helper()
	cmd := exec.Command(baton, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	progressed := make(chan struct{})
	go func() { progress(); close(progressed) }()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("baton %v: %v", args[:2], err)
		}
		return true
	case <-progressed:
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("baton %v: %v", args[:2], err)
		}
		return true
	case <-time.After(time.Duration(rand.IntN(2000)) * time.Millisecond):
	}
	syscall.Kill(cmd.Process.Pid, syscall.SIGKILL)
	<-exited
	waitFor(t, func() bool { return len(processesRunning(bin)) == 0 })
	return false
}
