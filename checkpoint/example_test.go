package checkpoint_test

import (
	"context"
	"fmt"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/memstore"
)

// A long step claims its checkpoint, saves progress after each chunk, and
// completes; a repeated invocation then gets the stored output back.
func Example() {
	ctx := context.Background()
	store, _ := memstore.Open(nil)
	key := checkpoint.Key{Job: "nightly-2026-11-26", Step: "aggregate"}

	owner := checkpoint.NewOwner() // one per invocation
	rec, err := store.Claim(ctx, key, owner, time.Now().Add(time.Minute))
	if err != nil {
		panic(err)
	}
	for chunk := int64(1); chunk <= 3; chunk++ {
		state := fmt.Appendf(nil, `{"cursor":%d}`, chunk)
		rec, err = store.Save(ctx, rec, state, checkpoint.Progress{Done: chunk, Total: 3})
		if err != nil {
			panic(err) // ErrLeaseLost: a newer invocation took over; stop.
		}
	}
	rec, _ = store.Complete(ctx, rec, []byte(`{"rows":3}`))

	again, _ := store.Claim(ctx, key, checkpoint.NewOwner(), time.Now().Add(time.Minute))
	fmt.Println(again.Done, string(again.Output), again.Version, again.Progress.Done)
	// Output: true {"rows":3} 5 3
}
