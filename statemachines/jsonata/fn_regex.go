package jsonata

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// reMatch is one regex match, offsets in bytes.
type reMatch struct {
	start, end int
	groups     []string
}

// allMatches runs a regex literal over s the way jsonata-js's matcher
// closure does: repeated exec with lastIndex, and D1004 when a later match
// is empty.
func allMatches(c *call, pattern any, s string, limit int) []reMatch {
	re, ok := pattern.(*regexLit)
	if !ok {
		return customMatches(c, pattern, s, limit)
	}
	var out []reMatch
	pos := 0
	for limit < 0 || len(out) < limit {
		if len(out) > 0 && pos >= len(s) {
			break
		}
		loc := re.re.FindStringSubmatchIndex(s[pos:])
		if loc == nil {
			break
		}
		m := reMatch{start: pos + loc[0], end: pos + loc[1]}
		for g := 2; g < len(loc); g += 2 {
			if loc[g] < 0 {
				m.groups = append(m.groups, "")
				continue
			}
			m.groups = append(m.groups, s[pos+loc[g]:pos+loc[g+1]])
		}
		if len(out) > 0 && m.start == m.end {
			throw("D1004", 0, "", re.source)
		}
		out = append(out, m)
		if m.end == m.start {
			if len(out) == 1 && pos < len(s) {
				throw("D1004", 0, "", re.source)
			}
			break
		}
		pos = m.end
	}
	return out
}

func runeIndex(s string, byteOff int) int { return utf8.RuneCountInString(s[:byteOff]) }

func regexMatchObject(re *regexLit, s string, from int) any {
	ms := allMatches(nil, re, s, 1)
	if len(ms) == 0 {
		return nil
	}
	return matchObject(s, ms[0])
}

func matchObject(s string, m reMatch) *object {
	o := newObject()
	o.set("match", s[m.start:m.end])
	o.set("index", float64(runeIndex(s, m.start)))
	groups := &array{items: []any{}}
	for _, g := range m.groups {
		groups.items = append(groups.items, g)
	}
	o.set("groups", groups)
	return o
}

func firstMatch(c *call, pattern any, s string) *reMatch {
	ms := allMatches(c, pattern, s, 1)
	if len(ms) == 0 {
		return nil
	}
	return &ms[0]
}

func splitRegex(c *call, pattern any, s string, limit int) []string {
	ms := allMatches(c, pattern, s, limit)
	var parts []string
	start := 0
	for _, m := range ms {
		parts = append(parts, s[start:m.start])
		start = m.end
	}
	return append(parts, s[start:])
}

func fnMatch(c *call, a []any) any {
	s, ok := a[0].(string)
	if !ok {
		return nil
	}
	limit := limitArg(a[2], "D3040")
	out := newSeq()
	if limit == 0 {
		return out
	}
	for _, m := range allMatches(c, a[1], s, limit) {
		out.push(matchObject(s, m))
	}
	return out
}

func fnReplace(c *call, a []any) any {
	s, ok := a[0].(string)
	if !ok {
		return nil
	}
	if a[1] == "" {
		throw("D3010", 0, "", a[1])
	}
	limit := -1
	if a[3] != nil {
		l := a[3].(float64)
		if l < 0 {
			throw("D3011", 0, "", l)
		}
		limit = int(l)
	}
	if limit == 0 {
		return s
	}
	if pat, ok := a[1].(string); ok {
		rep, _ := a[2].(string)
		if limit < 0 {
			return strings.ReplaceAll(s, pat, rep)
		}
		return strings.Replace(s, pat, rep, limit)
	}
	ms := allMatches(c, a[1], s, limit)
	var sb strings.Builder
	pos := 0
	for _, m := range ms {
		sb.WriteString(s[pos:m.start])
		sb.WriteString(replacement(c, a[2], s, m))
		pos = m.end
	}
	sb.WriteString(s[pos:])
	return sb.String()
}

func replacement(c *call, rep any, s string, m reMatch) string {
	if str, ok := rep.(string); ok {
		return expandDollars(str, s[m.start:m.end], m.groups)
	}
	res := c.ev.apply(rep, []any{matchObject(s, m)}, nil, c.env)
	out, ok := res.(string)
	if !ok {
		throw("D3012", 0, "", res)
	}
	return out
}

// expandDollars substitutes $0, $n and $$ in a replacement string.
func expandDollars(rep, match string, groups []string) string {
	var sb strings.Builder
	pos := 0
	for pos < len(rep) {
		idx := strings.IndexByte(rep[pos:], '$')
		if idx < 0 {
			break
		}
		sb.WriteString(rep[pos : pos+idx])
		pos += idx + 1
		text, used := dollarReference(rep[pos:], match, groups)
		sb.WriteString(text)
		pos += used
	}
	if pos < len(rep) {
		sb.WriteString(rep[pos:])
	}
	return sb.String()
}

// dollarReference expands what follows a '$' and says how many bytes of
// rest it consumed: "$" for $$, the match for $0, a group for $n (as many
// digits as name an existing group), or a literal '$'.
func dollarReference(rest, match string, groups []string) (string, int) {
	switch {
	case rest == "":
		return "$", 0
	case rest[0] == '$':
		return "$", 1
	case rest[0] == '0':
		return match, 1
	}
	maxDigits := 1
	if len(groups) > 0 {
		maxDigits = len(strconv.Itoa(len(groups)))
	}
	n, w := leadingInt(rest, maxDigits)
	if maxDigits > 1 && n > len(groups) {
		n, w = leadingInt(rest, maxDigits-1)
	}
	if w == 0 {
		return "$", 0
	}
	text := ""
	if n >= 1 && n <= len(groups) {
		text = groups[n-1]
	}
	return text, len(strconv.Itoa(n))
}

func leadingInt(s string, maxDigits int) (int, int) {
	w := 0
	for w < len(s) && w < maxDigits && s[w] >= '0' && s[w] <= '9' {
		w++
	}
	if w == 0 {
		return 0, 0
	}
	n, _ := strconv.Atoi(s[:w])
	return n, w
}

// customMatches drives a user-supplied matcher function: it returns
// {match, start, end, groups, next} objects, start/end in characters.
func customMatches(c *call, fn any, s string, limit int) []reMatch {
	var out []reMatch
	res := c.ev.apply(fn, []any{s}, nil, c.env)
	for res != nil && (limit < 0 || len(out) < limit) {
		o, ok := res.(*object)
		if !ok {
			throw("T1010", 0, "", nil)
		}
		start, _ := o.value("start").(float64)
		end, _ := o.value("end").(float64)
		m := reMatch{start: byteOffset(s, int(start)), end: byteOffset(s, int(end))}
		for _, g := range items(o.value("groups")) {
			gs, _ := g.(string)
			m.groups = append(m.groups, gs)
		}
		out = append(out, m)
		next := o.value("next")
		if !isFunc(next) {
			break
		}
		res = c.ev.apply(next, nil, nil, c.env)
	}
	return out
}

func byteOffset(s string, runes int) int {
	i := 0
	for off := range s {
		if i == runes {
			return off
		}
		i++
	}
	return len(s)
}
