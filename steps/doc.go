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
// Known limits: Map item indexes in checkpoint keys come from the innermost
// Map only; continue-as-new applies to long steps at the top level of a
// workflow.
package steps
