package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/baton-run/baton/orchestrator/lambdaemu"
	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/steps"
)

// The environment of a workflow program started by the Lambda emulator:
// where its checkpoints are (orchestrator.CheckpointDBEnv) and the timeout
// its long steps budget for (orchestrator.StepTimeoutEnv).
const (
	checkpointDBEnv = "BATON_CHECKPOINT_DB"
	stepTimeoutEnv  = "BATON_STEP_TIMEOUT"
)

// lambdaFunctions serves every workflow's functions from the bootstrap at
// bin under the Lambda emulator: the program built from the same workflows
// (orchestrator.Main serves the steps when the emulator starts it). The
// function processes share the checkpoint SQLite file db with the session.
// timeout, when set, replaces every function's timeout, as it does for
// in-process steps. logs receives the functions' output and REPORT lines.
func lambdaFunctions(bin, db string, timeout time.Duration, logs io.Writer, wfs []*steps.Workflow) (*lambdaemu.Functions, error) {
	if db == "" {
		return nil, fmt.Errorf("--lambda-binary needs --db: the function processes share its checkpoints")
	}
	abs, err := filepath.Abs(db)
	if err == nil {
		bin, err = filepath.Abs(bin)
	}
	if err != nil {
		return nil, err
	}
	fs, err := lambdaemu.NewFunctions()
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, wf := range wfs {
		fns, err := wf.Functions()
		if err != nil {
			fs.Close()
			return nil, err
		}
		for _, fn := range fns {
			if seen[fn.Name] {
				continue
			}
			seen[fn.Name] = true
			cfg := lambdaemu.Config{Name: fn.Name, Path: bin, Timeout: fn.Timeout, MemoryMB: fn.MemoryMB,
				Env: map[string]string{checkpointDBEnv: abs}, Logs: logs}
			if timeout > 0 {
				cfg.Timeout, cfg.Env[stepTimeoutEnv] = timeout, timeout.String()
			}
			if _, err := fs.Add(cfg); err != nil {
				fs.Close()
				return nil, fmt.Errorf("workflow %s: %w", wf.Name(), err)
			}
		}
	}
	return fs, nil
}

// counting counts each invocation of inv per step, for the run's summary.
func (s *session) counting(inv local.Invoker) local.Invoker {
	return local.InvokerFunc(func(ctx context.Context, res string, in []byte, meta local.InvokeMeta) ([]byte, error) {
		if step, err := steps.PayloadStep(in); err == nil {
			s.mu.Lock()
			s.invokes[step]++
			s.mu.Unlock()
		}
		return inv.Invoke(ctx, res, in, meta)
	})
}

// invokerFor returns the session's Invoker: the workflows' handlers
// in-process, or with --lambda-binary the emulated functions, whose
// invocation reports attach keeps with the engine's executions.
func (s *session) invokerFor(sf storeFlags, db string, wfs []*steps.Workflow, hopts *steps.HandlerOptions) (local.Invoker, func(*local.Engine), error) {
	if sf.lambda == nil || *sf.lambda == "" {
		inv, err := s.invoker(wfs, hopts)
		return inv, func(*local.Engine) {}, err
	}
	var timeout time.Duration
	if hopts != nil {
		timeout = hopts.Timeout
	}
	fs, err := lambdaFunctions(*sf.lambda, db, timeout, sf.logs, wfs)
	if err != nil {
		return nil, nil, err
	}
	s.fns = fs
	if hopts != nil {
		observeSlices(fs, hopts.Observe)
	}
	return s.counting(fs), fs.RecordReports(), nil
}
