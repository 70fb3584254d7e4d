package pipeline_test

import (
	"fmt"

	"github.com/baton-run/baton/examples/imagepipeline/pipeline"
	"github.com/baton-run/baton/steps"
)

// Retry a throttled call: storage refuses the first five reads of the only
// image. StorageRetry retries fetch in-process three times (after 100, 200
// and 400 ms); the fourth refusal, at +700ms, leaves the invocation, and the
// state machine's Retry compiled from the same policy (IntervalSeconds 1)
// invokes fetch again at +1.7s, where one more in-process retry gets the
// image. The fake clock makes the waits instant and the times exact.
func ExampleStorageRetry() {
	var r *localRun
	observe := func(ev steps.Event) {
		if ev.Kind == steps.EventRetry {
			fmt.Printf("+%-6s %s: %s, retry in-process in %s\n",
				r.Clock.Now().Sub(start), ev.Step, steps.ErrorName(ev.Err), ev.Delay)
		}
	}
	r = newLocalRun(pipeline.Workflow(), observe)
	defer r.close()

	x := r.run("throttled", pipeline.Input{Dir: r.Dir, Seed: 2, Images: 1, Throttle: map[int]int{0: 5}})
	fmt.Println(x.Status, "at", r.Clock.Now().Sub(start))
	// Output:
	// +0s     thumbnails/fetch: ThrottledError, retry in-process in 100ms
	// +100ms  thumbnails/fetch: ThrottledError, retry in-process in 200ms
	// +300ms  thumbnails/fetch: ThrottledError, retry in-process in 400ms
	// +1.7s   thumbnails/fetch: ThrottledError, retry in-process in 100ms
	// SUCCEEDED at 1.8s
}
