package steps_test

import (
	"context"
	"errors"
	"testing"

	"github.com/baton-run/baton/steps"
)

// Func accepts aws-lambda-go's handler signatures and calls them with the
// same JSON behaviour as Task.
func TestFuncSignatures(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		fn   any
		want string
	}{
		{"nothing", func() {}, `null`},
		{"error", func() error { return nil }, `null`},
		{"in error", func(counter) error { return nil }, `null`},
		{"out", func() (counter, error) { return counter{N: 7}, nil }, `{"n":7}`},
		{"in out", func(c counter) (counter, error) { return counter{N: c.N + 1}, nil }, `{"n":2}`},
		{"ctx", func(context.Context) error { return nil }, `null`},
		{"ctx in out", func(_ context.Context, c counter) (counter, error) { return counter{N: 2 * c.N}, nil }, `{"n":2}`},
	} {
		wf := steps.New("f", nil).Add(steps.Func("f", tc.fn, nil))
		h, err := steps.NewHandler(wf, nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		out, err := invoke(context.Background(), h, "f", "", counter{N: 1})
		if err != nil || string(out) != tc.want {
			t.Errorf("%s: %s, %v; want %s", tc.name, out, err, tc.want)
		}
	}
	wf := steps.New("f", nil).Add(steps.Func("f", func(counter) error { return &RejectedError{"no"} }, nil))
	h, _ := steps.NewHandler(wf, nil, nil)
	if _, err := invoke(context.Background(), h, "f", "", counter{}); !errors.As(err, new(*RejectedError)) {
		t.Errorf("error: %v, want the handler's *RejectedError unwrapped", err)
	}
}
