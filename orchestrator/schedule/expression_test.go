package schedule

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseExpressionErrors(t *testing.T) {
	t.Parallel()
	cases := []struct{ expr, field, reason string }{
		{"cron(0 10 * * MON *)", "", "day-of-month and day-of-week cannot both be specified; use ? in one"},
		{"cron(0 10 * * * *)", "", "day-of-month and day-of-week cannot both be specified; use ? in one"},
		{"cron(0 10 ? * ? *)", "", "day-of-month and day-of-week cannot both be ?; specify one of them"},
		{"cron(0 10 * *)", "", "a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), got 4"},
		{"cron(0 0 * * ? * *)", "", "got 7"},
		{"cron(60 10 * * ? *)", "minutes", "value 60 is out of range 0-59"},
		{"cron(0 24 * * ? *)", "hours", "value 24 is out of range 0-23"},
		{"cron(0 0 32 * ? *)", "day-of-month", "value 32 is out of range 1-31"},
		{"cron(0 0 0 * ? *)", "day-of-month", "value 0 is out of range 1-31"},
		{"cron(0 0 1 13 ? *)", "month", "value 13 is out of range 1-12 or JAN-DEC"},
		{"cron(0 0 1 FOO ? *)", "month", `"FOO" is not a valid value`},
		{"cron(0 0 ? * 8 *)", "day-of-week", "value 8 is out of range 1-7 or SUN-SAT"},
		{"cron(0 0 ? * 0 *)", "day-of-week", "value 0 is out of range 1-7 or SUN-SAT"},
		{"cron(0 0 1 1 ? 1969)", "year", "value 1969 is out of range 1970-2199"},
		{"cron(0 0 1 1 ? 2200)", "year", "value 2200 is out of range 1970-2199"},
		{"cron(0 0 ? * 1/8 *)", "day-of-week", "increment 8 is larger than the field's range 1-7"},
		{"cron(0 0 ? * L/2 *)", "day-of-week", `"L" is not a valid value`},
		{"cron(0 0 ? * 3#6 *)", "day-of-week", "the number after # must be 1-5"},
		{"cron(0 0 ? * 3#1,6#3 *)", "day-of-week", "with # the field holds one expression only"},
		{"cron(0 0 ? * MON-FRI#2 *)", "day-of-week", `"MON-FRI" is not a valid value`},
		{"cron(0 0 ? * 9L *)", "day-of-week", "L takes a single day"},
		{"cron(0 0 L-31 * ? *)", "day-of-month", "L-n takes n from 1 to 30"},
		{"cron(0 0 L-0 * ? *)", "day-of-month", "L-n takes n from 1 to 30"},
		{"cron(0 0 L-2,5 * ? *)", "day-of-month", "L-n takes n from 1 to 30"},
		{"cron(0 0 1,L * ? *)", "day-of-month", "L, L-n, LW and nW stand alone in the field"},
		{"cron(0 0 1W,15 * ? *)", "day-of-month", "L, L-n, LW and nW stand alone in the field"},
		{"cron(0 0 32W * ? *)", "day-of-month", "W takes a single day"},
		{"cron(0/0 * * * ? *)", "minutes", `increment "0" is not a positive number`},
		{"cron(0/61 * * * ? *)", "minutes", "increment 61 is larger than the field's range 0-59"},
		{"cron(? 0 * * ? *)", "minutes", "'?' is only allowed in day-of-month and day-of-week"},
		{"cron(0 0 1 ? ? *)", "month", "'?' is only allowed in day-of-month and day-of-week"},
		{"cron(0 0 1 L ? *)", "month", `"L" is not a valid value`},
		{"cron(0,,5 0 1 * ? *)", "minutes", "empty value in list"},
		{"cron(0 0 1 * ? 2030-2020)", "year", "range 2030-2020 is reversed"},
		{"cron(-1 0 1 * ? *)", "minutes", `"" is not a valid value`},
		{"rate(5 minute)", "unit", `use the plural "minutes" with a value greater than 1`},
		{"rate(1 hours)", "unit", `use the singular "hour" with the value 1`},
		{"rate(0 minutes)", "value", `"0" is not a positive whole number`},
		{"rate(-5 minutes)", "value", `"-5" is not a positive whole number`},
		{"rate(5 weeks)", "unit", `"weeks" is not one of minute, minutes, hour, hours, day, days`},
		{"rate(5 Minutes)", "unit", `"Minutes" is not one of`},
		{"rate(5)", "", "a rate expression is rate(value unit)"},
		{"rate(99999999999 days)", "value", "the period is too long"},
		{"at(2026-02-30T00:00:00)", "timestamp", `"2026-02-30T00:00:00" is not a valid date and time`},
		{"at(2026-1-1T00:00:00)", "timestamp", "is not in the form yyyy-mm-ddThh:mm:ss"},
		{"at(2026-01-01 00:00:00)", "timestamp", "is not in the form yyyy-mm-ddThh:mm:ss"},
		{"at(2026-01-01T00:00:00Z)", "timestamp", "is not in the form yyyy-mm-ddThh:mm:ss"},
		{"every 5 minutes", "", "expected cron(...), rate(...) or at(...)"},
		{"cron(0 0 * * ? *", "", "expected cron(...), rate(...) or at(...)"},
		{"CRON(0 0 * * ? *)", "", "expected cron(...), rate(...) or at(...)"},
		{"", "", "expected cron(...), rate(...) or at(...)"},
	}
	for _, c := range cases {
		_, err := ParseExpression(c.expr)
		var ee *ExpressionError
		if !errors.As(err, &ee) {
			t.Errorf("%s: err = %v, want an *ExpressionError", c.expr, err)
			continue
		}
		if ee.Field != c.field || !strings.Contains(ee.Reason, c.reason) {
			t.Errorf("%s:\n got field %q reason %q\nwant field %q reason containing %q", c.expr, ee.Field, ee.Reason, c.field, c.reason)
		}
		if !strings.Contains(err.Error(), c.expr) {
			t.Errorf("%s: message %q does not quote the expression", c.expr, err)
		}
	}
}

