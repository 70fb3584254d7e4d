package cron

import (
	"testing"
	"time"
)

// Expected days come from a printed calendar (2026-01-01 is a Thursday).
func TestNearestAndLastWeekday(t *testing.T) {
	t.Parallel()
	nearest := []struct {
		y    int
		m    time.Month
		n    int
		want int
	}{
		{2026, time.January, 15, 15},  // Thursday
		{2026, time.February, 15, 16}, // Sunday -> Monday
		{2026, time.August, 15, 14},   // Saturday -> Friday
		{2026, time.August, 1, 3},     // Saturday the 1st -> Monday the 3rd, not July
		{2026, time.May, 31, 29},      // Sunday the last -> Friday, not June
		{2027, time.July, 31, 30},     // Saturday the last -> Friday (Quartz)
	}
	for _, c := range nearest {
		if got := nearestWeekday(c.y, c.m, c.n); got != c.want {
			t.Errorf("nearestWeekday(%d-%02d, %dW) = %d, want %d", c.y, c.m, c.n, got, c.want)
		}
	}
	last := map[time.Month]int{time.January: 30, time.February: 27, time.March: 31, time.May: 29}
	for m, want := range last {
		if got := lastWeekday(2026, m); got != want {
			t.Errorf("lastWeekday(2026-%02d) = %d, want %d", m, got, want)
		}
	}
}

func TestInstantGapsAndRepeats(t *testing.T) {
	t.Parallel()
	ny, _ := time.LoadLocation("America/New_York")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	cases := []struct {
		loc      *time.Location
		y        int
		m        time.Month
		d, h, mi int
		want     string // RFC 3339 UTC, "" = does not exist
	}{
		{ny, 2026, time.March, 8, 2, 30, ""},                        // spring-forward gap
		{ny, 2026, time.March, 8, 3, 0, "2026-03-08T07:00:00Z"},     // first minute after the gap
		{ny, 2026, time.November, 1, 1, 30, "2026-11-01T05:30:00Z"}, // repeated: the first (EDT) occurrence
		{berlin, 2026, time.October, 25, 2, 30, "2026-10-25T00:30:00Z"},
		{berlin, 2026, time.March, 29, 2, 0, ""},
	}
	for _, c := range cases {
		got, ok := instant(c.y, c.m, c.d, c.h, c.mi, c.loc)
		if (c.want == "") == ok || (ok && got.UTC().Format(time.RFC3339) != c.want) {
			t.Errorf("%s %d-%02d-%02d %02d:%02d = %v, %v; want %q", c.loc, c.y, c.m, c.d, c.h, c.mi, got, ok, c.want)
		}
	}
}
