package schedule

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
)

// spec is a randomly generated cron expression together with an
// independent predicate for it: the oracle the fire times are checked
// against (written apart from internal/cron, from AWS's and Quartz's
// definitions).
type spec struct {
	fields                  [6]string
	minute, hour, month, yr func(int) bool
	day                     func(y int, m time.Month, d int) bool
}

func (s spec) String() string { return "cron(" + strings.Join(s.fields[:], " ") + ")" }

func (s spec) matches(t time.Time) bool {
	y, m, d := t.Date()
	return t.Second() == 0 && t.Nanosecond() == 0 && s.minute(t.Minute()) && s.hour(t.Hour()) &&
		s.month(int(m)) && s.yr(y) && s.day(y, m, d)
}

// numeric generates a field with values drawn from [lo, hi]: *, a value, a
// range, a/step, */step (counted from the field's first value, base) or a
// two-value list.
func numeric(r *rand.Rand, lo, hi, base int) (string, func(int) bool) {
	a, b := lo+r.IntN(hi-lo+1), lo+r.IntN(hi-lo+1)
	a, b = min(a, b), max(a, b)
	step := 1 + r.IntN(max(1, (hi-lo)/2))
	switch r.IntN(6) {
	case 0:
		return "*", func(int) bool { return true }
	case 1:
		return strconv.Itoa(a), func(v int) bool { return v == a }
	case 2:
		return fmt.Sprintf("%d-%d", a, b), func(v int) bool { return v >= a && v <= b }
	case 3:
		return fmt.Sprintf("%d/%d", a, step), func(v int) bool { return v >= a && (v-a)%step == 0 }
	case 4:
		return fmt.Sprintf("*/%d", step), func(v int) bool { return (v-base)%step == 0 }
	}
	return fmt.Sprintf("%d,%d", a, b), func(v int) bool { return v == a || v == b }
}

func lastDay(y int, m time.Month) int { return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() }

func dow(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Weekday()) + 1
}

func isWeekday(y int, m time.Month, d int) bool { w := dow(y, m, d); return w >= 2 && w <= 6 }

// dayOfMonth generates day-of-month specials or a numeric field.
func dayOfMonth(r *rand.Rand) (string, func(int, time.Month, int) bool) {
	n := 1 + r.IntN(31)
	switch r.IntN(6) {
	case 0:
		return "L", func(y int, m time.Month, d int) bool { return d == lastDay(y, m) }
	case 1:
		k := 1 + r.IntN(5)
		return fmt.Sprintf("L-%d", k), func(y int, m time.Month, d int) bool { return d == lastDay(y, m)-k }
	case 2: // the weekday nearest n in the month: n itself, else the closer of n-1/n+1 (n-2/n+2 at the edges)
		return fmt.Sprintf("%dW", n), func(y int, m time.Month, d int) bool {
			last := lastDay(y, m)
			if n > last || !isWeekday(y, m, d) {
				return false
			}
			if isWeekday(y, m, n) {
				return d == n
			}
			for _, c := range []int{n - 1, n + 1, n - 2, n + 2} {
				if c >= 1 && c <= last && isWeekday(y, m, c) {
					return d == c
				}
			}
			return false
		}
	case 3:
		return "LW", func(y int, m time.Month, d int) bool {
			c := lastDay(y, m)
			for !isWeekday(y, m, c) {
				c--
			}
			return d == c
		}
	}
	text, f := numeric(r, 1, 31, 1)
	return text, func(_ int, _ time.Month, d int) bool { return f(d) }
}

// dayOfWeek generates day-of-week specials or a numeric field.
func dayOfWeek(r *rand.Rand) (string, func(int, time.Month, int) bool) {
	k := 1 + r.IntN(7)
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("%dL", k), func(y int, m time.Month, d int) bool {
			return dow(y, m, d) == k && d+7 > lastDay(y, m)
		}
	case 1:
		nth := 1 + r.IntN(5)
		return fmt.Sprintf("%d#%d", k, nth), func(y int, m time.Month, d int) bool {
			count := 0
			for c := 1; c <= d; c++ {
				if dow(y, m, c) == k {
					count++
				}
			}
			return dow(y, m, d) == k && count == nth
		}
	}
	text, f := numeric(r, 1, 7, 1)
	return text, func(y int, m time.Month, d int) bool { return f(dow(y, m, d)) }
}

func randomSpec(r *rand.Rand) spec {
	var s spec
	s.fields[0], s.minute = numeric(r, 0, 59, 0)
	s.fields[1], s.hour = numeric(r, 0, 23, 0)
	s.fields[3], s.month = numeric(r, 1, 12, 1)
	s.fields[5], s.yr = numeric(r, 2024, 2040, 1970)
	if r.IntN(2) == 0 {
		s.fields[2], s.day = dayOfMonth(r)
		s.fields[4] = "?"
	} else {
		s.fields[4], s.day = dayOfWeek(r)
		s.fields[2] = "?"
	}
	return s
}

