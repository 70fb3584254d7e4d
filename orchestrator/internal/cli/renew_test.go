package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/steps"
)

type total struct {
	Next int `json:"next"`
	Sum  int `json:"sum"`
}

// summer is a workflow whose long step sums 1..n, one number per 300 ms
// chunk of fake time, under a 1 s timeout: three chunks a slice at most,
// three slices an execution.
func summer(clk *clock.Fake) []*steps.Workflow {
	sum := func(_ context.Context, in num, st *total, p *steps.Progress) (num, error) {
		for st.Next < in.N && p.Next() {
			clk.Advance(300 * time.Millisecond)
			st.Next++
			st.Sum += st.Next
			p.Save(int64(st.Next), int64(in.N))
		}
		return num{N: st.Sum}, nil
	}
	opts := &steps.WorkflowOptions{MaxSlicesPerExecution: 3, Function: steps.Function{Timeout: time.Second}}
	return []*steps.Workflow{steps.New("summer", opts).Add(steps.Long("sum", sum, nil))}
}

// `run` follows a long step that continues as new executions to the last
// one and prints its result; running the same name again finds the
// finished chain instead of starting over.
func TestRunFollowsContinueAsNew(t *testing.T) {
	db := filepath.Join(t.TempDir(), "baton.db")
	clk := clock.NewAutoFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	wfs := summer(clk)
	args := []string{"run", "--db", db, "--name", "job-7", "--input", `{"n":30}`}
	for i, again := range []bool{false, true} {
		var out, errOut bytes.Buffer
		code := Run(args, Env{Stdout: &out, Stderr: &errOut, Clock: clk}, wfs)
		var got num
		if err := json.Unmarshal(out.Bytes(), &got); code != 0 || err != nil || got.N != 30*31/2 {
			t.Fatalf("run %d: exit %d, stdout %q (%v), stderr:\n%s", i, code, out.String(), err, errOut.String())
		}
		t.Logf("run %d stderr:\n%s", i, errOut.String())
		renewals := strings.Count(errOut.String(), "continued as new execution ")
		m := regexp.MustCompile(`job-7 SUCCEEDED in .* over (\d+) executions: (\d+) invocations`).FindStringSubmatch(errOut.String())
		switch {
		case m == nil:
			t.Fatalf("run %d: no summary over several executions; stderr:\n%s", i, errOut.String())
		case m[1] != strconv.Itoa(renewals+1) || renewals < 3:
			t.Errorf("run %d: %d renewals printed, summary says %s executions; want ≥ 3 renewals (≥ 10 slices, 3 an execution)", i, renewals, m[1])
		case again && m[2] != "0":
			t.Errorf("run %d of the finished job invoked the step %s times, want 0", i, m[2])
		}
	}
}

