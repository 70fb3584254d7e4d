package statemachines

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// MaxPayloadBytes is Step Functions' limit on a state's input or output and
// on an execution's input: 256 KiB of UTF-8 JSON.
const MaxPayloadBytes = 256 * 1024

// CheckPayloadSize returns a States.DataLimitExceeded error when v,
// serialised as compact JSON, is larger than 256 KiB. Its cause is AWS's
// text for a state result without the state name; the engine, which knows
// the state, can use PayloadTooLarge instead.
func CheckPayloadSize(v any) error {
	n, err := PayloadSize(v)
	if err != nil {
		return Errorf(ErrRuntime, "The payload is not JSON: %v", err)
	}
	if n > MaxPayloadBytes {
		return &Error{Name: ErrDataLimitExceeded, Cause: "The state/task returned a result with a size exceeding the maximum number of bytes service limit."}
	}
	return nil
}

// PayloadTooLarge is AWS's States.DataLimitExceeded error for a state whose
// result is over the limit.
func PayloadTooLarge(state string) *Error {
	return Errorf(ErrDataLimitExceeded, "The state/task '%s' returned a result with a size exceeding the maximum number of bytes service limit.", state)
}

// PayloadSize returns the size in bytes of v's compact JSON text, as
// encoding/json writes it with HTML escaping off (which is how AWS counts:
// < > & are not escaped). It walks v without encoding it. Values that are
// not JSON (NaN, infinities, Go types other than those encoding/json
// decodes into an any) are an error.
func PayloadSize(v any) (int, error) {
	switch x := v.(type) {
	case nil:
		return 4, nil
	case bool:
		if x {
			return 4, nil
		}
		return 5, nil
	case float64:
		return floatSize(x)
	case string:
		return stringSize(x), nil
	case []any:
		return arraySize(x)
	case map[string]any:
		return objectSize(x)
	}
	return 0, fmt.Errorf("unsupported value of type %T", v)
}

func arraySize(a []any) (int, error) {
	n := 2 + max(len(a)-1, 0) // brackets and commas
	for _, item := range a {
		m, err := PayloadSize(item)
		if err != nil {
			return 0, err
		}
		n += m
	}
	return n, nil
}

func objectSize(o map[string]any) (int, error) {
	n := 2 + max(len(o)-1, 0) // braces and commas
	for k, item := range o {
		m, err := PayloadSize(item)
		if err != nil {
			return 0, err
		}
		n += stringSize(k) + 1 + m // key, colon, value
	}
	return n, nil
}

// floatSize is the length of encoding/json's text for f.
func floatSize(f float64) (int, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("unsupported number %v", f)
	}
	var buf [32]byte
	abs := math.Abs(f)
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		b := strconv.AppendFloat(buf[:0], f, 'e', -1, 64)
		n := len(b)
		// encoding/json writes e-07 as e-7.
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			n--
		}
		return n, nil
	}
	return len(strconv.AppendFloat(buf[:0], f, 'f', -1, 64)), nil
}

// stringSize is the length of encoding/json's quoted text for s with HTML
// escaping off.
func stringSize(s string) int {
	n := 2
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			n += asciiSize(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			n += 6 // \ufffd
		case r == '\u2028' || r == '\u2029':
			n += 6
		default:
			n += size
		}
		i += size
	}
	return n
}

func asciiSize(c byte) int {
	switch {
	case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f':
		return 2
	case c < 0x20:
		return 6
	}
	return 1
}
