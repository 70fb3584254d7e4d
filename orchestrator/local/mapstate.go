package local

import (
	"context"
	"fmt"
	"github.com/google/uuid"
	"math"
	"strings"
	"sync"

	"github.com/baton-run/baton/orchestrator/internal/history"
	asl "github.com/baton-run/baton/statemachines"
)

// maxGoroutines bounds a Map without MaxConcurrency.
const maxGoroutines = 1000

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

func (s *stateRun) mapConfig(eff any) (mapConfig, *asl.Error) {
	cfg := mapConfig{toleratedN: -1, toleratedP: -1}
	items := eff
	if s.jsonata && s.st.Items != nil {
		v, ferr := s.evalJ("Items", s.st.Items, s.states())
		if ferr != nil {
			return cfg, ferr
		}
		items = v
	} else if s.st.ItemsPath.Set && !s.st.ItemsPath.Null {
		v, err := asl.EvalPath(s.st.ItemsPath.Path, eff, s.env())
		if err != nil {
			return cfg, s.failure(err)
		}
		items = v
	}
	arr, ok := items.([]any)
	if expr, isExpr := s.st.Items.(string); !ok && s.jsonata && isExpr {
		src, _ := asl.JSONataExpression(expr)
		return cfg, s.queryErrorf("The JSONata expression '%s' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '%s' for value: %s",
			strings.TrimSpace(src), typeName(items), jsonText(items))
	}
	if !ok && s.jsonata {
		return cfg, s.queryErrorf("Map state input must be an array but was: %s", jsonText(items))
	}
	if !ok {
		return cfg, s.runtimef("Map state input must be an array but was: %s", jsonText(items))
	}
	cfg.items = arr
	n, ferr := s.intSetting(s.st.MaxConcurrency, s.st.MaxConcurrencyPath, "MaxConcurrencyPath", eff)
	if ferr != nil {
		return cfg, ferr
	}
	cfg.concurrency = int(n)
	if cfg.concurrency <= 0 || cfg.concurrency > maxGoroutines {
		cfg.concurrency = maxGoroutines
	}
	if s.st.ToleratedFailureCount.IsSet() || s.st.ToleratedFailureCountPath != "" {
		if cfg.toleratedN, ferr = s.intSetting(s.st.ToleratedFailureCount, s.st.ToleratedFailureCountPath, "ToleratedFailureCountPath", eff); ferr != nil {
			return cfg, ferr
		}
	}
	if p := s.st.ToleratedFailurePercentage; p.Value != nil {
		cfg.toleratedP = *p.Value
	} else if p.Expr != "" {
		v, ferr := s.evalJ("ToleratedFailurePercentage", p.Expr, s.states())
		f, ok := v.(float64)
		if ferr != nil || !ok || f < 0 || f > 100 {
			return cfg, orQueryError(ferr, s.queryErrorf("The ToleratedFailurePercentage field must evaluate to a number from 0 to 100"))
		}
		cfg.toleratedP = f
	} else if path := s.st.ToleratedFailurePercentagePath; path != "" {
		v, err := asl.EvalPath(path, eff, s.env())
		f, ok := v.(float64)
		if err != nil || !ok || f < 0 || f > 100 {
			return cfg, s.runtimef("The ToleratedFailurePercentagePath field '%s' must reference a number from 0 to 100", path)
		}
		cfg.toleratedP = f
	}
	return cfg, nil
}

// intSetting resolves an integer field given as a value or a path.
func (s *stateRun) intSetting(f asl.IntField, path, field string, eff any) (int64, *asl.Error) {
	if f.Value != nil {
		return *f.Value, nil
	}
	if f.Expr != "" {
		return s.numberJ(strings.TrimSuffix(field, "Path"), f.Expr)
	}
	if path == "" {
		return 0, nil
	}
	v, err := asl.EvalPath(path, eff, s.env())
	n, ok := wholeNumber(v)
	if err != nil || !ok || n < 0 {
		return 0, s.runtimef("The %s field '%s' must reference a non-negative integer, got %s", field, path, jsonText(v))
	}
	return n, nil
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

func (s *stateRun) batch(eff any, items []any) ([]any, *asl.Error) {
	b := s.st.ItemBatcher
	maxItems, ferr := s.intSetting(b.MaxItemsPerBatch, b.MaxItemsPerBatchPath, "MaxItemsPerBatchPath", eff)
	if ferr != nil {
		return nil, ferr
	}
	maxBytes, ferr := s.intSetting(b.MaxInputBytesPerBatch, b.MaxInputBytesPerBatchPath, "MaxInputBytesPerBatchPath", eff)
	if ferr != nil {
		return nil, ferr
	}
	var batchInput any
	if b.BatchInput != nil && s.jsonata {
		v, ferr := s.evalJ("BatchInput", b.BatchInput, s.states())
		if ferr != nil {
			return nil, ferr
		}
		batchInput = v
	} else if b.BatchInput != nil {
		v, err := asl.EvalTemplate(b.BatchInput, eff, s.env())
		if err != nil {
			return nil, s.failure(err)
		}
		batchInput = v
	}
	if maxItems <= 0 {
		maxItems = math.MaxInt32
	}
	if maxBytes <= 0 {
		maxBytes = maxPayload
	}
	var batches []any
	var cur []any
	size := 0
	flush := func() {
		if len(cur) == 0 {
			return
		}
		m := map[string]any{"Items": cur}
		if batchInput != nil {
			m["BatchInput"] = batchInput
		}
		batches = append(batches, m)
		cur, size = nil, 0
	}
	for _, it := range items {
		n := len(jsonText(it))
		if len(cur) > 0 && (int64(len(cur)) >= maxItems || int64(size+n) > maxBytes) {
			flush()
		}
		cur, size = append(cur, it), size+n
	}
	flush()
	return batches, nil
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
	ctx, cancel := context.WithCancel(s.th.ctx)
	defer cancel()
	m.cancel = cancel
	sem := make(chan struct{}, cfg.concurrency)
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

func (m *mapRun) iterate(th *thread, i int, input any) {
	name := m.s.st.Name
	th.emit("MapIterationStarted", history.MapIteration{Name: name, Index: i})
	out, err := th.runMachine(m.s.st.ItemProcessor, input)
	switch {
	case err == nil:
		m.results[i] = out
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
