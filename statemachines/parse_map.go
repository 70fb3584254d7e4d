package statemachines

func (d *decoder) mapState(o *obj, s *State) {
	o.transition(s)
	o.io(s)
	s.ResultPath = o.optPath("ResultPath")
	s.ResultSelector = o.jsonObj("ResultSelector")
	s.Assign = o.jsonObj("Assign")
	d.retryCatch(o, s)
	s.ItemsPath = o.optPath("ItemsPath")
	s.Items = o.json("Items")
	d.itemSelector(o, s)
	s.Label = o.str("Label")
	d.mapProcessor(o, s)
	d.mapLimits(o, s)
	if v, ptr, ok := o.raw("ItemBatcher"); ok {
		s.ItemBatcher = d.itemBatcher(v, ptr)
	}
	if v, ptr, ok := o.raw("ItemReader"); ok {
		s.ItemReader = d.itemReader(v, ptr)
	}
	if v, ptr, ok := o.raw("ResultWriter"); ok {
		s.ResultWriter = d.resultWriter(v, ptr)
	}
}

// itemSelector reads ItemSelector or the legacy Parameters (at most one)
// into ItemSelector.
func (d *decoder) itemSelector(o *obj, s *State) {
	if o.has("ItemSelector") && o.has("Parameters") {
		d.errorf(o.ptr, "There should only be one of the following fields: [ItemSelector, Parameters]")
	}
	s.ItemSelector = o.jsonObj("ItemSelector")
	if o.has("Parameters") {
		s.ItemSelector = o.jsonObj("Parameters")
		s.UsesParameters = true
	}
}

// mapProcessor reads ItemProcessor or the legacy Iterator (exactly one).
func (d *decoder) mapProcessor(o *obj, s *State) {
	hasProc, hasIter := o.has("ItemProcessor"), o.has("Iterator")
	switch {
	case hasProc && hasIter:
		d.errorf(o.ptr, "There should only be one of the following fields: [ItemProcessor, Iterator]")
	case !hasProc && !hasIter:
		d.errorf(o.ptr, "These fields are required: [ItemProcessor]")
	}
	if v, ptr, ok := o.raw("ItemProcessor"); ok {
		s.ItemProcessor = d.machine(v, ptr, scopeProcessor)
	}
	if v, ptr, ok := o.raw("Iterator"); ok {
		s.UsesIterator = true
		if m := d.machine(v, ptr, scopeProcessor); s.ItemProcessor == nil {
			s.ItemProcessor = m
		}
	}
}

// mapLimits reads MaxConcurrency and the tolerated-failure thresholds.
func (d *decoder) mapLimits(o *obj, s *State) {
	s.MaxConcurrency = o.intField("MaxConcurrency")
	s.MaxConcurrencyPath = o.str("MaxConcurrencyPath")
	s.ToleratedFailurePercentage = o.floatField("ToleratedFailurePercentage")
	s.ToleratedFailurePercentagePath = o.str("ToleratedFailurePercentagePath")
	s.ToleratedFailureCount = o.intField("ToleratedFailureCount")
	s.ToleratedFailureCountPath = o.str("ToleratedFailureCountPath")
}

func (d *decoder) itemBatcher(v any, ptr string) *ItemBatcher {
	o := d.object(v, ptr)
	if o == nil {
		return nil
	}
	b := &ItemBatcher{
		MaxItemsPerBatch:          o.intField("MaxItemsPerBatch"),
		MaxItemsPerBatchPath:      o.str("MaxItemsPerBatchPath"),
		MaxInputBytesPerBatch:     o.intField("MaxInputBytesPerBatch"),
		MaxInputBytesPerBatchPath: o.str("MaxInputBytesPerBatchPath"),
		BatchInput:                o.json("BatchInput"),
	}
	o.finish()
	return b
}

func (d *decoder) itemReader(v any, ptr string) *ItemReader {
	o := d.object(v, ptr)
	if o == nil {
		return nil
	}
	o.require("Resource")
	r := &ItemReader{
		Resource:   o.str("Resource"),
		Parameters: o.jsonObj("Parameters"),
		Arguments:  o.json("Arguments"),
	}
	r.ReaderConfig, _ = o.jsonObj("ReaderConfig").(map[string]any)
	o.finish()
	return r
}

func (d *decoder) resultWriter(v any, ptr string) *ResultWriter {
	o := d.object(v, ptr)
	if o == nil {
		return nil
	}
	w := &ResultWriter{
		Resource:   o.str("Resource"),
		Parameters: o.jsonObj("Parameters"),
		Arguments:  o.json("Arguments"),
	}
	w.WriterConfig, _ = o.jsonObj("WriterConfig").(map[string]any)
	o.finish()
	return w
}
