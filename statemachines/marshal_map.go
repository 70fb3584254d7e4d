package statemachines

func (fs *fields) choiceFields(s *State) {
	if s.Choices == nil {
		return
	}
	*fs = append(*fs, field{"Choices", ruleList(s.Choices, true)})
}

// ruleList renders Choice rules; top is true for the elements of Choices,
// which always carry Next.
func ruleList(rs []*ChoiceRule, top bool) []any {
	out := make([]any, len(rs))
	for i, r := range rs {
		out[i] = ruleFields(r, top)
	}
	return out
}

func ruleFields(r *ChoiceRule, top bool) fields {
	fs := fields{}
	fs.add("Comment", r.Comment)
	fs.add("Variable", r.Variable)
	if r.Operator != "" {
		fs = append(fs, field{r.Operator, r.Value})
	}
	if r.And != nil {
		fs = append(fs, field{"And", ruleList(r.And, false)})
	}
	if r.Or != nil {
		fs = append(fs, field{"Or", ruleList(r.Or, false)})
	}
	if r.Not != nil {
		fs = append(fs, field{"Not", ruleFields(r.Not, false)})
	}
	fs.addJSON("Condition", r.Condition)
	fs.addJSON("Output", r.Output)
	fs.addJSON("Assign", r.Assign)
	if top {
		fs = append(fs, field{"Next", r.Next}) // required, even when empty
	}
	return fs
}

func (fs *fields) mapFields(s *State) {
	if s.Type != TypeMap {
		return
	}
	fs.addPath("ItemsPath", s.ItemsPath)
	fs.addJSON("Items", s.Items)
	if s.ItemReader != nil {
		*fs = append(*fs, field{"ItemReader", itemReaderFields(s.ItemReader)})
	}
	if s.UsesParameters {
		fs.addJSON("Parameters", s.ItemSelector)
	} else {
		fs.addJSON("ItemSelector", s.ItemSelector)
	}
	if s.ItemBatcher != nil {
		*fs = append(*fs, field{"ItemBatcher", itemBatcherFields(s.ItemBatcher)})
	}
	if s.ItemProcessor != nil {
		name := "ItemProcessor"
		if s.UsesIterator {
			name = "Iterator"
		}
		*fs = append(*fs, field{name, machineFields(s.ItemProcessor)})
	}
	fs.addInt("MaxConcurrency", s.MaxConcurrency)
	fs.add("MaxConcurrencyPath", s.MaxConcurrencyPath)
	fs.addFloat("ToleratedFailurePercentage", s.ToleratedFailurePercentage)
	fs.add("ToleratedFailurePercentagePath", s.ToleratedFailurePercentagePath)
	fs.addInt("ToleratedFailureCount", s.ToleratedFailureCount)
	fs.add("ToleratedFailureCountPath", s.ToleratedFailureCountPath)
	if s.ResultWriter != nil {
		*fs = append(*fs, field{"ResultWriter", resultWriterFields(s.ResultWriter)})
	}
	fs.add("Label", s.Label)
}

func itemReaderFields(r *ItemReader) fields {
	fs := fields{{"Resource", r.Resource}} // required, even when empty
	fs.addJSON("Parameters", r.Parameters)
	fs.addJSON("Arguments", r.Arguments)
	if r.ReaderConfig != nil {
		fs = append(fs, field{"ReaderConfig", r.ReaderConfig})
	}
	return fs
}

func itemBatcherFields(b *ItemBatcher) fields {
	fs := fields{}
	fs.addInt("MaxItemsPerBatch", b.MaxItemsPerBatch)
	fs.add("MaxItemsPerBatchPath", b.MaxItemsPerBatchPath)
	fs.addInt("MaxInputBytesPerBatch", b.MaxInputBytesPerBatch)
	fs.add("MaxInputBytesPerBatchPath", b.MaxInputBytesPerBatchPath)
	fs.addJSON("BatchInput", b.BatchInput)
	return fs
}

func resultWriterFields(w *ResultWriter) fields {
	fs := fields{}
	fs.add("Resource", w.Resource)
	fs.addJSON("Parameters", w.Parameters)
	fs.addJSON("Arguments", w.Arguments)
	if w.WriterConfig != nil {
		fs = append(fs, field{"WriterConfig", w.WriterConfig})
	}
	return fs
}
