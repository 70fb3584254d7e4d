package local

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
)

// crashMachine is a long execution touching every kind of state: a loop of
// a Task, an inline Map over three items, a Parallel with a Wait, a Choice.
const crashMachine = `{"StartAt":"Init","States":{
 "Init":{"Type":"Pass","Parameters":{"i":0,"n.$":"$.n"},"Next":"Work"},
 "Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:incr",
   "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":1,"MaxAttempts":2}],"Next":"Fan"},
 "Fan":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,
   "ItemSelector":{"v.$":"$$.Map.Item.Value","i.$":"$.i"},
   "ItemProcessor":{"StartAt":"Double","States":{"Double":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:double","End":true}}},
   "ResultPath":"$.fan","Next":"Both"},
 "Both":{"Type":"Parallel","ResultPath":null,"Branches":[
   {"StartAt":"Nap","States":{"Nap":{"Type":"Wait","Seconds":30,"End":true}}},
   {"StartAt":"Echo","States":{"Echo":{"Type":"Pass","End":true}}}],"Next":"Check"},
 "Check":{"Type":"Choice","Choices":[{"Variable":"$.i","NumericLessThanPath":"$.n","Next":"Work"}],"Default":"Done"},
 "Done":{"Type":"Succeed"}}}`

type counter struct {
	I     int   `json:"i"`
	N     int   `json:"n"`
	Items []int `json:"items"`
	Fan   []int `json:"fan,omitempty"`
}

func crashHandlers() *Handlers {
	return NewHandlers().
		Register("incr", func(ctx context.Context, c counter) (counter, error) {
			time.Sleep(time.Millisecond) // leave the killer room to land inside a task
			c.I++
			c.Items = []int{c.I, c.I + 1, c.I + 2}
			return c, nil
		}).
		Register("double", func(ctx context.Context, in struct{ V, I int }) (int, error) { return 2 * in.V, nil })
}

const crashIterations = 1500

// crashHistoryLimit lifts the 25,000-event limit: the crash execution
// records about 30 events an iteration.
const crashHistoryLimit = -1

// TestCrashChild is the process TestCrashRecovery kills: it opens the
// engine on the file (resuming what was running) and runs the execution
// "crash" to its end.
func TestCrashChild(t *testing.T) {
	db := os.Getenv("BATON_CRASH_DB")
	if db == "" {
		t.Skip("helper process of TestCrashRecovery")
	}
	e, err := Open(Options{Path: db, Invoker: crashHandlers(), Clock: clock.NewAutoFakeQuiet(time.Now(), time.Millisecond),
		MaxHistoryEvents: crashHistoryLimit})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	sm, err := e.CreateStateMachine(ctx, "crash", []byte(crashMachine), nil)
	if err != nil {
		t.Fatal(err)
	}
	x, err := e.StartExecution(ctx, sm.Arn, "crash", fmt.Sprintf(`{"n":%d}`, crashIterations))
	if err != nil {
		t.Fatal(err)
	}
	if x, err = e.Wait(ctx, x.Arn); err != nil || x.Status != StatusSucceeded {
		t.Fatalf("execution: %+v %v", x, err)
	}
}

// TestCrashRecovery kills a process running a long execution on a SQLite
// file with SIGKILL at random moments (20 times; 5 with -short;
// $BATON_CRASH_KILLS to change), then lets it finish. The execution must
// end with the output of an uninterrupted run and a history with exactly
// the events of an uninterrupted run, ids 1..n without gaps or duplicates.
func TestCrashRecovery(t *testing.T) {
	kills := 20
	if testing.Short() {
		kills = 5
	}
	if n, err := strconv.Atoi(os.Getenv("BATON_CRASH_KILLS")); err == nil {
		kills = n
	}
	db := filepath.Join(t.TempDir(), "crash.db")
	killed := 0
	for attempt := 0; killed < kills && attempt < 4*kills; attempt++ {
		if crashOnce(t, db, time.Duration(30+rand.IntN(200))*time.Millisecond) {
			killed++
		} else {
			break // finished before the kill
		}
	}
	if killed < kills {
		t.Fatalf("the execution finished after %d kills; make it longer", killed)
	}
	cmd := crashChild(db)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}
	checkCrashResult(t, db)
	if st, err := os.Stat(db); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("database mode = %v, %v; want 0600", st.Mode().Perm(), err)
	}
}

func crashChild(db string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$")
	cmd.Env = append(os.Environ(), "BATON_CRASH_DB="+db)
	return cmd
}

// crashOnce runs the child and SIGKILLs it after d; false when it ended by
// itself first.
func crashOnce(t *testing.T, db string, d time.Duration) bool {
	cmd := crashChild(db)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("child failed: %v", err)
		}
		return false
	case <-time.After(d):
		_ = cmd.Process.Signal(syscall.SIGKILL)
		<-done
		return true
	}
}

func checkCrashResult(t *testing.T, db string) {
	e, err := Open(Options{Path: db, NoResume: true})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	arn := e.execArn("crash", "crash")
	x, err := e.DescribeExecution(ctx, arn)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := e.GetExecutionHistory(ctx, arn, HistoryOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ref := referenceRun(t)
	if x.Status != StatusSucceeded || x.Output != ref.x.Output {
		t.Fatalf("after crashes: %s %s\nwant output %s", x.Status, x.Output, ref.x.Output)
	}
	checkHistoryIntegrity(t, got)
	if a, b := sortedTypes(got), sortedTypes(ref.evs); !equal(a, b) {
		t.Fatalf("history has %d events, an uninterrupted run %d (or other types)", len(got), len(ref.evs))
	}
}

type reference struct {
	x   Execution
	evs []HistoryEvent
}

func referenceRun(t *testing.T) reference {
	e, err := Open(Options{Invoker: crashHandlers(), Clock: clock.NewAutoFakeQuiet(time.Now(), time.Millisecond),
		MaxHistoryEvents: crashHistoryLimit})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	x, evs, err := e.RunOnce(context.Background(), "crash", []byte(crashMachine), fmt.Sprintf(`{"n":%d}`, crashIterations), nil)
	if err != nil {
		t.Fatal(err)
	}
	return reference{x, evs}
}

func sortedTypes(evs []HistoryEvent) []string {
	out := types(evs)
	sort.Strings(out)
	return out
}
