package statemachines

import (
	"bytes"
	"encoding/json"
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

// TestPayloadSizeMatchesEncoder checks the size walk against encoding/json
// on values with every kind of node and every escaping case.
func TestPayloadSizeMatchesEncoder(t *testing.T) {
	t.Parallel()
	values := []any{
		nil, true, false, 0.0, -0.0, 1.0, -1.5, 123456789.0, 1e20, 1e21, 1.5e21, 1e-6, 1e-7, 1.234e-7, -2.5e-300, 1.7976931348623157e308,
		5e-324, 0.1, 100.0, 12345678901234567890.0,
		"", "plain", `quote " backslash \ slash /`, "\n\r\t\b\f\x00\x01\x1f\x7f", "<html>&amp;", "é日本😀",
		"\u2028\u2029", "bad \xff utf8 \xc3", "\xed\xa0\x80",
		[]any{}, []any{1.0, "a", nil}, map[string]any{}, map[string]any{"k": "v", "n\"k": []any{map[string]any{"x": 1e-9}}},
	}
	for _, v := range values {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(v)
		want := buf.Len() - 1
		got, err := PayloadSize(v)
		if err != nil || got != want {
			t.Errorf("PayloadSize(%s) = %d, %v; want %d (%s)", b, got, err, want, buf.Bytes())
		}
	}
	for _, bad := range []any{math.Inf(1), []any{math.NaN()}, map[string]any{"x": 1}, struct{}{}} {
		if _, err := PayloadSize(bad); err == nil {
			t.Errorf("PayloadSize(%#v) = nil error", bad)
		}
	}
}

func BenchmarkCheckPayloadSize(b *testing.B) {
	v := benchValue(b, benchInput)
	b.ReportAllocs()
	for b.Loop() {
		if err := CheckPayloadSize(v); err != nil {
			b.Fatal(err)
		}
	}
}
