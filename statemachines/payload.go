package statemachines

import (
	"encoding/json"
	"io"
)

// MaxPayloadBytes is Step Functions' limit on a state's input or output and
// on an execution's input: 256 KiB of UTF-8 JSON.
const MaxPayloadBytes = 256 * 1024

// CheckPayloadSize returns a States.DataLimitExceeded error when v,
// serialised as JSON, is larger than 256 KiB. Its cause is AWS's text for a
// state result without the state name; the engine, which knows the state,
// can use PayloadTooLarge instead.
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

// PayloadSize returns the size in bytes of v's compact JSON text (with
// <, > and & unescaped, as AWS counts them).
func PayloadSize(v any) (int, error) {
	var c countingWriter
	enc := json.NewEncoder(&c)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return 0, err
	}
	return c.n - 1, nil // the encoder's trailing newline
}

type countingWriter struct{ n int }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += len(p)
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)