// --no-renew keeps the whole run in one execution.
func TestRunNoRenew(t *testing.T) {
	clk := clock.NewAutoFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	var out, errOut bytes.Buffer
	args := []string{"run", "--memory", "--no-renew", "--json", "--input", `{"n":12}`}
	if code := Run(args, Env{Stdout: &out, Stderr: &errOut, Clock: clk}, summer(clk)); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var res struct {
		Status     string
		Output     num
		Executions []string
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil || res.Output.N != 78 || res.Executions != nil {
		t.Errorf("--json = %s (%v); want output 78 from a single execution", out.String(), err)
	}
	if strings.Contains(errOut.String(), "continued as new") {
		t.Errorf("renewed under --no-renew:\n%s", errOut.String())
	}
}

// A run interrupted (SIGINT) in the middle of its second execution stops
// waiting and closes the engine; running the same name again resumes that
// execution from the file and follows the chain to the exact result.
func TestRunResumesAnInterruptedChain(t *testing.T) {
	db := filepath.Join(t.TempDir(), "baton.db")
	clk := clock.NewAutoFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	var interrupted atomic.Bool
	sum := func(ctx context.Context, in num, st *total, p *steps.Progress) (num, error) {
		for st.Next < in.N && p.Next() {
			if st.Next == 16 && interrupted.CompareAndSwap(false, true) { // in the second execution
				if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
					return num{}, err
				}
				<-ctx.Done() // the engine closes
				return num{}, ctx.Err()
			}
			clk.Advance(300 * time.Millisecond)
			st.Next++
			st.Sum += st.Next
			p.Save(int64(st.Next), int64(in.N))
		}
		return num{N: st.Sum}, nil
	}
	opts := &steps.WorkflowOptions{MaxSlicesPerExecution: 3, Function: steps.Function{Timeout: time.Second}}
	wfs := []*steps.Workflow{steps.New("summer", opts).Add(steps.Long("sum", sum, nil))}
	args := []string{"run", "--db", db, "--name", "job-9", "--input", `{"n":30}`}
	var out, errOut bytes.Buffer
	if code := Run(args, Env{Stdout: &out, Stderr: &errOut, Clock: clk}, wfs); code != 1 || !strings.Contains(errOut.String(), "stopped waiting for") {
		t.Fatalf("interrupted run: exit %d, stderr:\n%s", code, errOut.String())
	}
	t.Logf("interrupted run:\n%s", errOut.String())
	out.Reset()
	errOut.Reset()
	code := Run(args, Env{Stdout: &out, Stderr: &errOut, Clock: clk}, wfs)
	var got num
	if err := json.Unmarshal(out.Bytes(), &got); code != 0 || err != nil || got.N != 30*31/2 {
		t.Fatalf("second run: exit %d, stdout %q (%v), stderr:\n%s", code, out.String(), err, errOut.String())
	}
	t.Logf("second run:\n%s", errOut.String())
	if !strings.Contains(errOut.String(), "job-9 SUCCEEDED") || !strings.Contains(errOut.String(), "executions") {
		t.Errorf("second run's summary:\n%s", errOut.String())
	}
}

type FlakyError struct{}

func (*FlakyError) Error() string { return "flaky" }

// A long step failing in the second execution of its chain fails the run,
// which names the command redriving that execution; the redrive resumes it
// and follows the chain to the exact result.
func TestRedriveFollowsTheChain(t *testing.T) {
	db := filepath.Join(t.TempDir(), "baton.db")
	clk := clock.NewAutoFake(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	var failed atomic.Bool
	sum := func(ctx context.Context, in num, st *total, p *steps.Progress) (num, error) {
		for st.Next < in.N && p.Next() {
			if st.Next == 16 && failed.CompareAndSwap(false, true) { // in the second execution
				return num{}, &FlakyError{}
			}
			clk.Advance(300 * time.Millisecond)
			st.Next++
			st.Sum += st.Next
			p.Save(int64(st.Next), int64(in.N))
		}
		return num{N: st.Sum}, nil
	}
	opts := &steps.WorkflowOptions{MaxSlicesPerExecution: 3, Function: steps.Function{Timeout: time.Second}}
	wfs := []*steps.Workflow{steps.New("summer", opts).Add(steps.Long("sum", sum, nil))}
	var out, errOut bytes.Buffer
	env := Env{Stdout: &out, Stderr: &errOut, Clock: clk}
	code := Run([]string{"run", "--db", db, "--name", "job-f", "--input", `{"n":30}`}, env, wfs)
	hint := regexp.MustCompile(`redrive with: \S+ redrive (\S+)`).FindStringSubmatch(errOut.String())
	if code != 1 || !strings.Contains(errOut.String(), "FlakyError") || hint == nil || !strings.Contains(errOut.String(), "over 2 executions") {
		t.Fatalf("failing run: exit %d, stderr:\n%s", code, errOut.String())
	}
	out.Reset()
	errOut.Reset()
	code = Run([]string{"redrive", hint[1], "--db", db}, env, wfs)
	t.Logf("redrive:\n%s", errOut.String())
	var got num
	if err := json.Unmarshal(out.Bytes(), &got); code != 0 || err != nil || got.N != 30*31/2 {
		t.Fatalf("redrive: exit %d, stdout %q (%v), stderr:\n%s", code, out.String(), err, errOut.String())
	}
	if !strings.Contains(errOut.String(), "continued as new execution") {
		t.Errorf("the redrive did not follow the chain:\n%s", errOut.String())
	}
}
