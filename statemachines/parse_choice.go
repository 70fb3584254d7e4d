package statemachines

import "strings"

// operandKind is the JSON type a Choice comparison operator takes.
type operandKind int

const (
	operandString operandKind = iota
	operandNumber
	operandBool
	operandPath // a *Path operator: a path string
)

// choiceOperators maps every Choice comparison operator to its operand type.
var choiceOperators = func() map[string]operandKind {
	ops := map[string]operandKind{
		"StringMatches": operandString,
		"IsNull":        operandBool, "IsPresent": operandBool, "IsNumeric": operandBool,
		"IsString": operandBool, "IsBoolean": operandBool, "IsTimestamp": operandBool,
	}
	for _, cmp := range []string{"Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"} {
		ops["String"+cmp] = operandString
		ops["Numeric"+cmp] = operandNumber
		ops["Timestamp"+cmp] = operandString
		for _, p := range []string{"String", "Numeric", "Timestamp"} {
			ops[p+cmp+"Path"] = operandPath
		}
	}
	ops["BooleanEquals"] = operandBool
	ops["BooleanEqualsPath"] = operandPath
	return ops
}()

// IsChoiceOperator reports whether name is a Choice comparison operator
// ("StringEquals", "NumericLessThanPath", "IsPresent", ...).
func IsChoiceOperator(name string) bool {
	_, ok := choiceOperators[name]
	return ok
}

func (d *decoder) choice(o *obj, s *State) {
	o.require("Choices")
	o.io(s)
	s.Assign = o.jsonObj("Assign")
	s.Default = o.str("Default")
	arr, ptr, ok := o.array("Choices")
	if !ok {
		return
	}
	s.Choices = make([]*ChoiceRule, 0, len(arr))
	for i, v := range arr {
		if r := d.choiceRule(v, index(ptr, i), true); r != nil {
			s.Choices = append(s.Choices, r)
		}
	}
}

// choiceRule decodes a Choice rule; top is true for the elements of
// Choices, which carry Next (and may carry Assign and Output).
func (d *decoder) choiceRule(v any, ptr string, top bool) *ChoiceRule {
	o := d.object(v, ptr)
	if o == nil {
		return nil
	}
	r := &ChoiceRule{Comment: o.str("Comment")}
	if top {
		o.require("Next")
		r.Next = o.str("Next")
		r.Assign = o.jsonObj("Assign")
		r.Output = o.json("Output")
	}
	r.Variable = o.str("Variable")
	if cv, _, ok := o.raw("Condition"); ok {
		r.Condition = plain(cv)
	}
	d.ruleOperator(o, r)
	r.And = d.ruleList(o, "And")
	r.Or = d.ruleList(o, "Or")
	if nv, nptr, ok := o.raw("Not"); ok {
		r.Not = d.choiceRule(nv, nptr, false)
	}
	o.finish()
	return r
}

// ruleOperator reads the rule's comparison operator, if any; a rule may
// have at most one.
func (d *decoder) ruleOperator(o *obj, r *ChoiceRule) {
	var found []string
	for _, k := range o.o.keys {
		if _, ok := choiceOperators[k]; ok {
			found = append(found, k)
		}
	}
	if len(found) > 1 {
		d.errorf(o.ptr, "Only one comparison operator is allowed in a Choice Rule, found: [%s]", strings.Join(found, ", "))
	}
	if len(found) == 0 {
		return
	}
	op := found[0]
	v, ptr, _ := o.raw(op)
	for _, extra := range found[1:] {
		o.raw(extra)
	}
	r.Operator = op
	r.Value = plain(v)
	if !operandOK(choiceOperators[op], v) {
		o.typeError(ptr, operandName(choiceOperators[op]))
	}
}

func operandOK(k operandKind, v any) bool {
	switch k {
	case operandNumber:
		_, ok := v.(float64)
		return ok
	case operandBool:
		_, ok := v.(bool)
		return ok
	}
	_, ok := v.(string)
	return ok
}

func operandName(k operandKind) string {
	switch k {
	case operandNumber:
		return "Number"
	case operandBool:
		return "Boolean"
	}
	return "String"
}

// ruleList reads And or Or.
func (d *decoder) ruleList(o *obj, name string) []*ChoiceRule {
	arr, ptr, ok := o.array(name)
	if !ok {
		return nil
	}
	out := make([]*ChoiceRule, 0, len(arr))
	for i, v := range arr {
		if r := d.choiceRule(v, index(ptr, i), false); r != nil {
			out = append(out, r)
		}
	}
	return out
}
