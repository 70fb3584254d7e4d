package statemachines

import (
	"time"
)

// ParseTimestamp parses a timestamp the way Step Functions reads Choice
// Timestamp* operands and Wait timestamps: the RFC 3339 profile of ISO
// 8601 with an upper-case T between date and time and an upper-case Z for
// UTC: YYYY-MM-DDThh:mm:ss, an optional fraction of 1 to 9 digits, then Z
// or an offset ±hh:mm. Dates and times must exist (no 2016-02-30, no hour
// 24, no leap second).
func ParseTimestamp(s string) (time.Time, bool) {
	r := tsReader{s: s, ok: true}
	year := r.num(4)
	r.expect('-')
	mon := r.num(2)
	r.expect('-')
	day := r.num(2)
	r.expect('T')
	hour := r.num(2)
	r.expect(':')
	minute := r.num(2)
	r.expect(':')
	sec := r.num(2)
	nanos := r.fraction()
	offset := r.offset()
	if !r.ok || r.pos != len(s) || mon < 1 || mon > 12 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(mon), day, hour, minute, sec, nanos, time.FixedZone("", offset))
	if t.Day() != day {
		return time.Time{}, false
	}
	return t, true
}

// tsReader scans a timestamp; ok turns false at the first mismatch.
type tsReader struct {
	s   string
	pos int
	ok  bool
}

func (r *tsReader) peek() byte {
	if r.pos >= len(r.s) {
		return 0
	}
	return r.s[r.pos]
}

func (r *tsReader) expect(c byte) {
	if r.peek() != c {
		r.ok = false
		return
	}
	r.pos++
}

// num reads exactly n digits.
func (r *tsReader) num(n int) int {
	v := 0
	for i := 0; i < n; i++ {
		c := r.peek()
		if c < '0' || c > '9' {
			r.ok = false
			return 0
		}
		v = v*10 + int(c-'0')
		r.pos++
	}
	return v
}

// fraction reads an optional .d{1,9} as nanoseconds.
func (r *tsReader) fraction() int {
	if r.peek() != '.' {
		return 0
	}
	r.pos++
	nanos, digits := 0, 0
	for c := r.peek(); c >= '0' && c <= '9'; c = r.peek() {
		digits++
		nanos = nanos*10 + int(c-'0')
		r.pos++
	}
	if digits == 0 || digits > 9 {
		r.ok = false
	}
	for ; digits < 9; digits++ {
		nanos *= 10
	}
	return nanos
}

// offset reads Z or ±hh:mm and returns seconds east of UTC.
func (r *tsReader) offset() int {
	c := r.peek()
	if c == 'Z' {
		r.pos++
		return 0
	}
	if c != '+' && c != '-' {
		r.ok = false
		return 0
	}
	r.pos++
	h := r.num(2)
	r.expect(':')
	m := r.num(2)
	if h > 18 || m > 59 {
		r.ok = false
	}
	off := h*3600 + m*60
	if c == '-' {
		return -off
	}
	return off
}
