package storetest

import (
	"time"

	"github.com/baton-run/baton/checkpoint"
)

var expiryCases = []testCase{
	{name: "ExpiredIsInvisible", fn: testExpiredInvisible},
	{name: "ClaimExpiredStartsFresh", fn: testClaimExpired},
	{name: "WriteExtendsExpiry", fn: testWriteExtends},
	{name: "SaveExpiredRecord", fn: testSaveExpiredRecord},
	{name: "Sweep", fn: testSweep},
	{name: "NegativeTTLNeverExpires", fn: testNoTTL, opts: func(o *checkpoint.Options) { o.TTL = -1 }},
}

// pastTTL is how far to advance for a record written now to expire.
const pastTTL = ttl + time.Second

func testExpiredInvisible(e *env) {
	key := e.key("s")
	rec := e.claim(key, "owner-a")
	e.clock.Advance(rec.Expires.Sub(e.clock.Now()) - time.Millisecond)
	e.get(key) // one millisecond before expiry: still there
	e.clock.Advance(time.Millisecond)
	_, err := e.s.Get(e.ctx, key)
	e.wantErr("get expired", err, checkpoint.ErrNotFound)
	if recs, err := e.s.List(e.ctx, key.Job); err != nil || len(recs) != 0 {
		e.Fatalf("List after expiry = %v, %v; want empty", recs, err)
	}
}

func testClaimExpired(e *env) {
	key := e.key("s")
	old, err := e.s.Complete(e.ctx, e.save(e.claim(key, "owner-a"), "old", 5), []byte("out"))
	if err != nil {
		e.Fatal(err)
	}
	e.clock.Advance(pastTTL)
	fresh := e.claim(key, "owner-b")
	if fresh.Done || len(fresh.State) != 0 || len(fresh.Output) != 0 || fresh.Progress != (checkpoint.Progress{}) ||
		!fresh.Created.Equal(e.clock.Now()) || fresh.Version <= old.Version {
		e.Fatalf("claim of an expired record: %+v; want a fresh record with version > %d", fresh, old.Version)
	}
}

func testWriteExtends(e *env) {
	key := e.key("s")
	rec := e.claim(key, "owner-a")
	e.clock.Advance(50 * time.Second)
	rec = e.save(rec, "st", 1)
	if want := rec.Updated.Add(ttl); rec.Expires.Before(want) || rec.Expires.Sub(want) >= time.Second {
		e.Fatalf("Expires %v; want %v rounded up to a second", rec.Expires, want)
	}
	e.clock.Advance(ttl - 10*time.Second)
	e.wantState(key, "st", rec.Version)
}

func testSaveExpiredRecord(e *env) {
	key := e.key("s")
	rec, err := e.s.Claim(e.ctx, key, "owner-a", e.clock.Now().Add(3*ttl))
	if err != nil {
		e.Fatal(err)
	}
	e.clock.Advance(pastTTL)
	_, err = e.s.Save(e.ctx, rec, []byte("x"), checkpoint.Progress{})
	e.wantErr("save of an expired record", err, checkpoint.ErrNotFound)
}

func testSweep(e *env) {
	a, b := e.key("a"), e.key("b")
	e.claim(a, "o")
	e.clock.Advance(ttl / 2)
	e.claim(b, "o")
	e.clock.Advance(ttl/2 + time.Second)
	wantSweep(e, 1)
	wantSweep(e, 0)
	e.get(b)
	_, err := e.s.Get(e.ctx, a)
	e.wantErr("get swept", err, checkpoint.ErrNotFound)
	e.clock.Advance(ttl)
	wantSweep(e, 1)
}

// wantSweep sweeps, wanting want deletions: exactly, unless the sweep
// retried (then a delete whose reply was lost may go uncounted).
func wantSweep(e *env, want int) {
	e.Helper()
	before := e.s.Stats().Retries
	n, err := e.s.Sweep(e.ctx)
	retried := e.s.Stats().Retries > before
	if err != nil || n > want || (n < want && !retried) {
		e.Fatalf("Sweep = %d, %v (retried: %v); want %d", n, err, retried, want)
	}
}

func testNoTTL(e *env) {
	key := e.key("s")
	rec := e.claim(key, "o")
	if !rec.Expires.IsZero() {
		e.Fatalf("Expires = %v with a negative TTL; want zero", rec.Expires)
	}
	e.clock.Advance(10 * 365 * 24 * time.Hour)
	e.get(key)
	wantSweep(e, 0)
}
