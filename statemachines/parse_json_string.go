package statemachines

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// This file reads JSON string literals for the reader in parse_json.go.

// interned holds ASL's field names and keywords, returned without
// allocating when a definition spells them.
var interned = func() map[string]string {
	words := strings.Fields(`StartAt States Comment TimeoutSeconds Version QueryLanguage JSONPath JSONata
		Type Pass Task Choice Wait Succeed Fail Parallel Map Next End InputPath OutputPath ResultPath
		Parameters ResultSelector Result Arguments Output Assign Resource TimeoutSecondsPath HeartbeatSeconds
		HeartbeatSecondsPath Credentials Retry Catch ErrorEquals IntervalSeconds MaxAttempts BackoffRate
		MaxDelaySeconds JitterStrategy FULL NONE Choices Default Variable And Or Not Condition Seconds
		SecondsPath Timestamp TimestampPath Error ErrorPath Cause CausePath Branches ItemsPath Items
		ItemProcessor Iterator ItemSelector ProcessorConfig Mode ExecutionType INLINE DISTRIBUTED STANDARD
		EXPRESS MaxConcurrency MaxConcurrencyPath ToleratedFailurePercentage ToleratedFailureCount
		ItemBatcher ItemReader ResultWriter Label States.ALL States.TaskFailed States.Timeout $ $.Payload
		FunctionName Payload Payload.$`)
	m := make(map[string]string, len(words)+len(choiceOperators))
	for _, w := range words {
		m[w] = w
	}
	for op := range choiceOperators {
		m[op] = op
	}
	return m
}()

// str reads a string literal starting at the opening quote.
func (r *jsonReader) str() string {
	r.pos++ // opening quote
	start := r.pos
	for r.pos < len(r.data) {
		c := r.data[r.pos]
		if c == '"' {
			b := r.data[start:r.pos]
			r.pos++
			if s, ok := interned[string(b)]; ok { // no allocation for the lookup
				return s
			}
			return string(b)
		}
		if c == '\\' || c < 0x20 || c >= 0x80 {
			return r.slowStr(start)
		}
		r.pos++
	}
	r.fail("unexpected end of input in a string")
	return ""
}

// slowStr finishes a string that has escapes, control or non-ASCII bytes.
func (r *jsonReader) slowStr(start int) string {
	buf := append([]byte(nil), r.data[start:r.pos]...)
	for r.pos < len(r.data) {
		c := r.data[r.pos]
		switch {
		case c == '"':
			r.pos++
			return string(buf)
		case c == '\\':
			buf = r.escape(buf)
			if r.err != nil {
				return ""
			}
		case c < 0x20:
			r.pos++
			r.fail("Illegal unquoted character ((CTRL-CHAR, code %d)): has to be escaped using backslash to be included in string value", c)
			return ""
		case c < 0x80:
			buf = append(buf, c)
			r.pos++
		default:
			rn, size := utf8.DecodeRune(r.data[r.pos:])
			buf = utf8.AppendRune(buf, rn) // invalid UTF-8 becomes U+FFFD
			r.pos += size
		}
	}
	r.fail("unexpected end of input in a string")
	return ""
}

var simpleEscapes = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}

func (r *jsonReader) escape(buf []byte) []byte {
	r.pos++ // backslash
	if r.pos >= len(r.data) {
		r.fail("unexpected end of input in an escape sequence")
		return buf
	}
	c := r.data[r.pos]
	if e := simpleEscapes[c]; e != 0 {
		r.pos++
		return append(buf, e)
	}
	if c != 'u' {
		r.pos++
		r.fail("Unrecognized character escape '%c' (code %d)", rune(c), c)
		return buf
	}
	r.pos++
	rn := r.hex4()
	if utf16.IsSurrogate(rn) && r.pos+1 < len(r.data) && r.data[r.pos] == '\\' && r.data[r.pos+1] == 'u' {
		save := r.pos
		r.pos += 2
		if lo := r.hex4(); utf16.DecodeRune(rn, lo) != utf8.RuneError {
			rn = utf16.DecodeRune(rn, lo)
		} else {
			r.pos = save
		}
	}
	return utf8.AppendRune(buf, rn)
}

func (r *jsonReader) hex4() rune {
	if len(r.data)-r.pos < 4 {
		r.fail("unexpected end of input in a \\u escape")
		return 0
	}
	n, err := strconv.ParseUint(string(r.data[r.pos:r.pos+4]), 16, 32)
	if err != nil {
		r.fail("illegal \\u escape: expected 4 hex digits")
		return 0
	}
	r.pos += 4
	return rune(n)
}
