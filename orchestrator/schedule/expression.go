package schedule

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/baton-run/baton/orchestrator/schedule/internal/cron"
)

// Kind names the three expression types EventBridge Scheduler accepts.
type Kind string

// The expression kinds.
const (
	KindCron Kind = "cron"
	KindRate Kind = "rate"
	KindAt   Kind = "at"
)

// Expression is a parsed schedule expression: cron(...), rate(...) or at(...).
type Expression interface {
	// Kind says which of the three forms this is.
	Kind() Kind
	// String returns the expression as written.
	String() string
	// next returns the first fire time strictly after `after`. Rate
	// expressions count from anchor; cron and at read wall-clock time in loc.
	next(after, anchor time.Time, loc *time.Location) (time.Time, bool)
}

// ExpressionError reports an invalid schedule expression: which field is
// wrong and why.
type ExpressionError struct {
	Expression string
	Field      string // e.g. "day-of-month", "unit", "timestamp"; "" for the whole expression
	Reason     string
}

func (e *ExpressionError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("invalid schedule expression %q: %s", e.Expression, e.Reason)
	}
	return fmt.Sprintf("invalid schedule expression %q: %s: %s", e.Expression, e.Field, e.Reason)
}

// ParseExpression parses an EventBridge Scheduler schedule expression:
//
//	cron(minutes hours day-of-month month day-of-week year)
//	rate(value unit)          unit: minute | minutes | hour | hours | day | days
//	at(yyyy-mm-ddThh:mm:ss)   a local date and time in the schedule's time zone
//
// Errors are *ExpressionError values naming the field at fault.
func ParseExpression(s string) (Expression, error) {
	kind, body, ok := splitCall(s)
	if !ok {
		return nil, &ExpressionError{Expression: s, Reason: "expected cron(...), rate(...) or at(...)"}
	}
	switch kind {
	case KindCron:
		return parseCron(s, body)
	case KindRate:
		return parseRate(s, body)
	default:
		return parseAt(s, body)
	}
}

func splitCall(s string) (Kind, string, bool) {
	for _, k := range []Kind{KindCron, KindRate, KindAt} {
		if rest, ok := strings.CutPrefix(s, string(k)+"("); ok {
			body, closed := strings.CutSuffix(rest, ")")
			return k, body, closed
		}
	}
	return "", "", false
}

// Cron is a cron(...) expression.
type Cron struct {
	text string
	expr *cron.Expr
}

func parseCron(s, body string) (*Cron, error) {
	e, err := cron.Parse(body)
	if err != nil {
		var fe *cron.FieldError
		if errors.As(err, &fe) {
			return nil, &ExpressionError{Expression: s, Field: fe.Field, Reason: fe.Reason}
		}
		return nil, &ExpressionError{Expression: s, Reason: err.Error()}
	}
	return &Cron{text: s, expr: e}, nil
}

// Kind returns KindCron.
func (c *Cron) Kind() Kind { return KindCron }

// String returns the expression as written.
func (c *Cron) String() string { return c.text }

func (c *Cron) next(after, _ time.Time, loc *time.Location) (time.Time, bool) {
	return c.expr.Next(after, loc)
}

// Rate is a rate(value unit) expression: a fixed period counted from the
// schedule's start date (or, without one, from when the schedule was created).
type Rate struct {
	text  string
	Every time.Duration
}

var rateUnits = map[string]time.Duration{
	"minute": time.Minute, "minutes": time.Minute,
	"hour": time.Hour, "hours": time.Hour,
	"day": 24 * time.Hour, "days": 24 * time.Hour,
}

