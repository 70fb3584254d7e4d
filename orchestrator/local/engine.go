package local

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/orchestrator/internal/enginestore"
)

// Options configure Open. The zero value is an in-memory engine on the
// real clock with no task handlers.
type Options struct {
	// Path is the SQLite file holding state machines, executions and
	// history. Defaults to "": everything stays in memory.
	Path string
	// Clock drives Wait states, retry backoff and timeouts. Defaults to
	// clock.Real.
	Clock clock.Clock
	// Invoker resolves Task resources. Defaults to none: Lambda tasks fail
	// with Lambda.ResourceNotFoundException.
	Invoker Invoker
	// Mocks, when set, answers the Task states its test case lists instead
	// of invoking them. Defaults to nil.
	Mocks *MockConfig
	// Region and Account appear in ARNs. Default to "us-east-1" and
	// "123456789012".
	Region  string
	Account string
	// NoResume leaves RUNNING executions found in the file alone instead of
	// resuming them on Open. Defaults to false.
	NoResume bool
	// MaxHistoryEvents is how many events a STANDARD execution's history
	// holds, as Step Functions' hard quota: an execution that would record
	// more (other than the event ending it) fails with States.Runtime.
	// Defaults to DefaultMaxHistoryEvents (25,000); negative: no limit.
	MaxHistoryEvents int
	// Logger receives diagnostics. Defaults to slog.Default().
	Logger *slog.Logger
}

func (o Options) withDefaults() Options {
	o.Clock = clock.OrReal(o.Clock)
	if o.Region == "" {
		o.Region = "us-east-1"
	}
	if o.Account == "" {
		o.Account = "123456789012"
	}
	if o.MaxHistoryEvents == 0 {
		o.MaxHistoryEvents = DefaultMaxHistoryEvents
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}

// Engine stores state machines and runs their executions. It is safe for
// concurrent use.
type Engine struct {
	opts  Options
	clk   clock.Clock
	store enginestore.Store

	ctx     context.Context // cancelled by Close: executions stop without recording anything
	cancel  context.CancelFunc
	closing atomic.Bool // set by Close before cancelling ctx
	wg      sync.WaitGroup

	mu     sync.Mutex
	runs   map[string]*run // running executions by ARN
	tokens map[string]*callback
	closed bool
	models sync.Map // definition text → *statemachines.StateMachine
}

// Open opens (or creates) the engine's store and resumes the executions
// that were running when the process stopped.
func Open(opts Options) (*Engine, error) {
	opts = opts.withDefaults()
	var store enginestore.Store = enginestore.NewMemory()
	if opts.Path != "" {
		s, err := enginestore.OpenSQLite(opts.Path)
		if err != nil {
			return nil, err
		}
		store = s
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &Engine{opts: opts, clk: opts.Clock, store: store, ctx: ctx, cancel: cancel,
		runs: map[string]*run{}, tokens: map[string]*callback{}}
	if !opts.NoResume {
		if err := e.resumeAll(); err != nil {
			e.Close()
			return nil, err
		}
	}
	return e, nil
}

// Close stops the running executions where they are (they stay RUNNING and
// resume on the next Open), waits for their goroutines, flushes the store
// and closes it.
func (e *Engine) Close() error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	e.mu.Unlock()
	e.closing.Store(true)
	e.cancel()
	e.wg.Wait()
	return e.store.Close()
}

func (e *Engine) resumeAll() error {
	xs, err := e.store.Executions("")
	if err != nil {
		return fmt.Errorf("local: list executions to resume: %w", err)
	}
	for _, x := range xs {
		if Status(x.Status) != StatusRunning {
			continue
		}
		if err := e.launch(x, false); err != nil {
			e.opts.Logger.Error("local: cannot resume execution", "arn", x.Arn, "err", err)
		}
	}
	return nil
}

func (e *Engine) isClosed() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return ErrClosed
	}
	return nil
}

func notFound(err error, sentinel error, arn string) error {
	if errors.Is(err, enginestore.ErrNotFound) {
		return fmt.Errorf("%w: %s", sentinel, arn)
	}
	return err
}
