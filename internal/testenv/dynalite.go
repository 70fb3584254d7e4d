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

// startDynalite runs one dynalite process and waits for its banner.
func startDynalite(t testing.TB, node, cli string) (string, error) {
	port, err := freePort()
	if err != nil {
		return "", err
	}
	cmd := exec.Command(node, cli, "--host", "127.0.0.1", "--port", strconv.Itoa(port),
		"--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return "", err
	}
	if err := waitBanner(out); err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return "", fmt.Errorf("%w; stderr: %s", err, stderr.String())
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return "http://127.0.0.1:" + strconv.Itoa(port), nil
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
