package integration

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/baton-run/baton/orchestrator/lambdaemu"
)

// TestLambdaRoundTrip: an event goes through the Runtime API to a real
// aws-lambda-go binary and back, with Lambda's environment and headers.
func TestLambdaRoundTrip(t *testing.T) {
	bin := buildBootstrap(t, "lambdafn")
	t.Setenv("BATON_HOST_ONLY", "must-not-leak")
	f := newFunction(t, lambdaemu.Config{Name: "round-trip", Path: bin, Timeout: 7 * time.Second, MemoryMB: 512,
		Region: "eu-west-1", Env: map[string]string{"STAGE": "test"}})

	echo := invoke(t, f, map[string]any{"op": "echo", "data": map[string]any{"n": 1.5, "s": "é"}})
	if got, want := string(echo.Payload), `{"echo":{"op":"echo","data":{"n":1.5,"s":"é"}}}`; got != want || echo.Failed() {
		t.Errorf("echo payload = %s (failed %v), want %s", got, echo.Failed(), want)
	}
	if !echo.Report.ColdStart() || echo.Report.Init <= 0 || echo.Report.MemorySizeMB != 512 {
		t.Errorf("first invocation report = %+v, want a cold start with 512 MB", echo.Report)
	}

	payload := []byte(`{"op":"env"}`)
	before := time.Now()
	res, err := f.InvokeRequest(context.Background(), lambdaemu.Request{Payload: payload,
		ClientContext: `{"custom":{"k":"v"}}`, CognitoIdentity: `{"cognitoIdentityId":"id-1"}`})
	if err != nil || res.Failed() {
		t.Fatalf("env invocation: %v %s", err, res.Payload)
	}
	got := decode(t, res)
	env := got["env"].(map[string]any)
	wantEnv := map[string]string{
		"AWS_LAMBDA_FUNCTION_NAME": "round-trip", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
		"AWS_LAMBDA_FUNCTION_VERSION": "$LATEST", "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/round-trip",
		"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-1", "_HANDLER": "bootstrap",
		"LAMBDA_TASK_ROOT": filepath.Dir(bin), "TZ": ":UTC", "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
		"STAGE": "test",
	}
	for k, v := range wantEnv {
		if env[k] != v {
			t.Errorf("env %s = %v, want %q", k, env[k], v)
		}
	}
	if api, _ := env["AWS_LAMBDA_RUNTIME_API"].(string); !strings.HasPrefix(api, "127.0.0.1:") {
		t.Errorf("AWS_LAMBDA_RUNTIME_API = %q, want 127.0.0.1:port", api)
	}
	if stream, _ := env["AWS_LAMBDA_LOG_STREAM_NAME"].(string); !strings.Contains(stream, "/[$LATEST]") {
		t.Errorf("AWS_LAMBDA_LOG_STREAM_NAME = %q, want YYYY/MM/DD/[$LATEST]id", stream)
	}
	if _, leaked := env["BATON_HOST_ONLY"]; leaked {
		t.Error("the host environment leaked into the function")
	}
	if got["wd"] != filepath.Dir(bin) {
		t.Errorf("working directory = %v, want %s", got["wd"], filepath.Dir(bin))
	}
	if got["requestId"] != res.RequestID || res.RequestID == "" {
		t.Errorf("context request id %v, result request id %q", got["requestId"], res.RequestID)
	}
	if want := "arn:aws:lambda:eu-west-1:123456789012:function:round-trip"; got["functionArn"] != want {
		t.Errorf("invoked function ARN = %v, want %s", got["functionArn"], want)
	}
	if tr, _ := got["traceId"].(string); !strings.HasPrefix(tr, "Root=1-") {
		t.Errorf("trace id = %q, want an X-Ray header", tr)
	}
	if cc, _ := got["clientContext"].(map[string]any); cc["k"] != "v" || got["cognitoIdentity"] != "id-1" {
		t.Errorf("client context %v, cognito identity %v", got["clientContext"], got["cognitoIdentity"])
	}
	deadline := time.UnixMilli(int64(got["deadlineMs"].(float64)))
	if lo, hi := before.Add(7*time.Second-time.Second), time.Now().Add(7*time.Second); deadline.Before(lo) || deadline.After(hi) {
		t.Errorf("deadline %v not about 7s after the invocation (%v)", deadline, before)
	}
}

