package statemachines

func (v *validator) mapState(s *State, ptr string, lang QueryLanguage) {
	if s.ItemProcessor == nil {
		v.schemaf(ptr, "These fields are required: [ItemProcessor]")
	} else {
		name := "ItemProcessor"
		if s.UsesIterator {
			name = "Iterator"
		}
		v.processorConfig(s.ItemProcessor.ProcessorConfig, child(child(ptr, name), "ProcessorConfig"))
		v.machine(s.ItemProcessor, child(ptr, name), lang)
	}
	v.exclusive(ptr, []string{"MaxConcurrency", "MaxConcurrencyPath"}, s.MaxConcurrency.IsSet(), s.MaxConcurrencyPath != "")
	v.exclusive(ptr, []string{"ToleratedFailurePercentage", "ToleratedFailurePercentagePath"},
		s.ToleratedFailurePercentage.IsSet(), s.ToleratedFailurePercentagePath != "")
	v.exclusive(ptr, []string{"ToleratedFailureCount", "ToleratedFailureCountPath"},
		s.ToleratedFailureCount.IsSet(), s.ToleratedFailureCountPath != "")
	v.exclusive(ptr, []string{"ItemsPath", "Items"}, s.ItemsPath.Set, s.Items != nil)
	v.mapLimits(s, ptr, lang)
	v.itemBatcher(s.ItemBatcher, child(ptr, "ItemBatcher"), lang)
	if s.ItemReader != nil {
		v.ioConfig(s.ItemReader.Resource, s.ItemReader.Parameters, s.ItemReader.Arguments, child(ptr, "ItemReader"), lang)
	}
	if s.ResultWriter != nil {
		v.ioConfig(s.ResultWriter.Resource, s.ResultWriter.Parameters, s.ResultWriter.Arguments, child(ptr, "ResultWriter"), lang)
	}
}

// mapLimits checks MaxConcurrency and the tolerated-failure thresholds.
func (v *validator) mapLimits(s *State, ptr string, lang QueryLanguage) {
	v.atLeast(child(ptr, "MaxConcurrency"), "MaxConcurrency", s.MaxConcurrency.Value, 0)
	v.atLeast(child(ptr, "ToleratedFailureCount"), "ToleratedFailureCount", s.ToleratedFailureCount.Value, 0)
	if p := s.ToleratedFailurePercentage.Value; p != nil && (*p < 0 || *p > 100) {
		v.schemaf(child(ptr, "ToleratedFailurePercentage"), "The value of the field 'ToleratedFailurePercentage' must be between 0 and 100")
	}
	if lang == JSONata {
		for name, expr := range map[string]string{
			"MaxConcurrency":             s.MaxConcurrency.Expr,
			"ToleratedFailureCount":      s.ToleratedFailureCount.Expr,
			"ToleratedFailurePercentage": s.ToleratedFailurePercentage.Expr,
		} {
			if expr != "" {
				v.expression(expr, child(ptr, name), lang, "Number")
			}
		}
	}
}

func (v *validator) processorConfig(pc *ProcessorConfig, ptr string) {
	if pc == nil {
		return
	}
	if pc.Mode != "" && pc.Mode != "INLINE" && pc.Mode != "DISTRIBUTED" {
		v.schemaf(child(ptr, "Mode"), "The field 'Mode' should have one of these values: [INLINE, DISTRIBUTED]")
	}
	if pc.ExecutionType != "" && pc.ExecutionType != "STANDARD" && pc.ExecutionType != "EXPRESS" {
		v.schemaf(child(ptr, "ExecutionType"), "The field 'ExecutionType' should have one of these values: [STANDARD, EXPRESS]")
	}
}

func (v *validator) itemBatcher(b *ItemBatcher, ptr string, lang QueryLanguage) {
	if b == nil {
		return
	}
	v.intField(b.MaxItemsPerBatch, child(ptr, "MaxItemsPerBatch"), "MaxItemsPerBatch", 1, lang)
	v.intField(b.MaxInputBytesPerBatch, child(ptr, "MaxInputBytesPerBatch"), "MaxInputBytesPerBatch", 1, lang)
	if lang == JSONPath {
		for name, p := range map[string]string{"MaxItemsPerBatchPath": b.MaxItemsPerBatchPath, "MaxInputBytesPerBatchPath": b.MaxInputBytesPerBatchPath} {
			if p != "" {
				v.path(p, child(ptr, name), name)
			}
		}
		v.template(b.BatchInput, child(ptr, "BatchInput"))
	} else {
		v.jsonataValue(b.BatchInput, child(ptr, "BatchInput"))
	}
}

// ioConfig checks an ItemReader or ResultWriter.
func (v *validator) ioConfig(resource string, params, args any, ptr string, lang QueryLanguage) {
	if resource == "" {
		v.schemaf(ptr, "These fields are required: [Resource]")
	}
	if lang == JSONata {
		v.notIn(ptr, "Parameters", params != nil)
		v.jsonataValue(args, child(ptr, "Arguments"))
		return
	}
	v.notIn(ptr, "Arguments", args != nil)
	v.template(params, child(ptr, "Parameters"))
}
