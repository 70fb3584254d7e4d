package local

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/baton-run/baton/internal/testenv"
)

// benchWork is the bench corpus's handler 'work': {i, n} → {i+1, n}.
func benchWork(ctx context.Context, in item) (item, error) { return item{I: in.I + 1, N: in.N}, nil }

func benchDefinition(b *testing.B, name string) []byte {
	dir := testenv.Shared(b, "bench")
	def, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		b.Fatal(err)
	}
	return def
}

// benchRun runs def with input b.N times on a fresh engine (in memory, or
// on a SQLite file when durable) and reports state transitions per second
// (StateEntered events, the peer's measure).
func benchRun(b *testing.B, def []byte, input string, durable bool) {
	// The corpus's loops run past Step Functions' 25,000-event quota.
	opts := Options{Invoker: NewHandlers().Register("work", benchWork), MaxHistoryEvents: -1}
	if durable {
		opts.Path = filepath.Join(b.TempDir(), "bench.db")
	}
	e, err := Open(opts)
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	sm, err := e.CreateStateMachine(ctx, "bench", def, nil)
	if err != nil {
		b.Fatal(err)
	}
	transitions := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x, err := e.StartExecution(ctx, sm.Arn, "", input)
		if err != nil {
			b.Fatal(err)
		}
		if x, err = e.Wait(ctx, x.Arn); err != nil || x.Status != StatusSucceeded {
			b.Fatalf("%+v %v", x, err)
		}
		b.StopTimer()
		evs, _, _ := e.GetExecutionHistory(ctx, x.Arn, HistoryOptions{})
		for _, ev := range evs {
			if strings.HasSuffix(ev.Type, "StateEntered") {
				transitions++
			}
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(transitions)/b.Elapsed().Seconds(), "transitions/s")
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/execution")
}

func BenchmarkEngine(b *testing.B) {
	cases := []struct{ name, file, input string }{
		{"loop", "loop.asl.json", `{"n":20000}`},
		{"taskloop", "taskloop.asl.json", `{"n":20000}`},
		{"fanout1000", "fanout.asl.json", `{"n":1000}`},
	}
	for _, c := range cases {
		for _, durable := range []bool{false, true} {
			mode := "memory"
			if durable {
				mode = "durable"
			}
			b.Run(fmt.Sprintf("%s/%s", c.name, mode), func(b *testing.B) {
				benchRun(b, benchDefinition(b, c.file), c.input, durable)
			})
		}
	}
}
