// Package conformance holds what baton's tests share to compare results
// with the recordings of ../shared: matching modulo the placeholder tokens
// the recordings were normalised with.
package conformance

import (
	"encoding/json"
	"regexp"
	"strings"
)

// Matcher compares expected values that may hold placeholder tokens: an
// expected string that is only one token matches any value; a token inside
// a string matches any substring; everything else compares as JSON.
type Matcher struct {
	// Tokens are the case's listed placeholders; any "<...>" is one too.
	Tokens []string
}

var anyToken = regexp.MustCompile(`<[^<>]+>`)

func (m Matcher) isToken(s string) bool {
	for _, t := range m.Tokens {
		if s == t {
			return true
		}
	}
	return anyToken.FindString(s) == s && s != ""
}

// Match reports whether got matches want.
func (m Matcher) Match(want, got any) bool {
	switch w := want.(type) {
	case string:
		if m.isToken(w) {
			return true
		}
		g, ok := got.(string)
		return ok && m.pattern(w).MatchString(g)
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for k, v := range w {
			gv, present := g[k]
			if !present || !m.Match(v, gv) {
				return false
			}
		}
		return true
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !m.Match(w[i], g[i]) {
				return false
			}
		}
		return true
	}
	wb, _ := json.Marshal(want)
	gb, _ := json.Marshal(got)
	return string(wb) == string(gb)
}

// MatchText compares want with a JSON text (a cause, an output): a JSON
// expected value is compared structurally with the parsed text, a string
// with the text itself.
func (m Matcher) MatchText(want any, got string) bool {
	if _, isText := want.(string); isText && !m.isToken(want.(string)) {
		if m.Match(want, got) {
			return true
		}
	}
	var parsed any
	if err := json.Unmarshal([]byte(got), &parsed); err != nil {
		return m.Match(want, got)
	}
	return m.Match(want, parsed)
}

func (m Matcher) pattern(w string) *regexp.Regexp {
	quoted := regexp.QuoteMeta(w)
	toks := append([]string(nil), m.Tokens...)
	toks = append(toks, anyToken.FindAllString(w, -1)...)
	for _, t := range toks {
		quoted = strings.ReplaceAll(quoted, regexp.QuoteMeta(t), ".*")
	}
	return regexp.MustCompile("^(?s:" + quoted + ")$")
}
