package local

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/baton-run/baton/internal/clock"
)

type item struct {
	I int `json:"i"`
	N int `json:"n"`
}

func work(ctx context.Context, in item) (item, error) { return item{I: in.I + 1, N: in.N}, nil }

type BadInput struct{}

func (*BadInput) Error() string { return "bad input" }

func newTestEngine(t *testing.T, path string) *Engine {
	t.Helper()
	h := NewHandlers().Register("work", work).Register("bad", func(ctx context.Context, in item) (item, error) {
		return in, &BadInput{}
	})
	e, err := Open(Options{Path: path, Clock: clock.NewAutoFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), Invoker: h})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func runDef(t *testing.T, e *Engine, def, input string) (Execution, []HistoryEvent) {
	t.Helper()
	ctx := context.Background()
	sm, err := e.CreateStateMachine(ctx, "m", []byte(def), nil)
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
	evs, _, err := e.GetExecutionHistory(ctx, x.Arn, HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return x, evs
}

func TestTaskLoopInMemory(t *testing.T) {
	e := newTestEngine(t, "")
	def := `{"StartAt":"W","States":{"W":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","End":true}}}`
	x, evs := runDef(t, e, def, `{"i":1,"n":3}`)
	if x.Status != StatusSucceeded || x.Output != `{"i":2,"n":3}` {
		t.Fatalf("execution = %+v", x)
	}
	want := []string{"ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
		"LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded"}
	if got := types(evs); !equal(got, want) {
		t.Fatalf("events = %v, want %v", got, want)
	}
}

func TestHandlerErrorIsNamedByGoType(t *testing.T) {
	e := newTestEngine(t, "")
	def := `{"StartAt":"W","States":{"W":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:bad","End":true}}}`
	x, _ := runDef(t, e, def, `{}`)
	if x.Status != StatusFailed || x.Error != "BadInput" {
		t.Fatalf("execution = %+v", x)
	}
}

func TestExecutionNamesAreIdempotent(t *testing.T) {
	e := newTestEngine(t, "")
	ctx := context.Background()
	sm, err := e.CreateStateMachine(ctx, "m", []byte(`{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.StartExecution(ctx, sm.Arn, "x1", `{"a":1}`)
	if err != nil {
		t.Fatal(err)
	}
	b, err := e.StartExecution(ctx, sm.Arn, "x1", `{"a":1}`)
	if err != nil || b.Arn != a.Arn {
		t.Fatalf("same name and input: %v %v", b, err)
	}
	if _, err := e.StartExecution(ctx, sm.Arn, "x1", `{"a":2}`); !errors.Is(err, ErrExecutionAlreadyExists) {
		t.Fatalf("different input: err = %v", err)
	}
}

func types(evs []HistoryEvent) []string {
	out := make([]string, len(evs))
	for i, ev := range evs {
		out[i] = ev.Type
	}
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestHistoryPaging(t *testing.T) {
	e := newTestEngine(t, "")
	def := `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}`
	x, all := runDef(t, e, def, `{}`)
	ctx := context.Background()
	var paged []HistoryEvent
	token := ""
	for pages := 0; ; pages++ {
		page, next, err := e.GetExecutionHistory(ctx, x.Arn, HistoryOptions{MaxResults: 2, NextToken: token})
		if err != nil || len(page) > 2 || pages > 10 {
			t.Fatalf("page %d: %d events, %v", pages, len(page), err)
		}
		paged = append(paged, page...)
		if token = next; token == "" {
			break
		}
	}
	if !equal(types(paged), types(all)) || len(all) != 6 {
		t.Fatalf("paged %v, all %v", types(paged), types(all))
	}
	rev, _, _ := e.GetExecutionHistory(ctx, x.Arn, HistoryOptions{Reverse: true, MaxResults: 1})
	if len(rev) != 1 || rev[0].Type != "ExecutionSucceeded" {
		t.Fatalf("reverse: %v", types(rev))
	}
	b, _ := rev[0].MarshalJSON()
	if !strings.Contains(string(b), `"executionSucceededEventDetails":{"output":"{}"`) {
		t.Fatalf("AWS shape: %s", b)
	}
}

func TestRegisterChecksHandlerSignatures(t *testing.T) {
	good := []any{
		func() error { return nil },
		func(ctx context.Context, in item) (item, error) { return in, nil },
		func(in item) error { return nil },
		func(ctx context.Context) {},
		lambda.NewHandler(work), // a lambda.Handler value
	}
	bad := []any{
		"not a func",
		func(a, b item) error { return nil },
		func() (item, item) { return item{}, item{} },
		func() item { return item{} },
		func(ctx context.Context, a, b item) error { return nil },
	}
	for i, fn := range good {
		if err := checkHandler(fn); err != nil {
			t.Errorf("good handler %d: %v", i, err)
		}
	}
	for i, fn := range bad {
		if err := checkHandler(fn); err == nil {
			t.Errorf("bad handler %d (%T) accepted", i, fn)
		}
	}
	defer func() {
		if recover() == nil {
			t.Fatal("Register accepted a bad handler")
		}
	}()
	NewHandlers().Register("bad", func() item { return item{} })
}
