// Package cron parses the six fields of an EventBridge Scheduler cron
// expression and computes its fire times in a time zone.
//
// The syntax is AWS's (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html):
//
//	minutes       0-59                  , - * /
//	hours         0-23                  , - * /
//	day-of-month  1-31                  , - * ? / L W
//	month         1-12 or JAN-DEC       , - * /
//	day-of-week   1-7 or SUN-SAT        , - * ? L #
//	year          1970-2199             , - * /
//
// Exactly one of day-of-month and day-of-week is "?". AWS's cron is
// Quartz's, and where AWS's reference is silent Quartz's rules apply: L,
// L-n (n-th day before the last), W, LW, nL and n#k stand alone in their
// field (AWS documents the last: "3#1,6#3" is invalid); ranges may wrap
// around ("22-2" is 22,23,0,1,2; "FRI-MON"), except in the year; and "/"
// is accepted in day-of-week as Quartz does, although AWS's table omits it.
package cron

import (
	"strconv"
	"strings"
)

// Expr is a parsed cron expression.
type Expr struct {
	minutes, hours, months, years set
	dom                           daySpec
	dow                           weekSpec
}

// daySpec is the day-of-month field.
type daySpec struct {
	any         bool // "?"
	days        set  // explicit values
	last        bool // "L", or "L-n" with lastOffset n
	lastOffset  int
	lastWeekday bool // "LW"
	nearest     int  // "15W": the weekday nearest the 15th; 0 = unused
}

// weekSpec is the day-of-week field; days are 1 (SUN) to 7 (SAT).
type weekSpec struct {
	any      bool // "?"
	days     set  // explicit values; "L" alone is 7 (Saturday)
	lastOf   int  // "5L": the last Thursday of the month; 0 = unused
	nthDay   int  // "3#2": day 3 (Tuesday) ...
	nthIndex int  // ... the 2nd of the month; 0 = unused
}

// Parse parses the text between "cron(" and ")": six fields separated by
// white space.
func Parse(text string) (*Expr, error) {
	f := strings.Fields(text)
	if len(f) != 6 {
		return nil, &FieldError{Reason: "a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), got " + strconv.Itoa(len(f))}
	}
	for i, spec := range []fieldSpec{minutesField, hoursField, domField, monthField, dowField, yearField} {
		if f[i] == "?" && i != 2 && i != 4 {
			return nil, spec.errorf("'?' is only allowed in day-of-month and day-of-week")
		}
	}
	if err := checkQuestionMarks(f[2], f[4]); err != nil {
		return nil, err
	}
	return parseFields(f)
}

// checkQuestionMarks enforces AWS's rule: one of day-of-month and
// day-of-week is specified and the other is "?".
func checkQuestionMarks(dom, dow string) error {
	switch {
	case dom != "?" && dow != "?":
		return &FieldError{Reason: "day-of-month and day-of-week cannot both be specified; use ? in one"}
	case dom == "?" && dow == "?":
		return &FieldError{Reason: "day-of-month and day-of-week cannot both be ?; specify one of them"}
	}
	return nil
}

func parseFields(f []string) (*Expr, error) {
	e := &Expr{}
	var err error
	if e.minutes, err = minutesField.parseList(f[0], 0); err != nil {
		return nil, err
	}
	if e.hours, err = hoursField.parseList(f[1], 0); err != nil {
		return nil, err
	}
	if e.dom, err = parseDayOfMonth(f[2]); err != nil {
		return nil, err
	}
	if e.months, err = monthField.parseList(f[3], 0); err != nil {
		return nil, err
	}
	if e.dow, err = parseDayOfWeek(f[4]); err != nil {
		return nil, err
	}
	if e.years, err = yearField.parseList(f[5], 1970); err != nil {
		return nil, err
	}
	return e, nil
}

func parseDayOfMonth(text string) (daySpec, error) {
	text = strings.ToUpper(text)
	switch {
	case text == "?":
		return daySpec{any: true}, nil
	case text == "L":
		return daySpec{last: true}, nil
	case text == "LW":
		return daySpec{lastWeekday: true}, nil
	case strings.HasPrefix(text, "L-"):
		n, err := strconv.Atoi(text[2:])
		if err != nil || n < 1 || n > 30 || strings.HasPrefix(text[2:], "+") {
			return daySpec{}, domField.errorf("%q: L-n takes n from 1 to 30 (days before the last day of the month)", text)
		}
		return daySpec{last: true, lastOffset: n}, nil
	case strings.HasSuffix(text, "W"):
		n, err := domField.value(strings.TrimSuffix(text, "W"))
		if err != nil {
			return daySpec{}, domField.errorf("%q: W takes a single day, as in 15W (the weekday nearest the 15th)", text)
		}
		return daySpec{nearest: n}, nil
	case strings.ContainsAny(text, "LW"):
		return daySpec{}, domField.errorf("%q: L, L-n, LW and nW stand alone in the field", text)
	}
	days, err := domField.parseList(text, 0)
	return daySpec{days: days}, err
}

func parseDayOfWeek(text string) (weekSpec, error) {
	text = strings.ToUpper(text)
	switch {
	case text == "?":
		return weekSpec{any: true}, nil
	case text == "L":
		var s set
		s.add(7)
		return weekSpec{days: s}, nil
	case strings.Contains(text, "#"):
		return parseNth(text)
	case strings.HasSuffix(text, "L"):
		d, err := dowField.value(text[:len(text)-1])
		if err != nil {
			return weekSpec{}, dowField.errorf("%q: L takes a single day, as in 5L (the last Thursday of the month)", text)
		}
		return weekSpec{lastOf: d}, nil
	}
	days, err := dowField.parseList(text, 0)
	return weekSpec{days: days}, err
}

// parseNth parses "d#n": the n-th (1-5) day d of the month.
func parseNth(text string) (weekSpec, error) {
	if strings.Contains(text, ",") {
		return weekSpec{}, dowField.errorf("%q: with # the field holds one expression only (e.g. 3#2)", text)
	}
	d, n, _ := strings.Cut(text, "#")
	day, err := dowField.value(d)
	if err != nil {
		return weekSpec{}, err
	}
	idx, err := strconv.Atoi(n)
	if err != nil || idx < 1 || idx > 5 || strings.HasPrefix(n, "+") {
		return weekSpec{}, dowField.errorf("%q: the number after # must be 1-5 (which occurrence in the month)", text)
	}
	return weekSpec{nthDay: day, nthIndex: idx}, nil
}
