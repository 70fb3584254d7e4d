package local

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	asl "github.com/baton-run/baton/statemachines"
)

// MockConfig is a Step Functions Local mock configuration
// (https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html)
// with one test case selected: a Task state listed in the test case does
// not invoke anything; its n-th invocation in an execution returns the
// mocked response's entry for n ("0", "1-2", ...): Return is the task's
// result as is, Throw its error and cause.
type MockConfig struct {
	StateMachines map[string]struct {
		TestCases map[string]map[string]string `json:"TestCases"`
	} `json:"StateMachines"`
	MockedResponses map[string]map[string]mockEntry `json:"MockedResponses"`

	testCase string
}

type mockEntry struct {
	Return json.RawMessage `json:"Return"`
	Throw  *struct {
		Error string `json:"Error"`
		Cause string `json:"Cause"`
	} `json:"Throw"`
}

// LoadMockConfig reads a mock configuration file and selects testCase.
func LoadMockConfig(path, testCase string) (*MockConfig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("mock config: %w", err)
	}
	var m MockConfig
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("mock config %s: %w", path, err)
	}
	found := false
	for _, sm := range m.StateMachines {
		_, ok := sm.TestCases[testCase]
		found = found || ok
	}
	if !found {
		return nil, fmt.Errorf("mock config %s: no state machine has the test case %q", path, testCase)
	}
	m.testCase = testCase
	return &m, nil
}

// response returns the mocked outcome of invocation n (0-based, counted
// over the execution) of state in an execution of the named state machine;
// ok is false when the state is not mocked.
func (m *MockConfig) response(smName, state string, n int) (result any, ferr *asl.Error, ok bool, err error) {
	sm, found := m.StateMachines[smName]
	if !found {
		return nil, nil, false, nil
	}
	name, found := sm.TestCases[m.testCase][state]
	if !found {
		return nil, nil, false, nil
	}
	entry, found := pickEntry(m.MockedResponses[name], n)
	if !found {
		return nil, nil, true, fmt.Errorf("mock config: mocked response %q has no entry for invocation %d of state %q", name, n, state)
	}
	if entry.Throw != nil {
		return nil, &asl.Error{Name: entry.Throw.Error, Cause: entry.Throw.Cause}, true, nil
	}
	return parseResult(entry.Return), nil, true, nil
}

// pickEntry finds the entry whose key ("3" or "1-2") covers invocation n.
func pickEntry(entries map[string]mockEntry, n int) (mockEntry, bool) {
	for key, e := range entries {
		lo, hi, isRange := strings.Cut(key, "-")
		a, err1 := strconv.Atoi(lo)
		b := a
		var err2 error
		if isRange {
			b, err2 = strconv.Atoi(hi)
		}
		if err1 == nil && err2 == nil && n >= a && n <= b {
			return e, true
		}
	}
	return mockEntry{}, false
}
