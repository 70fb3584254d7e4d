package local_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/baton-run/baton/orchestrator/local"
)

// A Go function serves a Lambda task, with Retry on its error type name,
// on an in-memory engine.
func Example() {
	calls := 0
	handlers := local.NewHandlers().Register("greet", func(ctx context.Context, in struct{ Name string }) (string, error) {
		if calls++; calls == 1 {
			return "", &Throttled{}
		}
		return "hello " + in.Name, nil
	})
	e, err := local.Open(local.Options{Invoker: handlers}) // Path "" keeps everything in memory
	if err != nil {
		panic(err)
	}
	defer e.Close()
	def := `{"StartAt":"Greet","States":{"Greet":{"Type":"Task",
	  "Resource":"arn:aws:lambda:us-east-1:123456789012:function:greet",
	  "Retry":[{"ErrorEquals":["Throttled"],"IntervalSeconds":0}],"End":true}}}`
	x, events, err := e.RunOnce(context.Background(), "hello", []byte(def), `{"Name":"baton"}`, nil)
	if err != nil {
		panic(err)
	}
	var types []string
	for _, ev := range events {
		types = append(types, ev.Type)
	}
	fmt.Println(x.Status, x.Output)
	fmt.Println(strings.Join(types, "\n"))
	// Output:
	// SUCCEEDED "hello baton"
	// ExecutionStarted
	// TaskStateEntered
	// LambdaFunctionScheduled
	// LambdaFunctionStarted
	// LambdaFunctionFailed
	// LambdaFunctionScheduled
	// LambdaFunctionStarted
	// LambdaFunctionSucceeded
	// TaskStateExited
	// ExecutionSucceeded
}

// Throttled is a handler error; its type name is the ASL error name.
type Throttled struct{}

func (*Throttled) Error() string { return "slow down" }
