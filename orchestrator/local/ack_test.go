package local

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestAcknowledgedChild starts an execution on a file, prints ACK when
// StartExecution returned, and waits to be killed.
func TestAcknowledgedChild(t *testing.T) {
	db := os.Getenv("BATON_ACK_DB")
	if db == "" {
		t.Skip("helper process of TestStartIsDurableWhenAcknowledged")
	}
	e, err := Open(Options{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	sm, err := e.CreateStateMachine(ctx, "ack", []byte(`{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.StartExecution(ctx, sm.Arn, "acked", `{"n":1}`); err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("ACK\n")
	select {} // until SIGKILL
}

// TestStartIsDurableWhenAcknowledged: a process SIGKILLed right after
// StartExecution returned leaves the execution (and its state machine) in
// the file, RUNNING, ready to resume.
func TestStartIsDurableWhenAcknowledged(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ack.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestAcknowledgedChild$", "-test.v")
	cmd.Env = append(os.Environ(), "BATON_ACK_DB="+db)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() && !strings.Contains(sc.Text(), "ACK") {
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	e, err := Open(Options{Path: db, NoResume: true})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	x, err := e.DescribeExecution(context.Background(), e.execArn("ack", "acked"))
	if err != nil || x.Status != StatusRunning || x.Input != `{"n":1}` {
		t.Fatalf("after SIGKILL: %+v %v", x, err)
	}
}
