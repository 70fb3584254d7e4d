package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/steps"
)

// runCmd runs one execution of a workflow to its end.
func runCmd(args []string, env Env, wfs []*steps.Workflow) int {
	fs := newFlags("run", env)
	sf := addStoreFlags(fs)
	input := fs.String("input", "{}", "execution input: JSON, or @FILE")
	timeout := fs.Duration("timeout", 0, "replace every function's timeout (Lambda's limit, scaled down for a local run)")
	name := fs.String("name", "", "execution name, the job id of its long steps (default WORKFLOW-TIMESTAMP)")
	asJSON := fs.Bool("json", false, "print one JSON object: status, output, error, cause, events")
	quiet := fs.Bool("quiet", false, "no progress display")
	noRenew := fs.Bool("no-renew", false, "never continue a long step as a new execution (the local engine "+
		"enforces Step Functions' 25,000-event history limit: a long step past it then fails)")
	wfName, rest := positional(args)
	if fs.Parse(rest) != nil {
		return exitUsage
	}
	wf, err := pick(wfs, wfName)
	in, ierr := readInput(*input)
	if err != nil || ierr != nil {
		fmt.Fprintln(env.Stderr, "run:", firstErr(err, ierr))
		return exitUsage
	}
	prog := newProgress(env.Stderr, *quiet)
	s, err := open(sf, wfs, &steps.HandlerOptions{Clock: env.Clock, Timeout: *timeout, Observe: prog.observe, NoRenew: *noRenew})
	if err != nil {
		fmt.Fprintln(env.Stderr, "run:", err)
		return exitUsage
	}
	defer s.close()
	return s.run(env, wf, execName(*name, wf), in, *asJSON, prog)
}

// run starts the execution, waits for it (or an interrupt) and reports.
func (s *session) run(env Env, wf *steps.Workflow, name, input string, asJSON bool, prog *progress) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	arn, err := s.deploy(ctx, wf)
	if err != nil {
		fmt.Fprintln(env.Stderr, "run:", err)
		return exitUsage
	}
	start := time.Now()
	prog.started(wf.Name(), name) // before any slice reports
	x, err := s.engine.StartExecution(ctx, arn, name, input)
	if err != nil {
		fmt.Fprintln(env.Stderr, "run:", err)
		return exitUsage
	}
	return s.finish(ctx, env, x, asJSON, prog, start)
}

// finish waits for x to end — and for the executions it continued as —
// then prints the summary and the last one's result.
func (s *session) finish(ctx context.Context, env Env, x local.Execution, asJSON bool, prog *progress, start time.Time) int {
	first := x.Name
	x, chain, err := s.follow(ctx, x, prog.renewed)
	if err != nil {
		fmt.Fprintf(env.Stderr, "stopped waiting for %s: %v (it resumes when the engine next opens this file)\n", x.Name, err)
		return exitFailed
	}
	n, per := s.invocations()
	prog.summary(fmt.Sprintf("%s %s in %s%s: %d invocations (%s)", first, x.Status,
		time.Since(start).Round(10*time.Millisecond), executions(chain), n, per))
	return s.report(ctx, env, x, chain, asJSON)
}

// executions says how many executions a chain took, when more than one.
func executions(chain []string) string {
	if len(chain) < 2 {
		return ""
	}
	return fmt.Sprintf(" over %d executions", len(chain))
}

// positional splits a leading workflow name off the flags.
func positional(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
}

// readInput returns the input JSON text, read from a file for @FILE.
func readInput(v string) (string, error) {
	if !strings.HasPrefix(v, "@") {
		return v, nil
	}
	b, err := os.ReadFile(v[1:])
	return string(b), err
}

func execName(name string, wf *steps.Workflow) string {
	if name != "" {
		return name
	}
	return wf.Name() + "-" + time.Now().UTC().Format("20060102T150405.000Z")[:19]
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// redriveCmd resumes a failed execution.
func redriveCmd(args []string, env Env, wfs []*steps.Workflow) int {
	fs := newFlags("redrive", env)
	sf := addStoreFlags(fs)
	asJSON := fs.Bool("json", false, "print one JSON object: status, output, error, cause, events")
	quiet := fs.Bool("quiet", false, "no progress display")
	id, rest := positional(args)
	if fs.Parse(rest) != nil || id == "" {
		fmt.Fprintln(env.Stderr, "usage: redrive EXECUTION_ARN [--db PATH]")
		return exitUsage
	}
	prog := newProgress(env.Stderr, *quiet)
	s, err := open(sf, wfs, &steps.HandlerOptions{Clock: env.Clock, Observe: prog.observe})
	if err != nil {
		fmt.Fprintln(env.Stderr, "redrive:", err)
		return exitUsage
	}
	defer s.close()
	start := time.Now()
	x, err := s.engine.RedriveExecution(context.Background(), id)
	if err != nil {
		fmt.Fprintln(env.Stderr, "redrive:", err)
		return exitFailed
	}
	return s.finish(context.Background(), env, x, *asJSON, prog, start)
}
