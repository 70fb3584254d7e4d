package statemachines

import (
	"regexp"
	"strings"

	"github.com/baton-run/baton/statemachines/jsonata"
)

// isExpression reports whether s is written as a JSONata expression:
// "{%" ... "%}".
func isExpression(s string) bool {
	return len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}")
}

// expression checks a string written where a typed value or (JSONata) an
// expression is expected.
func (v *validator) expression(s, loc string, lang QueryLanguage, want string) {
	if lang != JSONata {
		v.schemaf(loc, "Expected value of type %s", want)
		return
	}
	if !isExpression(s) {
		v.schemaf(loc, "JSONata string must start with {%% and end with %%}")
		return
	}
	v.expressionBody(s, loc)
}

// expressionBody checks a "{% ... %}" string: the expression compiles
// (INVALID_JSONATA_EXPRESSION with the parser's message, as AWS reports
// it) and uses nothing Step Functions does not support.
func (v *validator) expressionBody(s, loc string) {
	body := s[2 : len(s)-2]
	if _, err := jsonata.Compile(body); err != nil {
		msg := err.Error()
		if je, ok := err.(*jsonata.Error); ok {
			msg = je.Message
		}
		v.errorf(CodeInvalidJSONata, loc, "%s", msg)
		return
	}
	code := outsideStrings(body)
	switch name := bareReference(body); {
	case name != "":
		v.errorf(CodeUnsupportedJSONata, loc, "Reference to '%s' at the top level is not supported.", name)
	case hasRootReference(code):
		v.errorf(CodeUnsupportedJSONata, loc, "Reference to '$$' is not supported.")
	case !v.inCatch && strings.Contains(code, "$states.errorOutput"):
		v.errorf(CodeUnsupportedJSONata, loc, "Field '$states.errorOutput' does not exist.")
	}
}

// outsideStrings returns a JSONata expression with the contents of its
// string literals blanked, so that text inside them is not mistaken for
// code.
func outsideStrings(expr string) string {
	b := []byte(expr)
	var quote byte
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote != 0 && c == '\\' && i+1 < len(b):
			b[i], b[i+1] = ' ', ' '
			i++
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			b[i] = ' '
		}
	}
	return string(b)
}

// bareNamePath matches an expression that is only a path of plain names
// ("phone", "order.id"): it reads the context item, which Step Functions
// does not provide (the input is $states.input).
var bareNamePath = regexp.MustCompile(`^\s*([A-Za-z_][A-Za-z0-9_]*)(\.[A-Za-z_][A-Za-z0-9_]*)*\s*$`)

// bareReference returns the first name of an expression that is only a
// path of plain names, or "". Only this unambiguous form is checked; AWS
// also refuses names at the top level of larger expressions.
func bareReference(expr string) string {
	m := bareNamePath.FindStringSubmatch(expr)
	if m == nil {
		return ""
	}
	switch m[1] {
	case "true", "false", "null", "and", "or", "in":
		return ""
	}
	return m[1]
}

// hasRootReference reports whether code refers to $$, JSONata's root
// context, which Step Functions does not support.
func hasRootReference(code string) bool {
	for i := strings.Index(code, "$$"); i >= 0; {
		end := i + 2
		if end >= len(code) || !isVariableChar(code[end]) {
			return true
		}
		next := strings.Index(code[end:], "$$")
		if next < 0 {
			return false
		}
		i = end + next
	}
	return false
}

