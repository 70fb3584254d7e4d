// Package schedule implements EventBridge Scheduler's schedules for baton:
// the expression language (cron, rate, at) with time zones, start and end
// dates and flexible time windows; a durable local scheduler that starts
// executions from a SQLite file; and the AWS side (an
// AWS::Scheduler::Schedule resource for templates).
//
// Guarantees of the local scheduler:
//   - each scheduled time of a schedule starts at most one execution, even
//     with several schedulers on one file: a unique row per schedule and
//     scheduled time is claimed before starting, and execution names are
//     deterministic (schedule name + scheduled time), so a start repeated
//     after a crash finds the first execution instead of starting another;
//   - a fire claimed by a scheduler that died before recording it is finished
//     by a live scheduler after a one-minute lease;
//   - fires missed while no scheduler ran are dropped unless they are within
//     the schedule's catch-up window (default: none, as on EventBridge);
//   - overlap policy SKIP (default) drops a fire while the schedule's
//     previous execution is still running, BUFFER_ONE keeps one to start when
//     it ends, ALLOW_ALL always starts.
//
// Daylight-saving time follows EventBridge Scheduler's documented rules (see
// internal/cron.Expr.Next): a local fire time that does not exist is
// skipped, one that occurs twice fires once; rate expressions are fixed
// durations.
//
// A fire whose StartExecution fails is retried under the schedule's retry
// policy (AWS's default: 24 hours, 185 retries; locally after 1 s, doubling
// to at most 5 minutes) and recorded FAILED when the policy is spent.
//
// Known limits: dead-letter queues are rendered for AWS only (locally a
// spent fire stays FAILED in the fire records); targets are Step Functions
// state machines only;
// a reclaimed fire re-applies the overlap policy, so in the rare case its
// execution had started before the crash but the previous one is still
// running, the fire is recorded SKIPPED although its execution exists.
package schedule

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// State is whether a schedule fires.
type State string

// Schedule states, as EventBridge Scheduler names them.
const (
	Enabled  State = "ENABLED"
	Disabled State = "DISABLED"
)

// OverlapPolicy says what a fire does while the schedule's previous
// execution is still running.
type OverlapPolicy string

// Overlap policies.
const (
	OverlapSkip      OverlapPolicy = "SKIP"       // drop the fire (default)
	OverlapBufferOne OverlapPolicy = "BUFFER_ONE" // keep one fire; start it when the running execution ends
	OverlapAllowAll  OverlapPolicy = "ALLOW_ALL"  // start every fire
)

// MaxFlexibleWindow is EventBridge Scheduler's largest flexible time window
// (MaximumWindowInMinutes: 1-1440).
const MaxFlexibleWindow = 1440 * time.Minute

// MaxCatchUpWindow is the longest catch-up window: a year.
const MaxCatchUpWindow = 366 * 24 * time.Hour