// TestLambdaWarmReuse: consecutive invocations reuse one process; only the
// first pays the cold start.
func TestLambdaWarmReuse(t *testing.T) {
	f := newFunction(t, lambdaemu.Config{Name: "warm", Path: buildBootstrap(t, "lambdafn")})
	var pid float64
	for i := 1; i <= 4; i++ {
		res := invoke(t, f, map[string]any{"op": "pid"})
		got := decode(t, res)
		if i == 1 {
			pid = got["pid"].(float64)
		}
		if got["pid"] != pid || got["count"] != float64(i) {
			t.Errorf("call %d: pid %v count %v, want pid %v count %d", i, got["pid"], got["count"], pid, i)
		}
		if res.Report.ColdStart() != (i == 1) || res.Report.PID != int(pid) {
			t.Errorf("call %d: report %+v, want cold start only on call 1", i, res.Report)
		}
		if res.Report.BilledMs < 1 || res.Report.MaxMemoryUsedMB < 1 {
			t.Errorf("call %d: report %+v lacks billing or memory", i, res.Report)
		}
	}
	if n := f.Instances(); n != 1 {
		t.Errorf("instances = %d, want 1", n)
	}
}

// TestLambdaTimeout: an invocation past the timeout is killed and fails as
// Lambda reports it; the next invocation cold-starts a new process.
func TestLambdaTimeout(t *testing.T) {
	f := newFunction(t, lambdaemu.Config{Name: "slow", Path: buildBootstrap(t, "lambdafn"), Timeout: 500 * time.Millisecond})
	first := decode(t, invoke(t, f, map[string]any{"op": "pid"}))
	oldPID := int(first["pid"].(float64))

	start := time.Now()
	res := invoke(t, f, map[string]any{"op": "sleep", "ms": 10000})
	elapsed := time.Since(start)
	name, cause := res.Error()
	wantCause := `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: ` + res.RequestID + ` Error: Task timed out after 0.50 seconds"}`
	if name != "Sandbox.Timedout" || cause != wantCause || res.FunctionError != "Unhandled" {
		t.Errorf("timeout = %q %s (%q)\nwant Sandbox.Timedout %s", name, cause, res.FunctionError, wantCause)
	}
	if elapsed < 500*time.Millisecond || elapsed > 3*time.Second {
		t.Errorf("timed-out invocation took %v, want about 500ms", elapsed)
	}
	if res.Report.Status != "timeout" || res.Report.Duration != 500*time.Millisecond {
		t.Errorf("report %+v, want status timeout, duration 500ms", res.Report)
	}
	if alive(oldPID) {
		t.Errorf("process %d survived its timeout", oldPID)
	}
	next := invoke(t, f, map[string]any{"op": "pid"})
	if got := decode(t, next); int(got["pid"].(float64)) == oldPID || got["count"] != 1.0 || !next.Report.ColdStart() {
		t.Errorf("after the timeout: %s %+v, want a new process cold-starting", next.Payload, next.Report)
	}
}

