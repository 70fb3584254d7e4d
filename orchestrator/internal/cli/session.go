package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/memstore"
	"github.com/baton-run/baton/checkpoint/sqlitestore"
	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/orchestrator/lambdaemu"
	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/steps"
)

// newFlags returns a FlagSet that reports to env.Stderr.
func newFlags(name string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}

// storeFlags are the flags choosing where the engine keeps its data.
type storeFlags struct {
	db     *string
	memory *bool
	lambda *string // --lambda-binary (nil: none); see lambda.go
	logs   io.Writer
}

func addStoreFlags(fs *flag.FlagSet) storeFlags {
	return storeFlags{
		db:     fs.String("db", "baton.db", "SQLite file of executions, history and checkpoints"),
		memory: fs.Bool("memory", false, "keep everything in memory instead of --db"),
		lambda: fs.String("lambda-binary", "", "run the steps in this bootstrap (the program built for Lambda) "+
			"under the Lambda emulator instead of in-process; its logs go to stderr"),
		logs: fs.Output(),
	}
}

// session is a local engine serving the workflows' steps in-process.
type session struct {
	engine *local.Engine
	store  *checkpoint.Store
	fns    *lambdaemu.Functions // with --lambda-binary

	mu      sync.Mutex
	invokes map[string]int // by step
}

// open starts the engine and the checkpoint store (the same SQLite file)
// with a handler for every workflow, all on hopts.Clock.
func open(sf storeFlags, wfs []*steps.Workflow, hopts *steps.HandlerOptions) (*session, error) {
	s := &session{invokes: map[string]int{}}
	var err error
	path := *sf.db
	clk := clock.Real
	if hopts != nil {
		clk = clock.OrReal(hopts.Clock) // the engine's and the store's too
	}
	if *sf.memory {
		path = ""
		s.store, err = memstore.Open(&checkpoint.Options{Now: clk.Now})
	} else {
		s.store, err = sqlitestore.Open(path, &checkpoint.Options{Now: clk.Now})
	}
	if err != nil {
		return nil, err
	}
	inv, attach, err := s.invokerFor(sf, path, wfs, hopts)
	if err != nil {
		s.close()
		return nil, err
	}
	if s.engine, err = local.Open(local.Options{Path: path, Clock: clk, Invoker: inv}); err != nil {
		s.close()
		return nil, err
	}
	attach(s.engine)
	return s, nil
}

func (s *session) close() {
	if s.engine != nil {
		s.engine.Close()
	}
	if s.fns != nil {
		s.fns.Close()
	}
	s.store.Close()
}

// invoker registers each workflow's handler under its functions' names and
// counts invocations per step.
func (s *session) invoker(wfs []*steps.Workflow, hopts *steps.HandlerOptions) (local.Invoker, error) {
	hs := local.NewHandlers()
	for _, wf := range wfs {
		h, err := steps.NewHandler(wf, s.store, hopts)
		if err != nil {
			return nil, err
		}
		fns, _ := wf.Functions()
		for _, f := range fns {
			hs.Register(f.Name, h)
		}
	}
	return s.counting(hs), nil
}

// deploy creates (or updates) the workflow's state machine.
func (s *session) deploy(ctx context.Context, wf *steps.Workflow) (string, error) {
	asl, err := wf.ASL()
	if err != nil {
		return "", err
	}
	sm, err := s.engine.CreateStateMachine(ctx, wf.Name(), asl, nil)
	if err == nil {
		return sm.Arn, nil
	}
	arn := s.engine.StateMachineArn(wf.Name())
	if _, uerr := s.engine.UpdateStateMachine(ctx, arn, asl, nil); uerr != nil {
		return "", err
	}
	return arn, nil
}

// invocations describes how many invocations each step took.
func (s *session) invocations() (int, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	total, parts := 0, []string{}
	for step, n := range s.invokes {
		total += n
		parts = append(parts, fmt.Sprintf("%s %d", step, n))
	}
	sort.Strings(parts)
	return total, strings.Join(parts, ", ")
}

// report prints an execution's end: output on stdout, error on stderr, or
// one JSON object with the history under --json. It returns the exit code.
func (s *session) report(ctx context.Context, env Env, x local.Execution, chain []string, asJSON bool) int {
	code := exitOK
	if x.Status != local.StatusSucceeded {
		code = exitFailed
	}
	if asJSON {
		evs, _, _ := s.engine.GetExecutionHistory(ctx, x.Arn, local.HistoryOptions{})
		writeJSON(env.Stdout, x, chain, evs)
		return code
	}
	if code == exitOK {
		fmt.Fprintln(env.Stdout, indent(x.Output))
	} else {
		fmt.Fprintf(env.Stderr, "%s: %s\n", x.Error, x.Cause)
		redriveHint(env.Stderr, x)
	}
	return code
}

// writeJSON prints the last execution of a chain; "executions" lists the
// chain's ARNs when a long step continued as new executions.
// redriveHint names the command that redrives x (the last execution of a
// chain, which the first one's name does not find).
func redriveHint(w io.Writer, x local.Execution) {
	if x.Redrivable() {
		fmt.Fprintf(w, "redrive with: %s redrive %s\n", filepath.Base(os.Args[0]), x.Arn)
	}
}

func writeJSON(w io.Writer, x local.Execution, chain []string, evs []local.HistoryEvent) {
	out := map[string]any{"status": x.Status, "events": evs}
	if len(chain) > 1 {
		out["executions"] = chain
	}
	if x.Output != "" {
		out["output"] = json.RawMessage(x.Output)
	}
	if x.Error != "" || x.Cause != "" {
		out["error"], out["cause"] = x.Error, x.Cause
	}
	b, _ := json.Marshal(out)
	fmt.Fprintln(w, string(b))
}

func indent(s string) string {
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return s
	}
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}
