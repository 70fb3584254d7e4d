package lambdaemu

import (
	"log/slog"
	"sync/atomic"

	"github.com/baton-run/baton/orchestrator/local"
)

// RecordTo keeps the Report of every invocation made by one of e's
// executions with that execution (local.Engine.InvocationReports), after
// calling any OnReport already set. A report that cannot be stored is
// logged; the invocation's outcome does not depend on it. Call it before
// fs serves invocations (OnReport is not synchronized); for an engine that
// resumes executions as it opens, use RecordReports.
func (fs *Functions) RecordTo(e *local.Engine) { fs.RecordReports()(e) }

// RecordReports is RecordTo for an engine not opened yet, whose Invoker is
// fs: call it before local.Open and pass the engine to attach once it is
// open. Invocations that end before attach are not recorded.
func (fs *Functions) RecordReports() (attach func(*local.Engine)) {
	var eng atomic.Pointer[local.Engine]
	prev := fs.OnReport
	fs.OnReport = func(function string, meta local.InvokeMeta, res Result) {
		if prev != nil {
			prev(function, meta, res)
		}
		e := eng.Load()
		if e == nil {
			return
		}
		if err := e.RecordInvocationReport(meta, EngineReport(function, res)); err != nil {
			slog.Warn("lambdaemu: invocation report not recorded", "function", function,
				"execution", meta.ExecutionArn, "state", meta.StateName, "error", err)
		}
	}
	return eng.Store
}

// EngineReport converts an invocation's Result to the engine's record of
// it (state name and attempt are the engine's to fill).
func EngineReport(function string, res Result) local.InvocationReport {
	r := res.Report
	return local.InvocationReport{
		Function: function, RequestID: res.RequestID,
		InitMs: ms(r.Init), DurationMs: ms(r.Duration), BilledMs: r.BilledMs,
		MemorySizeMB: r.MemorySizeMB, MaxMemoryUsedMB: r.MaxMemoryUsedMB, Status: r.Status,
	}
}
