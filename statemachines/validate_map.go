package statemachines

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

func (v *validator) mapState(s *State, ptr string, lang QueryLanguage) {
	if s.ItemProcessor == nil {
		v.schemaf(ptr, "These fields are required: [ItemProcessor]")
	} else {
		name := "ItemProcessor"
		if s.UsesIterator {
			name = "Iterator"
		}
		v.processorConfig(s.ItemProcessor.ProcessorConfig, child(child(ptr, name), "ProcessorConfig"))
		v.machine(s.ItemProcessor, child(ptr, name))
	}
	v.exclusive(ptr, []string{"MaxConcurrency", "MaxConcurrencyPath"}, s.MaxConcurrency.IsSet(), s.MaxConcurrencyPath != "")
	v.exclusive(ptr, []string{"ToleratedFailurePercentage", "ToleratedFailurePercentagePath"},
		s.ToleratedFailurePercentage.IsSet(), s.ToleratedFailurePercentagePath != "")
	v.exclusive(ptr, []string{"ToleratedFailureCount", "ToleratedFailureCountPath"},
		s.ToleratedFailureCount.IsSet(), s.ToleratedFailureCountPath != "")
	v.exclusive(ptr, []string{"ItemsPath", "Items"}, s.ItemsPath.Set, s.Items != nil)
	v.mapLimits(s, ptr, lang)
	v.label(s.Label, child(ptr, "Label"))
	v.itemBatcher(s.ItemBatcher, child(ptr, "ItemBatcher"), lang)
	if r := s.ItemReader; r != nil {
		v.ioConfig(r.Resource, r.Parameters, r.Arguments, child(ptr, "ItemReader"), lang)
		v.itemReader(r, child(ptr, "ItemReader"))
	}
	if w := s.ResultWriter; w != nil {
		v.resultWriter(w, child(ptr, "ResultWriter"), lang)
	}
}

// maxLabelLength is AWS's limit on a Map state's Label.
const maxLabelLength = 40

// label checks a Map state's Label: at most 40 characters, none of the
// characters Step Functions keeps out of names (it becomes part of the Map
// Run ARN), and unique in the definition.
func (v *validator) label(l, loc string) {
	if l == "" {
		return
	}
	switch {
	case utf8.RuneCountInString(l) > maxLabelLength:
		v.errorf(CodeInvalidLabelName, loc, "Label '%s' exceeds the maximum length of %d characters", l, maxLabelLength)
	case strings.ContainsFunc(l, forbiddenInName):
		v.errorf(CodeInvalidLabelName, loc, "Label '%s' contains a character that is not allowed (whitespace, brackets, wildcards, special or control characters)", l)
	}
	if v.labels[l] {
		v.errorf(CodeDuplicateLabelName, loc, "Duplicate Label: %s", l)
	}
	v.labels[l] = true
}

// forbiddenInName reports the characters Step Functions does not allow in
// names that become part of an ARN.
func forbiddenInName(r rune) bool {
	return unicode.IsSpace(r) || r < 0x20 || (r >= 0x7f && r <= 0x9f) || strings.ContainsRune("<>{}[]?*\"#%\\^|~`$&,;:/", r)
}

// resultWriterResource matches the resource a distributed Map can write
// its results to.
var resultWriterResource = regexp.MustCompile(`^arn:[^:]+:states:::s3:putObject$`)

// resultWriter checks a ResultWriter: a resource with its destination, a
// WriterConfig, or both.
func (v *validator) resultWriter(w *ResultWriter, ptr string, lang QueryLanguage) {
	switch {
	case w.Resource == "" && w.WriterConfig == nil:
		v.schemaf(ptr, "These fields are required: [Resource]")
	case w.Resource != "" && !resultWriterResource.MatchString(w.Resource):
		v.schemaf(child(ptr, "Resource"), "The field 'Resource' does not match any of the allowed values")
	case w.Resource != "" && w.Parameters == nil && w.Arguments == nil:
		required := "Parameters"
		if lang == JSONata {
			required = "Arguments"
		}
		v.schemaf(ptr, "These fields are required: [%s]", required)
	}
	v.languageFields(w.Parameters, w.Arguments, ptr, lang)
	v.writerConfig(w.WriterConfig, child(ptr, "WriterConfig"))
	if params, ok := w.Parameters.(map[string]any); ok {
		for _, k := range []string{"Bucket", "Prefix"} {
			if val, set := params[k]; set {
				if _, isStr := val.(string); !isStr {
					v.schemaf(child(child(ptr, "Parameters"), k), "Expected value of type [STRING]")
				}
			}
		}
	}
}

