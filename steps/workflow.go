package steps

import (
	"sync"
	"time"

	"github.com/baton-run/baton/statemachines"
)

// WorkflowOptions configure a workflow. A nil *WorkflowOptions means all
// defaults.
type WorkflowOptions struct {
	// Comment is the state machine's Comment. Defaults to "".
	Comment string
	// Function is the Lambda function every step runs in unless the step
	// names its own. Defaults to a function named after the workflow with a
	// 15-minute timeout and 1024 MB.
	Function Function
	// Timeout bounds a whole execution (TimeoutSeconds). Defaults to none.
	Timeout time.Duration
	// FunctionARN maps a function name to the Resource of the Task states
	// that invoke it. Defaults to DefaultFunctionARN.
	FunctionARN func(name string) string
	// MaxSlicesPerExecution is how many slices of one long step an
	// execution runs before it continues as a new execution carrying the
	// job id, to stay under Step Functions' 25,000 history events (one
	// slice writes 7). Defaults to 2,500.
	MaxSlicesPerExecution int
	// Schedules start the workflow on a schedule. Defaults to none.
	Schedules []Schedule
}

// DefaultFunctionARN is the Resource of a Lambda function in compiled
// definitions: a fixed placeholder account and region that deployment
// substitutes ("arn:aws:lambda:us-east-1:123456789012:function:NAME").
func DefaultFunctionARN(name string) string {
	return "arn:aws:lambda:us-east-1:123456789012:function:" + name
}

func (o WorkflowOptions) withDefaults(name string) WorkflowOptions {
	o.Function = o.Function.withDefaults(name)
	if o.FunctionARN == nil {
		o.FunctionARN = DefaultFunctionARN
	}
	if o.MaxSlicesPerExecution == 0 {
		o.MaxSlicesPerExecution = 2500
	}
	return o
}

// Workflow is a named list of steps. Build it with New and Add; it is
// compiled (and checked) on first use, after which it must not change.
type Workflow struct {
	name  string
	opts  WorkflowOptions
	steps []Step

	once     sync.Once
	compiled *compiled
	err      error
}

// New returns an empty workflow. The name is the state machine's name and,
// by default, its Lambda function's.
func New(name string, opts *WorkflowOptions) *Workflow {
	w := &Workflow{name: name}
	if opts != nil {
		w.opts = *opts
	}
	w.opts = w.opts.withDefaults(name)
	return w
}

// Add appends steps; they run in the order added unless a step jumps.
func (w *Workflow) Add(steps ...Step) *Workflow {
	w.steps = append(w.steps, steps...)
	return w
}

// Name returns the workflow's name.
func (w *Workflow) Name() string { return w.name }

// Options returns the workflow's options with defaults applied.
func (w *Workflow) Options() WorkflowOptions { return w.opts }

// Compile checks the workflow and returns its state machine. Every problem
// found is reported in one *DefinitionError.
func (w *Workflow) Compile() (*statemachines.StateMachine, error) {
	c, err := w.build()
	if err != nil {
		return nil, err
	}
	return c.machine, nil
}

// ASL returns the workflow's definition as Amazon States Language JSON.
func (w *Workflow) ASL() ([]byte, error) {
	m, err := w.Compile()
	if err != nil {
		return nil, err
	}
	return statemachines.Marshal(m)
}

// Functions returns the Lambda functions the workflow's steps run in, the
// workflow's own first.
func (w *Workflow) Functions() ([]Function, error) {
	c, err := w.build()
	if err != nil {
		return nil, err
	}
	return c.functions, nil
}

// build checks and compiles the workflow once.
func (w *Workflow) build() (*compiled, error) {
	w.once.Do(func() { w.compiled, w.err = compile(w) })
	return w.compiled, w.err
}

// StepsIn returns the names of the Task and Long steps that run in the
// Lambda function called function (every one when function is ""), sorted.
func (w *Workflow) StepsIn(function string) ([]string, error) {
	c, err := w.build()
	if err != nil {
		return nil, err
	}
	var names []string
	for _, name := range sortedNames(c.steps) {
		if function == "" || c.steps[name].function.Name == function {
			names = append(names, name)
		}
	}
	return names, nil
}
