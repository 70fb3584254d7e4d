package schedule

import (
	"testing"
	"time"
)

// nextCase is one row of the next-fire table. Every expected time was worked
// out by hand from AWS's documented semantics (the cron reference, the
// DST rules in schedule-types.html) and a printed calendar, not by running
// the code: 2026-01-01 is a Thursday; US DST 2026 starts Sun Mar 8 (02:00 EST
// -> 03:00 EDT) and ends Sun Nov 1 (02:00 EDT -> 01:00 EST); EU DST 2026
// starts Sun Mar 29 (02:00 CET -> 03:00 CEST) and ends Sun Oct 25 (03:00
// CEST -> 02:00 CET).
type nextCase struct {
	expr       string
	tz         string
	from       string // RFC 3339; default 2026-01-01T00:00:00Z
	start, end string // RFC 3339, optional
	n          int    // how many to ask for; default len(want), 1 when want is empty
	want       []string
}

var nextCases = []nextCase{
	// Plain cron, UTC.
	{expr: "cron(0 10 * * ? *)", want: []string{"2026-01-01T10:00:00Z", "2026-01-02T10:00:00Z", "2026-01-03T10:00:00Z"}},
	{expr: "cron(15 12 * * ? *)", want: []string{"2026-01-01T12:15:00Z", "2026-01-02T12:15:00Z"}},
	{expr: "cron(0 18 ? * MON-FRI *)", want: []string{"2026-01-01T18:00:00Z", "2026-01-02T18:00:00Z", "2026-01-05T18:00:00Z"}},
	{expr: "cron(0 8 1 * ? *)", want: []string{"2026-01-01T08:00:00Z", "2026-02-01T08:00:00Z", "2026-03-01T08:00:00Z"}},
	{expr: "cron(0/15 * * * ? *)", want: []string{"2026-01-01T00:00:00Z", "2026-01-01T00:15:00Z", "2026-01-01T00:30:00Z", "2026-01-01T00:45:00Z"}},
	{expr: "cron(0/10 * ? * MON-FRI *)", from: "2026-01-02T23:45:00Z", want: []string{"2026-01-02T23:50:00Z", "2026-01-05T00:00:00Z", "2026-01-05T00:10:00Z"}},
	{expr: "cron(5,35 14 * * ? *)", want: []string{"2026-01-01T14:05:00Z", "2026-01-01T14:35:00Z", "2026-01-02T14:05:00Z"}},
	{expr: "cron(1/10 * * * ? *)", want: []string{"2026-01-01T00:01:00Z", "2026-01-01T00:11:00Z", "2026-01-01T00:21:00Z"}},
	{expr: "cron(0 9-11 * * ? *)", want: []string{"2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z", "2026-01-02T09:00:00Z"}},
	{expr: "cron(0 8-17/3 * * ? *)", want: []string{"2026-01-01T08:00:00Z", "2026-01-01T11:00:00Z", "2026-01-01T14:00:00Z", "2026-01-01T17:00:00Z", "2026-01-02T08:00:00Z"}},
	{expr: "cron(0 0 10,20 * ? *)", want: []string{"2026-01-10T00:00:00Z", "2026-01-20T00:00:00Z", "2026-02-10T00:00:00Z"}},
	{expr: "cron(0 0 1-3 * ? *)", want: []string{"2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z", "2026-02-01T00:00:00Z"}},
	{expr: "cron(* * * * ? *)", from: "2026-01-01T00:00:30Z", want: []string{"2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z"}},
	{expr: "cron(0 12 * * ? *)", from: "2026-01-01T12:00:00Z", want: []string{"2026-01-01T12:00:00Z", "2026-01-02T12:00:00Z"}},
	{expr: "cron(0 0 ? * * *)", want: []string{"2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"}}, // ? in day-of-month, * in day-of-week
	{expr: "cron(45 23 ? * 7 *)", from: "2026-01-03T23:50:00Z", want: []string{"2026-01-10T23:45:00Z"}},
	// Day-of-week numbers and names: 1 = SUN ... 7 = SAT.
	{expr: "cron(0 0 ? * SUN *)", want: []string{"2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"}},
	{expr: "cron(0 0 ? * 1 *)", want: []string{"2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"}},
	{expr: "cron(0 0 ? * 7 *)", want: []string{"2026-01-03T00:00:00Z", "2026-01-10T00:00:00Z"}},
	{expr: "cron(0 0 ? * sat,sun *)", want: []string{"2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z", "2026-01-10T00:00:00Z"}},
	// Months.
	{expr: "cron(0 0 1 JAN-MAR ? *)", want: []string{"2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", "2027-01-01T00:00:00Z"}},
	{expr: "cron(0 0 1 1/4 ? *)", want: []string{"2026-01-01T00:00:00Z", "2026-05-01T00:00:00Z", "2026-09-01T00:00:00Z", "2027-01-01T00:00:00Z"}},
	// L in day-of-month.
	{expr: "cron(0 0 L * ? *)", want: []string{"2026-01-31T00:00:00Z", "2026-02-28T00:00:00Z", "2026-03-31T00:00:00Z", "2026-04-30T00:00:00Z"}},
	{expr: "cron(0 0 L 2 ? 2028)", want: []string{"2028-02-29T00:00:00Z"}},
	{expr: "cron(0 0 L FEB ? 2027-2028)", n: 3, want: []string{"2027-02-28T00:00:00Z", "2028-02-29T00:00:00Z"}},
	// L-n: the n-th day before the last.
	{expr: "cron(0 0 L-2 * ? 2026)", want: []string{"2026-01-29T00:00:00Z", "2026-02-26T00:00:00Z", "2026-03-29T00:00:00Z"}},
	// Ranges that wrap around (Quartz), with and without increments.
	{expr: "cron(0 22-2 * * ? *)", want: []string{"2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z", "2026-01-01T22:00:00Z", "2026-01-01T23:00:00Z", "2026-01-02T00:00:00Z"}},
	{expr: "cron(0 22-2/2 * * ? *)", want: []string{"2026-01-01T00:00:00Z", "2026-01-01T02:00:00Z", "2026-01-01T22:00:00Z", "2026-01-02T00:00:00Z"}},
	{expr: "cron(0 12 ? * FRI-MON *)", want: []string{"2026-01-02T12:00:00Z", "2026-01-03T12:00:00Z", "2026-01-04T12:00:00Z", "2026-01-05T12:00:00Z", "2026-01-09T12:00:00Z"}},
	{expr: "cron(0 0 1 NOV-FEB ? *)", want: []string{"2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"}},
	{expr: "cron(0 0 28-2 * ? 2026)", want: []string{"2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", "2026-01-28T00:00:00Z", "2026-01-29T00:00:00Z", "2026-01-30T00:00:00Z"}},
	// "/" in day-of-week: 1/2 is SUN, TUE, THU, SAT.
	{expr: "cron(0 12 ? * 1/2 *)", want: []string{"2026-01-01T12:00:00Z", "2026-01-03T12:00:00Z", "2026-01-04T12:00:00Z", "2026-01-06T12:00:00Z"}},
	// W and LW.
	{expr: "cron(0 12 LW * ? 2026)", want: []string{"2026-01-30T12:00:00Z", "2026-02-27T12:00:00Z", "2026-03-31T12:00:00Z", "2026-04-30T12:00:00Z", "2026-05-29T12:00:00Z"}},
	{expr: "cron(0 6 LW FEB ? 2027)", want: []string{"2027-02-26T06:00:00Z"}},
	{expr: "cron(0 12 15W * ? 2026)", want: []string{"2026-01-15T12:00:00Z", "2026-02-16T12:00:00Z", "2026-03-16T12:00:00Z", "2026-04-15T12:00:00Z"}},
	{expr: "cron(0 12 15W 8 ? 2026)", want: []string{"2026-08-14T12:00:00Z"}},
	{expr: "cron(0 12 1W * ? 2026)", from: "2026-07-01T00:00:00Z", want: []string{"2026-07-01T12:00:00Z", "2026-08-03T12:00:00Z", "2026-09-01T12:00:00Z"}},
	{expr: "cron(0 12 1W * ? 2026)", want: []string{"2026-01-01T12:00:00Z", "2026-02-02T12:00:00Z", "2026-03-02T12:00:00Z"}},
	{expr: "cron(0 12 31W * ? 2026)", want: []string{"2026-01-30T12:00:00Z", "2026-03-31T12:00:00Z", "2026-05-29T12:00:00Z"}},
	{expr: "cron(0 12 30W 5 ? 2026)", n: 2, want: []string{"2026-05-29T12:00:00Z"}},
	// L, nL and # in day-of-week.
	{expr: "cron(0 10 ? * L *)", want: []string{"2026-01-03T10:00:00Z", "2026-01-10T10:00:00Z", "2026-01-17T10:00:00Z"}},
	{expr: "cron(0 10 ? * 6L *)", want: []string{"2026-01-30T10:00:00Z", "2026-02-27T10:00:00Z", "2026-03-27T10:00:00Z"}},
	{expr: "cron(0 10 ? * 2L 2026)", want: []string{"2026-01-26T10:00:00Z", "2026-02-23T10:00:00Z", "2026-03-30T10:00:00Z"}},
	{expr: "cron(0 10 ? * 3#2 *)", want: []string{"2026-01-13T10:00:00Z", "2026-02-10T10:00:00Z", "2026-03-10T10:00:00Z"}},
	{expr: "cron(0 10 ? * 1#1 *)", want: []string{"2026-01-04T10:00:00Z", "2026-02-01T10:00:00Z", "2026-03-01T10:00:00Z"}},
	{expr: "cron(0 10 ? * 6#5 2026)", want: []string{"2026-01-30T10:00:00Z", "2026-05-29T10:00:00Z"}},
	{expr: "cron(0 10 ? * FRI#3 *)", want: []string{"2026-01-16T10:00:00Z", "2026-02-20T10:00:00Z", "2026-03-20T10:00:00Z"}},
	{expr: "cron(0 0 ? JAN,JUL 1#1 *)", want: []string{"2026-01-04T00:00:00Z", "2026-07-05T00:00:00Z", "2027-01-03T00:00:00Z"}},
	// Years.
	{expr: "cron(0 0 1 1 ? 2027-2029)", n: 4, want: []string{"2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z", "2029-01-01T00:00:00Z"}},
	{expr: "cron(0 0 1 1 ? 2030/5)", want: []string{"2030-01-01T00:00:00Z", "2035-01-01T00:00:00Z", "2040-01-01T00:00:00Z"}},
	{expr: "cron(0 0 1 1 ? 2026,2028)", n: 3, want: []string{"2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z"}},
	{expr: "cron(0 0 1 1 ? 2025)", want: nil},
	{expr: "cron(0 0 30 2 ? *)", want: nil},
	{expr: "cron(59 23 31 12 ? 2199)", n: 2, want: []string{"2199-12-31T23:59:00Z"}},
	{expr: "cron(0 0 29 2 ? *)", want: []string{"2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"}},
	// Fixed-offset zones.
	{expr: "cron(30 23 L * ? *)", tz: "Asia/Tokyo", want: []string{"2026-01-31T23:30:00+09:00", "2026-02-28T23:30:00+09:00"}},
	{expr: "cron(0 0 * * ? *)", tz: "Asia/Kolkata", want: []string{"2026-01-02T00:00:00+05:30", "2026-01-03T00:00:00+05:30"}},
	// America/New_York, spring forward: 02:00-02:59 on Mar 8 does not exist and is skipped.
	{expr: "cron(30 2 * * ? *)", tz: "America/New_York", from: "2026-03-07T00:00:00-05:00", want: []string{"2026-03-07T02:30:00-05:00", "2026-03-09T02:30:00-04:00"}},
	{expr: "cron(0 2 * * ? *)", tz: "America/New_York", from: "2026-03-07T12:00:00-05:00", want: []string{"2026-03-09T02:00:00-04:00"}},
	{expr: "cron(0 3 * * ? *)", tz: "America/New_York", from: "2026-03-07T12:00:00-05:00", want: []string{"2026-03-08T03:00:00-04:00", "2026-03-09T03:00:00-04:00"}},
	{expr: "cron(0/30 * * * ? *)", tz: "America/New_York", from: "2026-03-08T01:00:00-05:00", want: []string{"2026-03-08T01:00:00-05:00", "2026-03-08T01:30:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T03:30:00-04:00"}},
	{expr: "cron(0 12 * * ? *)", tz: "America/New_York", from: "2026-03-07T00:00:00-05:00", want: []string{"2026-03-07T12:00:00-05:00", "2026-03-08T12:00:00-04:00"}},
	// America/New_York, fall back: 01:00-01:59 on Nov 1 occurs twice and fires once (the first, EDT).
	{expr: "cron(30 1 * * ? *)", tz: "America/New_York", from: "2026-10-31T12:00:00-04:00", want: []string{"2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"}},
	{expr: "cron(0/30 * * * ? *)", tz: "America/New_York", from: "2026-11-01T00:30:00-04:00", want: []string{"2026-11-01T00:30:00-04:00", "2026-11-01T01:00:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-01T02:00:00-05:00", "2026-11-01T02:30:00-05:00"}},
	{expr: "cron(0 * * * ? *)", tz: "America/New_York", from: "2026-11-01T00:00:00-04:00", want: []string{"2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-04:00", "2026-11-01T02:00:00-05:00", "2026-11-01T03:00:00-05:00"}},
	{expr: "cron(15 1 * * ? *)", tz: "America/New_York", from: "2026-11-01T01:20:00-05:00", want: []string{"2026-11-02T01:15:00-05:00"}}, // from inside the repeated hour
	// Europe/Berlin, spring forward on Mar 29 and fall back on Oct 25.
	{expr: "cron(30 2 * * ? *)", tz: "Europe/Berlin", from: "2026-03-28T00:00:00+01:00", want: []string{"2026-03-28T02:30:00+01:00", "2026-03-30T02:30:00+02:00"}},
	{expr: "cron(0 * * * ? *)", tz: "Europe/Berlin", from: "2026-03-29T00:00:00+01:00", want: []string{"2026-03-29T00:00:00+01:00", "2026-03-29T01:00:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T04:00:00+02:00"}},
	{expr: "cron(30 2 * * ? *)", tz: "Europe/Berlin", from: "2026-10-24T12:00:00+02:00", want: []string{"2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"}},
	{expr: "cron(0/20 2 * * ? *)", tz: "Europe/Berlin", from: "2026-10-25T00:00:00+02:00", want: []string{"2026-10-25T02:00:00+02:00", "2026-10-25T02:20:00+02:00", "2026-10-25T02:40:00+02:00", "2026-10-26T02:00:00+01:00"}},
	{expr: "cron(0 9 ? * 2#1 *)", tz: "Europe/Berlin", from: "2026-03-01T00:00:00+01:00", want: []string{"2026-03-02T09:00:00+01:00", "2026-04-06T09:00:00+02:00", "2026-05-04T09:00:00+02:00"}},
	{expr: "cron(0 10 ? * 1L 2026)", tz: "Europe/Berlin", from: "2026-03-01T00:00:00+01:00", want: []string{"2026-03-29T10:00:00+02:00", "2026-04-26T10:00:00+02:00"}},
	// Odd zones: Lord Howe moves 30 minutes (02:00 -> 02:30 on 2026-10-04);
	// Apia skipped 2011-12-30 entirely.
	{expr: "cron(15 2 * * ? *)", tz: "Australia/Lord_Howe", from: "2026-10-03T00:00:00+10:30", want: []string{"2026-10-03T02:15:00+10:30", "2026-10-05T02:15:00+11:00"}},
	{expr: "cron(45 2 * * ? *)", tz: "Australia/Lord_Howe", from: "2026-10-04T00:00:00+10:30", want: []string{"2026-10-04T02:45:00+11:00"}},
	{expr: "cron(0 12 * * ? 2011)", tz: "Pacific/Apia", from: "2011-12-29T00:00:00-10:00", want: []string{"2011-12-29T12:00:00-10:00", "2011-12-31T12:00:00+14:00"}},
	// Start and end dates.
	{expr: "cron(0 12 * * ? *)", start: "2026-01-05T00:00:00Z", end: "2026-01-07T12:00:00Z", n: 3, want: []string{"2026-01-05T12:00:00Z", "2026-01-06T12:00:00Z"}},
	// rate: fixed durations from the start date, or from creation (here: from).
	{expr: "rate(5 minutes)", want: []string{"2026-01-01T00:00:00Z", "2026-01-01T00:05:00Z", "2026-01-01T00:10:00Z"}},
	{expr: "rate(1 minute)", want: []string{"2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z"}},
	{expr: "rate(2 hours)", want: []string{"2026-01-01T00:00:00Z", "2026-01-01T02:00:00Z", "2026-01-01T04:00:00Z"}},
	{expr: "rate(1 day)", tz: "America/New_York", from: "2026-03-07T12:00:00-05:00", want: []string{"2026-03-07T12:00:00-05:00", "2026-03-08T13:00:00-04:00", "2026-03-09T13:00:00-04:00"}},
	{expr: "rate(1 day)", tz: "Europe/Berlin", from: "2026-10-24T12:00:00+02:00", want: []string{"2026-10-24T12:00:00+02:00", "2026-10-25T11:00:00+01:00"}},
	{expr: "rate(1 hour)", start: "2026-01-01T00:30:00Z", from: "2026-01-01T02:00:00Z", want: []string{"2026-01-01T02:30:00Z", "2026-01-01T03:30:00Z"}},
	{expr: "rate(7 days)", start: "2026-01-05T09:00:00Z", want: []string{"2026-01-05T09:00:00Z", "2026-01-12T09:00:00Z"}},
	{expr: "rate(10 minutes)", end: "2026-01-01T00:30:00Z", n: 4, want: []string{"2026-01-01T00:00:00Z", "2026-01-01T00:10:00Z", "2026-01-01T00:20:00Z"}},
	// 36,500-day periods: 100 calendar years less 24 leap days, then 200 less
	// 48; a third period would pass what a time.Duration holds, so it stops
	// (found by FuzzParse: rate(70000 days) used to overflow).
	{expr: "rate(36500 days)", n: 4, want: []string{"2026-01-01T00:00:00Z", "2125-12-08T00:00:00Z", "2225-11-14T00:00:00Z"}},
	// at: one local date and time.
	{expr: "at(2026-06-01T09:30:00)", n: 2, want: []string{"2026-06-01T09:30:00Z"}},
	{expr: "at(2026-06-01T09:30:00)", tz: "America/New_York", want: []string{"2026-06-01T09:30:00-04:00"}},
	{expr: "at(2026-03-08T02:30:00)", tz: "America/New_York", want: nil},
	{expr: "at(2026-11-01T01:30:00)", tz: "America/New_York", n: 2, want: []string{"2026-11-01T01:30:00-04:00"}},
	{expr: "at(2025-12-31T23:59:59)", want: nil},
	{expr: "at(2026-10-25T02:30:00)", tz: "Europe/Berlin", want: []string{"2026-10-25T02:30:00+02:00"}},
	{expr: "at(2026-03-29T02:30:00)", tz: "Europe/Berlin", want: nil},
	{expr: "at(2026-06-01T09:30:00)", start: "2026-07-01T00:00:00Z", end: "2026-05-01T00:00:00Z", want: []string{"2026-06-01T09:30:00Z"}}, // at() ignores start and end dates
}

