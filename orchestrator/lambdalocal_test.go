package orchestrator

import (
	"testing"
	"time"
)

func TestLocalOptions(t *testing.T) {
	for _, tc := range []struct {
		env     string
		timeout time.Duration // 0: no options
		err     bool
	}{
		{"", 0, false},
		{"2s", 2 * time.Second, false},
		{"1m30s", 90 * time.Second, false},
		{"0s", 0, true},
		{"-1s", 0, true},
		{"soon", 0, true},
	} {
		opts, err := localOptions(tc.env)
		switch {
		case tc.err:
			if err == nil {
				t.Errorf("%q: no error", tc.env)
			}
		case err != nil:
			t.Errorf("%q: %v", tc.env, err)
		case tc.timeout == 0 && opts != nil:
			t.Errorf("%q: options %+v, want none", tc.env, opts)
		case tc.timeout != 0 && (opts == nil || opts.Timeout != tc.timeout):
			t.Errorf("%q: options %+v, want timeout %s", tc.env, opts, tc.timeout)
		}
	}
}