func parseRate(s, body string) (*Rate, error) {
	f := strings.Fields(body)
	if len(f) != 2 {
		return nil, &ExpressionError{Expression: s, Reason: "a rate expression is rate(value unit), e.g. rate(5 minutes)"}
	}
	n, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil || n < 1 || strings.HasPrefix(f[0], "+") {
		return nil, &ExpressionError{Expression: s, Field: "value", Reason: fmt.Sprintf("%q is not a positive whole number", f[0])}
	}
	unit, ok := rateUnits[f[1]]
	if !ok {
		return nil, &ExpressionError{Expression: s, Field: "unit", Reason: fmt.Sprintf("%q is not one of minute, minutes, hour, hours, day, days", f[1])}
	}
	if err := checkPlural(s, n, f[1]); err != nil {
		return nil, err
	}
	if n > math.MaxInt64/int64(unit) {
		return nil, &ExpressionError{Expression: s, Field: "value", Reason: "the period is too long"}
	}
	return &Rate{text: s, Every: time.Duration(n) * unit}, nil
}

// checkPlural applies AWS's rule: a value of 1 takes a singular unit, any
// other value a plural one ("rate(1 hours)" and "rate(5 hour)" are invalid).
func checkPlural(s string, n int64, unit string) error {
	plural := strings.HasSuffix(unit, "s")
	switch {
	case n == 1 && plural:
		return &ExpressionError{Expression: s, Field: "unit", Reason: fmt.Sprintf("use the singular %q with the value 1", strings.TrimSuffix(unit, "s"))}
	case n > 1 && !plural:
		return &ExpressionError{Expression: s, Field: "unit", Reason: fmt.Sprintf("use the plural %q with a value greater than 1", unit+"s")}
	}
	return nil
}

// Kind returns KindRate.
func (r *Rate) Kind() Kind { return KindRate }

// String returns the expression as written.
func (r *Rate) String() string { return r.text }

// next counts whole periods from anchor. A rate is a fixed duration, not a
// wall-clock interval: AWS documents that rate(1 day) is 24 hours even when a
// daylight-saving change makes the local day 23 or 25 hours long
// (https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst).
func (r *Rate) next(after, anchor time.Time, _ *time.Location) (time.Time, bool) {
	if after.Before(anchor) {
		return anchor, true
	}
	k := after.Sub(anchor)/r.Every + 1 // Sub saturates ~292 years out
	if int64(k) > math.MaxInt64/int64(r.Every) {
		return time.Time{}, false // beyond what a time.Duration can reach
	}
	next := anchor.Add(k * r.Every)
	return next, next.After(after)
}

// At is a one-time at(yyyy-mm-ddThh:mm:ss) expression.
type At struct {
	text string
	wall time.Time // the local date and time, stored in UTC fields
}

var atPattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$`)

func parseAt(s, body string) (*At, error) {
	if !atPattern.MatchString(body) {
		return nil, &ExpressionError{Expression: s, Field: "timestamp", Reason: fmt.Sprintf("%q is not in the form yyyy-mm-ddThh:mm:ss", body)}
	}
	wall, err := time.Parse("2006-01-02T15:04:05", body)
	if err != nil {
		return nil, &ExpressionError{Expression: s, Field: "timestamp", Reason: fmt.Sprintf("%q is not a valid date and time", body)}
	}
	return &At{text: s, wall: wall}, nil
}

// Kind returns KindAt.
func (a *At) Kind() Kind { return KindAt }

// String returns the expression as written.
func (a *At) String() string { return a.text }

// next returns the one fire time if it is after `after`. A local time that
// does not exist in loc (a spring-forward gap) never fires, and one that
// occurs twice fires at its first occurrence, as for cron expressions.
func (a *At) next(after, _ time.Time, loc *time.Location) (time.Time, bool) {
	t, ok := localInstant(a.wall, loc)
	if !ok || !t.After(after) {
		return time.Time{}, false
	}
	return t, true
}

// localInstant returns the earliest instant whose wall clock in loc reads
// wall's UTC fields (to the second), or ok=false when none does.
func localInstant(wall time.Time, loc *time.Location) (time.Time, bool) {
	var best time.Time
	found := false
	for _, probe := range [...]time.Duration{-36 * time.Hour, 0, 36 * time.Hour} {
		_, off := wall.Add(probe).In(loc).Zone()
		t := wall.Add(-time.Duration(off) * time.Second)
		local := t.In(loc)
		same := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), local.Second(), 0, time.UTC).Equal(wall)
		if same && (!found || t.Before(best)) {
			best, found = t, true
		}
	}
	return best, found
}
