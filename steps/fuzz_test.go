package steps_test

import (
	"context"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/memstore"
	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/steps"
)

// FuzzInvoke: whatever the payload, the handler answers with output or a
// named error, never a panic; a continuation envelope can only resume the
// step it names.
func FuzzInvoke(f *testing.F) {
	for _, seed := range []string{
		`{"step":"sum","execution":"e","input":{"n":30}}`,
		`{"step":"sum","execution":"e","input":{"batonSlice":{"step":"sum","job":"j","slice":2,"from":0},"input":{"n":30}}}`,
		`{"step":"double","input":{"n":2}}`,
		`{"step":"sum","input":{"batonSlice":{"step":"sum","job":""},"input":null}}`,
		`{"step":"sum","execution":"e","input":[1,2]}`,
		`not json`, `{}`, `null`,
	} {
		f.Add([]byte(seed))
	}
	clk := clock.NewAutoFake(epoch)
	store, _ := memstore.Open(&checkpoint.Options{Now: clk.Now})
	bounded := func(ctx context.Context, in counter, st *cursor, p *steps.Progress) (counter, error) {
		if in.N > 10_000 || in.N < 0 {
			return counter{}, &RejectedError{Reason: "n out of range"}
		}
		return sumTo(ctx, in, st, p)
	}
	wf := steps.New("sum", &steps.WorkflowOptions{Function: steps.Function{Timeout: time.Minute}}).
		Add(steps.Long("sum", bounded, nil), steps.Task("double", double, nil))
	h, err := steps.NewHandler(wf, store, &steps.HandlerOptions{Clock: clk})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		out, err := h.Invoke(context.Background(), payload)
		if err == nil && out == nil {
			t.Fatalf("no output and no error for %q", payload)
		}
		if err != nil && steps.ErrorName(err) == "" {
			t.Fatalf("unnamed error %v for %q", err, payload)
		}
	})
}
