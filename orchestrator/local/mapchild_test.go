package local

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// distributedMap runs the flaky function on items 0..19 as the child
// executions of a distributed Map, one at a time, tolerating two failures.
const distributedMap = `{"StartAt":"Items","States":{
 "Items":{"Type":"Pass","Parameters":{"items.$":"States.ArrayRange(0, 19, 1)"},"Next":"Fan"},
 "Fan":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,"ToleratedFailureCount":2,"Label":"fan",
  "ItemSelector":{"Item.$":"$$.Map.Item.Value"},
  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
   "StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:flaky","End":true}}},
  "End":true}}}`

// A redriven distributed Map runs only the child executions that did not
// succeed: the 17 that did are not invoked again, and their results are in
// the output.
func TestRedriveDistributedMapSkipsSucceededChildren(t *testing.T) {
	f := &flaky{failing: map[int]bool{17: true, 18: true, 19: true}, calls: map[int]int{}}
	db := filepath.Join(t.TempDir(), "dmap.db")
	open := f.opener(t, db)
	ctx := context.Background()
	e := open()
	x, _, err := e.RunOnce(ctx, "dmap", []byte(distributedMap), `{}`, nil)
	if err != nil || x.Status != StatusFailed || x.Error != "States.ExceedToleratedFailureThreshold" {
		t.Fatalf("first run: %+v %v", x, err)
	}
	e.Close()
	f.healed = true
	e = open() // the children's records survive a restart
	defer e.Close()
	if _, err := e.RedriveExecution(ctx, x.Arn); err != nil {
		t.Fatal(err)
	}
	if x, err = e.Wait(ctx, x.Arn); err != nil || x.Status != StatusSucceeded {
		t.Fatalf("after redrive: %+v %v", x, err)
	}
	checkDoubled(t, x.Output, 20)
	for item := range 20 {
		if want := 1 + btoi(f.failing[item]); f.calls[item] != want {
			t.Errorf("item %d invoked %d times, want %d", item, f.calls[item], want)
		}
	}
	evs, _, _ := e.GetExecutionHistory(ctx, x.Arn, HistoryOptions{})
	checkHistoryIntegrity(t, evs)
}

// An engine closed while a distributed Map runs resumes it on Open without
// running the children that had succeeded; the children are executions of
// their own (DescribeExecution), not listed with the parent's machine.
func TestResumeDistributedMapSkipsSucceededChildren(t *testing.T) {
	db := filepath.Join(t.TempDir(), "dmap.db")
	var mu sync.Mutex
	calls := map[int]int{}
	reached := make(chan struct{})
	handler := func(block bool) *Handlers {
		return NewHandlers().Register("flaky", func(ctx context.Context, in struct{ Item int }) (int, error) {
			mu.Lock()
			calls[in.Item]++
			mu.Unlock()
			if block && in.Item == 10 {
				close(reached)
				<-ctx.Done() // until the engine closes
				return 0, ctx.Err()
			}
			return 2 * in.Item, nil
		})
	}
	e, err := Open(Options{Path: db, Invoker: handler(true)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	sm, err := e.CreateStateMachine(ctx, "dmap", []byte(distributedMap), nil)
	if err != nil {
		t.Fatal(err)
	}
	x, err := e.StartExecution(ctx, sm.Arn, "resumed", `{}`)
	if err != nil {
		t.Fatal(err)
	}
	<-reached
	e.Close()
	if e, err = Open(Options{Path: db, Invoker: handler(false)}); err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if x, err = e.Wait(ctx, x.Arn); err != nil || x.Status != StatusSucceeded {
		t.Fatalf("resumed: %+v %v", x, err)
	}
	checkDoubled(t, x.Output, 20)
	for item := range 20 {
		if want := 1 + btoi(item == 10); calls[item] != want {
			t.Errorf("item %d invoked %d times, want %d", item, calls[item], want)
		}
	}
	checkChildren(t, e, sm.Arn, 20)
}

// checkDoubled checks that output is [0, 2, 4, ...] of n items.
func checkDoubled(t *testing.T, output string, n int) {
	t.Helper()
	var out []int
	if err := json.Unmarshal([]byte(output), &out); err != nil || len(out) != n {
		t.Fatalf("output %s, want %d results", output, n)
	}
	for i, v := range out {
		if v != 2*i {
			t.Fatalf("output %s: item %d is %d, want %d", output, i, v, 2*i)
		}
	}
}

// checkChildren checks that the machine's executions list only the parent
// and that its n child executions are stored under the Map Run's machine
// (MACHINE/LABEL) with AWS's ARN form (execution:MACHINE/LABEL:NAME), each
// described with its item's result.
func checkChildren(t *testing.T, e *Engine, smArn string, n int) {
	t.Helper()
	ctx := context.Background()
	xs, _ := e.ListExecutions(ctx, ExecutionFilter{StateMachineArn: smArn})
	all, _ := e.ListExecutions(ctx, ExecutionFilter{})
	if len(xs) != 1 || len(all) != 1 {
		t.Errorf("%d executions of the machine, %d in all; want only the parent", len(xs), len(all))
	}
	children, err := e.store.Executions(smArn + "/fan")
	if err != nil || len(children) != n {
		t.Fatalf("%d child executions (%v), want %d", len(children), err, n)
	}
	outputs := map[string]bool{}
	for _, c := range children {
		d, err := e.DescribeExecution(ctx, c.Arn)
		if err != nil || d.Status != StatusSucceeded || !strings.Contains(c.Arn, ":execution:dmap/fan:") {
			t.Errorf("child %s: %+v %v", c.Arn, d, err)
		}
		outputs[d.Output] = true
	}
	for i := range n {
		if !outputs[itoa(2*i)] {
			t.Errorf("no child execution has the output %d", 2*i)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