// writerConfig checks a ResultWriter's WriterConfig: string values, and
// Transformation and OutputType together.
func (v *validator) writerConfig(wc map[string]any, ptr string) {
	if wc == nil {
		return
	}
	for _, k := range sortedKeys(wc) {
		if _, isStr := wc[k].(string); !isStr {
			v.schemaf(ptr, "Expected value of type [STRING]")
			return
		}
	}
	_, hasT := wc["Transformation"]
	_, hasO := wc["OutputType"]
	switch {
	case hasT && !hasO:
		v.schemaf(ptr, "These fields are required: [OutputType]")
	case hasO && !hasT:
		v.schemaf(ptr, "These fields are required: [Transformation]")
	}
}

// mapLimits checks MaxConcurrency and the tolerated-failure thresholds.
func (v *validator) mapLimits(s *State, ptr string, lang QueryLanguage) {
	v.atLeast(child(ptr, "MaxConcurrency"), s.MaxConcurrency.Value, 0)
	v.atLeast(child(ptr, "ToleratedFailureCount"), s.ToleratedFailureCount.Value, 0)
	if p := s.ToleratedFailurePercentage.Value; p != nil && (*p < 0 || *p > 100) {
		v.schemaf(child(ptr, "ToleratedFailurePercentage"), "%s", rangeMessage(*p < 0, 0, 100))
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
	v.oneOf(child(ptr, "Mode"), pc.Mode, "INLINE", "DISTRIBUTED")
	v.oneOf(child(ptr, "ExecutionType"), pc.ExecutionType, "STANDARD", "EXPRESS")
	switch {
	case pc.Mode == "DISTRIBUTED" && pc.ExecutionType == "":
		v.schemaf(ptr, "These fields are required: [ExecutionType]")
	case pc.Mode != "DISTRIBUTED" && pc.ExecutionType != "":
		v.schemaf(ptr, "Field 'ExecutionType' is not supported")
	}
}

func (v *validator) itemBatcher(b *ItemBatcher, ptr string, lang QueryLanguage) {
	if b == nil {
		return
	}
	v.intField(b.MaxItemsPerBatch, child(ptr, "MaxItemsPerBatch"), 1, lang)
	v.intField(b.MaxInputBytesPerBatch, child(ptr, "MaxInputBytesPerBatch"), 1, lang)
	if lang == JSONPath {
		for name, p := range map[string]string{"MaxItemsPerBatchPath": b.MaxItemsPerBatchPath, "MaxInputBytesPerBatchPath": b.MaxInputBytesPerBatchPath} {
			if p != "" {
				v.singlePath(p, child(ptr, name))
			}
		}
		v.template(b.BatchInput, child(ptr, "BatchInput"))
	} else {
		v.jsonataValue(b.BatchInput, child(ptr, "BatchInput"))
	}
}

// itemReaderResource matches the resources a distributed Map can read
// items from.
var itemReaderResource = regexp.MustCompile(`^arn:[^:]+:states:::s3:(getObject|listObjectsV2)$`)

// itemReader checks an ItemReader's resource and its CSV settings.
func (v *validator) itemReader(r *ItemReader, ptr string) {
	if r.Resource != "" && !itemReaderResource.MatchString(r.Resource) {
		v.schemaf(child(ptr, "Resource"), "The field 'Resource' does not match any of the allowed values")
	}
	rc, cptr := r.ReaderConfig, child(ptr, "ReaderConfig")
	if t, isStr := rc["InputType"].(string); isStr {
		v.oneOf(child(cptr, "InputType"), t, "CSV", "JSON", "JSONL", "MANIFEST", "PARQUET")
	}
	_, hasLocation := rc["CSVHeaderLocation"]
	switch {
	case rc["InputType"] == "CSV" && !hasLocation:
		v.schemaf(cptr, "The field 'CSVHeaderLocation' is required")
	case rc["InputType"] != "CSV" && rc["InputType"] != nil && hasLocation:
		v.schemaf(cptr, "Field 'CSVHeaderLocation' is not supported")
	}
	if _, hasHeaders := rc["CSVHeaders"]; rc["CSVHeaderLocation"] == "GIVEN" && !hasHeaders {
		v.schemaf(cptr, "These fields are required: [CSVHeaders]")
	}
}

// ioConfig checks an ItemReader.
func (v *validator) ioConfig(resource string, params, args any, ptr string, lang QueryLanguage) {
	if resource == "" {
		v.schemaf(ptr, "These fields are required: [Resource]")
	}
	v.languageFields(params, args, ptr, lang)
}

// languageFields checks the Parameters (JSONPath) or Arguments (JSONata)
// of an ItemReader or ResultWriter; the other language's field is located
// at the field, as AWS does.
func (v *validator) languageFields(params, args any, ptr string, lang QueryLanguage) {
	if lang == JSONata {
		v.notIn(child(ptr, "Parameters"), lang, "Parameters", params != nil)
		v.jsonataValue(args, child(ptr, "Arguments"))
		return
	}
	v.notIn(child(ptr, "Arguments"), lang, "Arguments", args != nil)
	v.template(params, child(ptr, "Parameters"))
}
