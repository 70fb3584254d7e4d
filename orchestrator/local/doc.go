// Package local is baton's local Step Functions engine: it stores state
// machines and executes them with AWS Step Functions' semantics, durably by
// default.
//
// An Engine is opened on one SQLite file (Options.Path) or in memory
// (Path ""). Executions run as goroutines interpreting the parsed ASL model;
// their history events (AWS event types and details) are readable while they
// run. In the durable mode every event is written to the file in batched
// transactions (group commit); the calls that acknowledge something to a
// caller — CreateStateMachine, StartExecution, StopExecution,
// RedriveExecution, SendTask* and the end of an execution — return only once
// what they acknowledged is on disk. After a crash, Open resumes every
// RUNNING execution by replaying its recorded events: recorded task results
// are reused, a task that was in flight is invoked again (at-least-once, as
// on AWS), and no recorded event is lost or duplicated. Replay is per
// thread: every Parallel branch and Map iteration records its events under
// its own scope, so concurrent interleavings need not repeat; timers (Wait,
// retry backoff, timeouts) are derived from recorded event times, and retry
// jitter is seeded by the failure event, so a resumed run waits what the
// first one would have. RedriveExecution uses the same replay, cut back to
// where each scope failed: succeeded branches and iterations are replayed,
// failed ones run again from their failed state.
//
// Tasks resolve through an Invoker: in-process Go handlers (Handlers, invoked
// through aws-lambda-go's handler adapter so JSON and error names match
// Lambda), Step Functions Local mock configurations (MockConfig), or the
// Lambda runtime emulator; Chain combines them.
//
// Both query languages run: JSONPath (paths, intrinsic functions, Assign)
// and JSONata (Arguments, Output, Assign, Conditions). Besides Lambda, the
// arn:aws:states:::states:startExecution integration (.sync, .sync:2) runs
// child executions on the same engine; other service integrations go to
// the Invoker or a mock configuration.
//
// A distributed Map's succeeded child runs are stored as executions of
// their own (ARN execution:MACHINE/LABEL:NAME, listed only under that
// machine), so a resumed or redriven parent runs only the children that had
// not succeeded.
//
// Known limits: a distributed Map reads its items from the input only (no
// ItemReader or ResultWriter) and its child executions keep no history; an
// inline Map runs at most 40 iterations at once, as on AWS; activities are
// not supported; a started execution name with the same input returns that
// execution even after it closed (AWS answers ExecutionAlreadyExists once it
// is closed); EXPRESS machines run with STANDARD semantics and keep a
// history, without its event limit.
//
// A STANDARD execution's history holds at most Options.MaxHistoryEvents
// events (Step Functions' hard quota, 25,000, by default): when the event
// taking the last place would not end the execution, the execution fails
// with States.Runtime ("The execution reached the maximum number of history
// events (25000).") in that place instead, and cannot be redriven.
package local
