package jsonata

import (
	"regexp"
	"strconv"
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

func componentsToMillis(c *call, comps map[byte]float64) any {
	dmask := componentMask(comps, "YXMxWwdD")
	dateA := isType(dmA, dmask)
	dateB := !dateA && isType(dmB, dmask)
	dateC := isType(dmC, dmask)
	dateD := !dateC && isType(dmD, dmask)
	tmask := componentMask(comps, "PHhmsf")
	timeA := isType(tmA, tmask)
	timeB := !timeA && isType(tmB, tmask)
	dateComps := "YMD"
	switch {
	case dateB:
		dateComps = "Yd"
	case dateC:
		dateComps = "XxwF"
	case dateD:
		dateComps = "XWF"
	}
	timeComps := "Hmsf"
	if timeB {
		timeComps = "Phmsf"
	}
	now := c.ev.now.UTC()
	started, ended := false, false
	for _, part := range []byte(dateComps + timeComps) {
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
	if comps['M'] > 0 {
		comps['M']--
	} else {
		comps['M'] = 0
	}
	if dateB {
		t := time.UnixMilli(utcMillis(int(comps['Y']), 0, 1) + int64(comps['d']-1)*millisInADay).UTC()
		comps['M'], comps['D'] = float64(t.Month()-1), float64(t.Day())
	}
	if dateC || dateD {
		throw("D3136", 0, "", nil)
	}
	if timeB {
		comps['H'] = comps['h']
		if comps['h'] == 12 {
			comps['H'] = 0
		}
		if comps['P'] == 1 {
			comps['H'] += 12
		}
	}
	t := time.Date(int(comps['Y']), time.Month(int(comps['M'])+1), int(comps['D']), int(comps['H']), int(comps['m']), int(comps['s']), int(comps['f'])*1e6, time.UTC)
	ms := t.UnixMilli()
	if z := comps['Z'] + comps['z']; z != 0 {
		ms -= int64(z) * 60 * 1000
	}
	return float64(ms)
}

var _ = strconv.Itoa
