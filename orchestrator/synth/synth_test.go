package synth

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	goldenfile "github.com/baton-run/baton/internal/golden"
	"github.com/baton-run/baton/internal/testenv"
	"github.com/baton-run/baton/orchestrator/schedule"
	"github.com/baton-run/baton/statemachines"
	"github.com/baton-run/baton/steps"
	"go.yaml.in/yaml/v3"
)

type count struct{ N int }

// testWorkflow has a task, a long step and a step in its own function.
func testWorkflow() *steps.Workflow {
	w := steps.New("nightly-report", &steps.WorkflowOptions{
		Function: steps.Function{Timeout: 5 * time.Minute, MemoryMB: 512},
		Schedules: []steps.Schedule{{
			Name: "nightly", Expression: "cron(0 2 * * ? *)", Timezone: "Europe/Berlin",
			FlexibleWindow: 15 * time.Minute, Input: map[string]any{"scheduledAt": "<aws.scheduler.scheduled-time>"},
		}},
	})
	return w.Add(
		steps.Task("fetch", func(ctx context.Context, in count) (count, error) { return in, nil }, nil),
		steps.Long("aggregate", func(ctx context.Context, in count, st *count, p *steps.Progress) (count, error) {
			return *st, nil
		}, nil),
		steps.Task("publish", func(ctx context.Context, in count) (count, error) { return in, nil },
			&steps.TaskOptions{Function: &steps.Function{Name: "publisher", Timeout: 30 * time.Second, MemoryMB: 256}}),
	)
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

// scheduled adds a weekly schedule to the one the workflow declares.
var scheduled = &Options{Schedules: []schedule.Schedule{{
	Name: "weekly", Expression: "rate(7 days)", State: schedule.Disabled,
}}}

func TestSynthRejectsBadSchedules(t *testing.T) {
	w := steps.New("bad", &steps.WorkflowOptions{Schedules: []steps.Schedule{{Name: "x", Expression: "cron(0 2 * * * *)"}}})
	w.Add(steps.Pass("p", nil))
	_, err := Synth(w, nil)
	if err == nil || !strings.Contains(err.Error(), "day-of-month") {
		t.Fatalf("Synth = %v, want the expression error naming day-of-month", err)
	}
}

func TestSynthGolden(t *testing.T) {
	out, err := Synth(testWorkflow(), scheduled)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "nightly-report.template.yaml", out.Template)
	golden(t, "nightly-report.asl.json", out.ASL)
}

func TestSynthASLUsesSubstitutions(t *testing.T) {
	out, err := Synth(testWorkflow(), nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := statemachines.Parse(out.ASL)
	if err != nil {
		t.Fatalf("synthesised ASL does not parse: %v", err)
	}
	resources := map[string]bool{}
	for _, s := range m.States {
		if s.Type == statemachines.TypeTask {
			resources[s.Resource] = true
		}
	}
	for _, want := range []string{"${NightlyReportFunctionArn}", "${PublisherFunctionArn}"} {
		if !resources[want] {
			t.Errorf("no Task uses %s; resources: %v", want, resources)
		}
	}
	if strings.Contains(string(out.ASL), "123456789012") {
		t.Error("ASL still holds the placeholder account")
	}
}

// TestTemplateParsesBack reads the template as YAML and checks the facts a
// deployment depends on.
func TestTemplateParsesBack(t *testing.T) {
	out, err := Synth(testWorkflow(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Resources map[string]struct {
			Type       string         `yaml:"Type"`
			Properties map[string]any `yaml:"Properties"`
		} `yaml:"Resources"`
	}
	if err := yaml.Unmarshal(out.Template, &doc); err != nil {
		t.Fatal(err)
	}
	fn := doc.Resources["PublisherFunction"]
	if fn.Type != "AWS::Serverless::Function" || fn.Properties["Timeout"] != 30 || fn.Properties["MemorySize"] != 256 {
		t.Errorf("PublisherFunction = %+v, want a 30 s / 256 MB function", fn)
	}
	if doc.Resources["NightlyReportFunction"].Properties["Timeout"] != 300 {
		t.Errorf("workflow function timeout = %v, want 300", doc.Resources["NightlyReportFunction"].Properties["Timeout"])
	}
	if got := doc.Resources["CheckpointTable"].Type; got != "AWS::DynamoDB::Table" {
		t.Errorf("CheckpointTable type = %q", got)
	}
}

func cfnGuard(t *testing.T) string {
	t.Helper()
	dir := testenv.NodeModule(t, "@cdklabs/cdk-validator-cfnguard")
	bin := filepath.Join(dir, "bin", "ubuntu", "x86_64", "cfn-guard")
	if _, err := os.Stat(bin); err != nil {
		t.Skipf("skipping: no cfn-guard binary for this platform at %s", bin)
	}
	return bin
}

func guard(t *testing.T, bin string, template []byte) (string, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "template.yaml")
	if err := os.WriteFile(path, template, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "validate", "--rules", "testdata/rules/baton.guard", "--data", path, "--show-summary", "fail").CombinedOutput()
	return string(out), err
}

func TestGuardRulesPass(t *testing.T) {
	bin := cfnGuard(t)
	out, err := Synth(testWorkflow(), scheduled)
	if err != nil {
		t.Fatal(err)
	}
	if report, err := guard(t, bin, out.Template); err != nil {
		t.Fatalf("cfn-guard rejects the synthesised template: %v\n%s", err, report)
	}
}

// TestGuardRulesCatchBrokenTemplates shows each rule can fail.
func TestGuardRulesCatchBrokenTemplates(t *testing.T) {
	bin := cfnGuard(t)
	out, err := Synth(testWorkflow(), scheduled)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct{ rule, from, to string }{
		{"table_encrypted_pitr_ttl", "SSEEnabled: true", "SSEEnabled: false"},
		{"table_encrypted_pitr_ttl", "PointInTimeRecoveryEnabled: true", "PointInTimeRecoveryEnabled: false"},
		{"functions_arm64", "- arm64", "- x86_64"},
		{"no_wildcard_resources", "- Fn::GetAtt:\n                    - CheckpointTable\n                    - Arn", "- '*'"},
		{"no_wildcard_actions", "- dynamodb:GetItem", "- dynamodb:*"},
		{"roles_no_wildcard_resources", "- Ref: StateMachine", "- '*'"},
		{"machines_observable", "Enabled: true\n      Policies", "Enabled: false\n      Policies"},
	}
	for _, tc := range cases {
		broken := strings.Replace(string(out.Template), tc.from, tc.to, 1)
		if broken == string(out.Template) {
			t.Errorf("%s: %q not found in the template; update the test", tc.rule, tc.from)
			continue
		}
		report, err := guard(t, bin, []byte(broken))
		if err == nil || !strings.Contains(report, tc.rule) {
			t.Errorf("%s: cfn-guard passed a template that breaks it (err %v)\n%s", tc.rule, err, report)
		}
	}
}