func TestNextFireTimes(t *testing.T) {
	t.Parallel()
	if len(nextCases) < 60 {
		t.Fatalf("only %d cases", len(nextCases))
	}
	for _, c := range nextCases {
		t.Run(c.tz+" "+c.expr, func(t *testing.T) {
			t.Parallel()
			timing := mustTiming(t, c)
			from := mustTime(t, orDefault(c.from, "2026-01-01T00:00:00Z"))
			n := c.n
			if n == 0 {
				n = max(len(c.want), 1)
			}
			got := timing.NextN(from, n)
			if len(got) != len(c.want) {
				t.Fatalf("got %d fire times %v, want %d %v", len(got), got, len(c.want), c.want)
			}
			for i, w := range c.want {
				want := mustTime(t, w)
				if !got[i].Equal(want) {
					t.Errorf("fire %d = %s, want %s", i, got[i].In(timing.Location).Format(time.RFC3339), w)
				}
				if _, off := got[i].In(timing.Location).Zone(); off != zoneOffset(want) {
					t.Errorf("fire %d offset = %d, want %s", i, off, w)
				}
			}
		})
	}
}

func mustTiming(t *testing.T, c nextCase) Timing {
	t.Helper()
	e, err := ParseExpression(c.expr)
	if err != nil {
		t.Fatal(err)
	}
	loc, err := LoadLocation(c.tz)
	if err != nil {
		t.Fatal(err)
	}
	tm := Timing{Expression: e, Location: loc}
	if c.start != "" {
		tm.Start = mustTime(t, c.start)
	}
	if c.end != "" {
		tm.End = mustTime(t, c.end)
	}
	return tm
}

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func zoneOffset(t time.Time) int {
	_, off := t.Zone()
	return off
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func BenchmarkNext(b *testing.B) {
	for _, c := range []struct{ expr, tz string }{
		{"cron(0/5 * * * ? *)", ""},
		{"cron(0 9 ? * MON-FRI *)", "America/New_York"},
		{"cron(30 2 LW * ? *)", "Europe/Berlin"},
		{"cron(0 10 ? * 6#5 2026-2199)", "Europe/Berlin"},
		{"rate(7 minutes)", ""},
	} {
		b.Run(c.expr, func(b *testing.B) {
			tm := mustTiming(&testing.T{}, nextCase{expr: c.expr, tz: c.tz})
			tm.Anchor = day0
			at := day0
			b.ReportAllocs()
			for b.Loop() {
				next, ok := tm.Next(at)
				if !ok {
					next, _ = tm.Next(day0) // ran past 2199: start over
				}
				at = next
			}
		})
	}
}
