package local

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/baton-run/baton/internal/conformance"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/internal/testenv"
	asl "github.com/baton-run/baton/statemachines"
)

// confCase is one case of ../shared/conformance/cases (see its README).
type confCase struct {
	Status        string          `json:"status"`
	Output        any             `json:"output"`
	Error         any             `json:"error"`
	Cause         any             `json:"cause"`
	Events        []string        `json:"events"`
	QueryLanguage string          `json:"query_language"`
	Languages     []string        `json:"query_languages_used"`
	Needs         []string        `json:"needs"`
	Placeholders  []string        `json:"placeholders"`
	Flags         []string        `json:"flags"`
	Lambdas       map[string]lam  `json:"lambdas"`
	Results       []lambdaOutcome `json:"lambda_results_recorded"`
	Type          string          `json:"state_machine_type"`
}

type lam struct {
	Name      string `json:"name"`
	Behaviour string `json:"behaviour"`
}

type lambdaOutcome struct {
	Event  string `json:"event"`
	Output any    `json:"output"`
	Error  string `json:"error"`
	Cause  any    `json:"cause"`
}

func (c *confCase) has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// skipReason says why a case cannot run here, or "".
func (c *confCase) skipReason() string {
	if c.has(c.Languages, "JSONata") && !jsonataSupported {
		return "JSONata states are not wired into the engine yet"
	}
	return ""
}

// jsonataSupported is switched on when the engine evaluates JSONata.
var jsonataSupported = true

// TestConformance runs every case of the shared corpus through RunOnce (the
// code path of `baton run`) with Lambda stand-ins, and compares status,
// output, error, cause and the history's event types.
func TestConformance(t *testing.T) {
	dir := testenv.Shared(t, "conformance/cases")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	pass, total, skipped := map[string]int{}, map[string]int{}, map[string]string{}
	t.Cleanup(func() { reportConformance(t, pass, total, skipped) })
	for _, ent := range entries {
		name := ent.Name()
		category, _, _ := strings.Cut(name, "__")
		t.Run(name, func(t *testing.T) {
			c := loadCase(t, filepath.Join(dir, name))
			mu.Lock()
			total[category]++
			if r := c.skipReason(); r != "" {
				skipped[name] = r
				mu.Unlock()
				t.Skip(r)
			}
			mu.Unlock()
			runCase(t, filepath.Join(dir, name), c)
			if !t.Failed() {
				mu.Lock()
				pass[category]++
				mu.Unlock()
			}
		})
	}
}

func loadCase(t *testing.T, dir string) *confCase {
	t.Helper()
	var c confCase
	data, err := os.ReadFile(filepath.Join(dir, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}

func runCase(t *testing.T, dir string, c *confCase) {
	def, err := os.ReadFile(filepath.Join(dir, "definition.json"))
	if err != nil {
		t.Fatal(err)
	}
	input, err := os.ReadFile(filepath.Join(dir, "input.json"))
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewAutoFakeQuiet(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), 50*time.Millisecond) // generous: a loaded machine must not let a timeout beat a task
	e, err := Open(Options{Clock: clk, Invoker: &standIn{c: c, clk: clk}, Account: "111111111111"})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	x, evs, err := e.RunOnce(ctx, "conformance", def, strings.TrimSpace(string(input)), &StateMachineOptions{Type: c.Type})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	checkResult(t, c, x, evs)
}

func checkResult(t *testing.T, c *confCase, x Execution, evs []HistoryEvent) {
	t.Helper()
	if string(x.Status) != c.Status {
		t.Errorf("status = %s, want %s (error %q, cause %q)", x.Status, c.Status, x.Error, x.Cause)
	}
	m := conformance.Matcher{Tokens: c.Placeholders}
	if c.Status == "SUCCEEDED" && x.Status == StatusSucceeded {
		var out any
		_ = json.Unmarshal([]byte(x.Output), &out)
		if !m.Match(c.Output, out) {
			t.Errorf("output = %s\nwant     %s", x.Output, jsonText(c.Output))
		}
	}
	if c.Error != nil && !m.Match(c.Error, x.Error) {
		t.Errorf("error = %q, want %v", x.Error, c.Error)
	}
	if c.Cause != nil && !m.MatchText(c.Cause, x.Cause) {
		t.Errorf("cause = %q\nwant    %v", x.Cause, jsonText(c.Cause))
	}
	if c.Events != nil {
		got := types(evs)
		concurrent := c.has(c.Flags, "concurrent_states") || c.has(c.Flags, "events_parallel_sorted")
		if !sameEvents(got, c.Events, concurrent) {
			t.Errorf("events:\n got  %v\n want %v", got, c.Events)
		}
	}
}

// sameEvents compares event types in order, or as multisets (with the same
// first and last event) when the machine runs concurrent states.
func sameEvents(got, want []string, concurrent bool) bool {
	if !concurrent || len(got) != len(want) || len(got) == 0 {
		return equal(got, want)
	}
	if got[0] != want[0] || got[len(got)-1] != want[len(want)-1] {
		return false
	}
	a, b := append([]string(nil), got...), append([]string(nil), want...)
	sort.Strings(a)
	sort.Strings(b)
	return equal(a, b)
}

func reportConformance(t *testing.T, pass, total map[string]int, skipped map[string]string) {
	var cats []string
	for c := range total {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	var b strings.Builder
	sumP, sumT := 0, 0
	for _, c := range cats {
		fmt.Fprintf(&b, "  %-20s %3d/%d\n", c, pass[c], total[c])
		sumP, sumT = sumP+pass[c], sumT+total[c]
	}
	fmt.Fprintf(&b, "  %-20s %3d/%d (skipped %d)\n", "total", sumP, sumT, len(skipped))
	t.Logf("conformance pass counts per category:\n%s", b.String())
}

var _ = asl.ErrAll
