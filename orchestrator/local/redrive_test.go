package local

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
)

// flaky fails the items listed in failing until healed, and counts the
// invocations per item.
type flaky struct {
	mu      sync.Mutex
	failing map[int]bool
	healed  bool
	calls   map[int]int
}

type ItemFailed struct{ Item int }

func (e *ItemFailed) Error() string { return fmt.Sprintf("item %d failed", e.Item) }

func (f *flaky) handle(ctx context.Context, in struct{ Item int }) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[in.Item]++
	if f.failing[in.Item] && !f.healed {
		return 0, &ItemFailed{in.Item}
	}
	return in.Item * 2, nil
}

const redriveMap = `{"StartAt":"Items","States":{
 "Items":{"Type":"Pass","Parameters":{"items.$":"States.ArrayRange(0, 99, 1)"},"Next":"Fan"},
 "Fan":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,"ToleratedFailureCount":2,
  "ItemSelector":{"Item.$":"$$.Map.Item.Value"},
  "ItemProcessor":{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:flaky","End":true}}},
  "End":true}}}`

// TestRedriveMapRerunsOnlyFailedIterations runs a 100-item Map whose items
// 97-99 fail (the third failure passes ToleratedFailureCount), reopens the
// file, heals the function and redrives: only the 3 failed iterations run
// again and the execution succeeds with all 100 results.
func TestRedriveMapRerunsOnlyFailedIterations(t *testing.T) {
	f := &flaky{failing: map[int]bool{97: true, 98: true, 99: true}, calls: map[int]int{}}
	db := filepath.Join(t.TempDir(), "redrive.db")
	open := f.opener(t, db)
	ctx := context.Background()
	e := open()
	x, _, err := e.RunOnce(ctx, "fan", []byte(redriveMap), `{}`, nil)
	if err != nil {
		t.Fatal(err)
	}
	if x.Status != StatusFailed || x.Error != "States.ExceedToleratedFailureThreshold" {
		t.Fatalf("first run: %s %s %s", x.Status, x.Error, x.Cause)
	}
	e.Close()

	f.healed = true
	e = open()
	defer e.Close()
	if _, err := e.RedriveExecution(ctx, x.Arn); err != nil {
		t.Fatal(err)
	}
	x, err = e.Wait(ctx, x.Arn)
	if err != nil {
		t.Fatal(err)
	}
	if x.Status != StatusSucceeded || x.RedriveCount != 1 {
		t.Fatalf("after redrive: %+v", x)
	}
	var out []int
	if err := json.Unmarshal([]byte(x.Output), &out); err != nil || len(out) != 100 || out[99] != 198 || out[3] != 6 {
		t.Fatalf("output = %s", x.Output)
	}
	for item, n := range f.calls {
		want := 1
		if f.failing[item] {
			want = 2
		}
		if n != want {
			t.Errorf("item %d invoked %d times, want %d", item, n, want)
		}
	}
	evs, _, _ := e.GetExecutionHistory(ctx, x.Arn, HistoryOptions{})
	checkHistoryIntegrity(t, evs)
	if n := count(evs, "ExecutionRedriven"); n != 1 {
		t.Errorf("%d ExecutionRedriven events", n)
	}
	if n := count(evs, "MapIterationSucceeded"); n != 100 {
		t.Errorf("%d MapIterationSucceeded events, want 100", n)
	}
}

