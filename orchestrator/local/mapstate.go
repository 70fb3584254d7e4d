package local

import (
	"context"
	"fmt"
	"github.com/google/uuid"
	"sync"

	"github.com/baton-run/baton/orchestrator/internal/history"
	asl "github.com/baton-run/baton/statemachines"
)

// Concurrency caps: Step Functions runs at most 40 iterations of an inline
// Map at once whatever MaxConcurrency says; a distributed Map's child runs
// are bounded here to keep goroutines in check.
const (
	maxInline      = 40
	maxDistributed = 1000
)

// mapConfig is a Map state's evaluated configuration.
type mapConfig struct {
	items       []any
	concurrency int
	toleratedN  int64   // -1: not set
	toleratedP  float64 // -1: not set
}

func (s *stateRun) mapState() (any, string, *asl.Error) {
	eff, ferr := s.inputPath()
	if ferr != nil {
		return nil, "", ferr
	}
	cfg, ferr := s.mapConfig(eff)
	if ferr == nil && s.st.ItemReader != nil {
		ferr = s.runtimef("ItemReader (reading items from S3) is not supported by the local engine")
	}
	if ferr != nil {
		if ferr.Name == asl.ErrQueryEvaluation {
			s.th.emit("EvaluationFailed", history.EvaluationFailed{Error: ferr.Name, Cause: ferr.Cause, State: s.st.Name})
			s.reported = true
		}
		s.th.emit("MapStateFailed", nil)
		return nil, "", ferr
	}
	result, ferr := s.retrying(func() (any, *asl.Error) { return s.runIterations(eff, cfg) })
	if ferr == nil {
		if out, next, err := s.finish(result); err == nil {
			return out, next, nil
		} else {
			ferr = err
		}
	}
	if ferr == errAborted {
		s.th.emit("MapStateAborted", nil)
		return nil, "", ferr
	}
	s.th.emit("MapStateFailed", nil)
	if out, next, err, ok := s.catch(ferr); ok {
		return out, next, err
	}
	return nil, "", ferr
}

// iterationInputs applies ItemSelector and ItemBatcher to the items.
func (s *stateRun) iterationInputs(eff any, items []any) ([]any, *asl.Error) {
	sel := s.st.ItemSelector
	out := make([]any, len(items))
	for i, item := range items {
		out[i] = item
		if sel == nil {
			continue
		}
		s.mapItem = map[string]any{"Index": float64(i), "Value": item}
		v, ferr := s.selectItem(sel, eff)
		s.mapItem = nil
		if ferr != nil {
			return nil, ferr
		}
		out[i] = v
	}
	if s.st.ItemBatcher == nil {
		return out, nil
	}
	return s.batch(eff, out)
}

// runIterations runs one attempt of the Map: every iteration, at most
// cfg.concurrency at a time.
func (s *stateRun) runIterations(eff any, cfg mapConfig) (any, *asl.Error) {
	inputs, ferr := s.iterationInputs(eff, cfg.items)
	if ferr != nil {
		return nil, ferr
	}
	started := s.th.emit("MapStateStarted", history.MapStarted{Length: len(inputs)})
	m := &mapRun{s: s, cfg: cfg, total: len(inputs), results: make([]any, len(inputs)), distributed: s.distributed()}
	if m.distributed {
		s.th.emit("MapRunStarted", history.MapRunStarted{MapRunArn: s.mapRunArn()})
	}
	m.runAll(started, inputs)
	if m.err != nil {
		if m.distributed {
			s.th.emit("MapRunFailed", history.Failure{Error: m.err.Name, Cause: m.err.Cause})
		}
		return nil, m.err
	}
	if s.th.ctx.Err() != nil {
		return nil, errAborted
	}
	if m.distributed {
		s.th.emit("MapRunSucceeded", nil)
	}
	s.th.emit("MapStateSucceeded", nil)
	return m.results, nil
}

