package storetest

import (
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
)

// RunLeaser checks that a driver with the driver.Leaser capability claims
// in one backend call when the record is absent, its own, released or its
// lease has run out (the semantics are Run's; this checks the speed path
// is taken).
func RunLeaser(t *testing.T, newStore NewStore) {
	e := newEnv(t, newStore, nil)
	key := e.key("s")
	calls := func(what string, claim func()) {
		t.Helper()
		before := e.s.Stats().Ops
		claim()
		if n := e.s.Stats().Ops - before; n != 1 {
			t.Errorf("%s took %d backend calls; want 1", what, n)
		}
	}
	var rec checkpoint.Record
	calls("claim of an absent record", func() { rec = e.claim(key, "a") })
	calls("re-claim by the owner", func() { rec = e.claim(key, "a") })
	rel, err := e.s.Release(e.ctx, rec)
	if err != nil {
		t.Fatal(err)
	}
	calls("claim of a released record", func() { rec = e.claim(key, "b") })
	e.clock.Advance(2 * time.Minute)
	calls("claim after the lease ran out", func() { rec = e.claim(key, "c") })
	if rec.Version != rel.Version+2 || rec.Owner != "c" {
		t.Fatalf("after the claims: %+v; want owner c at version %d", rec, rel.Version+2)
	}
}
