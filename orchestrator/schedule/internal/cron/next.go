package cron

import "time"

const maxYear = 2199

// Next returns the first fire time strictly after `after`, with the fields
// read as wall-clock time in loc. ok is false when no fire time remains
// before the end of 2199.
//
// Daylight-saving time, as EventBridge Scheduler documents it
// (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#daylist-savings-time,
// and https://repost.aws/knowledge-center/eventbridge-scheduler-adjust-dst):
// "When the time shifts forward in Spring, your schedule invocation gets
// skipped if the cron expression falls on a non-existent date and time. When
// the time shifts back in the Fall, your schedule runs only once and doesn't
// repeat its invocation." So a wall-clock time inside a spring-forward gap is
// skipped, and one that occurs twice fires at its first occurrence only.
func (e *Expr) Next(after time.Time, loc *time.Location) (time.Time, bool) {
	// Start a day early: a fall-back can move the wall clock behind the
	// local date of `after`.
	y, m, d := after.In(loc).AddDate(0, 0, -1).Date()
	if y < 1970 {
		y, m, d = 1970, time.January, 1
	}
	for y <= maxYear {
		switch {
		case !e.years.has(y - 1970):
			y, m, d = y+1, time.January, 1
		case !e.months.has(int(m)) || d > daysIn(y, m):
			y, m, d = nextMonth(y, m)
		default:
			if e.dayMatches(y, m, d) {
				if t, ok := e.firstTimeOn(y, m, d, after, loc); ok {
					return t, true
				}
			}
			d++
		}
	}
	return time.Time{}, false
}

// firstTimeOn returns the first fire time on the local date y-m-d that is
// after `after`. Earliest-occurrence instants grow with the wall clock, so an
// hour whose last candidate minute is not after `after` is skipped whole.
func (e *Expr) firstTimeOn(y int, m time.Month, d int, after time.Time, loc *time.Location) (time.Time, bool) {
	lastMin := e.lastMinute()
	if t, ok := instant(y, m, d, e.lastHour(), lastMin, loc); ok && !t.After(after) {
		return time.Time{}, false // the whole day is before `after`
	}
	for h := 0; h < 24; h++ {
		if !e.hours.has(h) {
			continue
		}
		if t, ok := instant(y, m, d, h, lastMin, loc); ok && !t.After(after) {
			continue
		}
		for mi := 0; mi < 60; mi++ {
			if !e.minutes.has(mi) {
				continue
			}
			if t, ok := instant(y, m, d, h, mi, loc); ok && t.After(after) {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

func (e *Expr) lastHour() int {
	for h := 23; h > 0; h-- {
		if e.hours.has(h) {
			return h
		}
	}
	return 0
}

func (e *Expr) lastMinute() int {
	for mi := 59; mi > 0; mi-- {
		if e.minutes.has(mi) {
			return mi
		}
	}
	return 0
}

// instant returns the earliest instant whose wall clock in loc reads
// y-m-d h:mi, or ok=false when that wall time does not exist in loc (it
// falls in a daylight-saving gap).
func instant(y int, m time.Month, d, h, mi int, loc *time.Location) (time.Time, bool) {
	wall := time.Date(y, m, d, h, mi, 0, 0, time.UTC)
	var best time.Time
	found := false
	for _, probe := range [...]time.Duration{-36 * time.Hour, 0, 36 * time.Hour} {
		_, off := wall.Add(probe).In(loc).Zone()
		t := wall.Add(-time.Duration(off) * time.Second)
		if sameWall(t.In(loc), wall) && (!found || t.Before(best)) {
			best, found = t, true
		}
	}
	return best, found
}

func sameWall(local, wall time.Time) bool {
	y1, m1, d1 := local.Date()
	y2, m2, d2 := wall.Date()
	return y1 == y2 && m1 == m2 && d1 == d2 && local.Hour() == wall.Hour() && local.Minute() == wall.Minute()
}

func (e *Expr) dayMatches(y int, m time.Month, d int) bool {
	if !e.dom.any {
		return e.dom.matches(y, m, d)
	}
	return e.dow.matches(y, m, d)
}

func (s daySpec) matches(y int, m time.Month, d int) bool {
	switch {
	case s.last:
		return d == daysIn(y, m)-s.lastOffset
	case s.lastWeekday:
		return d == lastWeekday(y, m)
	case s.nearest > 0:
		return s.nearest <= daysIn(y, m) && d == nearestWeekday(y, m, s.nearest)
	}
	return s.days.has(d)
}

func (s weekSpec) matches(y int, m time.Month, d int) bool {
	wd := weekday(y, m, d)
	switch {
	case s.lastOf > 0:
		return wd == s.lastOf && d+7 > daysIn(y, m)
	case s.nthIndex > 0:
		return wd == s.nthDay && (d-1)/7+1 == s.nthIndex
	}
	return s.days.has(wd)
}

// weekday returns AWS's day-of-week number: 1 (Sunday) to 7 (Saturday).
func weekday(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Weekday()) + 1
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func nextMonth(y int, m time.Month) (int, time.Month, int) {
	if m == time.December {
		return y + 1, time.January, 1
	}
	return y, m + 1, 1
}

// lastWeekday returns the last Monday-Friday of the month ("LW").
func lastWeekday(y int, m time.Month) int {
	d := daysIn(y, m)
	switch weekday(y, m, d) {
	case 7: // Saturday
		return d - 1
	case 1: // Sunday
		return d - 2
	}
	return d
}

// nearestWeekday returns the Monday-Friday nearest day n ("nW"), never
// leaving the month: 1W on a Saturday is Monday the 3rd, and nW on a Sunday
// that ends the month is the Friday before. This is Quartz's rule; the AWS
// console's preview is known to differ when the 31st is a weekend (it shows
// no fire; Quartz, and baton, fire on the Friday before). A month shorter
// than n has no fire, as in both.
func nearestWeekday(y int, m time.Month, n int) int {
	switch weekday(y, m, n) {
	case 7: // Saturday
		if n == 1 {
			return n + 2
		}
		return n - 1
	case 1: // Sunday
		if n == daysIn(y, m) {
			return n - 2
		}
		return n + 1
	}
	return n
}
