package jsonata

import (
	"regexp"
	"strings"
	"sync"
)

// signature is a parsed function signature such as "<s-nn?:s>"; it
// validates (and fixes up) the arguments of a call.
type signature struct {
	definition string
	params     []sigParam
	re         *regexp.Regexp
	matches    sync.Map // argument type symbols -> []string submatches (nil: no match)
}

// match matches the argument type symbols, caching the few distinct
// combinations a signature sees.
func (sig *signature) match(symbols string) []string {
	if m, ok := sig.matches.Load(symbols); ok {
		return m.([]string)
	}
	m := sig.re.FindStringSubmatch(symbols)
	sig.matches.Store(symbols, m)
	return m
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

// sigBuilder accumulates the parameters of a signature being parsed.
type sigBuilder struct {
	s      []rune
	params []sigParam
}

func (b *sigBuilder) add(regex, typ string) {
	b.params = append(b.params, sigParam{regex: regex, typ: typ, array: typ == "a"})
}

func (b *sigBuilder) last() *sigParam {
	if len(b.params) == 0 {
		return nil
	}
	return &b.params[len(b.params)-1]
}

var simpleSigTypes = map[rune]string{
	's': "[sm]", 'n': "[nm]", 'b': "[bm]", 'l': "[lm]", 'o': "[om]",
	'a': "[asnblfom]", 'f': "f", 'j': "[asnblom]", 'x': "[asnblfom]",
}

func parseSignature(sig string) (*signature, *Error) {
	b := &sigBuilder{s: []rune(sig)}
	for pos := 1; pos < len(b.s) && b.s[pos] != ':'; pos++ {
		next, err := b.symbol(pos)
		if err != nil {
			return nil, err
		}
		pos = next
	}
	var sb strings.Builder
	sb.WriteString("^")
	for _, p := range b.params {
		sb.WriteString("(" + p.regex + ")")
	}
	sb.WriteString("$")
	return &signature{definition: sig, params: b.params, re: regexp.MustCompile(sb.String())}, nil
}

// symbol consumes the signature symbol at pos and returns the position of
// its last character.
func (b *sigBuilder) symbol(pos int) (int, *Error) {
	sym := b.s[pos]
	if re, ok := simpleSigTypes[sym]; ok {
		b.add(re, string(sym))
		return pos, nil
	}
	prev := b.last()
	switch sym {
	case '-':
		if prev != nil {
			prev.context = true
			prev.contextRegex = regexp.MustCompile("^" + prev.regex + "$")
			prev.regex += "?"
		}
	case '?', '+':
		if prev != nil {
			prev.regex += string(sym)
		}
	case '(':
		end := closingBracket(b.s, pos, '(', ')')
		choice := string(b.s[pos+1 : min(end, len(b.s))])
		if strings.Contains(choice, "<") {
			return pos, newErr("S0402", pos, "", choice).finish(nil)
		}
		b.add("["+choice+"m]", "("+choice+")")
		return end, nil
	case '<':
		if prev == nil || (prev.typ != "a" && prev.typ != "f") {
			typ := ""
			if prev != nil {
				typ = prev.typ
			}
			return pos, newErr("S0401", pos, "", typ).finish(nil)
		}
		end := closingBracket(b.s, pos, '<', '>')
		prev.subtype = string(b.s[pos+1 : min(end, len(b.s))])
		return end, nil
	}
	return pos, nil
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
	m := sig.match(string(symbols))
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
