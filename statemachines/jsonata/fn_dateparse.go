package jsonata

import (
	"regexp"
	"strings"
	"time"
)

func dateMatcher(p *dtPart) *matcher {
	switch {
	case p.literal:
		return &matcher{regex: regexp.QuoteMeta(p.value)}
	case p.component == 'Z' || p.component == 'z':
		return tzMatcher(p)
	case p.integerFormat != nil:
		m := integerMatcher(p.integerFormat)
		m.component = p.component
		return m
	}
	return nameMatcher(p)
}

func tzMatcher(p *dtPart) *matcher {
	sep := ""
	if p.integerFormat.regular {
		sep = p.integerFormat.regularSep.character
	}
	m := &matcher{component: p.component}
	if p.component == 'z' {
		m.regex = "GMT"
	}
	m.regex += "[-+][0-9]+"
	if sep != "" {
		m.regex += regexp.QuoteMeta(sep) + "[0-9]+"
	}
	m.parse = func(v string) any {
		if p.component == 'z' {
			v = v[3:]
		}
		h, mins := 0, 0
		if sep != "" {
			i := strings.Index(v, sep)
			h, mins = jsParseInt(v[:i]), jsParseInt(v[i+len(sep):])
		} else if len(v)-1 <= 2 {
			h = jsParseInt(v)
		} else {
			h, mins = jsParseInt(v[:3]), jsParseInt(v[3:])
		}
		return float64(h*60 + mins)
	}
	return m
}

func nameMatcher(p *dtPart) *matcher {
	lookup := map[string]float64{}
	short := func(name string) string {
		if p.width != nil && p.width.max > 0 && len(name) > p.width.max {
			return name[:p.width.max]
		}
		return name
	}
	switch p.component {
	case 'M', 'x':
		for i, n := range monthNames {
			lookup[strings.ToLower(short(n))] = float64(i + 1)
		}
	case 'F':
		for i, n := range dayNames[1:] {
			lookup[strings.ToLower(short(n))] = float64(i + 1)
		}
	case 'P':
		lookup = map[string]float64{"am": 0, "pm": 1}
	default:
		throw("D3133", 0, "", string(p.component))
	}
	return &matcher{regex: "[a-zA-Z]+", component: p.component, parse: func(v string) any {
		if n, ok := lookup[strings.ToLower(v)]; ok {
			return n
		}
		return nil
	}}
}

const (
	dmA = 161
	dmB = 130
	dmC = 84
	dmD = 72
	tmA = 23
	tmB = 47
)

func componentMask(comps map[byte]float64, order string) int {
	mask := 0
	for i := 0; i < len(order); i++ {
		mask <<= 1
		if v, ok := comps[order[i]]; ok && v != 0 {
			mask++
		}
	}
	return mask
}

func isType(typ, mask int) bool { return ^typ&mask == 0 && typ&mask != 0 }

func parseDateTime(c *call, s, picture string) any {
	spec := analyseDateTimePicture(picture)
	matchers := make([]*matcher, len(spec))
	var sb strings.Builder
	sb.WriteString("(?i)^")
	for i, p := range spec {
		matchers[i] = dateMatcher(p)
		sb.WriteString("(" + matchers[i].regex + ")")
	}
	sb.WriteString("$")
	re, err := regexp.Compile(sb.String())
	if err != nil {
		return nil
	}
	info := re.FindStringSubmatch(s)
	if info == nil {
		return nil
	}
	comps := map[byte]float64{}
	for i, m := range matchers {
		if m.parse == nil {
			continue
		}
		if v, ok := m.parse(info[i+1]).(float64); ok {
			comps[m.component] = v
		}
	}
	if len(comps) == 0 {
		return nil
	}
	return componentsToMillis(c, comps)
}

// componentsToMillis applies jsonata-js's rules for which component sets
// make a date and a time, defaulting the more significant missing ones to
// now and the less significant ones to zero.
func componentsToMillis(c *call, comps map[byte]float64) any {
	dmask := componentMask(comps, "YXMxWwdD")
	dateA := isType(dmA, dmask)
	dateB := !dateA && isType(dmB, dmask)
	dateC := isType(dmC, dmask)
	dateD := !dateC && isType(dmD, dmask)
	tmask := componentMask(comps, "PHhmsf")
	timeB := !isType(tmA, tmask) && isType(tmB, tmask)
	fillComponents(comps, dateComponents(dateB, dateC, dateD)+timeComponents(timeB), c.ev.now.UTC())
	if comps['M'] > 0 {
		comps['M']--
	} else {
		comps['M'] = 0
	}
	if dateC || dateD {
		throw("D3136", 0, "", nil)
	}
	if dateB {
		t := time.UnixMilli(utcMillis(int(comps['Y']), 0, 1) + int64(comps['d']-1)*millisInADay).UTC()
		comps['M'], comps['D'] = float64(t.Month()-1), float64(t.Day())
	}
	if timeB {
		comps['H'] = hour24(comps['h'], comps['P'])
	}
	t := time.Date(int(comps['Y']), time.Month(int(comps['M'])+1), int(comps['D']), int(comps['H']), int(comps['m']), int(comps['s']), int(comps['f'])*1e6, time.UTC)
	return float64(t.UnixMilli() - int64(comps['Z']+comps['z'])*60*1000)
}

func dateComponents(dateB, dateC, dateD bool) string {
	switch {
	case dateB:
		return "Yd"
	case dateC:
		return "XxwF"
	case dateD:
		return "XWF"
	}
	return "YMD"
}

func timeComponents(timeB bool) string {
	if timeB {
		return "Phmsf"
	}
	return "Hmsf"
}

func hour24(h, pm float64) float64 {
	if h == 12 {
		h = 0
	}
	if pm == 1 {
		h += 12
	}
	return h
}

// fillComponents defaults the missing parts of order (most significant
// first): before the first given part from now, after the last given one
// to zero (one for month and day); a gap between given parts is D3136.
func fillComponents(comps map[byte]float64, order string, now time.Time) {
	started, ended := false, false
	for _, part := range []byte(order) {
		if _, ok := comps[part]; ok {
			started = true
			if ended {
				throw("D3136", 0, "", nil)
			}
			continue
		}
		if started {
			comps[part] = 0
			if strings.IndexByte("MDd", part) >= 0 {
				comps[part] = 1
			}
			ended = true
		} else if v, ok := dateFragment(now, part).(float64); ok {
			comps[part] = v
		}
	}
}