// TestLambdaFunctionErrors: errors, panics, exits and oversized responses
// fail with the error names Step Functions would see; a process that dies
// is replaced by a cold start.
func TestLambdaFunctionErrors(t *testing.T) {
	f := newFunction(t, lambdaemu.Config{Name: "errors", Path: buildBootstrap(t, "lambdafn")})
	tests := []struct {
		event    map[string]any
		name     string
		message  string // errorMessage; "%s" is the request id
		survives bool   // the process stays warm
	}{
		{map[string]any{"op": "error"}, typeName(&ValidationError{}), "invalid field op", true},
		{map[string]any{"op": "nope"}, typeName(errors.New("")), `unknown op "nope"`, true},
		{map[string]any{"op": "panic"}, typeName("boom"), "boom", false},
		{map[string]any{"op": "exit", "code": 2}, "Runtime.ExitError", "RequestId: %s Error: Runtime exited with error: exit status 2", false},
		{map[string]any{"op": "exit", "code": 0}, "Runtime.ExitError", "RequestId: %s Error: Runtime exited without providing a reason", false},
		// aws-lambda-go exits when the Runtime API refuses its response (413).
		{map[string]any{"op": "big", "bytes": 7 << 20}, "Function.ResponseSizeTooLarge", "Response payload size exceeded maximum allowed payload size (6291556 bytes).", false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.event["op"], tc.event["code"]), func(t *testing.T) {
			pid := decode(t, invoke(t, f, map[string]any{"op": "pid"}))["pid"].(float64)
			res := invoke(t, f, tc.event)
			name, _ := res.Error()
			doc := decode(t, res)
			msg := tc.message
			if strings.Contains(msg, "%s") {
				msg = fmt.Sprintf(msg, res.RequestID)
			}
			if name != tc.name || doc["errorType"] != tc.name || doc["errorMessage"] != msg {
				t.Errorf("error = %q %s, want %q %q", name, res.Payload, tc.name, msg)
			}
			after := invoke(t, f, map[string]any{"op": "pid"})
			if warm := decode(t, after)["pid"] == pid; warm != tc.survives || after.Report.ColdStart() == tc.survives {
				t.Errorf("after the error: %s %+v; want warm reuse %v", after.Payload, after.Report, tc.survives)
			}
		})
	}
}

// ValidationError mirrors the test function's error type, so the expected
// errorType comes from Go's type name, not from the emulator.
type ValidationError struct{ Field string }

func (e *ValidationError) Error() string { return "invalid field " + e.Field }

// typeName is the name aws-lambda-go gives an error value's type.
func typeName(v any) string {
	s := fmt.Sprintf("%T", v)
	s = strings.TrimPrefix(s, "*")
	return s[strings.LastIndex(s, ".")+1:]
}

// TestLambdaInitFailures: a runtime that fails before its first /next.
func TestLambdaInitFailures(t *testing.T) {
	fn := buildBootstrap(t, "lambdafn")
	initErr := buildBootstrap(t, "lambdainiterr")
	tests := []struct {
		name    string
		cfg     lambdaemu.Config
		errType string
		message string // "%s" is the request id
	}{
		{"crash", lambdaemu.Config{Path: fn, Env: map[string]string{"LAMBDAFN_INIT": "crash"}},
			"Runtime.ExitError", "RequestId: %s Error: Runtime exited with error: exit status 3"},
		{"init-error", lambdaemu.Config{Path: initErr}, "ConfigError", "config file missing"},
		{"slow-init", lambdaemu.Config{Path: fn, InitTimeout: 300 * time.Millisecond, Timeout: 2 * time.Second,
			Env: map[string]string{"LAMBDAFN_INIT_SLEEP_MS": "5000"}},
			"Sandbox.Timedout", "RequestId: %s Error: Task timed out after 2.00 seconds"},
		{"no-binary", lambdaemu.Config{Path: filepath.Join(t.TempDir(), "bootstrap")}, "Runtime.InvalidEntrypoint", ""},
		// What Lambda reports for a bootstrap of the wrong architecture.
		{"not-executable-here", lambdaemu.Config{Path: notAnExecutable(t)}, "Runtime.InvalidEntrypoint", "exec format error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.cfg.Name = "init-" + tc.name
			f := newFunction(t, tc.cfg)
			res := invoke(t, f, map[string]any{"op": "echo"})
			doc := decode(t, res)
			msg := tc.message
			if strings.Contains(msg, "%s") {
				msg = fmt.Sprintf(msg, res.RequestID)
			}
			got, _ := doc["errorMessage"].(string)
			if doc["errorType"] != tc.errType || !strings.HasSuffix(got, msg) || !res.Failed() {
				t.Errorf("got %s, want errorType %q errorMessage %q", res.Payload, tc.errType, msg)
			}
			if n := f.Instances(); n != 0 {
				t.Errorf("%d instances left after a failed init", n)
			}
		})
	}
}

