package lambdaemu

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/baton-run/baton/orchestrator/lambdaemu/internal/runtimeapi"
	"github.com/google/uuid"
)

// Function runs one Lambda function's bootstrap binary under the Runtime
// API, as Lambda would: instances start on demand (a cold start), stay warm
// between invocations, are killed at the timeout, and are replaced after a
// crash. At most Config.Concurrency instances run at once. A Function is
// safe for concurrent use; Close kills every instance.
type Function struct {
	cfg   Config
	slots chan struct{}
	done  chan struct{}
	logs  *lineWriter
	wg    sync.WaitGroup

	mu     sync.Mutex
	idle   []*instance // most recently used last
	all    map[*instance]struct{}
	closed bool
}

// Request is an invocation with the optional fields of Lambda's Invoke.
type Request struct {
	Payload         []byte
	ClientContext   string // JSON, passed as Lambda-Runtime-Client-Context
	CognitoIdentity string // JSON, passed as Lambda-Runtime-Cognito-Identity
	TraceID         string // X-Ray header; generated when empty
	RequestID       string // generated (a UUID) when empty
}

// New checks cfg and returns a Function; no process starts until the first
// invocation.
func New(cfg Config) (*Function, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(cfg.Path)
	if err != nil {
		return nil, fmt.Errorf("lambdaemu: function %q: Path: %w", cfg.Name, err)
	}
	cfg.Path = abs
	logs := &lineWriter{w: cfg.Logs}
	cfg.Logs = logs
	return &Function{
		cfg:   cfg,
		slots: make(chan struct{}, cfg.Concurrency),
		done:  make(chan struct{}),
		logs:  logs,
		all:   map[*instance]struct{}{},
	}, nil
}

// Config returns the function's configuration, defaults applied.
func (f *Function) Config() Config { return f.cfg }

// Invoke runs the function on payload and returns its result. A function
// error (a returned error, a panic, a crash, a timeout) is a Result with
// FunctionError set, not an error; the error is for the caller's context
// ending, Close, or a *ServiceError (a payload over 6 MB, a throttle).
func (f *Function) Invoke(ctx context.Context, payload []byte) (Result, error) {
	return f.InvokeRequest(ctx, Request{Payload: payload})
}

// InvokeRequest is Invoke with Lambda's optional invocation fields. When ctx
// ends first, InvokeRequest returns ctx.Err() and the invocation runs on to
// its end in the background, as a Lambda invocation outlives its caller.
func (f *Function) InvokeRequest(ctx context.Context, req Request) (Result, error) {
	if n := len(req.Payload); n > runtimeapi.MaxRequestSize {
		return Result{}, &ServiceError{Code: "RequestEntityTooLargeException", Status: 413, Message: fmt.Sprintf(
			"%d byte payload is too large for the RequestResponse invocation type (limit %d bytes)", n, runtimeapi.MaxRequestSize)}
	}
	if err := f.acquireSlot(ctx); err != nil {
		return Result{}, err
	}
	ch := make(chan Result, 1)
	go func() {
		defer f.wg.Done()
		defer func() { <-f.slots }()
		ch <- f.run(f.invocation(req))
	}()
	select {
	case res := <-ch:
		if f.isClosed() {
			return res, ErrClosed
		}
		return res, nil
	case <-ctx.Done():
		return Result{}, ctx.Err()
	}
}

// acquireSlot waits for a free concurrency slot and registers the
// invocation with the wait group.
func (f *Function) acquireSlot(ctx context.Context) error {
	if err := f.waitSlot(ctx); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		<-f.slots
		return ErrClosed
	}
	f.wg.Add(1)
	return nil
}

// waitSlot takes a concurrency slot, waiting for one unless the function
// throttles.
func (f *Function) waitSlot(ctx context.Context) error {
	if f.cfg.Throttle {
		select {
		case f.slots <- struct{}{}:
			return nil
		default:
			return &ServiceError{Code: "TooManyRequestsException", Status: 429, Message: "Rate Exceeded."}
		}
	}
	select {
	case f.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-f.done:
		return ErrClosed
	}
}

