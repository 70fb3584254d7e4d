package sqlitestore_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/sqlitestore"
)

// crashChildEnv names the database a re-executed test binary saves to.
const crashChildEnv = "BATON_CHECKPOINT_CRASH_DB"

var crashKey = checkpoint.Key{Job: "crash", Step: "s"}

// TestCrashLosesNothingAcknowledged kills a process that saves in a loop
// (SIGKILL, mid-write) and checks that every save it acknowledged is
// stored.
func TestCrashLosesNothingAcknowledged(t *testing.T) {
	if path := os.Getenv(crashChildEnv); path != "" {
		saveForever(path)
		return
	}
	path := filepath.Join(t.TempDir(), "baton.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashLosesNothingAcknowledged$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := readAcks(out, 200)
	cmd.Process.Kill()
	cmd.Wait()
	if acked == 0 {
		t.Fatal("the child acknowledged no save")
	}
	s, err := sqlitestore.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rec, err := s.Get(context.Background(), crashKey)
	if err != nil || rec.Progress.Done < acked || string(rec.State) != strconv.FormatInt(rec.Progress.Done, 10) {
		t.Fatalf("after a kill at ack %d: %+v, %v", acked, rec, err)
	}
}

// readAcks reads "ack N" lines until n acks or the end, returning the last N.
func readAcks(out interface{ Read([]byte) (int, error) }, n int) int64 {
	sc := bufio.NewScanner(out)
	var last int64
	for i := 0; i < n && sc.Scan(); i++ {
		if v, ok := strings.CutPrefix(sc.Text(), "ack "); ok {
			last, _ = strconv.ParseInt(v, 10, 64)
		}
	}
	return last
}

// saveForever is the child: it saves an increasing counter and
// acknowledges each save on stdout once Save has returned.
func saveForever(path string) {
	s, err := sqlitestore.Open(path, nil)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	ctx := context.Background()
	rec, err := s.Claim(ctx, crashKey, "child", time.Now().Add(time.Hour))
	for i := int64(1); err == nil; i++ {
		rec, err = s.Save(ctx, rec, []byte(strconv.FormatInt(i, 10)), checkpoint.Progress{Done: i})
		if err == nil {
			fmt.Println("ack", i)
		}
	}
	fmt.Println("error", err)
	os.Exit(1)
}
