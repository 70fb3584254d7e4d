package teststate

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	asl "github.com/baton-run/baton/statemachines"
	"github.com/google/uuid"
)

// singleStateName is the name TestState gives a definition that is one
// state (AWS shows it in $$.State.Name).
const singleStateName = "StateName"

// tester runs one request.
type tester struct {
	ctx      context.Context
	req      *Request
	opts     Options
	m        *asl.StateMachine
	st       *asl.State
	jsonata  bool
	input    any
	context  map[string]any
	vars     asl.MapVars
	mock     *parsedMock
	retries  int
	failures int // Map iteration failures (stateConfiguration)
	inspect  *Inspection
}

type parsedMock struct {
	result any
	err    *asl.Error
}

func prepare(req *Request, opts *Options) (*tester, error) {
	t := &tester{req: req}
	if opts != nil {
		t.opts = *opts
	}
	if t.opts.Region == "" {
		t.opts.Region = "us-east-1"
	}
	if t.opts.Account == "" {
		t.opts.Account = "123456789012"
	}
	steps := []func() error{t.parseDefinition, t.parseInput, t.parseMock, t.parseConfig, t.parseContext, t.parseVariables}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func (t *tester) parseDefinition() error {
	var probe map[string]json.RawMessage
	if err := json.Unmarshal([]byte(t.req.Definition), &probe); err != nil {
		return &DefinitionError{Message: "Invalid State Machine Definition: '" + err.Error() + "'"}
	}
	def, name := []byte(t.req.Definition), t.req.StateName
	if _, whole := probe["States"]; !whole {
		if name != "" {
			return invalidf("State not found in definition")
		}
		name = singleStateName
		def = []byte(`{"StartAt":"` + name + `","States":{"` + name + `":` + t.req.Definition + `}}`)
	}
	m, diags := asl.ParseAndValidate(def, asl.ValidateOptions{})
	if m == nil || hasBlockingErrors(diags) {
		return &DefinitionError{Message: asl.InvalidDefinitionMessage(diags)}
	}
	if name == "" {
		return invalidf("stateName is required when the definition is a state machine")
	}
	st, lang := findState(m, name, m.Language())
	if st == nil {
		return invalidf("State not found in definition")
	}
	t.m, t.st, t.jsonata = m, st, lang == asl.JSONata
	return nil
}

// findState looks for the state called name in m and in its Parallel
// branches and Map processors, and returns it with its query language.
func findState(m *asl.StateMachine, name string, inherited asl.QueryLanguage) (*asl.State, asl.QueryLanguage) {
	if m.QueryLanguage != "" {
		inherited = m.QueryLanguage
	}
	for _, st := range m.States {
		lang := inherited
		if st.QueryLanguage != "" {
			lang = st.QueryLanguage
		}
		if st.Name == name {
			return st, lang
		}
		inner := append([]*asl.StateMachine(nil), st.Branches...)
		if st.ItemProcessor != nil {
			inner = append(inner, st.ItemProcessor)
		}
		for _, b := range inner {
			if found, l := findState(b, name, lang); found != nil {
				return found, l
			}
		}
	}
	return nil, ""
}

// hasBlockingErrors ignores transitions to states outside a one-state
// definition: TestState does not follow them.
func hasBlockingErrors(diags []asl.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == asl.SeverityError && d.Code != "MISSING_TRANSITION_TARGET" && d.Code != "MISSING_END_STATE" {
			return true
		}
	}
	return false
}

func (t *tester) parseInput() error {
	text := strings.TrimSpace(t.req.Input)
	if text == "" {
		text = "{}"
	}
	if err := json.Unmarshal([]byte(text), &t.input); err != nil {
		return invalidf("Invalid input: %v", err)
	}
	return nil
}

// unmockable are the state types that run no task.
var unmockable = map[asl.StateType]bool{asl.TypePass: true, asl.TypeSucceed: true, asl.TypeFail: true, asl.TypeChoice: true, asl.TypeWait: true}

