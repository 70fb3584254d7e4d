package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRunLambdaBinaryErrors: --lambda-binary needs a checkpoint file the
// function processes can share, and a bootstrap that cannot start fails the
// execution as Lambda names it. (The real binary runs in
// integration.TestLambdaBinaryRunMatchesInProcess.)
func TestRunLambdaBinaryErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no-bootstrap")
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		inStderr []string
	}{
		{"in memory", []string{"run", "--lambda-binary", missing, "--memory", "--input", `{"n":2}`},
			exitUsage, []string{"--lambda-binary needs --db"}},
		{"missing bootstrap", []string{"run", "--lambda-binary", missing, "--db", filepath.Join(dir, "b.db"), "--quiet", "--input", `{"n":2}`},
			exitFailed, []string{"Runtime.InvalidEntrypoint", missing}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := run(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			for _, s := range tc.inStderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr does not name %q:\n%s", s, stderr)
				}
			}
		})
	}
}