// TestRedriveParallelRerunsOnlyFailedBranch: the branch that succeeded
// before the other failed (after a Wait) is not run again.
func TestRedriveParallelRerunsOnlyFailedBranch(t *testing.T) {
	f := &flaky{failing: map[int]bool{2: true}, calls: map[int]int{}}
	e, err := Open(Options{Invoker: NewHandlers().Register("flaky", f.handle), Clock: clock.NewAutoFake(time.Now())})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	task := func(i int) string {
		return fmt.Sprintf(`{"StartAt":"T%d","States":{"T%d":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:flaky","Parameters":{"Item":%d},"End":true}}}`, i, i, i)
	}
	slow := `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"Next":"T2"},` + task(2)[len(`{"StartAt":"T2","States":{`):]
	def := `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[` + task(1) + `,` + slow + `],"End":true}}}`
	ctx := context.Background()
	x, _, err := e.RunOnce(ctx, "par", []byte(def), `{}`, nil)
	if err != nil || x.Status != StatusFailed || x.Error != "ItemFailed" {
		t.Fatalf("first run: %+v %v", x, err)
	}
	f.healed = true
	if _, err := e.RedriveExecution(ctx, x.Arn); err != nil {
		t.Fatal(err)
	}
	if x, _ = e.Wait(ctx, x.Arn); x.Status != StatusSucceeded || x.Output != "[2,4]" {
		t.Fatalf("after redrive: %+v", x)
	}
	if f.calls[1] != 1 || f.calls[2] != 2 {
		t.Fatalf("calls = %v, want branch 1 once and branch 2 twice", f.calls)
	}
	if _, err := e.RedriveExecution(ctx, x.Arn); err == nil {
		t.Fatal("redriving a SUCCEEDED execution was accepted")
	}
}

func count(evs []HistoryEvent, typ string) int {
	n := 0
	for _, ev := range evs {
		if ev.Type == typ {
			n++
		}
	}
	return n
}

// checkHistoryIntegrity checks event ids are 1..n without gaps or
// duplicates and every previousEventId names an earlier event.
func checkHistoryIntegrity(t *testing.T, evs []HistoryEvent) {
	t.Helper()
	for i, ev := range evs {
		if ev.ID != int64(i+1) {
			t.Fatalf("event %d has id %d (%s): ids must be 1..n", i, ev.ID, ev.Type)
		}
		if ev.PreviousEventID < 0 || ev.PreviousEventID >= ev.ID {
			t.Fatalf("event %d (%s) has previousEventId %d", ev.ID, ev.Type, ev.PreviousEventID)
		}
	}
}

// TestRedriveContinuesMockInvocations: a redriven execution's task attempts
// go on counting where the failed attempt stopped, so a mock configuration
// that fails the first invocation and answers the second lets the redrive
// succeed.
func TestRedriveContinuesMockInvocations(t *testing.T) {
	mocks := loadMocks(t, `{"StateMachines":{"m":{"TestCases":{"Flaky":{"Charge":"FailOnce"}}}},
	 "MockedResponses":{"FailOnce":{"0":{"Throw":{"Error":"Declined","Cause":"card declined"}},"1":{"Return":{"ok":true}}}}}`, "Flaky")
	e, err := Open(Options{Mocks: mocks, Clock: clock.NewAutoFake(t0)})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	def := `{"StartAt":"Charge","States":{"Charge":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:charge","End":true}}}`
	x, _, err := e.RunOnce(context.Background(), "m", []byte(def), `{}`, nil)
	if err != nil || x.Status != StatusFailed || x.Error != "Declined" {
		t.Fatalf("first attempt: %+v %v; want FAILED with Declined", x, err)
	}
	if _, err := e.RedriveExecution(context.Background(), x.Arn); err != nil {
		t.Fatal(err)
	}
	if x, err = e.Wait(context.Background(), x.Arn); err != nil || x.Status != StatusSucceeded || x.Output != `{"ok":true}` {
		t.Fatalf("after redrive: %+v %v; want SUCCEEDED with the second mocked response", x, err)
	}
}

// loadMocks writes a mock configuration to a file and loads testCase.
func loadMocks(t *testing.T, cfg, testCase string) *MockConfig {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mock.json")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	mocks, err := LoadMockConfig(path, testCase)
	if err != nil {
		t.Fatal(err)
	}
	return mocks
}

// opener returns a function that opens the engine on the file db with f as
// the Lambda function "flaky" (tests reopen the file to show durability).
func (f *flaky) opener(t *testing.T, db string) func() *Engine {
	return func() *Engine {
		e, err := Open(Options{Path: db, Invoker: NewHandlers().Register("flaky", f.handle)})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
}
