// Command lambdafn is a real aws-lambda-go function for the Lambda emulator
// tests. The event's "op" picks a behaviour:
//
//	echo   returns {"echo": event}
//	pid    returns {"pid": os.Getpid(), "count": invocations served by this process}
//	count  returns {"count": invocations served by this process}
//	env    returns the Lambda environment and the invocation context it sees
//	sleep  sleeps "ms" milliseconds, then returns {"slept": ms}
//	error  returns a *ValidationError (errorType "ValidationError")
//	panic  panics with "boom"
//	exit   exits with status "code" without answering
//	big    returns a string of "bytes" bytes
//	alloc  touches "bytes" bytes of memory, then returns {"allocated": bytes}
//
// LAMBDAFN_INIT=crash exits during init; LAMBDAFN_INIT_SLEEP_MS delays init.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
)

// Event is the test function's input.
type Event struct {
	Op    string          `json:"op"`
	MS    int             `json:"ms,omitempty"`
	Code  int             `json:"code,omitempty"`
	Bytes int             `json:"bytes,omitempty"`
	Data  json.RawMessage `json:"data,omitempty"`
}

// ValidationError is a user error; aws-lambda-go reports its type name.
type ValidationError struct{ Field string }

func (e *ValidationError) Error() string { return "invalid field " + e.Field }

var served atomic.Int64

func handle(ctx context.Context, ev Event) (any, error) {
	n := served.Add(1)
	switch ev.Op {
	case "echo":
		return map[string]any{"echo": ev}, nil
	case "pid":
		return map[string]any{"pid": os.Getpid(), "count": n}, nil
	case "count":
		return map[string]any{"count": n}, nil
	case "env":
		return environment(ctx), nil
	case "sleep":
		time.Sleep(time.Duration(ev.MS) * time.Millisecond)
		return map[string]any{"slept": ev.MS}, nil
	case "error":
		return nil, &ValidationError{Field: "op"}
	case "panic":
		panic("boom")
	case "exit":
		os.Exit(ev.Code)
	case "alloc":
		b := make([]byte, ev.Bytes)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		time.Sleep(50 * time.Millisecond) // long enough for a memory sample
		return map[string]any{"allocated": len(b)}, nil
	case "big":
		return strings.Repeat("x", ev.Bytes), nil
	}
	return nil, fmt.Errorf("unknown op %q", ev.Op)
}

func environment(ctx context.Context) map[string]any {
	lc, _ := lambdacontext.FromContext(ctx)
	deadline, _ := ctx.Deadline()
	env := map[string]any{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	wd, _ := os.Getwd()
	return map[string]any{
		"env":             env,
		"wd":              wd,
		"requestId":       lc.AwsRequestID,
		"functionArn":     lc.InvokedFunctionArn,
		"clientContext":   lc.ClientContext.Custom,
		"cognitoIdentity": lc.Identity.CognitoIdentityID,
		"traceId":         ctx.Value("x-amzn-trace-id"),
		"deadlineMs":      deadline.UnixMilli(),
		"nowMs":           time.Now().UnixMilli(),
	}
}

func main() {
	if os.Getenv("LAMBDAFN_INIT") == "crash" {
		fmt.Fprintln(os.Stderr, "lambdafn: init failed on purpose")
		os.Exit(3)
	}
	if ms, _ := strconv.Atoi(os.Getenv("LAMBDAFN_INIT_SLEEP_MS")); ms > 0 {
		time.Sleep(time.Duration(ms) * time.Millisecond)
	}
	lambda.Start(handle)
}
