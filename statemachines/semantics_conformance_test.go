package statemachines

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/baton-run/baton/internal/testenv"
)

// replayCase is the part of a conformance case's expected.json the replay
// compares.
type replayCase struct {
	Status       string   `json:"status"`
	Output       any      `json:"output"`
	Error        *string  `json:"error"`
	Cause        any      `json:"cause"`
	Needs        []string `json:"needs"`
	Placeholders []string `json:"placeholders"`
}

// TestConformanceSemantics replays, through this package's semantic
// functions, every conformance case whose machine has only Pass, Choice,
// Succeed and Fail states in JSONPath mode and no variables (the choice
// operator, intrinsic function and JSONPath cases among them), with a
// minimal interpreter below. The full engine replays every case
// elsewhere; this pins the semantics at the level where they live.
func TestConformanceSemantics(t *testing.T) {
	dir := testenv.Shared(t, "conformance/cases")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "context_object__") || strings.HasPrefix(e.Name(), "express__") {
			continue // they check the engine's whole context object, which replay only sketches
		}
		m, input, want, ok := loadReplayCase(t, filepath.Join(dir, e.Name()))
		if !ok {
			continue
		}
		ran++
		t.Run(e.Name(), func(t *testing.T) {
			status, out, errName, cause := replay(m, input, e.Name())
			compareReplay(t, want, status, out, errName, cause)
		})
	}
	t.Logf("replayed %d cases", ran)
	if ran < 150 {
		t.Errorf("replayed only %d cases; the corpus has more than 150 pure Pass/Choice cases", ran)
	}
}

func loadReplayCase(t *testing.T, dir string) (*StateMachine, any, replayCase, bool) {
	var want replayCase
	def, err1 := os.ReadFile(filepath.Join(dir, "definition.json"))
	in, err2 := os.ReadFile(filepath.Join(dir, "input.json"))
	exp, err3 := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err1 != nil || err2 != nil || err3 != nil || json.Unmarshal(exp, &want) != nil || len(want.Needs) > 0 {
		return nil, nil, want, false
	}
	m, err := Parse(def)
	if err != nil || !replayable(m) {
		return nil, nil, want, false
	}
	var input any
	if err := json.Unmarshal(in, &input); err != nil {
		t.Fatalf("%s: input: %v", dir, err)
	}
	return m, input, want, true
}

// replayable reports whether the mini interpreter covers m.
func replayable(m *StateMachine) bool {
	for _, s := range m.States {
		switch {
		case s.Language(m) != JSONPath, s.Assign != nil:
			return false
		case s.Type == TypeChoice:
			for _, r := range s.Choices {
				if r.Assign != nil {
					return false
				}
			}
		case s.Type != TypePass && s.Type != TypeSucceed && s.Type != TypeFail:
			return false
		}
	}
	return true
}

// replay runs m with the semantic functions of this package.
func replay(m *StateMachine, input any, name string) (status string, out any, errName, cause string) {
	ctx := map[string]any{
		"Execution": map[string]any{"Input": input, "Name": name, "Id": "arn:aws:states:us-east-1:111111111111:execution:" + name,
			"RoleArn": "arn:aws:iam::111111111111:role/sfn", "StartTime": "2024-01-01T00:00:00Z", "RedriveCount": 0.0},
		"StateMachine": map[string]any{"Name": name, "Id": "arn:aws:states:us-east-1:111111111111:stateMachine:" + name},
	}
	cur := m.StartAt
	for steps := 0; steps < 100; steps++ {
		s := m.States[cur]
		ctx["State"] = map[string]any{"Name": cur, "EnteredTime": "2024-01-01T00:00:00Z"}
		env := Env{Context: ctx}
		next, output, err := replayState(s, input, env)
		if err == nil && output != nil {
			if CheckPayloadSize(output) != nil {
				err = PayloadTooLarge(cur)
			}
		}
		if err != nil {
			e := err.(*Error)
			return "FAILED", nil, e.Name, e.Cause
		}
		if next == "" {
			return "SUCCEEDED", output, "", ""
		}
		cur, input = next, output
	}
	return "TIMED_OUT", nil, "", ""
}

func replayState(s *State, input any, env Env) (next string, out any, err error) {
	switch s.Type {
	case TypeFail:
		return "", nil, replayFail(s, input, env)
	case TypeSucceed:
		out, err = replayIO(s, input, env, nil)
		return "", out, err
	case TypeChoice:
		return replayChoice(s, input, env)
	}
	out, err = replayIO(s, input, env, func(effective any) (any, error) {
		if s.HasResult {
			return s.Result, nil
		}
		return effective, nil
	})
	if s.End {
		return "", out, err
	}
	return s.Next, out, err
}

