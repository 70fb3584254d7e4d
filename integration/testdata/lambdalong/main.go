// Command lambdalong is the 30-minute job, scaled down, as a real Lambda
// bootstrap: one long step sums item ids 0..items-1, sleeping itemMs per
// item, checkpointing to the SQLite file named by BATON_CHECKPOINT_DB.
// Every processed item id is appended to the file BATON_SINK (one line per
// processing, so a line repeated shows work redone after a kill).
//
// Run with the argument "asl" it prints the workflow's state machine.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/baton-run/baton/checkpoint/sqlitestore"
	"github.com/baton-run/baton/steps"
)

// Job is the step's input.
type Job struct {
	Items  int `json:"items"`
	ItemMS int `json:"itemMs"`
}

// Cursor is the checkpointed state.
type Cursor struct {
	Next  int   `json:"next"`
	Sum   int64 `json:"sum"`
	Count int   `json:"count"`
}

// Total is the step's output.
type Total struct {
	Sum   int64 `json:"sum"`
	Count int   `json:"count"`
}

func aggregate(_ context.Context, in Job, st *Cursor, p *steps.Progress) (Total, error) {
	for st.Next < in.Items && p.Next() {
		time.Sleep(time.Duration(in.ItemMS) * time.Millisecond)
		sink(st.Next)
		st.Sum += int64(st.Next)
		st.Count++
		st.Next++
		p.Save(int64(st.Next), int64(in.Items))
	}
	return Total{Sum: st.Sum, Count: st.Count}, nil
}

func sink(item int) {
	f, err := os.OpenFile(os.Getenv("BATON_SINK"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	fmt.Fprintln(f, item)
	f.Close()
}

func workflow() *steps.Workflow {
	// A crashed (killed) invocation's checkpoint lease lasts until its
	// deadline: retry after one function timeout, when it has expired.
	crash := &steps.RetryPolicy{Errors: []string{"Runtime.ExitError"}, Interval: 3 * time.Second, MaxAttempts: 100, BackoffRate: 1}
	return steps.New("longjob", &steps.WorkflowOptions{Function: steps.Function{Name: "longjob", Timeout: 3 * time.Second}}).
		Add(steps.Long("aggregate", aggregate, &steps.LongOptions{Retry: crash, CheckpointEvery: 500 * time.Millisecond}))
}

func main() {
	wf := workflow()
	if len(os.Args) > 1 && os.Args[1] == "asl" {
		b, err := wf.ASL()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Stdout.Write(b)
		return
	}
	store, err := sqlitestore.Open(os.Getenv("BATON_CHECKPOINT_DB"), nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "checkpoint store:", err)
		os.Exit(1)
	}
	h, err := steps.NewHandler(wf, store, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	lambda.Start(h)
}
