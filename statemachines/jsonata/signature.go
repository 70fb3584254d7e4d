package jsonata

import (
	"regexp"
	"strings"
)

// signature is a parsed function signature such as "<s-nn?:s>"; it
// validates (and fixes up) the arguments of a call.
type signature struct {
	definition string
	params     []sigParam
	re         *regexp.Regexp
}

type sigParam struct {
	regex        string
	typ          string
	array        bool
	context      bool
	contextRegex *regexp.Regexp
	subtype      string
}

var arraySubtypeNames = map[string]string{"a": "arrays", "b": "booleans", "f": "functions", "n": "numbers", "o": "objects", "s": "strings"}

func closingBracket(s []rune, start int, open, close rune) int {
	depth := 1
	pos := start
	for pos < len(s) {
		pos++
		if pos >= len(s) {
			break
		}
		if s[pos] == close {
			depth--
			if depth == 0 {
				break
			}
		} else if s[pos] == open {
			depth++
		}
	}
	return pos
}

func parseSignature(sig string) (*signature, *Error) {
	s := []rune(sig)
	var params []sigParam
	param := sigParam{}
	prev := -1
	next := func() {
		params = append(params, param)
		prev = len(params) - 1
		param = sigParam{}
	}
	for pos := 1; pos < len(s); pos++ {
		sym := s[pos]
		if sym == ':' {
			break
		}
		switch sym {
		case 's', 'n', 'b', 'l', 'o':
			param.regex, param.typ = "["+string(sym)+"m]", string(sym)
			next()
		case 'a':
			param.regex, param.typ, param.array = "[asnblfom]", "a", true
			next()
		case 'f':
			param.regex, param.typ = "f", "f"
			next()
		case 'j':
			param.regex, param.typ = "[asnblom]", "j"
			next()
		case 'x':
			param.regex, param.typ = "[asnblfom]", "x"
			next()
		case '-':
			if prev >= 0 {
				pp := &params[prev]
				pp.context = true
				pp.contextRegex = regexp.MustCompile("^" + pp.regex + "$")
				pp.regex += "?"
			}
		case '?', '+':
			if prev >= 0 {
				params[prev].regex += string(sym)
			}
		case '(':
			end := closingBracket(s, pos, '(', ')')
			choice := string(s[pos+1 : min(end, len(s))])
			if strings.Contains(choice, "<") {
				return nil, newErr("S0402", pos, "", choice).finish(nil)
			}
			param.regex = "[" + choice + "m]"
			param.typ = "(" + choice + ")"
			pos = end
			next()
		case '<':
			if prev >= 0 && (params[prev].typ == "a" || params[prev].typ == "f") {
				end := closingBracket(s, pos, '<', '>')
				params[prev].subtype = string(s[pos+1 : min(end, len(s))])
				pos = end
			} else {
				typ := ""
				if prev >= 0 {
					typ = params[prev].typ
				}
				return nil, newErr("S0401", pos, "", typ).finish(nil)
			}
		}
	}
	var sb strings.Builder
	sb.WriteString("^")
	for _, p := range params {
		sb.WriteString("(" + p.regex + ")")
	}
	sb.WriteString("$")
	return &signature{definition: sig, params: params, re: regexp.MustCompile(sb.String())}, nil
}

func mustSignature(sig string) *signature {
	s, err := parseSignature(sig)
	if err != nil {
		panic(err)
	}
	return s
}

func typeSymbol(v any) byte {
	switch v.(type) {
	case string:
		return 's'
	case float64:
		return 'n'
	case bool:
		return 'b'
	case nullT:
		return 'l'
	case *array:
		return 'a'
	case *object:
		return 'o'
	case nil:
		return 'm'
	}
	if isFunc(v) {
		return 'f'
	}
	return 'm'
}

// validate checks args against the signature, substituting the context
// value for missing '-' parameters and wrapping singletons where arrays are
// expected. Errors are raised with panic(evalError).
func (sig *signature) validate(args []any, context any) []any {
	symbols := make([]byte, len(args))
	for i, a := range args {
		symbols[i] = typeSymbol(a)
	}
	m := sig.re.FindStringSubmatch(string(symbols))
	if m == nil {
		sig.throwValidation(args, string(symbols))
	}
	var out []any
	argIndex := 0
	for i, p := range sig.params {
		match := m[i+1]
		if match == "" {
			if p.context && p.contextRegex != nil {
				if ca, ok := context.(*array); ok && ca.outerWrapper && len(ca.items) == 1 {
					context = ca.items[0]
				}
				if !p.contextRegex.MatchString(string(typeSymbol(context))) {
					throwX("T0411", context, errExtra{index: argIndex + 1})
				}
				out = append(out, context)
			} else {
				out = append(out, argAt(args, argIndex))
				argIndex++
			}
			continue
		}
		for _, single := range match {
			arg := argAt(args, argIndex)
			if p.typ == "a" {
				arg = checkArrayArg(p, byte(single), arg, argIndex)
			}
			out = append(out, arg)
			argIndex++
		}
	}
	return out
}

func argAt(args []any, i int) any {
	if i < len(args) {
		return args[i]
	}
	return nil
}

func checkArrayArg(p sigParam, single byte, arg any, argIndex int) any {
	if single == 'm' {
		return nil
	}
	ok := true
	if p.subtype != "" {
		if single != 'a' && string(single) != p.subtype {
			ok = false
		} else if single == 'a' {
			arr := arg.(*array)
			if len(arr.items) > 0 {
				first := typeSymbol(arr.items[0])
				if string(first) != p.subtype[:1] {
					ok = false
				} else {
					for _, it := range arr.items {
						if typeSymbol(it) != first {
							ok = false
						}
					}
				}
			}
		}
	}
	if !ok {
		throwX("T0412", arg, errExtra{index: argIndex + 1, typ: arraySubtypeNames[p.subtype]})
	}
	if single != 'a' {
		return &array{items: []any{arg}}
	}
	return arg
}

func (sig *signature) throwValidation(args []any, symbols string) {
	partial := "^"
	goodTo := 0
	for _, p := range sig.params {
		partial += p.regex
		loc := regexp.MustCompile(partial).FindStringIndex(symbols)
		if loc == nil {
			throwX("T0410", argAt(args, goodTo), errExtra{index: goodTo + 1})
		}
		goodTo = loc[1]
	}
	throwX("T0410", argAt(args, goodTo), errExtra{index: goodTo + 1})
}
