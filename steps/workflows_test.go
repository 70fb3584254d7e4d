package steps_test

import (
	"context"
	"fmt"
	"time"

	"github.com/baton-run/baton/steps"
)

// The workflows the package's tests compile and run: one per feature of the
// DSL, kept small. Their ASL is pinned in testdata/*.asl.json.

type order struct {
	ID    string  `json:"id"`
	Total float64 `json:"total"`
	Tries int     `json:"tries"`
	Ready bool    `json:"ready"`
}

// ThrottledError is what a rate-limited dependency returns.
type ThrottledError struct{ RetryAfter time.Duration }

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("throttled; retry after %s", e.RetryAfter)
}

// RejectedError is a permanent business error.
type RejectedError struct{ Reason string }

func (e *RejectedError) Error() string { return "rejected: " + e.Reason }

func checkOrder(_ context.Context, o order) (order, error) {
	o.Tries++
	o.Ready = o.Tries >= 3
	return o, nil
}
func charge(_ context.Context, o order) (order, error) { return o, nil }

// ordersWorkflow polls until the order is ready (a loop written as a jump
// back), branches on the total, and catches a rejection.
func ordersWorkflow() *steps.Workflow {
	ready := steps.Field(func(o *order) *bool { return &o.Ready })
	total := steps.Field(func(o *order) *float64 { return &o.Total })
	wf := steps.New("orders", &steps.WorkflowOptions{Comment: "poll, branch, charge"})
	return wf.Add(
		steps.Task("check", checkOrder, nil),
		steps.Choice("ready?",
			steps.When(steps.Not(ready.IsTrue()), "pause"),
			steps.When(total.Gt(1000), "review"),
			steps.Otherwise("charge")),
		steps.Wait("pause", 5*time.Second),
		steps.Goto("check"),
		steps.Pass("review", map[string]any{"review": true}),
		steps.Succeed("reviewed"),
		steps.Task("charge", charge, &steps.TaskOptions{
			Retry: &steps.RetryPolicy{Errors: steps.ErrorNames(&ThrottledError{}), Interval: 200 * time.Millisecond,
				MaxAttempts: 5, BackoffRate: 2, MaxDelay: 5 * time.Second, Jitter: true},
			Catch: []steps.Catch{{Errors: steps.ErrorNames(&RejectedError{}), Next: "rejected", ResultPath: "$.error"}},
		}),
		steps.Succeed("charged"),
		steps.Fail("rejected", "OrderRejected", "the payment provider rejected the order"),
	)
}

type counter struct {
	N int64 `json:"n"`
}

type cursor struct {
	Next int64 `json:"next"`
	Sum  int64 `json:"sum"`
}

// sumTo adds 1..n in chunks of 10; a long step.
func sumTo(_ context.Context, in counter, st *cursor, p *steps.Progress) (counter, error) {
	for st.Next < in.N && p.Next() {
		for end := min(st.Next+10, in.N); st.Next < end; {
			st.Next++
			st.Sum += st.Next
		}
		p.Save(st.Next, in.N)
	}
	return counter{N: st.Sum}, nil
}

func double(_ context.Context, c counter) (counter, error) { return counter{N: 2 * c.N}, nil }

// sumWorkflow is a long step followed by a task.
func sumWorkflow(opts *steps.WorkflowOptions) *steps.Workflow {
	return steps.New("sum", opts).Add(
		steps.Long("sum", sumTo, &steps.LongOptions{CheckpointEvery: time.Second}),
		steps.Task("double", double, nil),
	)
}

type batch struct {
	Parts []counter `json:"parts"`
}

// fanoutWorkflow sums each part in a Map (a long step per item) next to a
// Parallel of two tasks.
func fanoutWorkflow() *steps.Workflow {
	parts := steps.Field(func(b *batch) *[]counter { return &b.Parts })
	return steps.New("fanout", nil).Add(
		steps.Map("each", steps.Sequence(
			steps.Long("part", sumTo, nil),
		), &steps.MapOptions{Items: parts, MaxConcurrency: 4, ToleratedFailures: 1}),
		steps.Parallel("both", nil,
			steps.Sequence(steps.Pass("left", nil)),
			steps.Sequence(steps.Wait("settle", time.Second), steps.Pass("right", nil))),
	)
}

type billing struct {
	Items []counter `json:"Items"`
}

func bill(_ context.Context, b billing) (counter, error) { return counter{N: int64(len(b.Items))}, nil }

// batchesWorkflow bills items in batches of 100, tolerating 5 % failures,
// in its own bigger function.
func batchesWorkflow() *steps.Workflow {
	items := steps.P[[]counter]("$.invoices")
	big := &steps.Function{Name: "billing-big", Timeout: 5 * time.Minute, MemoryMB: 4096}
	return steps.New("batches", nil).Add(
		steps.Map("bill-all", steps.Sequence(steps.Task("bill", bill, &steps.TaskOptions{Function: big})),
			&steps.MapOptions{Items: items, BatchSize: 100, ToleratedFailurePercent: 5, MaxConcurrency: 10}),
	)
}
