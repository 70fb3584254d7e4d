package statemachines

import (
	"cmp"
	"strings"
	"unicode/utf8"

	"github.com/baton-run/baton/statemachines/jsonpath"
)

// EvalChoiceRule evaluates a JSONPath-mode Choice rule against the state
// input. A comparison whose operand has the wrong type is false (AWS
// compares a string to a number as "no match", not as an error); a
// Variable or *Path operand whose path selects nothing is a States.Runtime
// error, except for IsPresent, which is then false. JSONata Conditions are
// not evaluated here, except literal booleans.
func EvalChoiceRule(r *ChoiceRule, input any, env Env) (bool, error) {
	switch {
	case len(r.And) > 0:
		return evalAll(r.And, input, env, true)
	case len(r.Or) > 0:
		return evalAll(r.Or, input, env, false)
	case r.Not != nil:
		ok, err := EvalChoiceRule(r.Not, input, env)
		return !ok, err
	case r.Condition != nil:
		b, ok := r.Condition.(bool)
		if !ok {
			return false, Errorf(ErrRuntime, "The Condition %v is JSONata and must be evaluated by the JSONata engine", r.Condition)
		}
		return b, nil
	}
	return evalComparison(r, input, env)
}

// evalAll is And (and=true: all rules true) and Or (and=false: any rule
// true), stopping at the first rule that decides, like AWS.
func evalAll(rules []*ChoiceRule, input any, env Env, and bool) (bool, error) {
	for _, sub := range rules {
		ok, err := EvalChoiceRule(sub, input, env)
		if err != nil {
			return false, err
		}
		if ok != and {
			return ok, nil
		}
	}
	return and, nil
}

func evalComparison(r *ChoiceRule, input any, env Env) (bool, error) {
	v, found, err := choiceOperand(r.Variable, input, env)
	if err != nil {
		return false, err
	}
	if r.Operator == "IsPresent" {
		want, _ := r.Value.(bool)
		return found == want, nil
	}
	if !found {
		return false, invalidChoicePath(r.Variable)
	}
	if check, ok := typeChecks[r.Operator]; ok {
		want, _ := r.Value.(bool)
		return check(v) == want, nil
	}
	op, operand := r.Operator, r.Value
	if base, isPath := strings.CutSuffix(op, "Path"); isPath {
		path, _ := r.Value.(string)
		w, found, err := choiceOperand(path, input, env)
		if err != nil {
			return false, err
		}
		if !found {
			return false, invalidChoicePath(path)
		}
		op, operand = base, w
	}
	compare, ok := comparators[op]
	if !ok {
		return false, Errorf(ErrRuntime, "Unknown Choice operator '%s'", r.Operator)
	}
	return compare(v, operand), nil
}

// choiceOperand evaluates a Variable or *Path operand; found is false when
// the path selects nothing.
func choiceOperand(path string, input any, env Env) (v any, found bool, err error) {
	v, err = evalPath(path, input, env)
	switch err.(type) {
	case nil:
	case *jsonpath.NotFoundError: // a direct assertion: errors.As would allocate
		return nil, false, nil
	default:
		return nil, false, Errorf(ErrRuntime, "Invalid path '%s' : %s", path, err)
	}
	return v, true, nil
}

func invalidChoicePath(path string) *Error {
	return Errorf(ErrRuntime, "Invalid path '%s': The choice state's condition path references an invalid value.", path)
}

// typeChecks are the Is* operators other than IsPresent.
var typeChecks = map[string]func(any) bool{
	"IsNull":    func(v any) bool { return v == nil },
	"IsNumeric": func(v any) bool { _, ok := v.(float64); return ok },
	"IsString":  func(v any) bool { _, ok := v.(string); return ok },
	"IsBoolean": func(v any) bool { _, ok := v.(bool); return ok },
	"IsTimestamp": func(v any) bool {
		s, ok := v.(string)
		if !ok {
			return false
		}
		_, ok = ParseTimestamp(s)
		return ok
	},
}

