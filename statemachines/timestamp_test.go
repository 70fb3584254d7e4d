package statemachines

import (
	"testing"
	"time"
)

func TestParseTimestamp(t *testing.T) {
	t.Parallel()
	valid := map[string]string{
		"2016-03-14T01:59:00Z":                "2016-03-14T01:59:00Z",
		"2012-10-09T19:00:55+01:00":           "2012-10-09T18:00:55Z",
		"2012-10-09T19:00:55-05:30":           "2012-10-10T00:30:55Z",
		"2012-10-09T19:00:55.123Z":            "2012-10-09T19:00:55.123Z",
		"2012-10-09T19:00:55.123456789+00:00": "2012-10-09T19:00:55.123456789Z",
		"2016-02-29T00:00:00Z":                "2016-02-29T00:00:00Z",
	}
	for in, want := range valid {
		got, ok := ParseTimestamp(in)
		if !ok {
			t.Errorf("ParseTimestamp(%q) failed", in)
			continue
		}
		if s := got.UTC().Format(time.RFC3339Nano); s != want {
			t.Errorf("ParseTimestamp(%q) = %s, want %s", in, s, want)
		}
	}
	for _, in := range []string{
		"", "2016-03-14", "2016-03-14T01:59:00", "2016-03-14 01:59:00Z", "2016-13-05T21:29:29Z",
		"2015-02-29T00:00:00Z", "2016-03-14T24:00:00Z", "2016-03-14T01:60:00Z", "2016-03-14T01:59:60Z",
		"16-03-14T01:59:00Z", "2016-03-14T01:59:00.Z", "2016-03-14T01:59:00.1234567891Z",
		"2016-03-14T01:59:00+0100", "2016-03-14T01:59:00+19:00", "2016-03-14T01:59:00ZZ", "05-12-2016T21:29:29Z",
		"2016-03-00T01:59:00Z",
		"2016-03-14T01:59Z", "2016-03-14t01:59:00Z", "2016-03-14T01:59:00z", "2012-10-09T19:00:55+01:00:30",
	} {
		if got, ok := ParseTimestamp(in); ok {
			t.Errorf("ParseTimestamp(%q) = %v, want failure", in, got)
		}
	}
}