// notAnExecutable writes an executable file the kernel cannot run.
func notAnExecutable(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "bootstrap")
	if err := os.WriteFile(p, []byte("\x7fELF but not really"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestLambdaConcurrency: parallel invocations run on up to Concurrency
// processes at once; the rest wait for a free one.
func TestLambdaConcurrency(t *testing.T) {
	const limit, calls, sleep = 3, 7, 400
	f := newFunction(t, lambdaemu.Config{Name: "parallel", Path: buildBootstrap(t, "lambdafn"), Concurrency: limit})
	var mu sync.Mutex
	pids := map[int]int{}
	start := time.Now()
	var wg sync.WaitGroup
	for range calls {
		wg.Go(func() {
			res := invoke(t, f, map[string]any{"op": "sleep", "ms": sleep})
			mu.Lock()
			pids[res.Report.PID]++
			mu.Unlock()
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if len(pids) != limit {
		t.Errorf("invocations ran on %d processes (%v), want %d", len(pids), pids, limit)
	}
	waves := (calls + limit - 1) / limit
	if min := time.Duration(waves*sleep) * time.Millisecond; elapsed < min {
		t.Errorf("%d calls of %dms with concurrency %d took %v, want at least %v", calls, sleep, limit, elapsed, min)
	}
	if max := time.Duration(calls*sleep) * time.Millisecond; elapsed >= max {
		t.Errorf("took %v: the calls ran one at a time", elapsed)
	}
	if n := f.Instances(); n != limit {
		t.Errorf("%d warm instances, want %d", n, limit)
	}
}

// TestLambdaMemory: the peak resident set is reported; with EnforceMemory a
// process that passes its memory size is killed as Lambda kills it.
func TestLambdaMemory(t *testing.T) {
	bin := buildBootstrap(t, "lambdafn")
	const mb = 1 << 20
	t.Run("reported", func(t *testing.T) {
		f := newFunction(t, lambdaemu.Config{Name: "mem", Path: bin, MemoryMB: 128})
		res := invoke(t, f, map[string]any{"op": "alloc", "bytes": 200 * mb})
		if res.Failed() || res.Report.MaxMemoryUsedMB < 200 || res.Report.MemorySizeMB != 128 {
			t.Errorf("alloc 200 MB without enforcement: %s %+v; want success, max memory ≥ 200 MB", res.Payload, res.Report)
		}
	})
	t.Run("enforced", func(t *testing.T) {
		f := newFunction(t, lambdaemu.Config{Name: "oom", Path: bin, MemoryMB: 128, EnforceMemory: true})
		if res := invoke(t, f, map[string]any{"op": "alloc", "bytes": 16 * mb}); res.Failed() {
			t.Fatalf("alloc 16 MB of 128: %s", res.Payload)
		}
		res := invoke(t, f, map[string]any{"op": "alloc", "bytes": 300 * mb})
		want := `{"errorType":"Runtime.OutOfMemory","errorMessage":"RequestId: ` + res.RequestID +
			` Error: Runtime exited with error: signal: killed"}`
		if string(res.Payload) != want {
			t.Errorf("alloc 300 MB of 128: %s\nwant %s", res.Payload, want)
		}
		if next := invoke(t, f, map[string]any{"op": "count"}); !next.Report.ColdStart() {
			t.Errorf("after the kill: %+v, want a cold start", next.Report)
		}
	})
}

// TestLambdaThrottle: with Throttle, an invocation that finds every
// instance busy fails at once with Lambda's throttling error.
func TestLambdaThrottle(t *testing.T) {
	f := newFunction(t, lambdaemu.Config{Name: "throttled", Path: buildBootstrap(t, "lambdafn"), Concurrency: 1, Throttle: true})
	busy := make(chan lambdaemu.Result, 1)
	go func() { busy <- invoke(t, f, map[string]any{"op": "sleep", "ms": 1000}) }()
	waitFor(t, func() bool { return f.Instances() == 1 })
	_, err := f.Invoke(context.Background(), []byte(`{"op":"count"}`))
	var se *lambdaemu.ServiceError
	if !errors.As(err, &se) || se.Name() != "Lambda.TooManyRequestsException" || se.Status != 429 {
		t.Errorf("second invocation: err = %v, want Lambda.TooManyRequestsException (429)", err)
	}
	if res := <-busy; res.Failed() {
		t.Errorf("the busy invocation failed: %s", res.Payload)
	}
	if res := invoke(t, f, map[string]any{"op": "count"}); res.Failed() {
		t.Errorf("after the busy one ended: %s", res.Payload)
	}
}

// TestLambdaRequestTooLarge: Lambda rejects a request over 6 MB before any
// function runs.
func TestLambdaRequestTooLarge(t *testing.T) {
	f := newFunction(t, lambdaemu.Config{Name: "big", Path: buildBootstrap(t, "lambdafn")})
	payload := []byte(`"` + strings.Repeat("x", 6<<20) + `"`)
	_, err := f.Invoke(context.Background(), payload)
	var se *lambdaemu.ServiceError
	if !errors.As(err, &se) || se.Name() != "Lambda.RequestEntityTooLargeException" {
		t.Fatalf("err = %v, want Lambda.RequestEntityTooLargeException", err)
	}
	if n := f.Instances(); n != 0 {
		t.Errorf("%d instances started for a rejected request", n)
	}
}

// TestLambdaCloseKillsEverything: Close ends running and idle instances;
// nothing survives it and later invocations fail with ErrClosed.
func TestLambdaCloseKillsEverything(t *testing.T) {
	bin := buildBootstrap(t, "lambdafn")
	f, err := lambdaemu.New(lambdaemu.Config{Name: "closing", Path: bin, Timeout: time.Minute, Concurrency: 3})
	if err != nil {
		t.Fatal(err)
	}
	invoke(t, f, map[string]any{"op": "pid"}) // one idle instance
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			_, err := f.Invoke(context.Background(), []byte(`{"op":"sleep","ms":60000}`))
			errs <- err
		}()
	}
	waitFor(t, func() bool { return f.Instances() == 2 || len(processesRunning(bin)) >= 2 })
	time.Sleep(200 * time.Millisecond)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := <-errs; !errors.Is(err, lambdaemu.ErrClosed) {
			t.Errorf("in-flight invocation: err = %v, want ErrClosed", err)
		}
	}
	if pids := processesRunning(bin); len(pids) > 0 {
		t.Errorf("processes survived Close: %v", pids)
	}
	if _, err := f.Invoke(context.Background(), []byte(`{}`)); !errors.Is(err, lambdaemu.ErrClosed) {
		t.Errorf("Invoke after Close: err = %v, want ErrClosed", err)
	}
}

// TestLambdaCallerGivesUp: when the caller's context ends, Invoke returns
// at once and the invocation finishes in the background, as on Lambda; the
// instance is then reused.
func TestLambdaCallerGivesUp(t *testing.T) {
	f := newFunction(t, lambdaemu.Config{Name: "caller", Path: buildBootstrap(t, "lambdafn"), Concurrency: 1})
	pid := decode(t, invoke(t, f, map[string]any{"op": "pid"}))["pid"]
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := f.Invoke(ctx, []byte(`{"op":"sleep","ms":1500}`))
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
		t.Fatalf("err = %v after %v, want DeadlineExceeded at about 100ms", err, time.Since(start))
	}
	got := decode(t, invoke(t, f, map[string]any{"op": "pid"}))
	if got["pid"] != pid || got["count"] != 3.0 {
		t.Errorf("after the abandoned call: %v, want pid %v count 3", got, pid)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met within 10s")
}
