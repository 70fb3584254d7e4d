package integration

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/testenv"
	"github.com/baton-run/baton/orchestrator/lambdaemu"
)

// goTool returns the go command that runs these tests.
func goTool(t testing.TB) string {
	t.Helper()
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	p := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(p); err != nil {
		t.Skip("skipping: no go command to build the bootstrap")
	}
	return p
}

// buildBootstrap builds the test function in testdata/<dir> the way
// `make lambda` does (for the host), into a temporary directory.
func buildBootstrap(t testing.TB, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "bootstrap")
	cmd := exec.Command(goTool(t), "build", "-tags", "lambda.norpc", "-trimpath",
		"-ldflags", "-s -w", "-o", out, "./integration/testdata/"+dir)
	cmd.Dir = testenv.ModuleRoot()
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", dir, err, b)
	}
	return out
}

// newFunction starts an emulated function and closes it when the test ends,
// then checks that none of its processes survived.
func newFunction(t testing.TB, cfg lambdaemu.Config) *lambdaemu.Function {
	t.Helper()
	f, err := lambdaemu.New(cfg)
	if err != nil {
		t.Fatalf("lambdaemu.New: %v", err)
	}
	t.Cleanup(func() {
		f.Close()
		if pids := processesRunning(cfg.Path); len(pids) > 0 {
			t.Errorf("processes of %s still running after Close: %v", cfg.Path, pids)
		}
	})
	return f
}

// processesRunning lists the live processes whose executable is path.
func processesRunning(path string) []int {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		exe, err := os.Readlink(filepath.Join("/proc", e.Name(), "exe"))
		if err == nil && strings.TrimSuffix(exe, " (deleted)") == path && !zombie(pid) {
			pids = append(pids, pid)
		}
	}
	return pids
}

func zombie(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	_, rest, _ := strings.Cut(string(b), ") ")
	return strings.HasPrefix(rest, "Z")
}

// alive reports whether a process exists.
func alive(pid int) bool {
	return syscall.Kill(pid, 0) == nil && !zombie(pid)
}

// invoke calls the function with a JSON event, failing the test on an
// emulator error (not on a function error).
func invoke(t testing.TB, f *lambdaemu.Function, event any) lambdaemu.Result {
	t.Helper()
	payload, err := json.Marshal(event)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := f.Invoke(ctx, payload)
	if err != nil {
		t.Fatalf("Invoke(%s): %v", payload, err)
	}
	return res
}

// decode unmarshals a result payload into a map.
func decode(t testing.TB, res lambdaemu.Result) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(res.Payload, &m); err != nil {
		t.Fatalf("payload %q: %v", res.Payload, err)
	}
	return m
}
