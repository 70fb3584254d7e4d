package memstore_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/memstore"
)

// BenchmarkSave is the Store's own cost per Save (fencing checks, size
// check, retry wrapper, copying 1 KiB) over the in-memory driver.
func BenchmarkSave(b *testing.B) {
	s, err := memstore.Open(nil)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	rec, err := s.Claim(ctx, checkpoint.Key{Job: "j", Step: "s"}, "o", time.Now().Add(time.Hour))
	if err != nil {
		b.Fatal(err)
	}
	state := bytes.Repeat([]byte{'s'}, 1<<10)
	b.ReportAllocs()
	for b.Loop() {
		if rec, err = s.Save(ctx, rec, state, checkpoint.Progress{Done: rec.Version}); err != nil {
			b.Fatal(err)
		}
	}
}