// mapRun is the shared state of one Map attempt's iterations.
type mapRun struct {
	s       *stateRun
	cfg     mapConfig
	total   int
	results []any
	cancel  context.CancelFunc
	// distributed Maps run their iterations as child executions: no
	// MapIteration events in this history.
	distributed bool

	mu       sync.Mutex
	failures int
	err      *asl.Error
}

// runAll runs the iterations in index order, at most cfg.concurrency at a
// time, until all have ended or one failure too many cancelled the rest.
func (m *mapRun) runAll(started *history.Event, inputs []any) {
	s := m.s
	ctx, cancel := context.WithCancel(s.th.ctx)
	defer cancel()
	m.cancel = cancel
	sem := make(chan struct{}, m.cfg.concurrency)
	var wg sync.WaitGroup
	for i, in := range inputs {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		child := s.th.child(ctx, s.st.Name, s.lang(), started, i)
		child.silent = child.silent || m.distributed
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			m.iterate(child, i, in)
		}()
	}
	wg.Wait()
}

func (m *mapRun) iterate(th *thread, i int, input any) {
	name := m.s.st.Name
	th.emit("MapIterationStarted", history.MapIteration{Name: name, Index: i})
	child := m.childRun(th, input) // nil unless distributed (mapchild.go)
	if out, ok := child.recorded(); ok {
		m.results[i] = out
		th.emit("MapIterationSucceeded", history.MapIteration{Name: name, Index: i})
		return
	}
	out, err := th.runMachine(m.s.st.ItemProcessor, input)
	switch {
	case err == nil:
		m.results[i] = out
		child.succeeded(out, th.r.e.clk.Now())
		th.emit("MapIterationSucceeded", history.MapIteration{Name: name, Index: i})
	case err == errAborted:
		th.emit("MapIterationAborted", history.MapIteration{Name: name, Index: i})
	default:
		th.emit("MapIterationFailed", history.MapIteration{Name: name, Index: i})
		m.failed(err)
	}
}

func (m *mapRun) failed(err *asl.Error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.failures++
	if m.err != nil {
		return
	}
	tolerant := m.cfg.toleratedN >= 0 || m.cfg.toleratedP >= 0
	if !tolerant {
		m.err = err
		m.cancel()
		return
	}
	overCount := m.cfg.toleratedN >= 0 && int64(m.failures) > m.cfg.toleratedN
	overPct := m.cfg.toleratedP >= 0 && float64(m.failures)*100/float64(m.total) > m.cfg.toleratedP
	if overCount || overPct {
		m.err = &asl.Error{Name: asl.ErrExceedToleratedFail, Cause: fmt.Sprintf(
			"The specified tolerated failure threshold was exceeded: %d of %d items failed", m.failures, m.total)}
		m.cancel()
	}
}

// selectItem evaluates ItemSelector for the item in s.mapItem.
func (s *stateRun) selectItem(sel, eff any) (any, *asl.Error) {
	if s.jsonata {
		return s.evalJ("ItemSelector", sel, s.states())
	}
	v, err := asl.EvalTemplate(sel, eff, s.env())
	if err != nil {
		return nil, s.failure(err)
	}
	return v, nil
}

func orQueryError(ferr, other *asl.Error) *asl.Error {
	if ferr != nil {
		return ferr
	}
	return other
}

// distributed reports whether the Map runs in DISTRIBUTED mode.
func (s *stateRun) distributed() bool {
	pc := s.st.ItemProcessor.ProcessorConfig
	return pc != nil && pc.Mode == "DISTRIBUTED"
}

// mapRunArn names a distributed Map's run as AWS does.
func (s *stateRun) mapRunArn() string {
	label := s.st.Label
	if label == "" {
		label = s.st.Name
	}
	r := s.th.r
	return fmt.Sprintf("arn:aws:states:%s:%s:mapRun:%s/%s:%s", r.e.opts.Region, r.e.opts.Account,
		r.x.StateMachineName, label, uuid.NewString())
}
