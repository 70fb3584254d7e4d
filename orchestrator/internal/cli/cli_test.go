package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baton-run/baton/steps"
)

type num struct {
	N int `json:"n"`
}

type TooBigError struct{}

func (*TooBigError) Error() string { return "too big" }

func double(_ context.Context, v num) (num, error) {
	if v.N > 100 {
		return v, &TooBigError{}
	}
	return num{2 * v.N}, nil
}

func workflows() []*steps.Workflow {
	return []*steps.Workflow{steps.New("double", nil).Add(steps.Task("double", double, nil))}
}

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(args, Env{Stdout: &out, Stderr: &errOut}, workflows())
	return code, out.String(), errOut.String()
}

func TestRunCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "baton.db")
	for _, tc := range []struct {
		args       []string
		code       int
		out, error string
	}{
		{[]string{"run", "--db", db, "--input", `{"n":21}`, "--name", "ok"}, 0, `"n": 42`, "ok SUCCEEDED"},
		{[]string{"run", "double", "--memory", "--input", `{"n":101}`}, 1, "", "TooBigError"},
		{[]string{"run", "nope"}, 2, "", `no workflow "nope"`},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"run", "--memory", "--json", "--input", `{"n":1}`}, 0, `"status":"SUCCEEDED"`, ""},
	} {
		code, out, errOut := run(t, tc.args...)
		if code != tc.code || !strings.Contains(out, tc.out) || !strings.Contains(errOut, tc.error) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %d, %q, %q", tc.args, code, out, errOut, tc.code, tc.out, tc.error)
		}
	}
}

func TestSynthWritesTemplates(t *testing.T) {
	dir := t.TempDir()
	if code, out, errOut := run(t, "synth", "--out", dir); code != 0 || !strings.Contains(out, filepath.Join("double", "template.yaml")) {
		t.Fatalf("synth: exit %d %q %q", code, out, errOut)
	}
	got, err := os.ReadFile(filepath.Join(dir, "double", "statemachine.asl.json"))
	if err != nil || !bytes.Contains(got, []byte(`"StartAt"`)) || !bytes.Contains(got, []byte("${DoubleFunctionArn}")) {
		t.Errorf("statemachine.asl.json = %s (%v), want the definition with the function ARN substituted", got, err)
	}
	tmpl, err := os.ReadFile(filepath.Join(dir, "double", "template.yaml"))
	if err != nil || !bytes.Contains(tmpl, []byte("AWS::Serverless::StateMachine")) {
		t.Errorf("template.yaml = %s (%v), want a SAM template", tmpl, err)
	}
}
