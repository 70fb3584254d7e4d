package lambdaemu

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"time"
)

// Config describes one Lambda function: its bootstrap binary and the
// settings Lambda would give it. Name and Path are required.
type Config struct {
	// Name is the function name (AWS_LAMBDA_FUNCTION_NAME, the ARN's last part).
	Name string
	// Path is the bootstrap executable (built for the host: GOOS=linux, the
	// host's GOARCH).
	Path string
	// Timeout ends an invocation by killing the process. Defaults to 3s,
	// Lambda's default; at most 15 minutes.
	Timeout time.Duration
	// InitTimeout bounds the runtime's start-up before its first /next call.
	// Defaults to 10s, Lambda's init phase limit.
	InitTimeout time.Duration
	// MemoryMB is AWS_LAMBDA_FUNCTION_MEMORY_SIZE. Defaults to 128.
	MemoryMB int
	// EnforceMemory kills an invocation whose process's resident set passes
	// MemoryMB (sampled every 10ms), failing it with Runtime.OutOfMemory as
	// Lambda does. Defaults to false: memory is only reported.
	EnforceMemory bool
	// Concurrency is the most instances (processes) of the function that run
	// at once; further invocations wait for a free one (or are throttled,
	// see Throttle). Defaults to 4.
	Concurrency int
	// Throttle rejects an invocation that finds every instance busy with
	// Lambda's throttling error (Lambda.TooManyRequestsException, as with
	// reserved concurrency) instead of waiting. Defaults to false.
	Throttle bool
	// Handler is _HANDLER. Defaults to "bootstrap".
	Handler string
	// Region is AWS_REGION and AWS_DEFAULT_REGION. Defaults to "us-east-1".
	Region string
	// Account is the account id in the invoked function ARN. Defaults to
	// "123456789012".
	Account string
	// Version is AWS_LAMBDA_FUNCTION_VERSION. Defaults to "$LATEST".
	Version string
	// Env adds environment variables; they override the defaults except the
	// AWS_LAMBDA_RUNTIME_API address. The host's environment is not inherited
	// (as on Lambda).
	Env map[string]string
	// Logs receives the functions' stdout and stderr and the START, END and
	// REPORT lines Lambda writes to CloudWatch. Defaults to discarding them.
	Logs io.Writer
}

// Lambda's bounds on function settings.
const (
	MaxTimeout      = 15 * time.Minute
	minMemoryMB     = 128
	maxMemoryMB     = 10240
	defaultTimeout  = 3 * time.Second
	defaultInit     = 10 * time.Second
	defaultMemoryMB = 128
	defaultConc     = 4
)

var functionName = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)

func (c Config) withDefaults() Config {
	c.Timeout = orDuration(c.Timeout, defaultTimeout)
	c.InitTimeout = orDuration(c.InitTimeout, defaultInit)
	c.MemoryMB = orInt(c.MemoryMB, defaultMemoryMB)
	c.Concurrency = orInt(c.Concurrency, defaultConc)
	c.Handler = orString(c.Handler, "bootstrap")
	c.Region = orString(c.Region, "us-east-1")
	c.Account = orString(c.Account, "123456789012")
	c.Version = orString(c.Version, "$LATEST")
	if c.Logs == nil {
		c.Logs = io.Discard
	}
	return c
}

func (c Config) validate() error {
	var errs []error
	if !functionName.MatchString(c.Name) {
		errs = append(errs, fmt.Errorf("Name %q: want 1-64 letters, digits, '-' or '_'", c.Name))
	}
	if c.Path == "" {
		errs = append(errs, errors.New("Path: the bootstrap executable is required"))
	}
	if c.Timeout < time.Millisecond || c.Timeout > MaxTimeout {
		errs = append(errs, fmt.Errorf("Timeout %v: want 1ms to %v", c.Timeout, MaxTimeout))
	}
	if c.MemoryMB < minMemoryMB || c.MemoryMB > maxMemoryMB {
		errs = append(errs, fmt.Errorf("MemoryMB %d: want %d to %d", c.MemoryMB, minMemoryMB, maxMemoryMB))
	}
	if c.Concurrency < 1 {
		errs = append(errs, fmt.Errorf("Concurrency %d: want at least 1", c.Concurrency))
	}
	if len(errs) > 0 {
		return fmt.Errorf("lambdaemu: function %q: %w", c.Name, errors.Join(errs...))
	}
	return nil
}

// ARN is the function's unqualified ARN, as Lambda-Runtime-Invoked-Function-Arn.
func (c Config) ARN() string {
	return "arn:aws:lambda:" + c.Region + ":" + c.Account + ":function:" + c.Name
}

// environ is the process environment of one execution environment: what a
// provided.al2023 runtime sees, then Env, then the Runtime API address.
func (c Config) environ(runtimeAPI string, now time.Time) []string {
	env := map[string]string{
		"PATH":                            "/usr/local/bin:/usr/bin/:/bin:/opt/bin",
		"LD_LIBRARY_PATH":                 "/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib",
		"LANG":                            "en_US.UTF-8",
		"TZ":                              ":UTC",
		"_HANDLER":                        c.Handler,
		"AWS_REGION":                      c.Region,
		"AWS_DEFAULT_REGION":              c.Region,
		"AWS_LAMBDA_FUNCTION_NAME":        c.Name,
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": strconv.Itoa(c.MemoryMB),
		"AWS_LAMBDA_FUNCTION_VERSION":     c.Version,
		"AWS_LAMBDA_INITIALIZATION_TYPE":  "on-demand",
		"AWS_LAMBDA_LOG_GROUP_NAME":       "/aws/lambda/" + c.Name,
		"AWS_LAMBDA_LOG_STREAM_NAME":      logStreamName(c.Version, now),
		"LAMBDA_TASK_ROOT":                filepath.Dir(c.Path),
		"LAMBDA_RUNTIME_DIR":              "/var/runtime",
	}
	for k, v := range c.Env {
		env[k] = v
	}
	env["AWS_LAMBDA_RUNTIME_API"] = runtimeAPI
	out := make([]string, 0, len(env))
	for k, v := range env {
		out = append(out, k+"="+v)
	}
	sort.Strings(out)
	return out
}

// logStreamName is Lambda's "YYYY/MM/DD/[VERSION]<32 hex>".
func logStreamName(version string, now time.Time) string {
	return now.UTC().Format("2006/01/02") + "/[" + version + "]" + randomHex(16)
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) //nolint:errcheck // crypto/rand.Read never fails on Linux
	return hex.EncodeToString(b)
}

func orDuration(v, d time.Duration) time.Duration {
	if v == 0 {
		return d
	}
	return v
}

func orInt(v, d int) int {
	if v == 0 {
		return d
	}
	return v
}

func orString(v, d string) string {
	if v == "" {
		return d
	}
	return v
}
