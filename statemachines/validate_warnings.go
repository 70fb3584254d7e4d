package statemachines

import "strings"

// Warning codes of AWS's ValidateStateMachineDefinition.
const (
	CodeNoDollar           = "NO_DOLLAR"
	CodeNoPath             = "NO_PATH"
	CodePassResultIsStatic = "PASS_RESULT_IS_STATIC"
)

// looksLikePath reports whether a string value reads like a JSONPath or an
// intrinsic function call, the mistakes the warnings below catch.
func looksLikePath(s string) bool {
	return s == "$" || strings.HasPrefix(s, "$.") || strings.HasPrefix(s, "$$.") || strings.HasPrefix(s, "$[") ||
		(strings.HasPrefix(s, "States.") && strings.HasSuffix(s, ")") && validIntrinsic(s))
}

// noDollar warns about template members without ".$" whose value looks
// like a path or an intrinsic call: the value is passed as a literal.
func (v *validator) noDollar(t any, loc string) {
	switch x := t.(type) {
	case map[string]any:
		for _, k := range sortedKeys(x) {
			if s, isStr := x[k].(string); isStr && !strings.HasSuffix(k, ".$") && looksLikePath(s) {
				v.warnf(CodeNoDollar, loc, "The field '%s' does not end with '.$' but its value appears to be a JSONPath or an intrinsic function; it is passed as a literal string", k)
				continue
			}
			v.noDollar(x[k], loc)
		}
	case []any:
		for _, e := range x {
			v.noDollar(e, loc)
		}
	}
}

// jsonPathWarnings reports the warnings of a JSONPath state.
func (v *validator) jsonPathWarnings(s *State, ptr string) {
	v.noDollar(s.Parameters, child(ptr, "Parameters"))
	v.noDollar(s.ResultSelector, child(ptr, "ResultSelector"))
	if !s.UsesParameters {
		v.noDollar(s.ItemSelector, child(ptr, "ItemSelector"))
	}
	if s.Type == TypePass && hasDollarKey(s.Result) {
		v.warnf(CodePassResultIsStatic, child(ptr, "Result"), "A Pass state's Result is static: its '.$' fields are not evaluated (use Parameters to select from the input)")
	}
	for _, f := range []struct{ name, val string }{{"Error", s.Error}, {"Cause", s.Cause}} {
		if looksLikePath(f.val) {
			v.warnf(CodeNoPath, child(ptr, f.name), "The value of '%s' looks like a path, but the field name does not end with 'Path' (use %sPath)", f.name, f.name)
		}
	}
}

// hasDollarKey reports whether a JSON value has an object member whose
// name ends in ".$".
func hasDollarKey(val any) bool {
	switch x := val.(type) {
	case map[string]any:
		for k, e := range x {
			if strings.HasSuffix(k, ".$") || hasDollarKey(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if hasDollarKey(e) {
				return true
			}
		}
	}
	return false
}
