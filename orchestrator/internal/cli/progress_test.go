package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/baton-run/baton/steps"
)

type cursor struct {
	Next int64 `json:"next"`
}

// tick is a long step of 40 chunks of 20 ms.
func tick(_ context.Context, _ num, st *cursor, p *steps.Progress) (num, error) {
	for st.Next < 40 && p.Next() {
		time.Sleep(20 * time.Millisecond)
		st.Next++
		p.Save(st.Next, 40)
	}
	return num{N: int(st.Next)}, nil
}

// `run --timeout` slices a long step and prints a line per slice with its
// progress and how long it ran of its budget, then the invocation count.
func TestRunShowsSlices(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a long step on the real clock")
	}
	wfs := []*steps.Workflow{steps.New("ticker", nil).Add(steps.Long("tick", tick, nil))}
	var out, errOut bytes.Buffer
	db := filepath.Join(t.TempDir(), "baton.db")
	code := Run([]string{"run", "--db", db, "--timeout", "300ms", "--name", "t1"}, Env{Stdout: &out, Stderr: &errOut}, wfs)
	if code != 0 || !strings.Contains(out.String(), `"n": 40`) {
		t.Fatalf("exit %d, stdout %s, stderr %s", code, out.String(), errOut.String())
	}
	slices := regexp.MustCompile(`(?m)^\s*tick\s+slice (\d+) .* (continue|done) +(\d+\.\d+)s of 0\.30s$`).FindAllStringSubmatch(errOut.String(), -1)
	if len(slices) < 3 || slices[len(slices)-1][2] != "done" {
		t.Errorf("want ≥ 3 slice lines ending with done; stderr:\n%s", errOut.String())
	}
	if !regexp.MustCompile(`t1 SUCCEEDED in .*: \d+ invocations \(tick \d+\)`).MatchString(errOut.String()) {
		t.Errorf("no summary line; stderr:\n%s", errOut.String())
	}
}
