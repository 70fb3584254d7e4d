package schedule

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/testenv"
)

// cdkCheck rebuilds each resource with aws-cdk-lib's generated L1 classes
// (CfnSchedule, CfnRole: AWS's resource model, with its type validators) and
// prints what CDK synthesizes. A misspelled property is dropped by CDK and a
// wrong type fails validation, so equality with baton's rendering is an
// outside check of the property names and shapes.
const cdkCheck = `
const cdk = require(process.argv[2]);
const input = JSON.parse(require('fs').readFileSync(process.argv[3], 'utf8'));
const lower = (s) => s[0].toLowerCase() + s.slice(1);
const token = (v) => {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    if ('Ref' in v) return cdk.Fn.ref(v.Ref);
    if ('Fn::GetAtt' in v) return cdk.Fn.getAtt(v['Fn::GetAtt'][0], v['Fn::GetAtt'][1]).toString();
  }
  return v;
};
// struct camel-cases the keys of a property struct; nested lists the keys
// whose values are structs themselves (everything else passes through).
const struct = (o, nested = {}) => Object.fromEntries(Object.entries(o).map(([k, v]) =>
  [lower(k), nested[k] ? nested[k](v) : token(v)]));
const schedule = (p) => struct(p, {
  FlexibleTimeWindow: (v) => struct(v),
  Target: (v) => struct(v, {DeadLetterConfig: (d) => struct(d), RetryPolicy: (r) => struct(r)}),
});
const role = (p) => struct(p, {
  AssumeRolePolicyDocument: (d) => d,
  Policies: (ps) => ps.map((x) => struct(x, {PolicyDocument: (d) => d})),
});
const out = {};
for (const [name, res] of Object.entries(input)) {
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'S');
  if (res.Type === 'AWS::Scheduler::Schedule') new cdk.aws_scheduler.CfnSchedule(stack, 'R', schedule(res.Properties));
  else new cdk.aws_iam.CfnRole(stack, 'R', role(res.Properties));
  const r = app.synth().getStackByName('S').template.Resources.R;
  out[name] = {Type: r.Type, Properties: r.Properties};
}
console.log(JSON.stringify(out));
`

func TestCloudFormationMatchesCDKModel(t *testing.T) {
	if testing.Short() {
		t.Skip("runs node with aws-cdk-lib")
	}
	node, cdk := testenv.Node(t), testenv.NodeModule(t, "aws-cdk-lib")
	full, err := Schedule{Name: "nightly", Expression: "cron(0 2 ? * MON-FRI *)", Timezone: "Europe/Berlin", Description: "d",
		StartDate: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), EndDate: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		FlexibleWindow: 15 * time.Minute, State: Disabled, Input: `{"at":"<aws.scheduler.scheduled-time>"}`}.CloudFormation(AWSTarget{
		StateMachineArn: map[string]any{"Ref": "Job"}, RoleArn: map[string]any{"Fn::GetAtt": []any{"JobRole", "Arn"}},
		DeadLetterArn: "arn:aws:sqs:eu-central-1:123456789012:dlq", RetryPolicy: &RetryPolicy{MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3},
		GroupName: "reports"})
	if err != nil {
		t.Fatal(err)
	}
	minimal, err := Schedule{Name: "hourly", Expression: "rate(1 hour)"}.CloudFormation(AWSTarget{StateMachineArn: "arn:sm", RoleArn: "arn:role"})
	if err != nil {
		t.Fatal(err)
	}
	ours := map[string]any{"full": full, "minimal": minimal,
		"role": SchedulerRole([]any{map[string]any{"Ref": "Job"}}, []any{"arn:aws:sqs:eu-central-1:123456789012:dlq"})}
	got := runCDKCheck(t, node, cdk, ours)
	want := roundTrip(t, ours)
	for name := range want {
		if !reflect.DeepEqual(got[name], want[name]) {
			t.Errorf("%s: CDK's model synthesizes\n%v\nbaton renders\n%v", name, got[name], want[name])
		}
	}
}

func runCDKCheck(t *testing.T, node, cdk string, resources map[string]any) map[string]any {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "resources.json")
	b, _ := json.Marshal(resources)
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "check.js")
	if err := os.WriteFile(script, []byte(cdkCheck), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, script, cdk, in).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("node: %v\n%s", err, stderr)
	}
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return got
}

// roundTrip returns v as encoding/json decodes it, to compare with CDK's.
func roundTrip(t *testing.T, v any) map[string]any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	json.Unmarshal(b, &out)
	return out
}
