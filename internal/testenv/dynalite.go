package testenv

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// dynaliteStartTimeout bounds how long Dynalite waits for the server.
const dynaliteStartTimeout = 30 * time.Second

// Dynalite starts a dynalite server (a DynamoDB-compatible server, npm
// dynalite@4, in memory, tables ACTIVE at once) on 127.0.0.1 and a free
// port, waits until it listens, stops it when the test ends, and returns
// its endpoint URL ("http://127.0.0.1:PORT"). It skips (or fails under
// make test) when node or dynalite is missing.
func Dynalite(t testing.TB) string {
	t.Helper()
	cli := filepath.Join(NodeModule(t, "dynalite"), "cli.js")
	node := Node(t)
	var err error
	for range 3 { // a free port can be taken between probe and listen
		var url string
		if url, err = startDynalite(t, node, cli); err == nil {
			return url
		}
	}
	t.Fatalf("testenv: dynalite: %v", err)
	return ""
}

// dynaliteMain runs dynalite's cli.js (argv[1]) after installing a guard:
// dynalite 4 throws from a request's 'error' handler when a client aborts
// a request mid-body (index.js: req.on('error', err => { throw err })),
// which kills the server. DynamoDB shrugs that off, and clients with
// per-attempt timeouts do abort requests, so the guard ignores exactly that
// error and still dies loudly on any other.
const dynaliteMain = `
process.on('uncaughtException', (err) => {
  if (err && err.code === 'ECONNRESET' && err.message === 'aborted') return
  console.error(err)
  process.exit(1)
})
require(process.argv[1])
`

// startDynalite runs one dynalite process and waits for its banner.
func startDynalite(t testing.TB, node, cli string) (string, error) {
	port, err := freePort()
	if err != nil {
		return "", err
	}
	cmd := exec.Command(node, "-e", dynaliteMain, cli, "--host", "127.0.0.1", "--port", strconv.Itoa(port),
		"--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return "", err
	}
	if err := waitBanner(out); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return "", fmt.Errorf("%w; stderr: %s", err, stderr)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		select {
		case err := <-exited: // it died during the test: say why
			t.Errorf("testenv: dynalite exited during the test (%v); stderr:\n%s", err, stderr)
		default:
			cmd.Process.Kill()
			<-exited
		}
	})
	return "http://127.0.0.1:" + strconv.Itoa(port), nil
}

// syncBuffer is a strings.Builder safe for a writer and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitBanner waits for dynalite's "listening" line on out, then keeps
// draining out so the server never blocks writing to it.
func waitBanner(out io.Reader) error {
	ready := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(out)
		listening := false
		for sc.Scan() {
			if !listening && strings.Contains(sc.Text(), "listening") {
				listening = true
				ready <- nil
			}
		}
		if !listening {
			ready <- fmt.Errorf("exited before listening (%v)", sc.Err())
		}
	}()
	select {
	case err := <-ready:
		return err
	case <-time.After(dynaliteStartTimeout):
		return fmt.Errorf("not listening after %s", dynaliteStartTimeout)
	}
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
