package local

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/baton-run/baton/orchestrator/internal/enginestore"
)

// InvocationReport is the accounting of one Lambda invocation made by an
// execution, as Lambda's REPORT log line gives it: cold start (init),
// duration, billed duration and memory. The engine keeps an execution's
// reports beside its history (Step Functions' history events have no field
// for them): an Invoker that measures its invocations, such as the Lambda
// emulator, hands them to RecordInvocationReport.
type InvocationReport struct {
	// StateName and Attempt name the Task state and its attempt (0 for the
	// first invocation since the state was entered), as InvokeMeta did.
	StateName string `json:"stateName"`
	Attempt   int    `json:"attempt"`
	// Function is the function's name; RequestID the invocation's.
	Function  string `json:"function"`
	RequestID string `json:"requestId,omitempty"`
	// Timestamp is when the invocation ended.
	Timestamp time.Time `json:"timestamp"`
	// InitMs is the cold start (0 for a warm invocation); DurationMs the
	// invocation itself; BilledMs what Lambda bills (init included for a
	// custom runtime).
	InitMs     float64 `json:"initDurationMs"`
	DurationMs float64 `json:"durationMs"`
	BilledMs   int64   `json:"billedDurationMs"`
	// MemorySizeMB is the configured memory, MaxMemoryUsedMB the peak.
	MemorySizeMB    int `json:"memorySizeMB"`
	MaxMemoryUsedMB int `json:"maxMemoryUsedMB"`
	// Status is "success", "error" or "timeout".
	Status string `json:"status"`
}

// ColdStart reports whether the invocation started a new process.
func (r InvocationReport) ColdStart() bool { return r.InitMs > 0 }

// Line renders the report as Lambda's REPORT log line (tab-separated).
func (r InvocationReport) Line() string {
	s := fmt.Sprintf("REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB\tMax Memory Used: %d MB\t",
		r.RequestID, r.DurationMs, r.BilledMs, r.MemorySizeMB, r.MaxMemoryUsedMB)
	if r.ColdStart() {
		s += fmt.Sprintf("Init Duration: %.2f ms\t", r.InitMs)
	}
	if r.Status != "success" && r.Status != "" {
		s += "Status: " + r.Status
	}
	return s
}

// RecordInvocationReport keeps r with the execution meta names (the
// InvokeMeta the engine gave the Invoker); its state name and attempt
// replace r's. It is durable when it returns. An invocation outside an
// execution (no ExecutionArn) is not recorded.
func (e *Engine) RecordInvocationReport(meta InvokeMeta, r InvocationReport) error {
	if meta.ExecutionArn == "" {
		return nil
	}
	rs, ok := e.store.(enginestore.Reports)
	if !ok {
		return fmt.Errorf("local: the engine's store keeps no invocation reports")
	}
	r.StateName, r.Attempt = meta.StateName, meta.Attempt
	if r.Timestamp.IsZero() {
		r.Timestamp = e.clk.Now()
	}
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return rs.PutReport(enginestore.InvocationReport{
		ExecutionArn: meta.ExecutionArn, StateName: r.StateName, Attempt: r.Attempt, Time: r.Timestamp, Data: data})
}

// InvocationReports returns the reports recorded for an execution, in the
// order its invocations ended.
func (e *Engine) InvocationReports(ctx context.Context, arn string) ([]InvocationReport, error) {
	if _, err := e.DescribeExecution(ctx, arn); err != nil {
		return nil, err
	}
	rs, ok := e.store.(enginestore.Reports)
	if !ok {
		return nil, nil
	}
	stored, err := rs.Reports(arn)
	if err != nil {
		return nil, err
	}
	out := make([]InvocationReport, 0, len(stored))
	for _, s := range stored {
		var r InvocationReport
		if err := json.Unmarshal(s.Data, &r); err != nil {
			return nil, fmt.Errorf("local: invocation report of %s (state %s): %w", arn, s.StateName, err)
		}
		out = append(out, r)
	}
	return out, nil
}