func TestParseExpressionAccepts(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"cron(0 10 * * ? *)", "cron(0  10  *  *  ?  *)", "cron(0 18 ? * MON-FRI *)", "cron(0 0 ? * mon-fri *)",
		"cron(0 0 LW * ? *)", "cron(0 0 lw * ? *)", "cron(0 0 ? * 5l *)", "cron(0 0 ? * tue#2 *)",
		"cron(0 0 1 jan,Feb ? *)", "cron(*/5 * * * ? *)", "cron(0 0 1 */2 ? 2026/2)",
		"rate(1 minute)", "rate(1 hour)", "rate(1 day)", "rate(90 minutes)", "rate(365 days)",
		"at(2199-12-31T23:59:59)", "at(2026-02-28T00:00:00)",
	} {
		e, err := ParseExpression(s)
		if err != nil {
			t.Errorf("%s: %v", s, err)
			continue
		}
		if e.String() != s {
			t.Errorf("String() = %q, want %q", e.String(), s)
		}
	}
}

func TestLoadLocation(t *testing.T) {
	t.Parallel()
	if loc, err := LoadLocation(""); err != nil || loc != time.UTC {
		t.Fatalf(`LoadLocation("") = %v, %v`, loc, err)
	}
	if _, err := LoadLocation("Mars/Olympus_Mons"); err == nil || !strings.Contains(err.Error(), `"Mars/Olympus_Mons"`) {
		t.Fatalf("err = %v", err)
	}
}

// FuzzParse checks that no input crashes the parser, that accepted
// expressions round-trip through String, and that their fire times ascend,
// fall on whole minutes (cron) and never precede the start.
func FuzzParse(f *testing.F) {
	for _, c := range nextCases {
		f.Add(c.expr)
	}
	f.Add("cron(0 0 ? * 3#1,6#3 *)")
	f.Add("rate(1 hours)")
	from := time.Date(2026, 3, 7, 0, 0, 0, 0, time.UTC)
	ny, _ := LoadLocation("America/New_York")
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseExpression(s)
		if err != nil {
			var ee *ExpressionError
			if !errors.As(err, &ee) {
				t.Fatalf("%q: error %T is not an *ExpressionError", s, err)
			}
			return
		}
		if e.String() != s {
			t.Fatalf("String() = %q, want %q", e.String(), s)
		}
		for _, loc := range []*time.Location{time.UTC, ny} {
			checkAscending(t, s, e, Timing{Expression: e, Location: loc}.NextN(from, 4), from)
		}
	})
}

func checkAscending(t *testing.T, s string, e Expression, got []time.Time, from time.Time) {
	prev := from.Add(-time.Nanosecond)
	for _, g := range got {
		if !g.After(prev) {
			t.Fatalf("%q: fire times not ascending: %v", s, got)
		}
		if e.Kind() == KindCron && (g.Second() != 0 || g.Nanosecond() != 0) {
			t.Fatalf("%q: cron fire time %v is not on a whole minute", s, g)
		}
		prev = g
	}
}
