package jsonata

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date/time pictures (XPath fn:format-dateTime), following jsonata-js's
// datetime.js including its extensions (X, x components) and defaults.

var (
	dayNames            = []string{"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	monthNames          = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	defaultPresentation = map[byte]string{'Y': "1", 'M': "1", 'D': "1", 'd': "1", 'F': "n", 'W': "1", 'w': "1", 'X': "1", 'x': "1", 'H': "1", 'h': "1", 'P': "n", 'm': "01", 's': "01", 'f': "1", 'Z': "01:01", 'z': "01:01", 'C': "n", 'E': "n"}
	iso8601Re           = regexp.MustCompile(`^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$`)
)

const millisInADay = 86400000

func registerDates() {
	def("now", "<s?s?:s>", 2, func(c *call, a []any) any {
		return formatDateTime(float64(c.ev.now.UnixMilli()), a[0], a[1])
	})
	def("millis", "<:n>", 0, func(c *call, a []any) any { return float64(c.ev.now.UnixMilli()) })
	def("fromMillis", "<n-s?s?:s>", 3, func(c *call, a []any) any {
		if a[0] == nil {
			return nil
		}
		return formatDateTime(a[0].(float64), a[1], a[2])
	})
	def("toMillis", "<s-s?:n>", 2, fnToMillis)
}

type widthDef struct {
	min, max int // -1 when unspecified
}

type dtPart struct {
	literal       bool
	value         string
	component     byte
	width         *widthDef
	presentation1 string
	presentation2 string
	names         int // 0 none, else caseLower/Upper/Title + 1
	integerFormat *intFormat
	n             int
}

func parseWidth(s string) int {
	if s == "" || s == "*" {
		return -1
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

func analyseDateTimePicture(picture string) []*dtPart {
	var spec []*dtPart
	addLiteral := func(s string) {
		if s != "" {
			spec = append(spec, &dtPart{literal: true, value: strings.ReplaceAll(s, "]]", "]")})
		}
	}
	start, pos := 0, 0
	for pos < len(picture) {
		if picture[pos] != '[' {
			pos++
			continue
		}
		if pos+1 < len(picture) && picture[pos+1] == '[' {
			addLiteral(picture[start:pos])
			spec = append(spec, &dtPart{literal: true, value: "["})
			pos += 2
			start = pos
			continue
		}
		addLiteral(picture[start:pos])
		end := strings.IndexByte(picture[pos:], ']')
		if end < 0 {
			throw("D3135", 0, "", nil)
		}
		spec = append(spec, analyseMarker(picture[pos+1:pos+end]))
		pos += end + 1
		start = pos
	}
	addLiteral(picture[start:])
	return spec
}

var spaceRe = regexp.MustCompile(`\s+`)

func analyseMarker(marker string) *dtPart {
	marker = spaceRe.ReplaceAllString(marker, "")
	d := &dtPart{}
	if marker != "" {
		d.component = marker[0]
	}
	presMod := ""
	if comma := strings.LastIndexByte(marker, ','); comma >= 0 {
		wm := marker[comma+1:]
		w := &widthDef{min: -1, max: -1}
		if dash := strings.IndexByte(wm, '-'); dash < 0 {
			w.min = parseWidth(wm)
		} else {
			w.min, w.max = parseWidth(wm[:dash]), parseWidth(wm[dash+1:])
		}
		d.width = w
		presMod = marker[min(1, comma):max(1, comma)] // JS substring swaps reversed bounds
	} else if marker != "" {
		presMod = marker[1:]
	}
	switch {
	case len([]rune(presMod)) == 1:
		d.presentation1 = presMod
	case len(presMod) > 1:
		last := presMod[len(presMod)-1]
		if strings.IndexByte("atco", last) >= 0 {
			d.presentation2 = string(last)
			d.presentation1 = presMod[:len(presMod)-1]
		} else {
			d.presentation1 = presMod
		}
	default:
		p, ok := defaultPresentation[d.component]
		if !ok {
			throw("D3132", 0, "", string(d.component))
		}
		d.presentation1 = p
	}
	analyseMarkerFormat(d)
	return d
}

func analyseMarkerFormat(d *dtPart) {
	switch {
	case d.presentation1[0] == 'n':
		d.names = caseLower + 1
	case d.presentation1[0] == 'N':
		if len(d.presentation1) > 1 && d.presentation1[1] == 'n' {
			d.names = caseTitle + 1
		} else {
			d.names = caseUpper + 1
		}
	case strings.IndexByte("YMDdFWwXxHhmsf", d.component) >= 0:
		pattern := d.presentation1
		if d.presentation2 != "" {
			pattern += ";" + d.presentation2
		}
		d.integerFormat = analyseIntegerPicture(pattern)
		if d.width != nil && d.width.min >= 0 && d.integerFormat.mandatoryDigits < d.width.min {
			d.integerFormat.mandatoryDigits = d.width.min
		}
		if strings.IndexByte("YMD", d.component) >= 0 {
			d.n = -1
			if d.width != nil && d.width.max >= 0 {
				d.n = d.width.max
				d.integerFormat.mandatoryDigits = d.n
			} else if w := d.integerFormat.mandatoryDigits + d.integerFormat.optionalDigits; w >= 2 {
				d.n = w
			}
			d.integerFormat.n = d.n
		}
	}
	if d.component == 'Z' || d.component == 'z' {
		d.integerFormat = analyseIntegerPicture(d.presentation1)
	}
}

func utcMillis(y, m, d int) int64 {
	return time.Date(y, time.Month(m+1), d, 0, 0, 0, 0, time.UTC).UnixMilli()
}

// startOfFirstWeek is the Monday starting ISO week 1 of the year/month.
func startOfFirstWeek(y, m int) int64 {
	first := utcMillis(y, m, 1)
	dow := int(time.UnixMilli(first).UTC().Weekday())
	if dow == 0 {
		dow = 7
	}
	if dow > 4 {
		return first + int64(8-dow)*millisInADay
	}
	return first - int64(dow-1)*millisInADay
}

func deltaWeeks(start, end int64) float64 {
	return float64(end-start)/float64(millisInADay*7) + 1
}

func nextMonth(y, m int) (int, int) {
	if m == 11 {
		return y + 1, 0
	}
	return y, m + 1
}

func prevMonth(y, m int) (int, int) {
	if m == 0 {
		return y - 1, 11
	}
	return y, m - 1
}

// dateFragment returns the value of one picture component of t.
func dateFragment(t time.Time, comp byte) any {
	y, mon, d := t.Date()
	m := int(mon) - 1
	switch comp {
	case 'Y':
		return float64(y)
	case 'M':
		return float64(m + 1)
	case 'D':
		return float64(d)
	case 'd':
		return float64((utcMillis(y, m, d)-utcMillis(y, 0, 1))/millisInADay + 1)
	case 'F':
		wd := int(t.Weekday())
		if wd == 0 {
			wd = 7
		}
		return float64(wd)
	case 'W':
		return float64(isoWeekOfYear(y, m, d))
	case 'w':
		return float64(weekOfMonth(y, m, d))
	case 'X':
		now := t.UnixMilli()
		if now < startOfFirstWeek(y, 0) {
			return float64(y - 1)
		} else if now >= startOfFirstWeek(y+1, 0) {
			return float64(y + 1)
		}
		return float64(y)
	case 'x':
		now := t.UnixMilli()
		ny, nm := nextMonth(y, m)
		if now < startOfFirstWeek(y, m) {
			_, pm := prevMonth(y, m)
			return float64(pm + 1)
		} else if now >= startOfFirstWeek(ny, nm) {
			return float64(nm + 1)
		}
		return float64(m + 1)
	case 'H':
		return float64(t.Hour())
	case 'h':
		h := t.Hour() % 12
		if h == 0 {
			h = 12
		}
		return float64(h)
	case 'P':
		if t.Hour() >= 12 {
			return "pm"
		}
		return "am"
	case 'm':
		return float64(t.Minute())
	case 's':
		return float64(t.Second())
	case 'f':
		return float64(t.Nanosecond() / 1e6)
	case 'C', 'E':
		return "ISO"
	}
	return nil
}

func isoWeekOfYear(y, m, d int) int {
	start := startOfFirstWeek(y, 0)
	today := utcMillis(y, m, d)
	week := deltaWeeks(start, today)
	if week > 52 {
		if today >= startOfFirstWeek(y+1, 0) {
			week = 1
		}
	} else if week < 1 {
		week = deltaWeeks(startOfFirstWeek(y-1, 0), today)
	}
	return int(math.Floor(week))
}

func weekOfMonth(y, m, d int) int {
	start := startOfFirstWeek(y, m)
	today := utcMillis(y, m, d)
	week := deltaWeeks(start, today)
	if week > 4 {
		ny, nm := nextMonth(y, m)
		if today >= startOfFirstWeek(ny, nm) {
			week = 1
		}
	} else if week < 1 {
		py, pm := prevMonth(y, m)
		week = deltaWeeks(startOfFirstWeek(py, pm), today)
	}
	return int(math.Floor(week))
}

var isoPicture = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"

func formatDateTime(millis float64, picture, timezone any) any {
	offH, offM := 0, 0
	if tz, ok := timezone.(string); ok {
		off := jsParseInt(tz)
		offH = int(math.Floor(float64(off) / 100))
		offM = off % 100
	}
	pic := isoPicture
	if p, ok := picture.(string); ok {
		pic = p
	}
	spec := analyseDateTimePicture(pic)
	offsetMillis := int64((60*offH + offM) * 60 * 1000)
	t := time.UnixMilli(int64(millis) + offsetMillis).UTC()
	var sb strings.Builder
	for _, part := range spec {
		if part.literal {
			sb.WriteString(part.value)
		} else {
			sb.WriteString(formatComponent(t, part, offH, offM))
		}
	}
	return sb.String()
}

// jsParseInt is parseInt(s) for a signed decimal prefix.
func jsParseInt(s string) int {
	s = strings.TrimSpace(s)
	end := 0
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || end == 0 && (s[0] == '-' || s[0] == '+')) {
		end++
	}
	n, _ := strconv.Atoi(s[:end])
	return n
}

func formatComponent(t time.Time, p *dtPart, offH, offM int) string {
	v := dateFragment(t, p.component)
	switch {
	case strings.IndexByte("YMDdFWwXxHhms", p.component) >= 0:
		n := v.(float64)
		if p.component == 'Y' && p.n != -1 {
			n = math.Mod(n, math.Pow(10, float64(p.n)))
		}
		if p.names != 0 {
			return componentName(p, n)
		}
		return formatIntegerWith(n, p.integerFormat)
	case p.component == 'f':
		return formatIntegerWith(v.(float64), p.integerFormat)
	case p.component == 'Z' || p.component == 'z':
		return formatTimezone(p, offH, offM)
	case p.component == 'P':
		s := v.(string)
		if p.names == caseUpper+1 {
			s = strings.ToUpper(s)
		}
		return s
	}
	if s, ok := v.(string); ok {
		return s
	}
	return "undefined" // jsonata-js concatenates the undefined component
}

func componentName(p *dtPart, n float64) string {
	var s string
	switch p.component {
	case 'M', 'x':
		s = monthNames[int(n)-1]
	case 'F':
		s = dayNames[int(n)]
	default:
		throw("D3133", 0, "", string(p.component))
	}
	switch p.names {
	case caseUpper + 1:
		s = strings.ToUpper(s)
	case caseLower + 1:
		s = strings.ToLower(s)
	}
	if p.width != nil && p.width.max >= 0 && len(s) > p.width.max {
		s = s[:p.width.max]
	}
	return s
}

func formatTimezone(p *dtPart, offH, offM int) string {
	offset := offH*100 + offM
	var s string
	if p.integerFormat.regular {
		s = formatIntegerWith(float64(offset), p.integerFormat)
	} else {
		switch digits := p.integerFormat.mandatoryDigits; {
		case digits == 1 || digits == 2:
			s = formatIntegerWith(float64(offH), p.integerFormat)
			if offM != 0 {
				s += ":" + formatIntegerWith(float64(offM), analyseIntegerPicture("00"))
			}
		case digits == 3 || digits == 4:
			s = formatIntegerWith(float64(offset), p.integerFormat)
		default:
			throw("D3134", 0, "", float64(digits))
		}
	}
	if offset >= 0 {
		s = "+" + s
	}
	if p.component == 'z' {
		s = "GMT" + s
	}
	if offset == 0 && p.presentation2 == "t" {
		s = "Z"
	}
	return s
}

func fnToMillis(c *call, a []any) any {
	s, ok := a[0].(string)
	if !ok {
		return nil
	}
	if a[1] == nil {
		if !iso8601Re.MatchString(s) {
			throw("D3110", 0, "", s)
		}
		return parseISO(s)
	}
	return parseDateTime(c, s, a[1].(string))
}

// parseISO is Date.parse for the forms iso8601Re admits.
func parseISO(s string) any {
	layouts := []string{"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04:05.999999999Z0700", "2006-01-02T15:04:05.999999999", "2006-01-02", "2006-01", "2006"}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return float64(t.UnixMilli())
		}
	}
	return nil
}
