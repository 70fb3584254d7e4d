package steps_test

import (
	"testing"

	"github.com/baton-run/baton/steps/steptest"
)

// The orders workflow on the local engine: a Choice on typed paths loops
// back through a Wait (a Goto) until the order is ready, then branches on
// the total. The fake clock makes the waits free.
func TestOrdersWorkflowOnTheEngine(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		total  float64
		output string
		checks int
	}{
		{50, `{"id":"o-1","ready":true,"total":50,"tries":3}`, 3},
		{5000, `{"review":true}`, 3},
	} {
		e := steptest.New(t, ordersWorkflow(), nil)
		res := e.Run("order", order{ID: "o-1", Total: tc.total})
		if res.Status != "SUCCEEDED" || string(res.Output) != tc.output || e.Invocations("check") != tc.checks {
			t.Errorf("total %v: %s %s after %d checks (%s %s); want %s after %d",
				tc.total, res.Status, res.Output, e.Invocations("check"), res.Error, res.Cause, tc.output, tc.checks)
		}
		if got := e.Clock.Now().Sub(steptest.Epoch); got < 10e9 {
			t.Errorf("the two 5 s waits advanced the fake clock only %s", got)
		}
	}
}
