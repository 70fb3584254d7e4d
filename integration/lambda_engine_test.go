package integration

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/baton-run/baton/orchestrator/lambdaemu"
	"github.com/baton-run/baton/orchestrator/local"
)

// runOnEngine runs a definition on the local engine with the emulated
// functions as its Invoker and returns the execution and its event types.
func runOnEngine(t *testing.T, fs *lambdaemu.Functions, def, input string) (local.Execution, []local.HistoryEvent) {
	t.Helper()
	e, err := local.Open(local.Options{Invoker: fs})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	sm, err := e.CreateStateMachine(ctx, "lambda-"+strings.ReplaceAll(t.Name(), "/", "-"), []byte(def), nil)
	if err != nil {
		t.Fatal(err)
	}
	x, err := e.StartExecution(ctx, sm.Arn, "", input)
	if err != nil {
		t.Fatal(err)
	}
	if x, err = e.Wait(ctx, x.Arn); err != nil {
		t.Fatal(err)
	}
	evs, _, err := e.GetExecutionHistory(ctx, x.Arn, local.HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return x, evs
}

func countEvents(evs []local.HistoryEvent, typ string) int {
	n := 0
	for _, ev := range evs {
		if ev.Type == typ {
			n++
		}
	}
	return n
}

// TestLambdaOnTheEngine: the local engine invokes real bootstrap binaries
// through the emulator; Lambda's error names reach Retry and Catch.
func TestLambdaOnTheEngine(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: runs Lambda timeouts in real time")
	}
	bin := buildBootstrap(t, "lambdafn")
	fs, err := lambdaemu.NewFunctions(lambdaemu.Config{Name: "fn", Path: bin, Timeout: time.Second, Concurrency: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		fs.Close()
		if pids := processesRunning(bin); len(pids) > 0 {
			t.Errorf("processes survived: %v", pids)
		}
	}()
	reports := make(chan lambdaemu.Report, 100)
	fs.OnReport = func(_ string, _ local.InvokeMeta, res lambdaemu.Result) { reports <- res.Report }
	const arn = "arn:aws:lambda:us-east-1:123456789012:function:fn"

	t.Run("timeout is retried then caught", func(t *testing.T) {
		def := `{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"` + arn + `",
			"Retry":[{"ErrorEquals":["Sandbox.Timedout"],"MaxAttempts":1,"IntervalSeconds":1}],
			"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught","ResultPath":"$.error"}],"End":true},
			"Caught":{"Type":"Pass","End":true}}}`
		x, evs := runOnEngine(t, fs, def, `{"op":"sleep","ms":5000}`)
		var out struct{ Error struct{ Error, Cause string } }
		json.Unmarshal([]byte(x.Output), &out)
		if x.Status != local.StatusSucceeded || out.Error.Error != "Sandbox.Timedout" ||
			!strings.Contains(out.Error.Cause, "Task timed out after 1.00 seconds") {
			t.Errorf("execution %s %s", x.Status, x.Output)
		}
		if n := countEvents(evs, "LambdaFunctionFailed"); n != 2 {
			t.Errorf("%d LambdaFunctionFailed events, want 2 (the attempt and its retry)", n)
		}
	})
	t.Run("a Go error type names the failure", func(t *testing.T) {
		def := `{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"` + arn + `","End":true}}}`
		x, _ := runOnEngine(t, fs, def, `{"op":"error"}`)
		if x.Status != local.StatusFailed || x.Error != "ValidationError" ||
			x.Cause != `{"errorMessage":"invalid field op","errorType":"ValidationError"}` {
			t.Errorf("execution %s %q %q", x.Status, x.Error, x.Cause)
		}
	})
	t.Run("a Map runs instances in parallel", func(t *testing.T) {
		def := `{"StartAt":"Each","States":{"Each":{"Type":"Map","MaxConcurrency":6,"ItemsPath":"$.items","End":true,
			"ItemProcessor":{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
			"Parameters":{"FunctionName":"fn","Payload":{"op":"sleep","ms.$":"$"}},"OutputPath":"$.Payload","End":true}}}}}}`
		start := time.Now()
		x, _ := runOnEngine(t, fs, def, `{"items":[500,500,500,500,500,500]}`)
		if want := strings.Repeat(`{"slept":500},`, 6); x.Status != local.StatusSucceeded || x.Output != "["+want[:len(want)-1]+"]" {
			t.Errorf("execution %s %s %s", x.Status, x.Output, x.Cause)
		}
		if d := time.Since(start); d > 6*500*time.Millisecond {
			t.Errorf("6 items of 500ms with concurrency 3 took %v", d)
		}
		if n := fs.Names(); len(n) != 1 {
			t.Errorf("functions %v", n)
		}
		if f, _ := fs.Get("fn"); f.Instances() != 3 {
			t.Errorf("%d instances, want the concurrency limit 3", f.Instances())
		}
	})
	close(reports)
	var cold, total int
	for r := range reports {
		total++
		if r.ColdStart() {
			cold++
		}
	}
	if total == 0 || cold == 0 || cold == total {
		t.Errorf("reports: %d of %d cold starts, want some cold and some warm", cold, total)
	}
}
