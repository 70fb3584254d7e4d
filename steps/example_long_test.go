package steps_test

import (
	"context"
	"fmt"
	"time"

	"github.com/baton-run/baton/steps"
)

// Lines is a long step's input: how many lines to count.
type Lines struct {
	Total int64 `json:"total"`
}

// LineCursor is its saved state: where it is, and what it has counted.
type LineCursor struct {
	Offset int64 `json:"offset"`
	Words  int64 `json:"words"`
}

// A long step processes chunks and saves its cursor; the runtime ends each
// slice before the Lambda deadline (here scaled to 2 s) and the state
// machine invokes it again until it is done.
func ExampleLong() {
	var r *localRun
	count := func(_ context.Context, in Lines, st *LineCursor, p *steps.Progress) (LineCursor, error) {
		for st.Offset < in.Total && p.Next() {
			r.Clock.Advance(100 * time.Millisecond) // one chunk: 1,000 lines of work
			st.Offset += 1000
			st.Words += 7 * 1000
			p.Save(st.Offset, in.Total)
		}
		return *st, nil
	}
	wf := steps.New("wordcount", nil).Add(steps.Long("count", count, nil))
	r = newLocalRun(wf)
	defer r.close()

	status, out := r.run("count-1", Lines{Total: 100_000}) // 100 chunks: 10 s of work
	fmt.Println(status, out)
	fmt.Println("slices:", r.invokes["count"])
	// Output:
	// SUCCEEDED {"offset":100000,"words":700000}
	// slices: 6
}
