package local

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

const fn = "arn:aws:lambda:us-east-1:123456789012:function:"

type Throttled struct{}

func (*Throttled) Error() string { return "slow down" }

// engineWith opens an in-memory engine on an auto-advancing fake clock.
func engineWith(t *testing.T, inv Invoker) *Engine {
	t.Helper()
	e, err := Open(Options{Clock: clock.NewAutoFake(t0), Invoker: inv})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func eventTimes(evs []HistoryEvent, typ string) []time.Time {
	var out []time.Time
	for _, ev := range evs {
		if ev.Type == typ {
			out = append(out, ev.Timestamp)
		}
	}
	return out
}

// TestRetryBackoffFollowsTheClock: IntervalSeconds 2, BackoffRate 3: the
// retries start 2 s and 6 s after the failures, on the injected clock.
func TestRetryBackoffFollowsTheClock(t *testing.T) {
	calls := 0
	h := NewHandlers().Register("flaky", func(ctx context.Context) (string, error) {
		if calls++; calls < 3 {
			return "", &Throttled{}
		}
		return "ok", nil
	})
	e := engineWith(t, h)
	def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `flaky","End":true,
	  "Retry":[{"ErrorEquals":["Throttled"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":5}]}}}`
	x, evs, err := e.RunOnce(context.Background(), "retry", []byte(def), `{}`, nil)
	if err != nil || x.Status != StatusSucceeded || x.Output != `"ok"` {
		t.Fatalf("%+v %v", x, err)
	}
	failed, scheduled := eventTimes(evs, "LambdaFunctionFailed"), eventTimes(evs, "LambdaFunctionScheduled")
	if len(failed) != 2 || len(scheduled) != 3 {
		t.Fatalf("failed %d, scheduled %d", len(failed), len(scheduled))
	}
	for i, want := range []time.Duration{2 * time.Second, 6 * time.Second} {
		if got := scheduled[i+1].Sub(failed[i]); got != want {
			t.Errorf("retry %d started %v after the failure, want %v", i+1, got, want)
		}
	}
}

// TestTimeouts covers the task, heartbeat and execution timeouts and
// StopExecution, with their error names and events.
func TestTimeouts(t *testing.T) {
	block := InvokerFunc(func(ctx context.Context, _ string, _ []byte, _ InvokeMeta) ([]byte, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	})
	cases := []struct {
		name, def      string
		status         Status
		errName, event string
	}{
		{"task TimeoutSeconds", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `f","TimeoutSeconds":5,"End":true}}}`,
			StatusFailed, "States.Timeout", "LambdaFunctionTimedOut"},
		{"heartbeat", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
		  "Parameters":{"FunctionName":"f","Payload":{"token.$":"$$.Task.Token"}},"HeartbeatSeconds":3,"End":true}}}`,
			StatusFailed, "States.HeartbeatTimeout", "TaskTimedOut"},
		{"execution TimeoutSeconds", `{"TimeoutSeconds":10,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":100,"End":true}}}`,
			StatusTimedOut, "States.Timeout", "WaitStateAborted"},
	}
	submit := InvokerFunc(func(ctx context.Context, _ string, _ []byte, m InvokeMeta) ([]byte, error) {
		if m.TaskToken != "" {
			return []byte(`{}`), nil
		}
		return block(ctx, "", nil, m)
	})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := engineWith(t, submit)
			x, evs, err := e.RunOnce(context.Background(), "m", []byte(c.def), `{}`, nil)
			if err != nil {
				t.Fatal(err)
			}
			if x.Status != c.status || x.Error != c.errName {
				t.Fatalf("status %s error %q, want %s %q", x.Status, x.Error, c.status, c.errName)
			}
			if count(evs, c.event) != 1 {
				t.Fatalf("no %s event in %v", c.event, types(evs))
			}
		})
	}
}

