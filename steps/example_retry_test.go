package steps_test

import (
	"context"
	"fmt"
	"time"

	"github.com/baton-run/baton/steps"
)

// Quote is what the rate-limited pricing API returns.
type Quote struct {
	SKU   string `json:"sku"`
	Cents int64  `json:"cents"`
}

// A throttled call is retried in-process with exponential backoff from the
// step's RetryPolicy — the same policy that becomes the state machine's
// Retry block for errors that outlast the invocation.
func ExampleRetryPolicy() {
	var r *localRun
	calls := 0
	price := func(_ context.Context, q Quote) (Quote, error) {
		calls++
		elapsed := r.Clock.Now().Sub(epoch)
		if calls <= 2 {
			fmt.Printf("call %d at +%s: throttled\n", calls, elapsed)
			return Quote{}, &ThrottledError{RetryAfter: time.Second}
		}
		fmt.Printf("call %d at +%s: ok\n", calls, elapsed)
		q.Cents = 1299
		return q, nil
	}
	policy := &steps.RetryPolicy{
		Errors:   steps.ErrorNames(&ThrottledError{}), // "ThrottledError"
		Interval: 200 * time.Millisecond, MaxAttempts: 5, BackoffRate: 2,
	}
	wf := steps.New("pricing", nil).Add(steps.Task("price", price, &steps.TaskOptions{Retry: policy}))
	r = newLocalRun(wf)
	defer r.close()

	fmt.Println(r.run("price-1", Quote{SKU: "A-1"}))
	// Output:
	// call 1 at +0s: throttled
	// call 2 at +200ms: throttled
	// call 3 at +600ms: ok
	// SUCCEEDED {"cents":1299,"sku":"A-1"}
}