func isVariableChar(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// jsonataValue checks a JSONata template (Arguments, Output, Assign
// values): every string that opens with "{%" must be a well-formed
// expression.
func (v *validator) jsonataValue(val any, loc string) {
	switch x := val.(type) {
	case string:
		if strings.HasPrefix(x, "{%") {
			if !isExpression(x) {
				v.schemaf(loc, "JSONata string must start with {%% and end with %%}")
				return
			}
			v.expressionBody(x, loc)
		}
	case map[string]any:
		for _, k := range sortedKeys(x) {
			v.jsonataValue(x[k], child(loc, k))
		}
	case []any:
		for i, e := range x {
			v.jsonataValue(e, index(loc, i))
		}
	}
}

// jsonataState checks the fields of a JSONata state.
func (v *validator) jsonataState(s *State, ptr string) {
	v.jsonataValue(s.Arguments, child(ptr, "Arguments"))
	v.jsonataValue(s.Output, child(ptr, "Output"))
	v.jsonataValue(s.Items, child(ptr, "Items"))
	v.jsonataValue(s.ItemSelector, child(ptr, "ItemSelector"))
	v.jsonataValue(s.Credentials, child(ptr, "Credentials"))
	v.assignJSONata(s.Assign, child(ptr, "Assign"))
	if s.Arguments != nil {
		if _, isStr := s.Arguments.(string); isStr {
			if !isExpression(s.Arguments.(string)) {
				v.schemaf(child(ptr, "Arguments"), "The field 'Arguments' must be an object or a JSONata expression")
			}
		}
	}
	if s.Type == TypeFail {
		v.jsonataValue(s.Error, child(ptr, "Error"))
		v.jsonataValue(s.Cause, child(ptr, "Cause"))
	}
}

// jsonPathState checks the path and template fields of a JSONPath state.
func (v *validator) jsonPathState(s *State, ptr string) {
	v.optPath(s.InputPath, child(ptr, "InputPath"), "InputPath")
	v.optPath(s.OutputPath, child(ptr, "OutputPath"), "OutputPath")
	v.referencePath(s.ResultPath, child(ptr, "ResultPath"), "ResultPath")
	v.template(s.Parameters, child(ptr, "Parameters"))
	v.template(s.ResultSelector, child(ptr, "ResultSelector"))
	v.template(s.Credentials, child(ptr, "Credentials"))
	if s.UsesParameters {
		v.template(s.ItemSelector, child(ptr, "Parameters"))
	} else {
		v.template(s.ItemSelector, child(ptr, "ItemSelector"))
	}
	v.assignJSONPath(s.Assign, child(ptr, "Assign"))
	v.pathFields(s, ptr)
	v.noExpressions(s, ptr)
	v.jsonPathWarnings(s, ptr)
}

// pathFields checks the *Path fields of a JSONPath state.
func (v *validator) pathFields(s *State, ptr string) {
	for _, f := range []struct{ name, val string }{
		{"TimeoutSecondsPath", s.TimeoutSecondsPath},
		{"HeartbeatSecondsPath", s.HeartbeatSecondsPath},
		{"SecondsPath", s.SecondsPath},
		{"TimestampPath", s.TimestampPath},
		{"MaxConcurrencyPath", s.MaxConcurrencyPath},
		{"ToleratedFailurePercentagePath", s.ToleratedFailurePercentagePath},
		{"ToleratedFailureCountPath", s.ToleratedFailureCountPath},
	} {
		if f.val != "" {
			v.singlePath(f.val, child(ptr, f.name))
		}
	}
	for _, f := range []struct{ name, val string }{{"ErrorPath", s.ErrorPath}, {"CausePath", s.CausePath}} {
		if f.val != "" {
			v.pathOrIntrinsic(f.val, child(ptr, f.name), f.name)
		}
	}
	v.itemsPath(s.ItemsPath, child(ptr, "ItemsPath"))
}

// noExpressions reports JSONata expressions written in the integer fields
// of a JSONPath state.
func (v *validator) noExpressions(s *State, ptr string) {
	for _, f := range []struct {
		name string
		expr string
	}{
		{"MaxConcurrency", s.MaxConcurrency.Expr},
		{"ToleratedFailurePercentage", s.ToleratedFailurePercentage.Expr},
		{"ToleratedFailureCount", s.ToleratedFailureCount.Expr},
	} {
		if f.expr != "" {
			v.schemaf(child(ptr, f.name), "Expected value of type Integer")
		}
	}
}

// assignJSONata checks a JSONata Assign block.
func (v *validator) assignJSONata(a any, loc string) {
	if a == nil {
		return
	}
	v.variableNames(a, loc, false)
	v.jsonataValue(a, loc)
}

// assignJSONPath checks a JSONPath Assign block, a payload template.
func (v *validator) assignJSONPath(a any, loc string) {
	if a == nil {
		return
	}
	v.variableNames(a, loc, true)
	v.template(a, loc)
}

// maxVariableNameLength is AWS's limit on variable names.
const maxVariableNameLength = 80

// variableNames checks the names Assign binds.
func (v *validator) variableNames(a any, loc string, dollar bool) {
	m, ok := a.(map[string]any)
	if !ok {
		v.schemaf(loc, "Expected value of type [OBJECT]")
		return
	}
	for _, k := range sortedKeys(m) {
		name := k
		if dollar {
			name = strings.TrimSuffix(k, ".$")
		}
		switch {
		case name == "states":
			v.errorf(CodeReservedVariableName, child(loc, k), "Cannot assign to reserved variable '$states'.")
		case !isVariableName(name):
			v.errorf(CodeInvalidVariableName, child(loc, k), "Invalid variable name '%s': the variable name contains invalid characters.", name)
		}
	}
}

func isVariableName(s string) bool {
	if s == "" || len(s) > maxVariableNameLength {
		return false
	}
	for i, r := range s {
		letter := r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return true
}
