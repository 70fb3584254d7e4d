package local

import (
	"context"
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/baton-run/baton/internal/clock"
	asl "github.com/baton-run/baton/statemachines"
)

// standIn plays the Lambda functions of a conformance case, as its
// README describes them.
type standIn struct {
	c   *confCase
	clk clock.Clock

	mu    sync.Mutex
	fails int
	oks   int
}

func (s *standIn) behaviour(resource string) (string, bool) {
	name := FunctionName(resource)
	for arn, l := range s.c.Lambdas {
		if l.Name == name || FunctionName(arn) == name {
			return l.Behaviour, true
		}
	}
	return "", false
}

func (s *standIn) Invoke(ctx context.Context, resource string, input []byte, meta InvokeMeta) ([]byte, error) {
	b, ok := s.behaviour(resource)
	if !ok {
		return nil, ErrNotHandled
	}
	switch b {
	case "identity":
		return input, nil
	case "constant":
		return s.constant(), nil
	case "raise":
		return nil, s.raise()
	case "sleep_identity":
		if err := clock.Sleep(ctx, s.clk, 60*time.Second); err != nil {
			return nil, err
		}
		return input, nil
	case "large_output":
		return json.Marshal(strings.Repeat("a", 257*1024))
	}
	return nil, ErrNotHandled
}

// constant returns the recorded output of the function.
func (s *standIn) constant() []byte {
	for _, r := range s.c.Results {
		if strings.HasSuffix(r.Event, "Succeeded") {
			out := r.Output
			if m, ok := out.(map[string]any); ok && m["Payload"] != nil {
				out = m["Payload"]
			}
			b, _ := json.Marshal(out)
			return b
		}
	}
	return []byte(`"HelloWorld!"`)
}

// raise fails with the next recorded error and cause.
func (s *standIn) raise() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var failures []lambdaOutcome
	for _, r := range s.c.Results {
		if r.Error != "" {
			failures = append(failures, r)
		}
	}
	if len(failures) == 0 {
		return &asl.Error{Name: "Exception", Cause: pythonJSON(pythonException)}
	}
	r := failures[min(s.fails, len(failures)-1)]
	s.fails++
	cause, ok := r.Cause.(string)
	if !ok && r.Event == "LambdaFunctionFailed" {
		cause = pythonJSON(r.Cause)
	} else if !ok {
		cause = jsonText(r.Cause)
	}
	return &asl.Error{Name: r.Error, Cause: cause}
}

// matcher compares expected values that may hold placeholder tokens.
type matcher struct{ tokens []string }

var anyToken = regexp.MustCompile(`<[^<>]+>`)

func (m matcher) isToken(s string) bool {
	for _, t := range m.tokens {
		if s == t {
			return true
		}
	}
	return anyToken.MatchString(s) && anyToken.FindString(s) == s
}

func (m matcher) match(want, got any) bool {
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
			if !present || !m.match(v, gv) {
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
			if !m.match(w[i], g[i]) {
				return false
			}
		}
		return true
	}
	wb, _ := json.Marshal(want)
	gb, _ := json.Marshal(got)
	return string(wb) == string(gb)
}

// matchCause compares a cause; a JSON expected cause is compared
// structurally with the parsed actual cause.
func (m matcher) matchCause(want any, got string) bool {
	if _, isText := want.(string); isText {
		return m.match(want, got)
	}
	var parsed any
	if err := json.Unmarshal([]byte(got), &parsed); err != nil {
		return false
	}
	return m.match(want, parsed)
}

func (m matcher) pattern(w string) *regexp.Regexp {
	quoted := regexp.QuoteMeta(w)
	toks := append([]string(nil), m.tokens...)
	for _, t := range anyToken.FindAllString(w, -1) {
		toks = append(toks, t)
	}
	for _, t := range toks {
		quoted = strings.ReplaceAll(quoted, regexp.QuoteMeta(t), ".*")
	}
	return regexp.MustCompile("^(?s:" + quoted + ")$")
}

// pythonException is what LocalStack's raising handler reports.
var pythonException = map[string]any{
	"errorMessage": "Some exception was raised.", "errorType": "Exception", "requestId": "00000000-0000-0000-0000-000000000000",
	"stackTrace": []any{"  File \"/var/task/handler.py\", line 2, in handler\n    raise Exception(\"Some exception was raised.\")\n"},
}

// pythonJSON renders v as Python's json.dumps does (", " and ": "
// separators), the text a Python Lambda runtime reports.
func pythonJSON(v any) string {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = jsonText(k) + ": " + pythonJSON(x[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = pythonJSON(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return jsonText(v)
}
