package statemachines

import (
	"regexp"
	"sort"
	"strings"

	"github.com/baton-run/baton/statemachines/intrinsic"
	"github.com/baton-run/baton/statemachines/jsonpath"
)

// validPath reports whether s is a JSONPath Step Functions accepts.
func validPath(s string) bool {
	_, err := jsonpath.Compile(s)
	return err == nil
}

// validReferencePath reports whether s is a reference path into the state
// input: rooted at $, single names and indexes only.
func validReferencePath(s string) bool {
	p, err := jsonpath.Compile(s)
	return err == nil && p.Root() == jsonpath.RootInput && p.IsReference()
}

// validIntrinsic reports whether s is a well-formed intrinsic function
// call.
func validIntrinsic(s string) bool {
	if !legalIntrinsicEscapes(s) {
		return false
	}
	_, err := intrinsic.Parse(s)
	return err == nil
}

// legalIntrinsicEscapes reports whether every escape inside the quoted
// string literals of an intrinsic call is one Step Functions allows:
// \', \{, \} and \\.
func legalIntrinsicEscapes(s string) bool {
	inString := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && inString:
			if i+1 >= len(s) || !strings.ContainsRune(`'{}\`, rune(s[i+1])) {
				return false
			}
			i++
		case c == '\'':
			inString = !inString
		}
	}
	return true
}

// path checks a field holding a JSONPath.
func (v *validator) path(s, loc, name string) {
	if !validPath(s) {
		v.schemaf(loc, "Value must be a valid JSONPath.")
	}
}

// optPath checks an optional path field; null is allowed.
func (v *validator) optPath(p OptPath, loc, name string) {
	if p.Set && !p.Null {
		v.path(p.Path, loc, name)
	}
}

// referencePath checks an optional field holding a reference path.
func (v *validator) referencePath(p OptPath, loc, name string) {
	if p.Set && !p.Null && !validReferencePath(p.Path) {
		v.schemaf(loc, "Value is not a Reference Path")
	}
}

// itemsPath checks a Map's ItemsPath: a path that selects one node (the
// array), from the input, the context object or a variable.
func (v *validator) itemsPath(p OptPath, loc string) {
	if p.Set && !p.Null {
		v.singlePath(p.Path, loc)
	}
}

// singlePath checks a field holding a path that must select one node
// (ItemsPath, SecondsPath, MaxConcurrencyPath, ...), from the input, the
// context object or a variable.
func (v *validator) singlePath(p, loc string) {
	compiled, err := jsonpath.Compile(p)
	switch {
	case err != nil:
		v.schemaf(loc, "Value must be a valid JSONPath.")
	case !compiled.Definite():
		v.schemaf(loc, "Value is not a Reference Path")
	}
}

// pathOrIntrinsic checks a field holding a path or an intrinsic function
// call (ErrorPath, CausePath).
func (v *validator) pathOrIntrinsic(s, loc, name string) {
	if !validPath(s) && !validIntrinsic(s) {
		v.schemaf(loc, "The value for the field '%s' must be a valid JSONPath or a valid intrinsic function call", name)
	}
}

// template checks a JSONPath payload template: every member whose name
// ends in ".$" must hold a path or an intrinsic function call. Problems
// are located at the template (loc), as AWS does.
func (v *validator) template(t any, loc string) {
	switch x := t.(type) {
	case map[string]any:
		for _, k := range sortedKeys(x) {
			val := x[k]
			if strings.HasSuffix(k, ".$") {
				s, isStr := val.(string)
				if !isStr || (!validPath(s) && !validIntrinsic(s)) {
					v.schemaf(loc, "The value for the field '%s' must be a valid JSONPath or a valid intrinsic function call", k)
				}
				continue
			}
			v.template(val, loc)
		}
	case []any:
		for _, e := range x {
			v.template(e, loc)
		}
	}
}

// rfc3339 matches the timestamps Step Functions accepts in a definition:
// RFC 3339 with an upper-case T and a Z or numeric offset.
var rfc3339 = regexp.MustCompile(`^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$`)

// isTimestamp reports whether s is an RFC 3339 timestamp.
func isTimestamp(s string) bool {
	return rfc3339.MatchString(s)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
