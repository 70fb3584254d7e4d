package jsonata

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/testenv"
)

// suiteCase is one case of the JSONata test suite (TESTSUITE-upstream.md).
type suiteCase struct {
	Expr     string `json:"expr"`
	ExprFile string `json:"expr-file"`
	Error    *struct {
		Code string `json:"code"`
	} `json:"error"`
	Data            json.RawMessage `json:"data"`
	Dataset         *string         `json:"dataset"`
	Bindings        map[string]any  `json:"bindings"`
	Result          json.RawMessage `json:"result"`
	UndefinedResult bool            `json:"undefinedResult"`
	Code            string          `json:"code"`
	TimeLimit       int             `json:"timelimit"`
	Depth           int             `json:"depth"`
}

// knownFailures lists suite cases (group/file[#n]) we do not pass, with why.
var knownFailures = map[string]string{}

// TestSuite runs the JSONata 2.0.6 test suite and logs passed/total per group.
func TestSuite(t *testing.T) {
	root := testenv.Shared(t, "jsonata-suite")
	files, err := filepath.Glob(filepath.Join(root, "groups", "*", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	pass, total := map[string]int{}, map[string]int{}
	var report []string
	for _, f := range files {
		group := filepath.Base(filepath.Dir(f))
		for i, c := range loadCases(t, f) {
			if c.ExprFile != "" {
				src, err := os.ReadFile(filepath.Join(filepath.Dir(f), c.ExprFile))
				if err != nil {
					t.Fatal(err)
				}
				c.Expr = string(src)
			}
			if c.Error != nil {
				c.Code = c.Error.Code
			}
			id := group + "/" + strings.TrimSuffix(filepath.Base(f), ".json")
			if i > 0 {
				id += fmt.Sprintf("#%d", i)
			}
			total[group]++
			msg := runCase(root, c)
			if msg == "" {
				pass[group]++
				continue
			}
			report = append(report, id+": "+msg)
			if _, known := knownFailures[id]; !known {
				t.Errorf("%s: %s", id, msg)
			}
		}
	}
	logGroups(t, pass, total)
	if out := os.Getenv("JSONATA_SUITE_REPORT"); out != "" {
		_ = os.WriteFile(out, []byte(strings.Join(report, "\n")+"\n"), 0o644)
	}
}

// loneSurrogate matches a \uD800-\uDBFF escape not followed by a low
// surrogate. encoding/json would turn it into U+FFFD, so the harness
// escapes the backslash and lets the JSONata lexer decode it instead (the
// only such cases are inside JSONata string literals).
var loneSurrogate = regexp.MustCompile(`\\u[dD][89abAB][0-9a-fA-F]{2}(\\u[dD][c-fC-F][0-9a-fA-F]{2})?`)

func escapeLoneSurrogates(raw []byte) []byte {
	var out []byte
	last := 0
	for _, loc := range loneSurrogate.FindAllIndex(raw, -1) {
		if loc[1]-loc[0] > 6 || (loc[0] > 0 && raw[loc[0]-1] == '\\') {
			continue
		}
		out = append(append(out, raw[last:loc[0]]...), '\\')
		last = loc[0]
	}
	return append(out, raw[last:]...)
}

func loadCases(t *testing.T, file string) []suiteCase {
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	raw = escapeLoneSurrogates(raw)
	if strings.HasPrefix(strings.TrimSpace(string(raw)), "[") {
		var cs []suiteCase
		if err := json.Unmarshal(raw, &cs); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		return cs
	}
	var c suiteCase
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return []suiteCase{c}
}

func logGroups(t *testing.T, pass, total map[string]int) {
	groups := make([]string, 0, len(total))
	for g := range total {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	p, n := 0, 0
	for _, g := range groups {
		t.Logf("%-32s %3d/%d", g, pass[g], total[g])
		p, n = p+pass[g], n+total[g]
	}
	t.Logf("TOTAL %d/%d", p, n)
}

// runCase returns "" when the case passes, else what went wrong.
func runCase(root string, c suiteCase) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprintf("panic: %v", r)
		}
	}()
	input, err := caseInput(root, c)
	if err != nil {
		return err.Error()
	}
	expr, err := Compile(c.Expr)
	var got any
	if err == nil {
		opts := Options{MaxDepth: c.Depth, TimeLimit: time.Duration(c.TimeLimit) * time.Millisecond}
		if opts.TimeLimit == 0 {
			opts.TimeLimit = 10 * time.Second
		}
		if input == nil {
			got, err = expr.EvalWith(Undefined, c.Bindings, opts)
		} else {
			got, err = expr.EvalJSON(input, c.Bindings, opts)
		}
	}
	return checkOutcome(c, got, err)
}

func caseInput(root string, c suiteCase) ([]byte, error) {
	if c.Data != nil {
		return c.Data, nil
	}
	if c.Dataset == nil || *c.Dataset == "" {
		return nil, nil
	}
	return os.ReadFile(filepath.Join(root, "datasets", *c.Dataset+".json"))
}

func checkOutcome(c suiteCase, got any, err error) string {
	var jerr *Error
	switch {
	case c.Code != "":
		if errors.As(err, &jerr) && jerr.Code == c.Code {
			return ""
		}
		return fmt.Sprintf("want error %s, got %v (err %v)", c.Code, show(got), err)
	case err != nil:
		return fmt.Sprintf("unexpected error %v", err)
	case c.UndefinedResult:
		if got == Undefined {
			return ""
		}
		return fmt.Sprintf("want undefined, got %s", show(got))
	}
	var want any
	if err := json.Unmarshal(c.Result, &want); err != nil {
		return "bad expected result: " + err.Error()
	}
	if reflect.DeepEqual(want, got) {
		return ""
	}
	return fmt.Sprintf("want %s, got %s", show(want), show(got))
}

func show(v any) string {
	if v == Undefined {
		return "undefined"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
