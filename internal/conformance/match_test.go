package conformance

import "testing"

func TestMatcher(t *testing.T) {
	m := Matcher{Tokens: []string{"date", "111111111111"}}
	cases := []struct {
		name      string
		want, got any
		ok        bool
	}{
		{"token stands for any value", "<uuid:1>", map[string]any{"x": 1.0}, true},
		{"listed token alone", "date", "2026-11-26T12:00:00Z", true},
		{"token inside a string", "arn:<partition>:states:<region>:111111111111:execution:m", "arn:aws:states:us-east-1:123456789012:execution:m", true},
		{"different literal part", "arn:<partition>:states:x", "arn:aws:lambda:x", false},
		{"numbers compare as JSON", 1.0, 1.0, true},
		{"number vs string", 1.0, "1", false},
		{"nested objects", map[string]any{"a": []any{"<x>", 2.0}}, map[string]any{"a": []any{true, 2.0}}, true},
		{"missing key", map[string]any{"a": 1.0}, map[string]any{}, false},
		{"extra key", map[string]any{}, map[string]any{"a": 1.0}, false},
		{"regex metacharacters stay literal", "a.b", "axb", false},
	}
	for _, tc := range cases {
		if got := m.Match(tc.want, tc.got); got != tc.ok {
			t.Errorf("%s: Match(%v, %v) = %v, want %v", tc.name, tc.want, tc.got, got, tc.ok)
		}
	}
}

func TestMatchText(t *testing.T) {
	m := Matcher{}
	if !m.MatchText(map[string]any{"errorMessage": "x"}, `{"errorMessage":"x"}`) {
		t.Error("structured expectation should match the parsed text")
	}
	if !m.MatchText("plain cause", "plain cause") {
		t.Error("a string expectation should match the same text")
	}
	if m.MatchText(map[string]any{"a": 1.0}, "not json") {
		t.Error("a structured expectation must not match text that is not JSON")
	}
}
