package statemachines

import (
	"math"
	"strings"
	"testing"
)

func TestCheckPayloadSize(t *testing.T) {
	t.Parallel()
	// {"a":"xxx…"} is 8 bytes of syntax plus the string.
	fits := map[string]any{"a": strings.Repeat("x", MaxPayloadBytes-8)}
	if n, _ := PayloadSize(fits); n != MaxPayloadBytes {
		t.Fatalf("PayloadSize = %d, want %d", n, MaxPayloadBytes)
	}
	if err := CheckPayloadSize(fits); err != nil {
		t.Errorf("exactly 256 KiB: %v", err)
	}
	over := map[string]any{"a": strings.Repeat("x", MaxPayloadBytes-7)}
	assertError(t, CheckPayloadSize(over), ErrDataLimitExceeded,
		"The state/task returned a result with a size exceeding the maximum number of bytes service limit.")
	// Multi-byte characters count as their UTF-8 bytes; < > & are not escaped.
	if n, _ := PayloadSize("é<>&"); n != len(`"é<>&"`) {
		t.Errorf("PayloadSize(é<>&) = %d, want %d", n, len(`"é<>&"`))
	}
	if err := CheckPayloadSize(math.NaN()); err == nil {
		t.Error("CheckPayloadSize(NaN) = nil, want an error")
	}
	assertError(t, PayloadTooLarge("State_1"), ErrDataLimitExceeded,
		"The state/task 'State_1' returned a result with a size exceeding the maximum number of bytes service limit.")
}
