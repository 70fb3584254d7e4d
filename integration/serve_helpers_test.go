package integration

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/testenv"
)

var (
	batonOnce sync.Once
	batonPath string
	batonErr  string
)

// batonBinary builds cmd/baton once per test process.
func batonBinary(t testing.TB) string {
	t.Helper()
	goBin := goTool(t)
	batonOnce.Do(func() {
		dir, err := os.MkdirTemp("", "baton-bin-")
		if err != nil {
			batonErr = err.Error()
			return
		}
		batonPath = filepath.Join(dir, "baton")
		cmd := exec.Command(goBin, "build", "-o", batonPath, "./cmd/baton")
		cmd.Dir = testenv.ModuleRoot()
		if out, err := cmd.CombinedOutput(); err != nil {
			batonErr = err.Error() + "\n" + string(out)
		}
	})
	if batonErr != "" {
		t.Fatalf("build baton: %s", batonErr)
	}
	return batonPath
}

// batonServe is a running `baton serve` process.
type batonServe struct {
	cmd *exec.Cmd
	URL string
	DB  string
}

// startServe starts `baton serve` on a free loopback port with a database
// file in dir, and stops it (SIGTERM) when the test ends.
func startServe(t *testing.T, dir string, extra ...string) *batonServe {
	t.Helper()
	db := filepath.Join(dir, "baton.db")
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--db", db}, extra...)
	cmd := exec.Command(batonBinary(t), args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &batonServe{cmd: cmd, DB: db}
	t.Cleanup(func() { s.Stop(t) })
	lines := bufio.NewScanner(stderr)
	found := make(chan string, 1)
	go func() {
		for lines.Scan() {
			if _, url, ok := strings.Cut(lines.Text(), "listening on "); ok {
				found <- url
			}
		}
	}()
	select {
	case s.URL = <-found:
	case <-time.After(30 * time.Second):
		t.Fatal("baton serve did not report its address within 30s")
	}
	return s
}

// Stop ends the server with SIGTERM and waits for it.
func (s *batonServe) Stop(t *testing.T) {
	if s.cmd.ProcessState != nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		t.Error("baton serve did not stop within 15s of SIGTERM")
		<-done
	}
}

// awsEnv is the environment AWS clients need to talk to baton serve: dummy
// credentials, a region, and no shared config from the machine.
func awsEnv(dir string) []string {
	return append(os.Environ(),
		"AWS_ACCESS_KEY_ID=AKIDBATON", "AWS_SECRET_ACCESS_KEY=baton", "AWS_REGION=us-east-1",
		"AWS_DEFAULT_REGION=us-east-1", "AWS_CONFIG_FILE="+filepath.Join(dir, "none"),
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "none"), "AWS_PAGER=", "AWS_EC2_METADATA_DISABLED=true")
}
