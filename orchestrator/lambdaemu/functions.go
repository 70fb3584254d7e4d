package lambdaemu

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/baton-run/baton/orchestrator/local"
	asl "github.com/baton-run/baton/statemachines"
	"github.com/google/uuid"
)

// Functions is a set of emulated functions by name. It is the local
// engine's Invoker for Lambda tasks whose function (by name or ARN) it
// holds; other resources are local.ErrNotHandled, so it chains with
// local.Handlers and others in a local.Chain.
type Functions struct {
	// OnReport, when set, receives every invocation's result with its
	// Report (cold start, durations, memory), e.g. to record it in the
	// execution's history or print it. It must not block for long.
	OnReport func(function string, meta local.InvokeMeta, res Result)

	mu sync.RWMutex
	m  map[string]*Function
}

var _ local.Invoker = (*Functions)(nil)

// NewFunctions starts a Function for each configuration.
func NewFunctions(cfgs ...Config) (*Functions, error) {
	fs := &Functions{m: map[string]*Function{}}
	for _, c := range cfgs {
		if _, err := fs.Add(c); err != nil {
			fs.Close()
			return nil, err
		}
	}
	return fs, nil
}

// Add registers a new function; its name must be unused.
func (fs *Functions) Add(cfg Config) (*Function, error) {
	f, err := New(cfg)
	if err != nil {
		return nil, err
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if _, dup := fs.m[cfg.Name]; dup {
		f.Close()
		return nil, fmt.Errorf("lambdaemu: function %q is defined twice", cfg.Name)
	}
	fs.m[cfg.Name] = f
	return f, nil
}

// Get returns the function of that name.
func (fs *Functions) Get(name string) (*Function, bool) {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	f, ok := fs.m[name]
	return f, ok
}

// Names returns the functions' names, sorted.
func (fs *Functions) Names() []string {
	fs.mu.RLock()
	defer fs.mu.RUnlock()
	names := make([]string, 0, len(fs.m))
	for n := range fs.m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Invoke implements local.Invoker. A function error is returned as a
// *statemachines.Error named by the error document's errorType (what Retry
// and Catch match, e.g. "Sandbox.Timedout" for a timeout) with the document
// as cause, as Step Functions records a Lambda failure.
func (fs *Functions) Invoke(ctx context.Context, resource string, input []byte, meta local.InvokeMeta) ([]byte, error) {
	name := local.FunctionName(resource)
	f, ok := fs.Get(name)
	if !ok {
		return nil, local.ErrNotHandled
	}
	res, err := f.Invoke(ctx, input)
	if err != nil {
		return nil, serviceFailure(err)
	}
	if fs.OnReport != nil {
		fs.OnReport(name, meta, res)
	}
	if res.Failed() {
		n, cause := res.Error()
		return nil, &asl.Error{Name: n, Cause: cause}
	}
	return res.Payload, nil
}

// serviceFailure names a Lambda service error as Step Functions reports it.
func serviceFailure(err error) error {
	var se *ServiceError
	if !errors.As(err, &se) {
		return err
	}
	return &asl.Error{Name: se.Name(), Cause: fmt.Sprintf(
		"%s (Service: AWSLambda; Status Code: %d; Error Code: %s; Request ID: %s; Proxy: null)",
		se.Message, se.Status, se.Code, uuid.NewString())}
}

// Close kills every instance of every function.
func (fs *Functions) Close() error {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var wg sync.WaitGroup
	for _, f := range fs.m {
		wg.Go(func() { f.Close() })
	}
	wg.Wait()
	return nil
}
