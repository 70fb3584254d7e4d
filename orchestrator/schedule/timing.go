package schedule

import (
	"fmt"
	"time"
	_ "time/tzdata" // IANA zones work on machines without /usr/share/zoneinfo
)

// Timing says when a schedule fires: an expression read in a time zone,
// bounded by optional start and end dates. Fire times have AWS's one-minute
// precision for cron; rate and at keep the seconds of their anchor.
type Timing struct {
	Expression Expression
	// Location is the time zone cron and at expressions are read in.
	// Defaults to UTC.
	Location *time.Location
	// Start, when set, is the first instant a fire may happen (inclusive);
	// it is also where rate expressions count from. Ignored for at().
	Start time.Time
	// End, when set, is the instant before which fires must happen
	// (exclusive), as AWS's EndDate. Ignored for at().
	End time.Time
	// Anchor is where rate expressions count from when Start is zero: the
	// schedule's creation (AWS: "your schedule starts invoking its target
	// immediately"). Defaults to the time passed to Next.
	Anchor time.Time
}

// LoadLocation resolves an IANA time zone name ("" means UTC) from the tz
// data embedded in the binary.
func LoadLocation(name string) (*time.Location, error) {
	if name == "" {
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("time zone %q: not an IANA time zone name (e.g. America/New_York)", name)
	}
	return loc, nil
}

// Next returns the first fire time strictly after `after`, in the timing's
// Location, or ok=false when the schedule has no more fire times.
func (t Timing) Next(after time.Time) (time.Time, bool) {
	loc := t.Location
	if loc == nil {
		loc = time.UTC
	}
	if t.Expression.Kind() == KindAt {
		// "EventBridge Scheduler ignores StartDate [and EndDate] for
		// one-time schedules" (CreateSchedule API reference).
		t.Start, t.End = time.Time{}, time.Time{}
	}
	if !t.Start.IsZero() && after.Before(t.Start) {
		after = t.Start.Add(-time.Nanosecond)
	}
	next, ok := t.Expression.next(after, t.anchor(after), loc)
	if !ok || (!t.End.IsZero() && !next.Before(t.End)) {
		return time.Time{}, false
	}
	return next.In(loc), true
}

func (t Timing) anchor(after time.Time) time.Time {
	switch {
	case !t.Start.IsZero():
		return t.Start.Truncate(time.Second)
	case !t.Anchor.IsZero():
		return t.Anchor.Truncate(time.Second)
	}
	return after.Truncate(time.Second)
}

// NextN returns up to n fire times at or after from.
func (t Timing) NextN(from time.Time, n int) []time.Time {
	if t.Anchor.IsZero() {
		t.Anchor = from
	}
	var out []time.Time
	after := from.Add(-time.Nanosecond)
	for len(out) < n {
		next, ok := t.Next(after)
		if !ok {
			break
		}
		out = append(out, next)
		after = next
	}
	return out
}
