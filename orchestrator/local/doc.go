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
// on AWS), and no recorded event is lost or duplicated.
//
// Tasks resolve through an Invoker: in-process Go handlers (Handlers, invoked
// through aws-lambda-go's handler adapter so JSON and error names match
// Lambda), Step Functions Local mock configurations (MockConfig), or the
// Lambda runtime emulator; Chain combines them.
//
// Known limits: distributed Map (ItemReader, ResultWriter, Map Runs),
// activities and service integrations other than Lambda are not supported;
// EXPRESS machines run with STANDARD semantics and history.
package local
