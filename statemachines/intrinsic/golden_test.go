package intrinsic

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baton-run/baton/internal/golden"
)

// TestFailureCausesGolden pins the cause text of every intrinsic failure in
// testdata/causes.golden (go test -update rewrites it), so that a change
// to a message shows up in review.
func TestFailureCausesGolden(t *testing.T) {
	input := decode(t, `{"s": "a,b", "n": 1.5, "l": [1, 2, 3], "o": {"k": "v"}, "bad": "{", "big": 3e10}`)
	calls := []string{
		"States.Nope()", "States.Format('{} {}', 1)", "States.Format('{}', 1, 2)", "States.Format($.n)",
		"States.StringToJson($.bad)", "States.StringToJson($.n)", "States.ArrayPartition($.l, 0)",
		"States.ArrayPartition($.s, 1)", "States.ArrayRange(0, 1000, 1)", "States.ArrayRange(0, 1, 0)",
		"States.ArrayGetItem($.l, 3)", "States.ArrayLength($.o)", "States.Base64Decode('!!')",
		"States.Hash('x', 'SHA-3')", "States.JsonMerge($.o, $.o, true)", "States.JsonMerge($.l, $.o, false)",
		"States.MathAdd($.big, 1)", "States.MathAdd($.s, 1)", "States.MathRandom(3, 3)", "States.StringSplit($.l, ',')",
		"States.UUID(1)", "States.MathAdd(1)", "States.Format('a\\\"b')", "States.Array(1,)",
	}
	var b strings.Builder
	for _, src := range calls {
		_, err := eval(t, src, input)
		var ie *Error
		if !errors.As(err, &ie) {
			t.Fatalf("%s: err = %v, want an *Error", src, err)
		}
		fmt.Fprintf(&b, "%s\n\t%s\n", src, ie.Cause)
	}
	golden.Check(t, filepath.Join("testdata", "causes.golden"), []byte(b.String()))
}