// replayIO is a Pass or Succeed state's input/output processing.
func replayIO(s *State, input any, env Env, work func(any) (any, error)) (any, error) {
	effective, err := ApplyInputPath(s.InputPath, input, env)
	if err != nil {
		return nil, err
	}
	if s.Parameters != nil {
		if effective, err = EvalTemplate(s.Parameters, effective, env); err != nil {
			return nil, err
		}
	}
	out := effective
	if work != nil {
		if result, err := work(effective); err != nil {
			return nil, err
		} else if out, err = ApplyResultPath(s.ResultPath, input, result); err != nil {
			return nil, err
		}
	}
	if out, err = ApplyOutputPath(s.OutputPath, out, env); err != nil {
		return nil, err
	}
	return out, nil
}

func replayChoice(s *State, input any, env Env) (string, any, error) {
	effective, err := ApplyInputPath(s.InputPath, input, env)
	if err != nil {
		return "", nil, err
	}
	next := s.Default
	for _, r := range s.Choices {
		ok, err := EvalChoiceRule(r, effective, env)
		if err != nil {
			return "", nil, err
		}
		if ok {
			next = r.Next
			break
		}
	}
	if next == "" {
		return "", nil, Errorf(ErrNoChoiceMatched, "No Matches!")
	}
	out, err := ApplyOutputPath(s.OutputPath, effective, env)
	return next, out, err
}

func replayFail(s *State, input any, env Env) error {
	name, cause := s.Error, s.Cause
	if s.ErrorPath != "" {
		v, err := EvalBinding("ErrorPath", s.ErrorPath, input, env)
		if err != nil {
			return err
		}
		name, _ = v.(string)
	}
	if s.CausePath != "" {
		v, err := EvalBinding("CausePath", s.CausePath, input, env)
		if err != nil {
			return err
		}
		cause, _ = v.(string)
	}
	return &Error{Name: name, Cause: cause}
}

func compareReplay(t *testing.T, want replayCase, status string, out any, errName, cause string) {
	t.Helper()
	if status != want.Status {
		t.Fatalf("status %s (%s: %s), want %s", status, errName, cause, want.Status)
	}
	if want.Error != nil && errName != *want.Error {
		t.Errorf("error %q, want %q", errName, *want.Error)
	}
	if c, ok := want.Cause.(string); ok && !placeholderRE(enginePrefix.ReplaceAllString(c, ""), want.Placeholders).MatchString(cause) {
		t.Errorf("cause %q, want the end of %q", cause, c)
	}
	if status != "SUCCEEDED" {
		return
	}
	// Round-trip through JSON: integers and floats compare as JSON does.
	b, _ := json.Marshal(out)
	var got any
	_ = json.Unmarshal(b, &got)
	if !matchExpected(want.Output, got, want.Placeholders) {
		w, _ := json.Marshal(want.Output)
		t.Errorf("output %s\nwant   %s", b, w)
	}
}

// matchExpected compares got to a recorded value in which placeholder
// tokens stand for any text (a string that is only a token, for any value).
func matchExpected(want, got any, placeholders []string) bool {
	switch w := want.(type) {
	case string:
		if isToken(w, placeholders) {
			return true
		}
		g, ok := got.(string)
		return ok && placeholderRE(w, placeholders).MatchString(g)
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !matchExpected(w[i], g[i], placeholders) {
				return false
			}
		}
		return true
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for k, v := range w {
			if !matchExpected(v, g[k], placeholders) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(want, got)
}

var tokenRE = regexp.MustCompile(`<[A-Za-z0-9_:\-]+>`)

func isToken(s string, placeholders []string) bool {
	return slices.Contains(placeholders, s) || tokenRE.FindString(s) == s
}

// enginePrefix is what the engine, not these functions, puts before the
// cause of a state's runtime error.
var enginePrefix = regexp.MustCompile(`^An error occurred while executing the state '[^']*' \(entered at the event id #\d+\)\. `)

// placeholderRE matches a recorded string with its tokens as wildcards.
func placeholderRE(s string, placeholders []string) *regexp.Regexp {
	tokens := append([]string{}, placeholders...)
	tokens = append(tokens, tokenRE.FindAllString(s, -1)...)
	slices.SortFunc(tokens, func(a, b string) int { return len(b) - len(a) })
	quoted := regexp.QuoteMeta(s)
	for _, tok := range tokens {
		quoted = strings.ReplaceAll(quoted, regexp.QuoteMeta(tok), "(?s:.*)")
	}
	return regexp.MustCompile("^" + quoted + "$")
}
