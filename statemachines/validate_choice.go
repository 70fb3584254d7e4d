package statemachines

import "strings"

func (v *validator) choice(s *State, ptr string, lang QueryLanguage) {
	if len(s.Choices) == 0 {
		v.schemaf(child(ptr, "Choices"), "Value cannot be empty")
	}
	for i, r := range s.Choices {
		rptr := index(child(ptr, "Choices"), i)
		if r.Next == "" {
			v.schemaf(rptr, "These fields are required: [Next]")
		}
		v.rule(r, rptr, lang)
		if lang == JSONata {
			v.jsonataValue(r.Output, child(rptr, "Output"))
			v.assignJSONata(r.Assign, child(rptr, "Assign"))
		} else {
			v.notIn(rptr, lang, "Output", r.Output != nil)
			v.assignJSONPath(r.Assign, child(rptr, "Assign"))
		}
	}
}

// rule checks one Choice rule (top-level or nested): exactly one of a
// comparison, And, Or, Not (JSONPath) or a Condition (JSONata).
func (v *validator) rule(r *ChoiceRule, ptr string, lang QueryLanguage) {
	if lang == JSONata {
		v.jsonataRule(r, ptr)
		return
	}
	v.notIn(ptr, JSONPath, "Condition", r.Condition != nil)
	v.ruleForm(r, ptr)
	v.comparison(r, ptr)
	v.ruleList(r.And, child(ptr, "And"), "And", lang)
	v.ruleList(r.Or, child(ptr, "Or"), "Or", lang)
	if r.Not != nil {
		v.rule(r.Not, child(ptr, "Not"), lang)
	}
}

func (v *validator) ruleList(rs []*ChoiceRule, ptr, name string, lang QueryLanguage) {
	if rs != nil && len(rs) == 0 {
		v.schemaf(ptr, "Value cannot be empty")
	}
	for i, r := range rs {
		v.rule(r, index(ptr, i), lang)
	}
}

// comparison checks Variable and the operator's operand.
func (v *validator) comparison(r *ChoiceRule, ptr string) {
	switch {
	case r.Variable == "" && r.Operator == "":
		return
	case r.Variable == "":
		v.schemaf(ptr, "These fields are required: [Variable]")
		return
	case r.Operator == "":
		v.schemaf(ptr, "A Choice Rule with Variable must have a comparison operator")
	}
	v.rulePath(r.Variable, child(ptr, "Variable"))
	kind, ok := choiceOperators[r.Operator]
	if !ok {
		if r.Operator != "" {
			v.schemaf(ptr, "Field '%s' is not supported", r.Operator)
		}
		return
	}
	loc := child(ptr, r.Operator)
	if kind == operandPath {
		if p, isStr := r.Value.(string); isStr {
			v.rulePath(p, loc)
		}
	}
	if isTimestampOperator(r.Operator) && kind != operandPath {
		if ts, isStr := r.Value.(string); isStr && !isTimestamp(ts) {
			v.schemaf(loc, "String does not match RFC3339 timestamp")
		}
	}
}

// ruleForm checks that a rule has exactly one of its forms.
func (v *validator) ruleForm(r *ChoiceRule, ptr string) {
	n := 0
	for _, set := range []bool{r.And != nil, r.Or != nil, r.Not != nil, r.Variable != "" || r.Operator != "", r.Condition != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		v.schemaf(ptr, "The object must have only one of the following fields, [And, Or, Not, Variable, Condition]")
	}
}

// rulePath checks a Choice rule's Variable or *Path operand.
func (v *validator) rulePath(p, loc string) {
	switch {
	case !strings.HasPrefix(p, "$"):
		v.schemaf(loc, "Value is not a Reference Path: Reference path didn't start with '$'")
	case !validPath(p):
		v.schemaf(loc, "Value must be a valid JSONPath.")
	}
}

func isTimestampOperator(op string) bool {
	return len(op) > 9 && op[:9] == "Timestamp"
}

// jsonataRule checks a JSONata Choice rule: a Condition and nothing of
// JSONPath's rule forms.
func (v *validator) jsonataRule(r *ChoiceRule, ptr string) {
	v.notIn(ptr, JSONata, "Variable", r.Variable != "")
	v.notIn(ptr, JSONata, r.Operator, r.Operator != "")
	v.notIn(ptr, JSONata, "And", r.And != nil)
	v.notIn(ptr, JSONata, "Or", r.Or != nil)
	v.notIn(ptr, JSONata, "Not", r.Not != nil)
	switch c := r.Condition.(type) {
	case nil:
		v.schemaf(ptr, "These fields are required: [Condition]")
	case bool:
	case string:
		v.expression(c, child(ptr, "Condition"), JSONata, "Boolean")
	default:
		v.schemaf(child(ptr, "Condition"), "Expected value of type [BOOLEAN]")
	}
}
