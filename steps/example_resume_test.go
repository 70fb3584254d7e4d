package steps_test

import (
	"context"
	"fmt"
	"time"

	"github.com/baton-run/baton/steps"
)

// Export is a job whose input names the job: a new execution with the same
// Job resumes its checkpoints.
type Export struct {
	Rows int64  `json:"rows"`
	Job  string `json:"job"`
}

// JobID implements steps.JobNamer.
func (e Export) JobID() string { return e.Job }

// DiskFullError is a permanent failure of the export's sink.
type DiskFullError struct{}

func (*DiskFullError) Error() string { return "disk full" }

// A job that failed half way is resumed by a new execution naming the same
// job: the long step carries on from its last checkpoint.
func Example_resumeFailedJob() {
	var r *localRun
	full := true
	export := func(_ context.Context, in Export, st *LineCursor, p *steps.Progress) (LineCursor, error) {
		first := st.Offset
		for st.Offset < in.Rows && p.Next() {
			if full && st.Offset == 60_000 {
				return *st, &DiskFullError{}
			}
			r.Clock.Advance(10 * time.Millisecond)
			st.Offset += 1000
			p.Save(st.Offset, in.Rows)
		}
		fmt.Printf("slice from row %d to %d\n", first, st.Offset)
		return *st, nil
	}
	wf := steps.New("export", nil).Add(steps.Long("export", export,
		&steps.LongOptions{CheckpointEvery: 100 * time.Millisecond}))
	r = newLocalRun(wf)
	defer r.close()

	job := Export{Rows: 100_000, Job: "export-2026-11-26"}
	status, errName := r.run("export-attempt-1", job)
	fmt.Println(status, errName)
	full = false // the disk was cleaned up
	fmt.Println(r.run("export-attempt-2", job))
	// Output:
	// FAILED DiskFullError
	// slice from row 60000 to 100000
	// SUCCEEDED {"offset":100000,"words":0}
}
