package cron

import (
	"fmt"
	"strconv"
	"strings"
)

// set is a bit set of field values; years are stored as offsets from 1970.
type set [4]uint64

func (s *set) add(v int)     { s[v/64] |= 1 << (v % 64) }
func (s set) has(v int) bool { return v >= 0 && v < 256 && s[v/64]&(1<<(v%64)) != 0 }

// fieldSpec describes one of the six fields: its name in error messages, its
// range, the names it accepts and whether it allows the / wildcard.
type fieldSpec struct {
	name     string
	min, max int
	names    map[string]int
	step     bool
}

var (
	monthNames = map[string]int{"JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
		"JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12}
	dayNames = map[string]int{"SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7}

	minutesField = fieldSpec{name: "minutes", min: 0, max: 59, step: true}
	hoursField   = fieldSpec{name: "hours", min: 0, max: 23, step: true}
	domField     = fieldSpec{name: "day-of-month", min: 1, max: 31, step: true}
	monthField   = fieldSpec{name: "month", min: 1, max: 12, names: monthNames, step: true}
	dowField     = fieldSpec{name: "day-of-week", min: 1, max: 7, names: dayNames, step: true}
	yearField    = fieldSpec{name: "year", min: 1970, max: 2199, step: true}
)

// allowed lists a field's wildcards the way AWS's reference table does.
func (f fieldSpec) allowed() string {
	switch f.name {
	case "day-of-month":
		return ", - * ? / L W"
	case "day-of-week":
		return ", - * ? / L #"
	}
	return ", - * /"
}

// parseList parses a comma-separated list of values, ranges and increments
// into a set; values are stored minus offset (1970 for years, 0 otherwise).
func (f fieldSpec) parseList(text string, offset int) (set, error) {
	var s set
	if text == "" {
		return s, f.errorf("empty field")
	}
	for _, item := range strings.Split(text, ",") {
		lo, hi, step, err := f.parseItem(item)
		if err != nil {
			return s, err
		}
		for v := lo; v <= hi; v += step {
			s.add(f.wrap(v) - offset)
		}
	}
	return s, nil
}

// parseItem parses "*", "*/s", "a", "a/s", "a-b" or "a-b/s".
func (f fieldSpec) parseItem(item string) (lo, hi, step int, err error) {
	if item == "" {
		return 0, 0, 0, f.errorf("empty value in list")
	}
	rng, stepText, hasStep := strings.Cut(item, "/")
	step = 1
	if hasStep {
		if !f.step {
			return 0, 0, 0, f.errorf("'/' is not allowed (allowed wildcards: %s)", f.allowed())
		}
		if step, err = f.parseStep(stepText); err != nil {
			return 0, 0, 0, err
		}
	}
	lo, hi, err = f.parseRange(rng, hasStep)
	return lo, hi, step, err
}

func (f fieldSpec) parseStep(text string) (int, error) {
	n, err := strconv.Atoi(text)
	if err != nil || n < 1 || strings.HasPrefix(text, "+") {
		return 0, f.errorf("increment %q is not a positive number", text)
	}
	if n > f.max-f.min+1 && f.name != "year" {
		return 0, f.errorf("increment %d is larger than the field's range %d-%d", n, f.min, f.max)
	}
	return n, nil
}

// parseRange parses "*", "a" or "a-b". A lone value followed by an increment
// ("5/15") runs to the end of the field's range.
func (f fieldSpec) parseRange(text string, stepped bool) (int, int, error) {
	if text == "*" {
		return f.min, f.max, nil
	}
	a, b, isRange := strings.Cut(text, "-")
	lo, err := f.value(a)
	if err != nil {
		return 0, 0, err
	}
	if !isRange {
		if stepped {
			return lo, f.max, nil
		}
		return lo, lo, nil
	}
	hi, err := f.value(b)
	if err != nil {
		return 0, 0, err
	}
	if hi < lo {
		if f.name == "year" {
			return 0, 0, f.errorf("range %s is reversed", text)
		}
		hi += f.max - f.min + 1 // wraps around, as in Quartz: 22-2 is 22,23,0,1,2
	}
	return lo, hi, nil
}

// wrap maps a value of a wrapped range back into the field's range.
func (f fieldSpec) wrap(v int) int {
	if v > f.max {
		return v - (f.max - f.min + 1)
	}
	return v
}

// value parses one number or name and checks its range.
func (f fieldSpec) value(text string) (int, error) {
	if v, ok := f.names[strings.ToUpper(text)]; ok {
		return v, nil
	}
	n, err := strconv.Atoi(text)
	if err != nil || strings.HasPrefix(text, "+") || strings.HasPrefix(text, "-") {
		return 0, f.errorf("%q is not a valid value (allowed: %s; wildcards %s)", text, f.valuesText(), f.allowed())
	}
	if n < f.min || n > f.max {
		return 0, f.errorf("value %d is out of range %s", n, f.valuesText())
	}
	return n, nil
}

func (f fieldSpec) valuesText() string {
	switch f.name {
	case "month":
		return "1-12 or JAN-DEC"
	case "day-of-week":
		return "1-7 or SUN-SAT"
	}
	return fmt.Sprintf("%d-%d", f.min, f.max)
}

func (f fieldSpec) errorf(format string, args ...any) error {
	return &FieldError{Field: f.name, Reason: fmt.Sprintf(format, args...)}
}

// FieldError is a syntax or range error in one field of a cron expression,
// or in the relation between day-of-month and day-of-week.
type FieldError struct {
	Field  string // "minutes", "hours", "day-of-month", "month", "day-of-week", "year", or "" for the whole expression
	Reason string
}

func (e *FieldError) Error() string {
	if e.Field == "" {
		return e.Reason
	}
	return e.Field + ": " + e.Reason
}
