package steps

import "time"

// Schedule starts a workflow at the times of an EventBridge Scheduler
// expression: on AWS it becomes an AWS::Scheduler::Schedule (see
// orchestrator/synth), locally baton's scheduler fires it (see
// orchestrator/schedule). The expression is checked when the workflow is
// synthesised or installed.
type Schedule struct {
	// Name identifies the schedule: 1-64 of [0-9a-zA-Z-_.]. Required.
	Name string
	// Expression is cron(...), rate(...) or at(...), as EventBridge
	// Scheduler accepts them. Required.
	Expression string
	// Timezone is the IANA zone cron and at expressions are read in.
	// Defaults to UTC.
	Timezone string
	// Input is the execution input, marshalled to JSON. Strings inside it
	// may use <aws.scheduler.scheduled-time> and the other context
	// attributes. Defaults to {}.
	Input any
	// FlexibleWindow spreads each fire within this long after its time.
	// Defaults to 0 (off); at most 24 hours.
	FlexibleWindow time.Duration
	// Disabled creates the schedule paused. Defaults to false.
	Disabled bool
	// Description is free text. Defaults to "".
	Description string
}
