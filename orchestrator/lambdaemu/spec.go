package lambdaemu

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// Specs is a list of functions given on a command line, one
// NAME=PATH[,timeout=DURATION][,memory=MB][,concurrency=N][,throttle=true][,env=KEY[=VALUE]]...
// each (e.g. `baton run --lambda work=dist/work/linux-amd64/bootstrap,timeout=30s,env=BATON_CHECKPOINT_TABLE`).
// env=KEY copies KEY from the host's environment (the function does not
// inherit it otherwise); env=KEY=VALUE sets it. It implements flag.Value, so
// a repeated flag accumulates.
type Specs []Config

// String implements flag.Value.
func (s *Specs) String() string {
	parts := make([]string, len(*s))
	for i, c := range *s {
		parts[i] = c.Name + "=" + c.Path
	}
	return strings.Join(parts, " ")
}

// Set implements flag.Value: it parses and appends one spec.
func (s *Specs) Set(v string) error {
	c, err := ParseSpec(v)
	if err != nil {
		return err
	}
	*s = append(*s, c)
	return nil
}

// Functions starts the specified functions, their logs going to logs.
func (s Specs) Functions(logs io.Writer) (*Functions, error) {
	cfgs := make([]Config, len(s))
	for i, c := range s {
		c.Logs = logs
		cfgs[i] = c
	}
	return NewFunctions(cfgs...)
}

// ParseSpec parses NAME=PATH[,key=value...]; keys: timeout (a Go duration
// or seconds), memory (MB), concurrency, throttle (bool), env (KEY or
// KEY=VALUE, repeatable).
func ParseSpec(spec string) (Config, error) {
	head, opts, _ := strings.Cut(spec, ",")
	name, path, ok := strings.Cut(head, "=")
	if !ok || name == "" || path == "" {
		return Config{}, fmt.Errorf("lambda %q: want NAME=PATH[,timeout=30s][,memory=MB][,concurrency=N][,env=KEY[=VALUE]]", spec)
	}
	c := Config{Name: name, Path: path}
	if opts == "" {
		return c, c.withDefaults().validate()
	}
	for _, kv := range strings.Split(opts, ",") {
		if err := c.setOption(kv); err != nil {
			return Config{}, fmt.Errorf("lambda %q: %w", spec, err)
		}
	}
	return c, c.withDefaults().validate()
}

func (c *Config) setOption(kv string) error {
	k, v, _ := strings.Cut(kv, "=")
	var err error
	switch k {
	case "timeout":
		c.Timeout, err = parseSeconds(v)
	case "memory":
		c.MemoryMB, err = strconv.Atoi(v)
	case "concurrency":
		c.Concurrency, err = strconv.Atoi(v)
	case "env":
		err = c.setEnv(v)
	case "throttle":
		c.Throttle, err = strconv.ParseBool(v)
	default:
		return fmt.Errorf("unknown option %q (want timeout, memory, concurrency, throttle or env)", k)
	}
	if err != nil {
		return fmt.Errorf("option %s: %w", k, err)
	}
	return nil
}

// setEnv applies env=KEY (copied from the host, if set) or env=KEY=VALUE.
func (c *Config) setEnv(v string) error {
	k, val, set := strings.Cut(v, "=")
	if k == "" {
		return fmt.Errorf("want env=KEY or env=KEY=VALUE")
	}
	if !set {
		var ok bool
		if val, ok = os.LookupEnv(k); !ok {
			return nil
		}
	}
	if c.Env == nil {
		c.Env = map[string]string{}
	}
	c.Env[k] = val
	return nil
}

// parseSeconds reads "30s", "2m" or a plain number of seconds.
func parseSeconds(v string) (time.Duration, error) {
	if n, err := strconv.Atoi(v); err == nil {
		return time.Duration(n) * time.Second, nil
	}
	return time.ParseDuration(v)
}
