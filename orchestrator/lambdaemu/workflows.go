package lambdaemu

import (
	"fmt"
	"io"

	"github.com/baton-run/baton/steps"
)

// ForWorkflows returns the emulated Lambda functions of workflows, every one
// served by the bootstrap at path: a binary built from the same workflows
// (the program itself, whose orchestrator.Main serves steps when
// AWS_LAMBDA_RUNTIME_API is set, or its -tags lambda build). Each
// steps.Function becomes a Function with its name, timeout and memory; env
// is given to all (e.g. the checkpoint table and its endpoint). It is the
// Invoker behind a workflow program's `run --lambda-binary PATH`.
func ForWorkflows(path string, env map[string]string, logs io.Writer, workflows ...*steps.Workflow) (*Functions, error) {
	fs := &Functions{m: map[string]*Function{}}
	for _, wf := range workflows {
		fns, err := wf.Functions()
		if err != nil {
			fs.Close()
			return nil, err
		}
		for _, fn := range fns {
			if err := fs.addStep(fn, path, env, logs); err != nil {
				fs.Close()
				return nil, fmt.Errorf("workflow %s: %w", wf.Name(), err)
			}
		}
	}
	return fs, nil
}

// addStep adds a steps.Function once (workflows may share one).
func (fs *Functions) addStep(fn steps.Function, path string, env map[string]string, logs io.Writer) error {
	if f, ok := fs.Get(fn.Name); ok {
		if c := f.Config(); c.Timeout != fn.Timeout || c.MemoryMB != fn.MemoryMB {
			return fmt.Errorf("function %s is declared with two configurations", fn.Name)
		}
		return nil
	}
	_, err := fs.Add(Config{Name: fn.Name, Path: path, Timeout: fn.Timeout, MemoryMB: fn.MemoryMB, Env: env, Logs: logs})
	return err
}
