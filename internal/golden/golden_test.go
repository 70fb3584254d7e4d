package golden

import (
	"path/filepath"
	"testing"
)

// recorder captures Errorf calls so a failing comparison can be observed.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Helper()               {}

func TestCheck(t *testing.T) {
	if Updating() {
		t.Skip("this test checks a mismatch; nothing to rewrite")
	}
	path := filepath.Join("testdata", "hello.golden")
	Check(t, path, []byte("hello\n"))
	r := &recorder{TB: t}
	Check(r, path, []byte("goodbye\n"))
	if !r.failed {
		t.Error("Check accepted output that differs from the golden file")
	}
}