func TestStopExecutionAbortsTheRunningState(t *testing.T) {
	e, err := Open(Options{}) // real clock: the Wait really waits
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	sm, err := e.CreateStateMachine(ctx, "w", []byte(`{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	x, err := e.StartExecution(ctx, sm.Arn, "stop-me", "")
	if err != nil {
		t.Fatal(err)
	}
	waitForEvent(t, e, x.Arn, "WaitStateEntered") // history is readable while running
	if x, err = e.StopExecution(ctx, x.Arn, "Operator", "no longer needed"); err != nil {
		t.Fatal(err)
	}
	evs, _, _ := e.GetExecutionHistory(ctx, x.Arn, HistoryOptions{})
	if x.Status != StatusAborted || x.Error != "Operator" || x.Cause != "no longer needed" {
		t.Fatalf("%+v", x)
	}
	if got := types(evs); !equal(got, []string{"ExecutionStarted", "WaitStateEntered", "WaitStateAborted", "ExecutionAborted"}) {
		t.Fatalf("events %v", got)
	}
}

func waitForEvent(t *testing.T, e *Engine, arn, typ string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		evs, _, err := e.GetExecutionHistory(context.Background(), arn, HistoryOptions{})
		if err == nil && count(evs, typ) > 0 {
			return
		}
	}
	t.Fatalf("no %s event", typ)
}

// tokenCatcher records the task tokens handed to .waitForTaskToken tasks.
type tokenCatcher struct {
	mu     sync.Mutex
	tokens chan string
}

func (c *tokenCatcher) Invoke(ctx context.Context, _ string, _ []byte, m InvokeMeta) ([]byte, error) {
	c.tokens <- m.TaskToken
	return []byte(`{"accepted":true}`), nil
}

const callbackDef = `{"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
  "Parameters":{"FunctionName":"approver","Payload":{"token.$":"$$.Task.Token"}},"End":true}}}`

func TestCallbacks(t *testing.T) {
	for _, c := range []struct {
		name   string
		send   func(e *Engine, token string) error
		status Status
		out    string
	}{
		{"success", func(e *Engine, tok string) error {
			return e.SendTaskSuccess(context.Background(), tok, `{"approved":true}`)
		},
			StatusSucceeded, `{"approved":true}`},
		{"failure", func(e *Engine, tok string) error {
			return e.SendTaskFailure(context.Background(), tok, "Rejected", "by a human")
		}, StatusFailed, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			tc := &tokenCatcher{tokens: make(chan string, 1)}
			e := engineWith(t, tc)
			ctx := context.Background()
			sm, _ := e.CreateStateMachine(ctx, "cb", []byte(callbackDef), nil)
			x, err := e.StartExecution(ctx, sm.Arn, "", "")
			if err != nil {
				t.Fatal(err)
			}
			token := <-tc.tokens
			if err := e.SendTaskHeartbeat(ctx, token); err != nil {
				t.Fatal(err)
			}
			if err := c.send(e, token); err != nil {
				t.Fatal(err)
			}
			x, _ = e.Wait(ctx, x.Arn)
			if x.Status != c.status || x.Output != c.out {
				t.Fatalf("%+v", x)
			}
			if err := e.SendTaskSuccess(ctx, token, `{}`); !errors.Is(err, ErrTaskDoesNotExist) {
				t.Fatalf("second answer: %v, want ErrTaskDoesNotExist", err)
			}
		})
	}
}

// TestCallbackTokenSurvivesRestart: the token handed out before a clean
// shutdown still completes the task after the file is reopened.
func TestCallbackTokenSurvivesRestart(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cb.db")
	tc := &tokenCatcher{tokens: make(chan string, 2)}
	e, err := Open(Options{Path: db, Invoker: tc})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	sm, _ := e.CreateStateMachine(ctx, "cb", []byte(callbackDef), nil)
	x, err := e.StartExecution(ctx, sm.Arn, "approve", "")
	if err != nil {
		t.Fatal(err)
	}
	token := <-tc.tokens
	waitForEvent(t, e, x.Arn, "TaskSubmitted")
	e.Close()
	e, err = Open(Options{Path: db, Invoker: tc})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		err = e.SendTaskSuccess(ctx, token, `"yes"`)
		if err == nil || time.Now().After(deadline) {
			break
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	x, _ = e.Wait(ctx, x.Arn)
	evs, _, _ := e.GetExecutionHistory(ctx, x.Arn, HistoryOptions{})
	if x.Status != StatusSucceeded || x.Output != `"yes"` || count(evs, "TaskSubmitted") != 1 || len(tc.tokens) != 0 {
		t.Fatalf("%+v %v (the function must not be invoked again)", x, types(evs))
	}
	checkHistoryIntegrity(t, evs)
}

// TestCleanShutdownResumesInFlightTask: Close while a task runs leaves the
// execution RUNNING; the next Open invokes the task again and finishes,
// with each event recorded once.
func TestCleanShutdownResumesInFlightTask(t *testing.T) {
	db := filepath.Join(t.TempDir(), "resume.db")
	started := make(chan struct{}, 1)
	blocking := NewHandlers().Register("slow", func(ctx context.Context) (string, error) {
		started <- struct{}{}
		<-ctx.Done()
		return "", ctx.Err()
	})
	e, err := Open(Options{Path: db, Invoker: blocking})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	def := `{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"T"},"T":{"Type":"Task","Resource":"` + fn + `slow","End":true}}}`
	sm, _ := e.CreateStateMachine(ctx, "r", []byte(def), nil)
	x, err := e.StartExecution(ctx, sm.Arn, "r1", `{"a":1}`)
	if err != nil {
		t.Fatal(err)
	}
	<-started
	e.Close()
	e, err = Open(Options{Path: db, Invoker: NewHandlers().Register("slow", func() (string, error) { return "done", nil })})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	x, _ = e.Wait(ctx, x.Arn)
	evs, _, _ := e.GetExecutionHistory(ctx, x.Arn, HistoryOptions{})
	want := []string{"ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered", "LambdaFunctionScheduled",
		"LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded"}
	if x.Status != StatusSucceeded || x.Output != `"done"` || !equal(types(evs), want) {
		t.Fatalf("%+v\n%v", x, types(evs))
	}
	checkHistoryIntegrity(t, evs)
}

func TestMockConfig(t *testing.T) {
	mocks := loadMocks(t, `{"StateMachines":{"m":{"TestCases":{"HappyPath":{"T":"FlakyThenOK"}}}},
	 "MockedResponses":{"FlakyThenOK":{"0":{"Throw":{"Error":"Lambda.TooManyRequestsException","Cause":"busy"}},
	   "1":{"Return":{"StatusCode":200,"Payload":{"v":42}}}}}}`, "HappyPath")
	e, err := Open(Options{Mocks: mocks, Clock: clock.NewAutoFake(t0)})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
	  "Parameters":{"FunctionName":"nowhere"},"Retry":[{"ErrorEquals":["Lambda.TooManyRequestsException"]}],
	  "OutputPath":"$.Payload","End":true}}}`
	x, evs, err := e.RunOnce(context.Background(), "m", []byte(def), `{}`, nil)
	if err != nil || x.Status != StatusSucceeded || x.Output != `{"v":42}` {
		t.Fatalf("%+v %v", x, err)
	}
	if count(evs, "TaskFailed") != 1 || count(evs, "TaskSucceeded") != 1 {
		t.Fatalf("events %v", types(evs))
	}
	path := filepath.Join(t.TempDir(), "mock.json")
	if err := os.WriteFile(path, []byte(`{"StateMachines":{}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadMockConfig(path, "NoSuchCase"); err == nil || !strings.Contains(err.Error(), "NoSuchCase") {
		t.Fatalf("unknown test case: %v", err)
	}
}

func TestPayloadLimit(t *testing.T) {
	big := NewHandlers().Register("big", func() (string, error) { return strings.Repeat("x", 300*1024), nil })
	e := engineWith(t, big)
	def := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"` + fn + `big","End":true}}}`
	x, _, err := e.RunOnce(context.Background(), "big", []byte(def), `{}`, nil)
	if err != nil || x.Status != StatusFailed || x.Error != "States.DataLimitExceeded" {
		t.Fatalf("%+v %v", x, err)
	}
	if _, err := e.StartExecution(context.Background(), e.StateMachineArn("big"), "", `"`+strings.Repeat("y", 300*1024)+`"`); !errors.Is(err, ErrInvalidExecutionInput) {
		t.Fatalf("oversized input: %v", err)
	}
}

// TestMapFeatures: ItemSelector with $$.Map.Item, ItemBatcher, variables
// read from the outer scope inside iterations.
func TestMapFeatures(t *testing.T) {
	e := engineWith(t, nil)
	def := `{"StartAt":"Set","States":{
	 "Set":{"Type":"Pass","Assign":{"factor":10},"Next":"M"},
	 "M":{"Type":"Map","ItemsPath":"$.xs","ItemSelector":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value","f.$":"$factor"},
	   "ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"tag":"b"}},
	   "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
	x, evs, err := e.RunOnce(context.Background(), "map", []byte(def), `{"xs":["a","b","c"]}`, nil)
	want := `[{"BatchInput":{"tag":"b"},"Items":[{"f":10,"i":0,"v":"a"},{"f":10,"i":1,"v":"b"}]},{"BatchInput":{"tag":"b"},"Items":[{"f":10,"i":2,"v":"c"}]}]`
	if err != nil || x.Output != want {
		t.Fatalf("output %s, want %s (%v)", x.Output, want, err)
	}
	if count(evs, "MapIterationStarted") != 2 {
		t.Fatalf("events %v", types(evs))
	}
}

func TestBadDefinitionsAndNames(t *testing.T) {
	e := engineWith(t, nil)
	ctx := context.Background()
	for _, def := range []string{`{`, `{"StartAt":"X","States":{}}`, `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}`} {
		if _, err := e.CreateStateMachine(ctx, "bad", []byte(def), nil); !errors.Is(err, ErrInvalidDefinition) {
			t.Errorf("%s: err = %v, want ErrInvalidDefinition", def, err)
		}
	}
	if _, err := e.CreateStateMachine(ctx, "has space", []byte(`{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}`), nil); !errors.Is(err, ErrInvalidName) {
		t.Errorf("name with a space: %v", err)
	}
	if _, err := e.DescribeExecution(ctx, "arn:aws:states:us-east-1:123456789012:execution:x:y"); !errors.Is(err, ErrExecutionDoesNotExist) {
		t.Errorf("unknown execution: %v", err)
	}
	if _, err := e.StartExecution(ctx, "arn:aws:states:us-east-1:123456789012:stateMachine:nope", "", ""); !errors.Is(err, ErrStateMachineDoesNotExist) {
		t.Errorf("unknown state machine: %v", err)
	}
}
