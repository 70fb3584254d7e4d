package local

import (
	"math"
	"strings"

	"github.com/baton-run/baton/orchestrator/internal/history"
	asl "github.com/baton-run/baton/statemachines"
)

// mapConfig evaluates a Map state's items and settings.
func (s *stateRun) mapConfig(eff any) (mapConfig, *asl.Error) {
	cfg := mapConfig{toleratedN: -1, toleratedP: -1}
	var ferr *asl.Error
	if cfg.items, ferr = s.mapItems(eff); ferr != nil {
		return cfg, ferr
	}
	n, ferr := s.intSetting(s.st.MaxConcurrency, s.st.MaxConcurrencyPath, "MaxConcurrencyPath", eff)
	if ferr != nil {
		return cfg, ferr
	}
	limit := maxInline
	if s.distributed() {
		limit = maxDistributed
	}
	cfg.concurrency = int(n)
	if cfg.concurrency <= 0 || cfg.concurrency > limit {
		cfg.concurrency = limit
	}
	if s.st.ToleratedFailureCount.IsSet() || s.st.ToleratedFailureCountPath != "" {
		if cfg.toleratedN, ferr = s.intSetting(s.st.ToleratedFailureCount, s.st.ToleratedFailureCountPath, "ToleratedFailureCountPath", eff); ferr != nil {
			return cfg, ferr
		}
	}
	cfg.toleratedP, ferr = s.toleratedPercentage(eff)
	return cfg, ferr
}

// mapItems evaluates Items (JSONata) or ItemsPath (JSONPath), which must
// give an array.
func (s *stateRun) mapItems(eff any) ([]any, *asl.Error) {
	items := eff
	if s.jsonata && s.st.Items != nil {
		v, ferr := s.evalJ("Items", s.st.Items, s.states())
		if ferr != nil {
			return nil, ferr
		}
		items = v
	} else if s.st.ItemsPath.Set && !s.st.ItemsPath.Null {
		v, err := asl.EvalPath(s.st.ItemsPath.Path, eff, s.env())
		if err != nil {
			return nil, s.failure(err)
		}
		items = v
	}
	if arr, ok := items.([]any); ok {
		return arr, nil
	}
	if expr, isExpr := s.st.Items.(string); s.jsonata && isExpr {
		src, _ := asl.JSONataExpression(expr)
		return nil, s.queryErrorf("The JSONata expression '%s' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '%s' for value: %s",
			strings.TrimSpace(src), typeName(items), jsonText(items))
	}
	if s.jsonata {
		return nil, s.queryErrorf("Map state input must be an array but was: %s", jsonText(items))
	}
	return nil, s.runtimef("Map state input must be an array but was: %s", jsonText(items))
}

// toleratedPercentage is ToleratedFailurePercentage(Path), -1 when unset.
func (s *stateRun) toleratedPercentage(eff any) (float64, *asl.Error) {
	st := s.st
	switch p := st.ToleratedFailurePercentage; {
	case p.Value != nil:
		return *p.Value, nil
	case p.Expr != "":
		v, ferr := s.evalJ("ToleratedFailurePercentage", p.Expr, s.states())
		if f, ok := v.(float64); ferr == nil && ok && f >= 0 && f <= 100 {
			return f, nil
		}
		return 0, orQueryError(ferr, s.queryErrorf("The ToleratedFailurePercentage field must evaluate to a number from 0 to 100"))
	case st.ToleratedFailurePercentagePath != "":
		v, err := asl.EvalPath(st.ToleratedFailurePercentagePath, eff, s.env())
		if f, ok := v.(float64); err == nil && ok && f >= 0 && f <= 100 {
			return f, nil
		}
		return 0, s.runtimef("The ToleratedFailurePercentagePath field '%s' must reference a number from 0 to 100", st.ToleratedFailurePercentagePath)
	}
	return -1, nil
}

// intSetting resolves an integer field given as a value, a JSONata
// expression or a path.
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

// batch groups items as ItemBatcher says: {"Items": [...], "BatchInput": ...}.
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
	batchInput, ferr := s.batchInput(eff)
	if ferr != nil {
		return nil, ferr
	}
	if maxItems <= 0 {
		maxItems = math.MaxInt32
	}
	if maxBytes <= 0 {
		maxBytes = maxPayload
	}
	return groupItems(items, maxItems, maxBytes, batchInput), nil
}

func (s *stateRun) batchInput(eff any) (any, *asl.Error) {
	b := s.st.ItemBatcher
	switch {
	case b.BatchInput == nil:
		return nil, nil
	case s.jsonata:
		return s.evalJ("BatchInput", b.BatchInput, s.states())
	}
	v, err := asl.EvalTemplate(b.BatchInput, eff, s.env())
	if err != nil {
		return nil, s.failure(err)
	}
	return v, nil
}

// groupItems cuts items into batches of at most maxItems items and
// maxBytes bytes of JSON (a larger single item gets a batch of its own).
func groupItems(items []any, maxItems, maxBytes int64, batchInput any) []any {
	var batches, cur []any
	size := int64(0)
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
		n := int64(history.Size(it))
		if len(cur) > 0 && (int64(len(cur)) >= maxItems || size+n > maxBytes) {
			flush()
		}
		cur, size = append(cur, it), size+n
	}
	flush()
	return batches
}
