package lambdaemu

import (
	"strings"
	"testing"
	"time"
)

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
		want string // substring of the error; "" = valid
	}{
		{"defaults", Config{Name: "fn", Path: "/x/bootstrap"}, ""},
		{"no name", Config{Path: "/x"}, `Name "": want 1-64 letters, digits, '-' or '_'`},
		{"bad name", Config{Name: "a b", Path: "/x"}, `Name "a b"`},
		{"long name", Config{Name: strings.Repeat("a", 65), Path: "/x"}, "want 1-64"},
		{"no path", Config{Name: "fn"}, "Path: the bootstrap executable is required"},
		{"timeout too long", Config{Name: "fn", Path: "/x", Timeout: 16 * time.Minute}, "Timeout 16m0s: want 1ms to 15m0s"},
		{"memory too small", Config{Name: "fn", Path: "/x", MemoryMB: 64}, "MemoryMB 64: want 128 to 10240"},
		{"negative concurrency", Config{Name: "fn", Path: "/x", Concurrency: -1}, "Concurrency -1: want at least 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.cfg.withDefaults().validate()
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("validate() = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestConfigDefaults(t *testing.T) {
	t.Parallel()
	c := Config{Name: "fn", Path: "/x"}.withDefaults()
	if c.Timeout != 3*time.Second || c.InitTimeout != 10*time.Second || c.MemoryMB != 128 ||
		c.Concurrency != 4 || c.Handler != "bootstrap" || c.Region != "us-east-1" || c.Version != "$LATEST" || c.Logs == nil {
		t.Errorf("withDefaults() = %+v", c)
	}
	if got, want := c.ARN(), "arn:aws:lambda:us-east-1:123456789012:function:fn"; got != want {
		t.Errorf("ARN() = %q, want %q", got, want)
	}
}

func TestEnvironOverridesAndRuntimeAPI(t *testing.T) {
	t.Parallel()
	c := Config{Name: "fn", Path: "/task/bootstrap", Env: map[string]string{
		"TZ": "Europe/Paris", "AWS_LAMBDA_RUNTIME_API": "evil:1", "EXTRA": "1"}}.withDefaults()
	env := map[string]string{}
	for _, kv := range c.environ("127.0.0.1:9001", time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)) {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	want := map[string]string{"TZ": "Europe/Paris", "EXTRA": "1", "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001",
		"LAMBDA_TASK_ROOT": "/task", "AWS_LAMBDA_FUNCTION_NAME": "fn"}
	for k, v := range want {
		if env[k] != v {
			t.Errorf("%s = %q, want %q", k, env[k], v)
		}
	}
	if s := env["AWS_LAMBDA_LOG_STREAM_NAME"]; !strings.HasPrefix(s, "2026/03/04/[$LATEST]") || len(s) != len("2026/03/04/[$LATEST]")+32 {
		t.Errorf("log stream name = %q", s)
	}
}