// Random expressions from a fixed seed: every fire time Next returns
// satisfies the oracle, and no time the oracle accepts lies between two
// consecutive fire times (nothing skipped).
func TestNextAgreesWithOracle(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(8, 2026))
	for range 400 {
		s := randomSpec(r)
		e, err := ParseExpression(s.String())
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		from := time.Date(2024+r.IntN(6), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), 0, 0, time.UTC)
		prev := from.Add(-time.Minute)
		for _, f := range (Timing{Expression: e}).NextN(from, 6) {
			if !s.matches(f) {
				t.Fatalf("%s from %v: fire %v does not match", s, from, f)
			}
			if missed, ok := firstMatchBetween(s, prev, f); ok {
				t.Fatalf("%s from %v: %v matches but was skipped (next fire %v)", s, from, missed, f)
			}
			prev = f
		}
	}
}

// firstMatchBetween scans (a, b) day by day, then by the minutes of the
// matching days, for a time the oracle accepts.
func firstMatchBetween(s spec, a, b time.Time) (time.Time, bool) {
	for day := a.Truncate(24 * time.Hour); day.Before(b); day = day.Add(24 * time.Hour) {
		y, m, d := day.Date()
		if !s.yr(y) || !s.month(int(m)) || !s.day(y, m, d) {
			continue
		}
		for t := day; t.Before(day.Add(24*time.Hour)) && t.Before(b); t = t.Add(time.Minute) {
			if t.After(a) && s.matches(t) {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// The same check in America/New_York, starting near the DST changes: the
// oracle reads wall-clock fields, a repeated wall time counts at its first
// occurrence only, and a wall time in the spring gap does not exist.
func TestNextAgreesWithOracleAcrossDST(t *testing.T) {
	t.Parallel()
	ny, err := LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(11, 2026))
	for range 300 {
		s := randomSpec(r)
		s.fields[0], s.minute = numeric(r, 0, 59, 0)
		s.fields[1], s.hour = "0-4", func(h int) bool { return h <= 4 } // the hours DST moves
		s.fields[3], s.month = "*", func(int) bool { return true }
		s.fields[5], s.yr = "*", func(int) bool { return true }
		if r.IntN(2) == 0 { // every day, so the change days are among the fires
			s.fields[2], s.fields[4], s.day = "*", "?", func(int, time.Month, int) bool { return true }
		}
		e, err := ParseExpression(s.String())
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		month := []time.Month{time.March, time.November}[r.IntN(2)]
		from := time.Date(2026+r.IntN(4), month, 1+r.IntN(14), r.IntN(24), 0, 0, 0, ny)
		prev := from.Add(-time.Minute)
		for _, f := range (Timing{Expression: e, Location: ny}).NextN(from, 6) {
			if !s.matches(wall(f.In(ny))) || !firstOccurrence(f, ny) {
				t.Fatalf("%s from %v: fire %v does not match (or repeats an earlier wall time)", s, from, f)
			}
			if missed, ok := firstLocalMatchBetween(s, ny, prev, f); ok {
				t.Fatalf("%s from %v: %v matches but was skipped (next fire %v)", s, from, missed, f)
			}
			prev = f
		}
	}
}

// wall returns t's wall-clock fields as a UTC time, for the oracle.
func wall(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// firstOccurrence reports whether no earlier instant (within two hours)
// shows the same wall clock in loc.
func firstOccurrence(t time.Time, loc *time.Location) bool {
	w := wall(t.In(loc))
	for back := 15 * time.Minute; back <= 2*time.Hour; back += 15 * time.Minute {
		if wall(t.Add(-back).In(loc)).Equal(w) {
			return false
		}
	}
	return true
}

// firstLocalMatchBetween scans the local days between a and b, minute by
// minute over 25 hours of instants from each matching day's start.
func firstLocalMatchBetween(s spec, loc *time.Location, a, b time.Time) (time.Time, bool) {
	la := a.In(loc)
	for day := time.Date(la.Year(), la.Month(), la.Day(), 0, 0, 0, 0, time.UTC); !day.After(wall(b.In(loc))); day = day.AddDate(0, 0, 1) {
		y, m, d := day.Date()
		if !s.yr(y) || !s.month(int(m)) || !s.day(y, m, d) {
			continue
		}
		start := time.Date(y, m, d, 0, 0, 0, 0, loc).Add(-time.Hour)
		for t := start; t.Before(start.Add(26 * time.Hour)); t = t.Add(time.Minute) {
			w := wall(t.In(loc))
			if t.After(a) && t.Before(b) && w.Day() == d && s.matches(w) && firstOccurrence(t, loc) {
				return t, true
			}
		}
	}
	return time.Time{}, false
}
