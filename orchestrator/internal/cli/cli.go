// Package cli implements the commands orchestrator.Main gives a workflow
// program: run, redrive and synth.
package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/orchestrator/synth"
	"github.com/baton-run/baton/steps"
)

// Env is where a command writes, and the clock it runs on.
type Env struct {
	Stdout, Stderr io.Writer
	// Clock drives the engine, the checkpoints and the long steps' slice
	// deadlines. Defaults to clock.Real; tests use a fake.
	Clock clock.Clock
}

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

type command struct {
	summary string
	run     func(args []string, env Env, wfs []*steps.Workflow) int
}

var commands = map[string]command{
	"run":      {"run an execution on the local engine", runCmd},
	"redrive":  {"resume a failed execution from the state that failed", redriveCmd},
	"synth":    {"write each workflow's ASL and SAM template (state machine, functions, table, IAM)", synthCmd},
	"schedule": {"install the workflows' schedules and run the scheduler (the steps run in-process)", scheduleCmd},
}

// Run runs the command args name.
func Run(args []string, env Env, wfs []*steps.Workflow) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stderr, wfs)
		return exitUsage
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "unknown command %q\n", args[0])
		usage(env.Stderr, wfs)
		return exitUsage
	}
	return c.run(args[1:], env, wfs)
}

func usage(w io.Writer, wfs []*steps.Workflow) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(w, "usage: %s <command> [arguments]\n\ncommands:\n", filepath.Base(os.Args[0]))
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(w, "\nworkflows: %s\n", strings.Join(workflowNames(wfs), ", "))
}

func workflowNames(wfs []*steps.Workflow) []string {
	var names []string
	for _, wf := range wfs {
		names = append(names, wf.Name())
	}
	return names
}

// pick returns the workflow called name, or the only one when name is "".
func pick(wfs []*steps.Workflow, name string) (*steps.Workflow, error) {
	if name == "" && len(wfs) == 1 {
		return wfs[0], nil
	}
	for _, wf := range wfs {
		if wf.Name() == name {
			return wf, nil
		}
	}
	if name == "" {
		return nil, fmt.Errorf("name the workflow to run: one of %s", strings.Join(workflowNames(wfs), ", "))
	}
	return nil, fmt.Errorf("no workflow %q; have %s", name, strings.Join(workflowNames(wfs), ", "))
}

// synthCmd writes DIR/NAME/statemachine.asl.json and DIR/NAME/template.yaml
// (the SAM template) for every workflow.
func synthCmd(args []string, env Env, wfs []*steps.Workflow) int {
	fs := newFlags("synth", env)
	out := fs.String("out", "synth", "directory to write each workflow's folder to")
	code := fs.String("code-uri", "", "the function zip, relative to a template "+
		"(default: ../../dist/PROGRAM-linux-arm64.zip, what `make lambda` writes)")
	if fs.Parse(args) != nil {
		return exitUsage
	}
	if *code == "" {
		*code = "../../dist/" + filepath.Base(os.Args[0]) + "-linux-arm64.zip"
	}
	opts := &synth.Options{CodeURI: func(string) string { return *code }}
	if err := synth.WriteDir(*out, wfs, opts); err != nil {
		fmt.Fprintln(env.Stderr, err)
		return exitUsage
	}
	for _, wf := range wfs {
		fmt.Fprintln(env.Stdout, filepath.Join(*out, wf.Name(), "template.yaml"))
	}
	return exitOK
}