// comparators are the binary operators, by name without the Path suffix.
var comparators = map[string]func(v, operand any) bool{
	"StringEquals":               stringCmp(func(c int) bool { return c == 0 }),
	"StringLessThan":             stringCmp(func(c int) bool { return c < 0 }),
	"StringGreaterThan":          stringCmp(func(c int) bool { return c > 0 }),
	"StringLessThanEquals":       stringCmp(func(c int) bool { return c <= 0 }),
	"StringGreaterThanEquals":    stringCmp(func(c int) bool { return c >= 0 }),
	"StringMatches":              stringMatches,
	"NumericEquals":              numericCmp(func(c int) bool { return c == 0 }),
	"NumericLessThan":            numericCmp(func(c int) bool { return c < 0 }),
	"NumericGreaterThan":         numericCmp(func(c int) bool { return c > 0 }),
	"NumericLessThanEquals":      numericCmp(func(c int) bool { return c <= 0 }),
	"NumericGreaterThanEquals":   numericCmp(func(c int) bool { return c >= 0 }),
	"BooleanEquals":              booleanEquals,
	"TimestampEquals":            timestampCmp(func(c int) bool { return c == 0 }),
	"TimestampLessThan":          timestampCmp(func(c int) bool { return c < 0 }),
	"TimestampGreaterThan":       timestampCmp(func(c int) bool { return c > 0 }),
	"TimestampLessThanEquals":    timestampCmp(func(c int) bool { return c <= 0 }),
	"TimestampGreaterThanEquals": timestampCmp(func(c int) bool { return c >= 0 }),
}

func stringCmp(pred func(int) bool) func(v, operand any) bool {
	return func(v, operand any) bool {
		a, ok1 := v.(string)
		b, ok2 := operand.(string)
		return ok1 && ok2 && pred(compareUTF16(a, b))
	}
}

func numericCmp(pred func(int) bool) func(v, operand any) bool {
	return func(v, operand any) bool {
		a, ok1 := v.(float64)
		b, ok2 := operand.(float64)
		if !ok1 || !ok2 {
			return false
		}
		switch {
		case a < b:
			return pred(-1)
		case a > b:
			return pred(1)
		}
		return pred(0)
	}
}

func timestampCmp(pred func(int) bool) func(v, operand any) bool {
	return func(v, operand any) bool {
		a, ok1 := v.(string)
		b, ok2 := operand.(string)
		if !ok1 || !ok2 {
			return false
		}
		ta, ok1 := ParseTimestamp(a)
		tb, ok2 := ParseTimestamp(b)
		return ok1 && ok2 && pred(ta.Compare(tb))
	}
}

func booleanEquals(v, operand any) bool {
	a, ok1 := v.(bool)
	b, ok2 := operand.(bool)
	return ok1 && ok2 && a == b
}

// compareUTF16 orders strings by UTF-16 code units, as Java's
// String.compareTo does (it differs from code point order only between a
// character above U+FFFF and one in U+E000..U+FFFF).
func compareUTF16(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return cmp.Compare(utf16First(ra, rb), utf16First(rb, ra))
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

// utf16First is the first UTF-16 unit of r, or r itself when other is also
// above U+FFFF (code point order then equals surrogate order).
func utf16First(r, other rune) rune {
	if r > 0xFFFF && other <= 0xFFFF {
		return 0xD800 + (r-0x10000)>>10
	}
	return r
}

// stringMatches is StringMatches: * matches any run of characters, \* a
// literal star and \\ a backslash.
func stringMatches(v, operand any) bool {
	s, ok1 := v.(string)
	pattern, ok2 := operand.(string)
	return ok1 && ok2 && matchWildcard(s, pattern)
}

func matchWildcard(s, pattern string) bool {
	// Split the pattern into literal parts separated by unescaped stars.
	var parts []string
	var cur strings.Builder
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '\\' && i+1 < len(pattern):
			i++
			cur.WriteByte(pattern[i])
		case c == '*':
			parts = append(parts, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	parts = append(parts, cur.String())
	return matchParts(s, parts)
}

// matchParts matches s against literal parts joined by wildcards: the first
// part is a prefix, the last a suffix, the others appear in order between.
func matchParts(s string, parts []string) bool {
	if len(parts) == 1 {
		return s == parts[0]
	}
	first, last := parts[0], parts[len(parts)-1]
	if !strings.HasPrefix(s, first) {
		return false
	}
	s = s[len(first):]
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(s, mid)
		if i < 0 {
			return false
		}
		s = s[i+len(mid):]
	}
	return strings.HasSuffix(s, last)
}