// Schedule is a schedule's definition.
type Schedule struct {
	// Name identifies the schedule: 1-64 of [0-9a-zA-Z-_.], as on AWS.
	Name string `json:"name"`
	// Expression is cron(...), rate(...) or at(...).
	Expression string `json:"expression"`
	// Timezone is the IANA zone cron and at expressions are read in.
	// Defaults to UTC.
	Timezone string `json:"timezone,omitempty"`
	// StartDate and EndDate bound the fire times: StartDate inclusive, EndDate
	// exclusive. Zero means unbounded.
	StartDate time.Time `json:"startDate,omitzero"`
	EndDate   time.Time `json:"endDate,omitzero"`
	// FlexibleWindow spreads each fire at random within this long after its
	// scheduled time. Defaults to 0 (AWS's Mode OFF); at most 1440 minutes.
	FlexibleWindow time.Duration `json:"-"`
	// StateMachine is the target: a state machine ARN (or name, resolved by
	// the Starter).
	StateMachine string `json:"stateMachine"`
	// Input is the execution input (JSON). The context attributes
	// <aws.scheduler.scheduled-time>, <aws.scheduler.schedule-arn>,
	// <aws.scheduler.execution-id> and <aws.scheduler.attempt-number> are
	// replaced as EventBridge Scheduler does. Defaults to "{}".
	Input string `json:"input,omitempty"`
	// State is ENABLED (default) or DISABLED.
	State State `json:"state,omitempty"`
	// Overlap is the overlap policy. Defaults to SKIP.
	Overlap OverlapPolicy `json:"overlap,omitempty"`
	// CatchUpWindow is how late a missed fire may still start after the
	// scheduler was down. Defaults to 0: missed fires are dropped.
	CatchUpWindow time.Duration `json:"-"`
	// ActionAfterCompletion is NONE (default) or DELETE: delete the schedule
	// once it has no fire time left, as EventBridge Scheduler does.
	ActionAfterCompletion string `json:"actionAfterCompletion,omitempty"`
	// RetryPolicy bounds the retries of a fire whose StartExecution fails,
	// locally and on AWS. Defaults to AWS's: 24 hours, 185 retries.
	RetryPolicy *RetryPolicy `json:"retryPolicy,omitempty"`
	// Description is free text.
	Description string `json:"description,omitempty"`
	// CreatedAt and UpdatedAt are set by the Store.
	CreatedAt time.Time `json:"createdAt,omitzero"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
}

// ErrInvalid wraps every validation error of a Schedule.
var ErrInvalid = errors.New("invalid schedule")

var namePattern = regexp.MustCompile(`^[0-9a-zA-Z\-_.]{1,64}$`)

// withDefaults fills the defaulted fields.
func (s Schedule) withDefaults() Schedule {
	if s.State == "" {
		s.State = Enabled
	}
	if s.Overlap == "" {
		s.Overlap = OverlapSkip
	}
	if s.Input == "" {
		s.Input = "{}"
	}
	return s
}

// Validate checks every field and returns an error naming the first one at
// fault; it wraps ErrInvalid (and *ExpressionError for the expression).
func (s Schedule) Validate() error {
	s = s.withDefaults()
	if !namePattern.MatchString(s.Name) {
		return invalid("name %q: use 1-64 letters, digits, '-', '_' or '.'", s.Name)
	}
	if _, err := s.Timing(); err != nil {
		return err
	}
	return s.validateOptions()
}

func (s Schedule) validateOptions() error {
	switch {
	case s.StateMachine == "":
		return invalid("schedule %s: stateMachine: a target state machine is required", s.Name)
	case s.State != Enabled && s.State != Disabled:
		return invalid("schedule %s: state %q: use ENABLED or DISABLED", s.Name, s.State)
	case s.Overlap != OverlapSkip && s.Overlap != OverlapBufferOne && s.Overlap != OverlapAllowAll:
		return invalid("schedule %s: overlap %q: use SKIP, BUFFER_ONE or ALLOW_ALL", s.Name, s.Overlap)
	case s.FlexibleWindow < 0 || s.FlexibleWindow > MaxFlexibleWindow || s.FlexibleWindow%time.Minute != 0:
		return invalid("schedule %s: flexibleWindow %v: use OFF (0) or 1-1440 whole minutes", s.Name, s.FlexibleWindow)
	case s.ActionAfterCompletion != "" && s.ActionAfterCompletion != "NONE" && s.ActionAfterCompletion != "DELETE":
		return invalid("schedule %s: actionAfterCompletion %q: use NONE or DELETE", s.Name, s.ActionAfterCompletion)
	case len(s.Description) > 512:
		return invalid("schedule %s: description: %d characters, AWS allows 512", s.Name, len(s.Description))
	case !validInput(s.Input):
		return invalid("schedule %s: input: not well-formed JSON (a Step Functions target needs a JSON execution input)", s.Name)
	case s.CatchUpWindow < 0 || s.CatchUpWindow > MaxCatchUpWindow:
		return invalid("schedule %s: catchUpWindow %v: use 0 (none) up to %v", s.Name, s.CatchUpWindow, MaxCatchUpWindow)
	case s.RetryPolicy.validate(s.Name) != nil:
		return s.RetryPolicy.validate(s.Name)
	case !s.StartDate.IsZero() && !s.EndDate.IsZero() && !s.EndDate.After(s.StartDate):
		return invalid("schedule %s: endDate %s is not after startDate %s", s.Name,
			s.EndDate.Format(time.RFC3339), s.StartDate.Format(time.RFC3339))
	}
	return nil
}

// validInput reports whether the input is JSON once the context attributes
// are substituted (they may stand for a string's content or for a value).
func validInput(input string) bool {
	return json.Valid([]byte(strings.NewReplacer(AttrScheduledTime, "1", AttrScheduleArn, "1",
		AttrExecutionID, "1", AttrAttemptNumber, "1").Replace(input)))
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

// Timing parses the schedule's expression and time zone.
func (s Schedule) Timing() (Timing, error) {
	e, err := ParseExpression(s.Expression)
	if err != nil {
		return Timing{}, fmt.Errorf("%w: schedule %s: %w", ErrInvalid, s.Name, err)
	}
	loc, err := LoadLocation(s.Timezone)
	if err != nil {
		return Timing{}, fmt.Errorf("%w: schedule %s: timezone: %w", ErrInvalid, s.Name, err)
	}
	return Timing{Expression: e, Location: loc, Start: s.StartDate, End: s.EndDate, Anchor: s.anchor()}, nil
}

// anchor is where a rate schedule without a start date counts from: its
// last creation or update, when AWS starts invoking it immediately.
func (s Schedule) anchor() time.Time {
	if !s.UpdatedAt.IsZero() {
		return s.UpdatedAt
	}
	return s.CreatedAt
}

// scheduleJSON is Schedule's JSON form: the windows as whole minutes and a
// Go duration string.
type scheduleJSON struct {
	plainSchedule
	FlexibleWindowMinutes int    `json:"flexibleWindowMinutes,omitempty"`
	CatchUpWindow         string `json:"catchUpWindow,omitempty"`
}

type plainSchedule Schedule

// MarshalJSON writes the flexible window as flexibleWindowMinutes and the
// catch-up window as a duration string ("30m0s").
func (s Schedule) MarshalJSON() ([]byte, error) {
	v := scheduleJSON{plainSchedule: plainSchedule(s), FlexibleWindowMinutes: int(s.FlexibleWindow / time.Minute)}
	if s.CatchUpWindow != 0 {
		v.CatchUpWindow = s.CatchUpWindow.String()
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // inputs hold <aws.scheduler.*> attributes: keep them readable
	err := enc.Encode(v)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}

// UnmarshalJSON reads what MarshalJSON writes.
func (s *Schedule) UnmarshalJSON(b []byte) error {
	var v scheduleJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = Schedule(v.plainSchedule)
	s.FlexibleWindow = time.Duration(v.FlexibleWindowMinutes) * time.Minute
	if v.CatchUpWindow != "" {
		d, err := time.ParseDuration(v.CatchUpWindow)
		if err != nil {
			return fmt.Errorf("catchUpWindow: %w", err)
		}
		s.CatchUpWindow = d
	}
	return nil
}
