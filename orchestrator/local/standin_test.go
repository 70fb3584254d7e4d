package local

import (
	"context"
	"encoding/json"
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