func (f *Function) invocation(req Request) runtimeapi.Invocation {
	inv := runtimeapi.Invocation{
		ID:              req.RequestID,
		Payload:         req.Payload,
		Timeout:         f.cfg.Timeout,
		FunctionARN:     f.cfg.ARN(),
		TraceID:         req.TraceID,
		ClientContext:   req.ClientContext,
		CognitoIdentity: req.CognitoIdentity,
	}
	if inv.ID == "" {
		inv.ID = uuid.NewString()
	}
	if inv.TraceID == "" {
		inv.TraceID = newTraceID(time.Now())
	}
	if inv.Payload == nil {
		inv.Payload = []byte("{}")
	}
	return inv
}

// run invokes on a warm instance, or a new one. An idle instance that died
// before taking the event is replaced once, as Lambda would.
func (f *Function) run(inv runtimeapi.Invocation) Result {
	f.logs.printf("START RequestId: %s Version: %s\n", inv.ID, f.cfg.Version)
	for attempt := 0; ; attempt++ {
		in, err := f.take()
		if err != nil {
			return f.finish(inv, f.entrypointFailure(inv, err))
		}
		stale := in.warm
		out := in.invoke(inv)
		f.put(in)
		if out.delivered || !stale || attempt > 0 {
			return f.finish(inv, out.res)
		}
	}
}

func (f *Function) finish(inv runtimeapi.Invocation, res Result) Result {
	f.logs.printf("END RequestId: %s\n%s\n", inv.ID, res.Report.Line(inv.ID))
	return res
}

func (f *Function) entrypointFailure(inv runtimeapi.Invocation, err error) Result {
	if err == ErrClosed {
		return Result{RequestID: inv.ID}
	}
	return Result{
		Payload:       errorDocument(ErrorInvalidEntrypoint, inv.ID, err.Error()),
		FunctionError: FunctionErrorUnhandled,
		RequestID:     inv.ID,
		Report:        Report{MemorySizeMB: f.cfg.MemoryMB, Status: "error"},
	}
}

// take returns the most recently used idle instance, or starts one.
func (f *Function) take() (*instance, error) {
	f.mu.Lock()
	if n := len(f.idle); n > 0 {
		in := f.idle[n-1]
		f.idle = f.idle[:n-1]
		f.mu.Unlock()
		return in, nil
	}
	f.mu.Unlock()
	in, err := startInstance(&f.cfg)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closed {
		in.kill()
		return nil, ErrClosed
	}
	f.all[in] = struct{}{}
	return in, nil
}

// put returns a live instance to the idle pool and forgets a dead one.
func (f *Function) put(in *instance) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if in.alive() && !f.closed {
		f.idle = append(f.idle, in)
		return
	}
	delete(f.all, in)
}

func (f *Function) isClosed() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.closed
}

// Instances returns the number of running instances (warm or busy).
func (f *Function) Instances() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.all)
}

// PIDs returns the process ids of the running instances.
func (f *Function) PIDs() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	pids := make([]int, 0, len(f.all))
	for in := range f.all {
		pids = append(pids, in.pid())
	}
	return pids
}

// Close kills every instance and waits for in-flight invocations to end.
// Invocations after Close return ErrClosed.
func (f *Function) Close() error {
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return nil
	}
	f.closed = true
	close(f.done)
	all := make([]*instance, 0, len(f.all))
	for in := range f.all {
		all = append(all, in)
	}
	f.all, f.idle = map[*instance]struct{}{}, nil
	f.mu.Unlock()
	for _, in := range all {
		in.kill()
	}
	f.wg.Wait()
	return nil
}

// newTraceID is an X-Ray trace header: Root=1-<epoch hex>-<96 random bits>.
func newTraceID(now time.Time) string {
	return fmt.Sprintf("Root=1-%08x-%s;Parent=%s;Sampled=0", now.Unix(), randomHex(12), randomHex(8))
}
