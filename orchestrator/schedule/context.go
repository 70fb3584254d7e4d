package schedule

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// The context attributes EventBridge Scheduler substitutes in a target's
// input
// (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html).
const (
	AttrScheduleArn   = "<aws.scheduler.schedule-arn>"
	AttrScheduledTime = "<aws.scheduler.scheduled-time>"
	AttrExecutionID   = "<aws.scheduler.execution-id>"
	AttrAttemptNumber = "<aws.scheduler.attempt-number>"
)

// ExecutionName is the Step Functions execution name of a schedule's fire:
// the schedule name and the scheduled time in UTC, within Step Functions'
// 80-character limit (a 64-character name is shortened with a hash). The name is deterministic, so starting a fire twice
// finds the first execution instead of starting a second one.
func ExecutionName(schedule string, scheduled time.Time) string {
	if len(schedule) > 63 { // keep names that differ only at the end apart
		sum := sha256.Sum256([]byte(schedule))
		schedule = schedule[:54] + "~" + hex.EncodeToString(sum[:4])
	}
	return schedule + "-" + scheduled.UTC().Format("20060102T150405Z")
}

// contextInput substitutes the context attributes in the schedule's input:
// the scheduled time as RFC 3339 UTC ("2022-03-22T18:59:43Z"), the
// schedule's ARN, an id derived from the schedule and scheduled time, and
// the attempt number (1, then 2... on retries).
func (s *Scheduler) contextInput(sc Schedule, scheduled time.Time, attempt int) string {
	input := sc.withDefaults().Input
	if !strings.Contains(input, "<aws.scheduler.") {
		return input
	}
	sum := sha256.Sum256([]byte(sc.Name + "\x00" + scheduled.UTC().Format(time.RFC3339Nano)))
	return strings.NewReplacer(
		AttrScheduleArn, ScheduleArn(s.opts.Region, s.opts.Account, sc.Name),
		AttrScheduledTime, scheduled.UTC().Format(time.RFC3339),
		AttrExecutionID, hex.EncodeToString(sum[:8]),
		AttrAttemptNumber, strconv.Itoa(attempt),
	).Replace(input)
}

// ScheduleArn is the ARN of a schedule in the default schedule group.
func ScheduleArn(region, account, name string) string {
	return "arn:aws:scheduler:" + region + ":" + account + ":schedule/default/" + name
}
