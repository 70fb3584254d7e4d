package checkpoint_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/memstore"
)

// An invocation is killed at its deadline after two chunks; the next one
// claims the expired lease and resumes from the checkpoint, and the first,
// if it comes back as a zombie, can no longer write.
func Example_resumeAfterTimeout() {
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	store, _ := memstore.Open(&checkpoint.Options{Now: func() time.Time { return now }})
	key := checkpoint.Key{Job: "nightly", Step: "aggregate"}

	first, _ := store.Claim(ctx, key, "invocation-1", now.Add(15*time.Minute))
	for chunk := int64(1); chunk <= 2; chunk++ {
		first, _ = store.Save(ctx, first, fmt.Appendf(nil, "cursor=%d", chunk), checkpoint.Progress{Done: chunk, Total: 5})
	}
	now = now.Add(15 * time.Minute) // killed at the deadline

	second, err := store.Claim(ctx, key, "invocation-2", now.Add(15*time.Minute))
	fmt.Println(string(second.State), second.Progress.Done, err)

	first.LeaseExpiry = now.Add(time.Hour) // the zombie's clock is wrong too
	_, err = store.Save(ctx, first, []byte("cursor=3"), checkpoint.Progress{Done: 3, Total: 5})
	fmt.Println(errors.Is(err, checkpoint.ErrLeaseLost))
	// Output:
	// cursor=2 2 <nil>
	// true
}
