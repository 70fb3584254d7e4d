package steps

import (
	"reflect"
	"time"
)

// Step is one named step of a workflow. Steps are made by Task, Long,
// Choice, Parallel, Map, Wait, Pass, Succeed, Fail and Goto.
type Step interface {
	// Name returns the step's name, unique within its workflow.
	Name() string
	node() *node
}

// kind is what a step compiles to.
type kind int

const (
	kindTask kind = iota
	kindLong
	kindChoice
	kindParallel
	kindMap
	kindWait
	kindPass
	kindSucceed
	kindFail
	kindGoto
)

var kindNames = [...]string{"Task", "Long", "Choice", "Parallel", "Map", "Wait", "Pass", "Succeed", "Fail", "Goto"}

func (k kind) String() string { return kindNames[k] }

// node is the compiler's view of a step. Builders fill the fields that
// apply to their kind.
type node struct {
	name string
	kind kind
	next string // explicit jump target; "" = the following step
	err  string // a construction error reported at compile time

	handler  *handler // Task, Long
	function *Function
	retry    *RetryPolicy
	catch    []Catch
	long     LongOptions

	rules     []Rule // Choice
	otherwise string

	branches []*Seq // Parallel; Map has one
	mapOpts  MapOptions

	wait     time.Duration // Wait
	waitPath string

	result    any // Pass
	hasResult bool

	errName, cause string // Fail
}

func (n *node) Name() string { return n.name }
func (n *node) node() *node  { return n }

// terminal reports whether the step never flows to the following step.
func (n *node) terminal() bool {
	switch n.kind {
	case kindSucceed, kindFail, kindChoice, kindGoto:
		return true
	}
	return n.next != ""
}

// handler is a Task or Long step's function with its JSON types.
type handler struct {
	fn             reflect.Value
	in, out, state reflect.Type
	invoke         invokeFunc
	long           bool
	jobID          func(input []byte) string // the job the input names, or ""
}

// Catch sends a step's errors to another step instead of failing the
// workflow.
type Catch struct {
	// Errors are the error names caught (see ErrorName). Defaults to
	// []string{"States.ALL"}.
	Errors []string
	// Next is the step that runs with the error as its input. Required.
	Next string
	// ResultPath places the error object ({"Error", "Cause"}) in the
	// step's input instead of replacing it, e.g. "$.error". Defaults to "$".
	ResultPath string
}

// Function is the Lambda function a step runs in. Every step of a workflow
// runs in the workflow's function unless a step names its own.
type Function struct {
	// Name of the function. Defaults to the workflow's name.
	Name string
	// Timeout of one invocation; a long step's slices end before it.
	// Defaults to 15 minutes (Lambda's maximum).
	Timeout time.Duration
	// MemoryMB defaults to 1024.
	MemoryMB int
}

func (f Function) withDefaults(workflow string) Function {
	if f.Name == "" {
		f.Name = workflow
	}
	if f.Timeout == 0 {
		f.Timeout = 15 * time.Minute
	}
	if f.MemoryMB == 0 {
		f.MemoryMB = 1024
	}
	return f
}

// Goto makes the step listed before it jump to target instead of flowing to
// the step listed after it. It is how loops are written:
//
//	wf.Add(fetch, process, steps.Goto("fetch"))
func Goto(target string) Step { return &node{kind: kindGoto, next: target} }

// Seq is a sequence of steps: a Parallel branch or a Map's item processor.
type Seq struct{ steps []Step }

// Sequence returns the steps as one branch, read top to bottom like a
// workflow.
func Sequence(steps ...Step) *Seq { return &Seq{steps: steps} }
