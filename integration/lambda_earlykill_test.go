package integration

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"syscall"
	"testing"
	"time"

	"github.com/baton-run/baton/orchestrator/local"
)

// TestLambdaLongJobSurvivesEarlyKills: SIGKILL the function again and
// again early in one slice, before its first checkpoint write (each
// attempt dies within 300 ms of its first item; CheckpointEvery is
// 500 ms), more times in a row than MaxStalledSlices (3). Each retry of
// the Task state entry takes the killed attempt's lease over at once: no
// LeaseHeldError, no NoProgressError (the killed slices did not spend
// their budget), and the exact result.
func TestLambdaLongJobSurvivesEarlyKills(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: kills a real job many times")
	}
	const items, itemMs, kills = 80, 50, 7
	j := newLongJob(t)
	x := j.start(t, items, itemMs)
	done := 0
	for done < kills {
		j.awaitProgress(t, 1) // the next attempt has started its chunks
		time.Sleep(time.Duration(rand.IntN(150)) * time.Millisecond)
		if d, _ := j.engine.DescribeExecution(context.Background(), x.Arn); d.Status.Terminal() {
			break
		}
		if pids := j.fn.PIDs(); len(pids) > 0 {
			for _, pid := range pids {
				syscall.Kill(pid, syscall.SIGKILL)
			}
			done++
		}
	}
	evs := j.finish(t, x, items)
	failed := lambdaErrors(t, evs)
	t.Logf("%d early kills; failed invocations: %v", done, failed)
	// A kill may land on a process between two invocations (no failure);
	// most land in one.
	if done != kills || len(failed) <= 3 {
		t.Errorf("%d kills, %d failed invocations; want %d kills, more failed than MaxStalledSlices (3)", done, len(failed), kills)
	}
	for _, name := range failed {
		if name != "Runtime.ExitError" {
			t.Errorf("an invocation failed with %s, want only Runtime.ExitError (the kills)", name)
		}
	}
	perKill := 300/itemMs + 1
	if missing, redone := j.processed(t, items); missing != 0 || redone > done*perKill {
		t.Errorf("sink: %d items missing, %d redone; want none missing, at most %d per kill", missing, redone, perKill)
	}
}

// lambdaErrors returns the error names of the failed Lambda invocations.
func lambdaErrors(t *testing.T, evs []local.HistoryEvent) []string {
	var names []string
	for _, ev := range evs {
		if ev.Type != "LambdaFunctionFailed" {
			continue
		}
		var d struct{ Error string }
		if err := json.Unmarshal(ev.Details, &d); err != nil {
			t.Fatalf("event %d details %s: %v", ev.ID, ev.Details, err)
		}
		names = append(names, d.Error)
	}
	return names
}

// TestLambdaLongJobOversizedChunkFails: one item takes longer than the
// function's timeout, so every slice is killed at its deadline
// (Sandbox.Timedout) in its first chunk. Each such slice recorded, just
// before its deadline, that it spent its budget: after MaxStalledSlices (3)
// of them the step fails with NoProgressError instead of looping.
func TestLambdaLongJobOversizedChunkFails(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: runs into the function timeout several times")
	}
	j := newLongJob(t)
	x := j.start(t, 3, 5000) // 5 s items under a 3 s timeout
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	x, err := j.engine.Wait(ctx, x.Arn)
	if err != nil {
		t.Fatal(err)
	}
	evs, _, err := j.engine.GetExecutionHistory(ctx, x.Arn, local.HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	failed := lambdaErrors(t, evs)
	t.Logf("%s %s: %s; failed invocations %v", x.Status, x.Error, x.Cause, failed)
	if x.Status != local.StatusFailed || x.Error != "NoProgressError" {
		t.Errorf("execution %s %s %s, want FAILED NoProgressError", x.Status, x.Error, x.Cause)
	}
	if len(failed) != 4 || failed[0] != "Sandbox.Timedout" || failed[3] != "NoProgressError" {
		t.Errorf("failed invocations %v, want 3 × Sandbox.Timedout then NoProgressError", failed)
	}
}
