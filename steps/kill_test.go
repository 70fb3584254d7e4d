package steps_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint/sqlitestore"
	"github.com/baton-run/baton/steps"
)

// The kill test runs the slice loop in a child process (this test binary,
// re-executed) against a SQLite file, kills it with SIGKILL at random
// moments in the middle of slices, and restarts it until the job is done.
const (
	killChildEnv = "BATON_STEPS_KILL_CHILD"
	killChunk    = 5 * time.Millisecond   // each chunk's work
	killEvery    = 100 * time.Millisecond // CheckpointEvery
	killTimeout  = time.Second            // the function's timeout
	killChunks   = 300                    // 1.5 s of work: two slices or more
)

func TestMain(m *testing.M) {
	if dir := os.Getenv(killChildEnv); dir != "" {
		killChild(dir)
		return
	}
	os.Exit(m.Run())
}

// killChild runs the job to the end, logging each chunk it starts to
// chunks.log (O_APPEND: the lines survive a SIGKILL), then writes out.json.
func killChild(dir string) {
	log, _ := os.OpenFile(filepath.Join(dir, "chunks.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	work := func(_ context.Context, in counter, st *cursor, p *steps.Progress) (counter, error) {
		for st.Next < in.N && p.Next() {
			fmt.Fprintln(log, st.Next)
			time.Sleep(killChunk)
			st.Next++
			st.Sum += st.Next
			p.Save(st.Next, in.N)
		}
		return counter{N: st.Sum}, nil
	}
	store, err := sqlitestore.Open(filepath.Join(dir, "checkpoints.db"), nil)
	if err != nil {
		panic(err)
	}
	wf := steps.New("kill", &steps.WorkflowOptions{Function: steps.Function{Timeout: killTimeout}}).
		Add(steps.Long("work", work, &steps.LongOptions{CheckpointEvery: killEvery}))
	h, err := steps.NewHandler(wf, store, nil)
	if err != nil {
		panic(err)
	}
	in := any(counter{N: killChunks})
	for {
		out, err := invoke(context.Background(), h, "work", "kill-job", in)
		if err != nil { // what the compiled Retry does: wait, invoke again
			time.Sleep(200 * time.Millisecond)
			continue
		}
		var r sliceResult
		json.Unmarshal(out, &r)
		if r.Status == "done" {
			os.WriteFile(filepath.Join(dir, "out.json"), r.Output, 0o644)
			return
		}
		in = r.Output
	}
}

// Killed in the middle of slices, the job resumes from its last checkpoint
// each time: it finishes with the exact result, and each kill costs at most
// one checkpoint interval of redone chunks (plus the chunk in flight).
func TestKillMidSliceResumesFromLastCheckpoint(t *testing.T) {
	if testing.Short() {
		t.Skip("kills and restarts a child process")
	}
	dir := t.TempDir()
	kills := 0
	for attempt := 0; ; attempt++ {
		if attempt > 20 {
			t.Fatal("the job did not finish in 20 restarts")
		}
		if done := runChild(t, dir, kills < 3); done {
			break
		}
		kills++
	}
	out, _ := os.ReadFile(filepath.Join(dir, "out.json"))
	var got counter
	json.Unmarshal(out, &got)
	if got.N != gauss(killChunks) {
		t.Errorf("sum %d, want %d", got.N, gauss(killChunks))
	}
	runs := chunkRuns(t, filepath.Join(dir, "chunks.log"))
	redone := 0
	for i := range int64(killChunks) {
		if runs[i] == 0 {
			t.Fatalf("chunk %d never ran", i)
		}
		redone += runs[i] - 1
	}
	perKill := int(killEvery/killChunk) + 1
	t.Logf("%d kills; %d chunks redone (allowed %d per kill: one %s checkpoint interval of %s chunks, plus the one in flight)",
		kills, redone, perKill, killEvery, killChunk)
	if kills == 0 || redone > kills*perKill {
		t.Errorf("%d kills, %d chunks redone; want ≥ 1 kill and ≤ %d redone per kill", kills, redone, perKill)
	}
}

// runChild starts the child; when kill is set it SIGKILLs it at a random
// moment of its work. It reports whether the job finished.
func runChild(t *testing.T, dir string, kill bool) bool {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), killChildEnv+"="+dir)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if kill {
		time.Sleep(time.Duration(200+rand.IntN(500)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
	}
	cmd.Wait()
	_, err := os.Stat(filepath.Join(dir, "out.json"))
	return err == nil
}

// chunkRuns counts how often each chunk started, from the child's log.
func chunkRuns(t *testing.T, path string) map[int64]int {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	runs := map[int64]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if n, err := strconv.ParseInt(sc.Text(), 10, 64); err == nil {
			runs[n]++
		}
	}
	return runs
}
