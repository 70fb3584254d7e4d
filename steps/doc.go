// Package steps is baton's Go DSL for workflows, its compiler to the Amazon
// States Language, and the step runtime that serves the steps inside one
// AWS Lambda function.
//
// A workflow is a list of named steps read top to bottom: each step flows to
// the one listed after it unless it jumps (Goto, Choice, Catch) or ends the
// workflow (Succeed, Fail, the last step). Loops are plain jumps back to a
// named step.
//
//	wf := steps.New("orders", nil)
//	wf.Add(
//		steps.Task("fetch", fetch, nil),
//		steps.Long("aggregate", aggregate, &steps.LongOptions{Retry: &policy}),
//		steps.Choice("more?",
//			steps.When(steps.Field(func(r *Report) *bool { return &r.Partial }).IsTrue(), "fetch"),
//			steps.Otherwise("publish")),
//		steps.Task("publish", publish, nil),
//	)
//
// Handler rules (checked when the workflow is compiled, as aws-lambda-go
// checks its handlers when it starts):
//   - a Task handler is func(context.Context, In) (Out, error); Func takes
//     any signature aws-lambda-go accepts and checks it at compile time;
//   - a Long handler is func(context.Context, In, *State, *Progress) (Out, error):
//     it resumes from *State (the zero value on the first slice), processes
//     one chunk per Progress.Next, and records its position with
//     Progress.Save; it never reads the clock: the runtime ends the slice at a
//     chunk boundary before the Lambda deadline;
//   - In, Out and State must survive a JSON round trip (no channels,
//     functions, complex numbers; State needs exported fields);
//   - an error keeps its Go type name as its ASL error name (aws-lambda-go's
//     rule), which is what Retry and Catch ErrorEquals match: return your own
//     exported error types, not fmt.Errorf wrappers, for errors a workflow
//     handles.
//
// # What a workflow compiles to
//
// Every Task and Long step is a Task state invoking the workflow's Lambda
// function (or the step's own) with the payload {"step", "input"} (a long
// step adds "execution": $$.Execution.Name); the Handler dispatches on
// "step". A long step L compiles to a loop:
//
//	L         Task    returns {"status": "continue"|"renew"|"done", "output", "progress"}
//	L.more?   Choice  "continue" → L, "renew" → L.renew, else the next step (OutputPath $.output)
//	L.renew   Task    states:startExecution of the same machine with {"batonResume": envelope}
//
// On "continue" the output is the envelope {"batonSlice": {step, job, slice,
// from}, "input"} the next slice resumes from; on "done" it is the step's
// result. A machine with top-level long steps starts with a small router
// (baton.resume?) that sends a continued execution straight back to its
// step. The renewed execution ends with startExecution's result; ContinuedAs
// and ContinuedFrom link it to its successor (steptest and the program's run
// command follow the chain to its last execution). The Retry of L re-invokes
// a slice cut short (Lambda timeout, a crash, a held lease); the runtime's
// permanent errors are never retried.
//
// # The long-step protocol
//
// The checkpoint key is the job id (the execution name, or JobNamer's
// JobID of the input), the step's path, and inside a Map a hash of the
// item. A slice claims the checkpoint with a lease ending at the
// invocation's deadline, marks itself pending, runs chunks while the
// budget — the deadline minus a margin from the longest recent chunk, the
// slowest recent write and a small safety — allows, saves every
// CheckpointEvery and at the end, and releases the lease. Every write is
// fenced by the record's version and owner, so an invocation that lost
// the lease (a zombie) cannot overwrite newer progress. The lease's owner
// names the Task state entry ($$.Execution.Name and $$.State.EnteredTime,
// which every retry of the entry shares): Step Functions retries an entry
// only after its attempt failed, so a retry releases the lease its killed
// predecessor left (fenced) and claims at once. Another holder's lease is
// waited for in-process when it ends within half the budget, else
// LeaseHeldError, retried after 0.6 × the function's timeout. A slice that
// never ends cleanly leaves its pending mark; MaxStalledSlices slices in a
// row that ran until their deadline without saving a finished chunk fail
// the step with NoProgressError. Such a slice records it in its pending
// mark shortly before the deadline (a twentieth of the timeout; on the
// real clock, so the write lands before Lambda kills it) or, in-process,
// when its chunk ran past the deadline; a slice killed or crashed earlier
// records nothing and is not counted, however late its retry. A slice
// that resumes after one that never ended hands back at its first
// checkpoint, so the next Task state entry counts retries afresh: the
// resume Retry's MaxAttempts bounds crashes without progress between
// them, not crashes per slice.
//
// Known limits: continue-as-new applies to long steps at the top level of
// a workflow; Map items are keyed by content, so two equal items share a
// checkpoint (and the result), and if they enter the step in the same
// instant they may take each other's lease over (wasted work, never lost
// progress); in a DISTRIBUTED Map (batching, tolerated
// failures) a long step's job is the child execution; a Long step's Catch
// cannot use ResultPath; an in-process handler that overruns its deadline
// is not killed as on Lambda — its result is discarded (SliceTimeoutError).
package steps
