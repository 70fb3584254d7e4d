// Package synth turns a workflow into what AWS deploys: the state machine's
// ASL and an AWS SAM template holding the state machine, one Lambda function
// per workflow function (provided.al2023, arm64, handler bootstrap), the
// checkpoint DynamoDB table (on demand, TTL, encryption, point-in-time
// recovery, the key schema of checkpoint/dynamostore), least-privilege IAM
// and a log group.
//
// Guarantees: the IAM policies name their resources — a function may use only
// its workflow's table, the state machine may invoke only its own functions
// and start only itself (continue-as-new) — and no DynamoDB, Lambda or Step
// Functions statement has a "*" resource. X-Ray needs "*" by AWS's design and
// is the only such statement. The output is deterministic (golden-testable).
//
// Known limits: the function code is expected at CodeURI (built by
// `make lambda`); KMS customer-managed keys are not configured (AWS-owned
// keys encrypt the table).
package synth

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/baton-run/baton/orchestrator/schedule"
	"github.com/baton-run/baton/statemachines"
	"github.com/baton-run/baton/steps"
	"github.com/baton-run/baton/steps/awslambda"
)

// EnvTable is the environment variable through which a deployed function
// learns its checkpoint table's name (the one steps/awslambda reads).
const EnvTable = awslambda.TableEnv

// Options configure Synth. A nil *Options means all defaults.
type Options struct {
	// CodeURI returns where a function's code zip is, relative to the
	// template. Defaults to "../../dist/<function>-linux-arm64.zip": what
	// `make lambda` writes for a program named like the function, seen
	// from synth/<workflow>/.
	CodeURI func(function string) string
	// LogRetentionDays keeps the state machine's logs. Defaults to 30.
	LogRetentionDays int
	// Schedules start the workflow on EventBridge Scheduler, besides those
	// declared on the workflow (steps.WorkflowOptions.Schedules): each
	// becomes an AWS::Scheduler::Schedule targeting the state machine,
	// assuming one role that may start only this state machine. Defaults
	// to none.
	Schedules []schedule.Schedule
	// ScheduleRetry bounds EventBridge Scheduler's redelivery. Defaults to
	// AWS's policy (24 hours, 185 attempts).
	ScheduleRetry *schedule.RetryPolicy
	// ScheduleDeadLetterArn, when set, receives the fires EventBridge
	// Scheduler could not deliver (an SQS queue ARN or an intrinsic).
	ScheduleDeadLetterArn any
	// Resources adds CloudFormation resources by logical id; their values
	// are marshalled as they are.
	Resources map[string]any
}

func (o *Options) withDefaults() Options {
	var out Options
	if o != nil {
		out = *o
	}
	if out.CodeURI == nil {
		out.CodeURI = func(fn string) string { return "../../dist/" + fn + "-linux-arm64.zip" }
	}
	if out.LogRetentionDays == 0 {
		out.LogRetentionDays = 30
	}
	return out
}

// Output is what Synth produces for one workflow.
type Output struct {
	ASL      []byte // statemachine.asl.json, with ${...} definition substitutions
	Template []byte // template.yaml
}

// Synth compiles w and renders its deployable artefacts.
func Synth(w *steps.Workflow, opts *Options) (*Output, error) {
	o := opts.withDefaults()
	m, err := w.Compile()
	if err != nil {
		return nil, err
	}
	fns, err := w.Functions()
	if err != nil {
		return nil, err
	}
	subst := map[string]string{}
	for _, fn := range fns {
		subst[w.Options().FunctionARN(fn.Name)] = "${" + functionID(fn.Name) + "Arn}"
	}
	substituteResources(m, subst)
	asl, err := statemachines.Marshal(m)
	if err != nil {
		return nil, err
	}
	declared, err := schedule.ForWorkflow(w)
	if err != nil {
		return nil, err
	}
	extra, err := scheduleResources(w.Name(), append(declared, o.Schedules...), o)
	if err != nil {
		return nil, err
	}
	tmpl, err := marshalYAML(template(w.Name(), fns, hasDistributedMap(m), o, extra))
	if err != nil {
		return nil, err
	}
	return &Output{ASL: asl, Template: tmpl}, nil
}

// WriteDir writes each workflow's artefacts to dir/<workflow>/.
func WriteDir(dir string, workflows []*steps.Workflow, opts *Options) error {
	for _, w := range workflows {
		out, err := Synth(w, opts)
		if err != nil {
			return fmt.Errorf("synth %s: %w", w.Name(), err)
		}
		sub := filepath.Join(dir, w.Name())
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(sub, "statemachine.asl.json"), out.ASL, 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(sub, "template.yaml"), out.Template, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// substituteResources replaces Task resources found in subst, in every
// nested Parallel branch and Map processor too.
func substituteResources(m *statemachines.StateMachine, subst map[string]string) {
	for _, s := range m.States {
		if r, ok := subst[s.Resource]; ok {
			s.Resource = r
		}
		for _, b := range s.Branches {
			substituteResources(b, subst)
		}
		if s.ItemProcessor != nil {
			substituteResources(s.ItemProcessor, subst)
		}
	}
}

// functionID is a function's CloudFormation logical id: letters and digits
// only, e.g. "long-job" → "LongJobFunction".
func functionID(name string) string {
	return pascal(name) + "Function"
}

func pascal(name string) string {
	var b strings.Builder
	up := true
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z' && up:
			b.WriteRune(r - 'a' + 'A')
			up = false
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
			up = false
		default:
			up = true
		}
	}
	return b.String()
}

// hasDistributedMap reports whether m (or a nested machine) has a Map in
// DISTRIBUTED mode, whose child executions need their own permissions.
func hasDistributedMap(m *statemachines.StateMachine) bool {
	for _, s := range m.States {
		if p := s.ItemProcessor; p != nil && (p.ProcessorConfig != nil && p.ProcessorConfig.Mode == "DISTRIBUTED" || hasDistributedMap(p)) {
			return true
		}
		for _, b := range s.Branches {
			if hasDistributedMap(b) {
				return true
			}
		}
	}
	return false
}