func (t *tester) parseMock() error {
	mk := t.req.Mock
	if mk == nil {
		return nil
	}
	if unmockable[t.st.Type] {
		return invalidf("State type '%s' is not supported when a mock is specified", t.st.Type)
	}
	if t.req.RevealSecrets {
		return invalidf("TestState does not support RevealSecrets when a mock is specified.")
	}
	switch {
	case mk.ErrorOutput != nil && mk.Result != "":
		return invalidf("A mock can have either a result or an errorOutput, not both")
	case mk.ErrorOutput != nil:
		t.mock = &parsedMock{err: &asl.Error{Name: mk.ErrorOutput.Error, Cause: mk.ErrorOutput.Cause}}
	default:
		var v any
		if err := json.Unmarshal([]byte(mk.Result), &v); err != nil {
			return invalidf("Invalid mock result: %v", err)
		}
		t.mock = &parsedMock{result: v}
	}
	return nil
}

func (t *tester) parseConfig() error {
	c := t.req.StateConfiguration
	if c == nil {
		return nil
	}
	if c.RetrierRetryCount != nil {
		t.retries = *c.RetrierRetryCount
	}
	if c.MapIterationFailureCount != nil {
		t.failures = *c.MapIterationFailureCount
		if items, ok := t.mockItems(); ok && t.failures > items {
			return invalidf("Map iteration failure count must be less than or equal to the number of Map iterations")
		}
	}
	return nil
}

// mockItems counts the iterations a mocked Map result stands for.
func (t *tester) mockItems() (int, bool) {
	if t.mock == nil || t.mock.err != nil {
		return 0, false
	}
	arr, ok := t.mock.result.([]any)
	return len(arr), ok
}

func (t *tester) parseContext() error {
	if t.req.Context == "" {
		t.context = t.defaultContext()
		return nil
	}
	if err := json.Unmarshal([]byte(t.req.Context), &t.context); err != nil || t.context == nil {
		return invalidf("Invalid Context object provided: the context must be a JSON object")
	}
	if _, hasTask := t.context["Task"]; hasTask && !t.callbackTask() {
		return invalidf("Invalid Context object provided: Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern")
	}
	return nil
}

func (t *tester) callbackTask() bool {
	r := t.st.Resource
	return t.st.Type == asl.TypeTask && (strings.HasSuffix(r, ".sync") || strings.Contains(r, ".sync:") || strings.HasSuffix(r, ".waitForTaskToken"))
}

// defaultContext is the context object of the one-state express execution
// TestState pretends to run.
func (t *tester) defaultContext() map[string]any {
	sm := "TestStateMachine-" + uuid.NewString()
	exec := uuid.NewString()
	var role any
	if t.req.RoleArn != "" {
		role = t.req.RoleArn
	}
	now := time.Now().UTC().Format("2006-01-02T15:04:05.000Z")
	state := map[string]any{"Name": singleStateName, "EnteredTime": now}
	if len(t.st.Retry) > 0 || t.st.Type == asl.TypeTask || t.st.Type == asl.TypeMap || t.st.Type == asl.TypeParallel {
		state["RetryCount"] = float64(t.retries)
	}
	prefix := "arn:aws:states:" + t.opts.Region + ":" + t.opts.Account + ":"
	return map[string]any{
		"Execution": map[string]any{
			"Id": prefix + "express:" + sm + ":" + exec, "Input": t.input, "Name": exec,
			"RoleArn": role, "StartTime": now,
		},
		"StateMachine": map[string]any{"Id": prefix + "stateMachine:" + sm, "Name": sm},
		"State":        state,
	}
}

func (t *tester) parseVariables() error {
	t.vars = asl.MapVars{}
	if t.req.Variables == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(t.req.Variables), &t.vars); err != nil {
		return invalidf("Invalid variables: %v", err)
	}
	return nil
}
