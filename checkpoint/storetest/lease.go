package storetest

import (
	"fmt"
	"strings"
	"time"

	"github.com/baton-run/baton/checkpoint"
)

var leaseCases = []testCase{
	{name: "ClaimCreates", fn: testClaimCreates},
	{name: "ClaimHeldByOther", fn: testClaimHeld},
	{name: "ClaimOwnExtends", fn: testClaimOwnExtends},
	{name: "ClaimAfterLeaseExpiry", fn: testClaimAfterLeaseExpiry},
	{name: "ClaimAfterRelease", fn: testClaimAfterRelease},
	{name: "ClaimDoneReturnsOutput", fn: testClaimDone},
	{name: "ClaimInvalid", fn: testClaimInvalid},
	{name: "ClaimKeyLimits", fn: testClaimKeyLimits},
}

func testClaimCreates(e *env) {
	key := checkpoint.ItemKey("job-"+e.Name(), "fanout/resize", 7)
	until := e.clock.Now().Add(90 * time.Second)
	rec, err := e.s.Claim(e.ctx, key, "owner-a", until)
	if err != nil {
		e.Fatal(err)
	}
	now := e.clock.Now()
	want := checkpoint.Record{Key: key, Version: 1, Owner: "owner-a", LeaseExpiry: until,
		Created: now, Updated: now, Expires: now.Add(ttl).Truncate(time.Second).Add(time.Second)}
	for name, r := range map[string]checkpoint.Record{"returned": rec, "stored": e.get(key)} {
		if !sameRecord(r, want) {
			e.Errorf("%s record\n got %+v\nwant %+v", name, r, want)
		}
	}
}

func testClaimHeld(e *env) {
	key := e.key("s")
	a := e.claim(key, "owner-a")
	cur, err := e.s.Claim(e.ctx, key, "owner-b", e.clock.Now().Add(time.Minute))
	e.wantErr("claim held lease", err, checkpoint.ErrLeaseHeld)
	if !sameRecord(cur, a) {
		e.Errorf("ErrLeaseHeld returned %+v; want the current record %+v", cur, a)
	}
	if !strings.Contains(err.Error(), "owner-a") || !strings.Contains(err.Error(), key.String()) {
		e.Errorf("error %q names neither the holder nor the key", err)
	}
	e.wantState(key, "", a.Version)
}

func testClaimOwnExtends(e *env) {
	key := e.key("s")
	a := e.save(e.claim(key, "owner-a"), "st", 1)
	later := e.clock.Now().Add(time.Hour)
	again, err := e.s.Claim(e.ctx, key, "owner-a", later)
	if err != nil {
		e.Fatal(err)
	}
	if again.Version != a.Version+1 || !again.LeaseExpiry.Equal(later) || string(again.State) != "st" {
		e.Fatalf("re-claim: %+v; want version %d, lease %v, state kept", again, a.Version+1, later)
	}
}

func testClaimAfterLeaseExpiry(e *env) {
	key := e.key("s")
	a := e.save(e.claim(key, "owner-a"), "half", 50)
	e.clock.Advance(time.Minute) // the lease ends exactly now
	b, err := e.s.Claim(e.ctx, key, "owner-b", e.clock.Now().Add(time.Minute))
	if err != nil {
		e.Fatalf("claim after expiry: %v", err)
	}
	if b.Owner != "owner-b" || string(b.State) != "half" || b.Progress.Done != 50 || b.Version != a.Version+1 {
		e.Fatalf("takeover record %+v: want owner-b, state and progress kept, version %d", b, a.Version+1)
	}
	if !b.Created.Equal(a.Created) {
		e.Errorf("Created changed on takeover: %v -> %v", a.Created, b.Created)
	}
}

func testClaimAfterRelease(e *env) {
	key := e.key("s")
	a := e.save(e.claim(key, "owner-a"), "kept", 3)
	rel, err := e.s.Release(e.ctx, a)
	if err != nil {
		e.Fatal(err)
	}
	if rel.Owner != "" || !rel.LeaseExpiry.IsZero() || rel.Version != a.Version+1 {
		e.Fatalf("released record %+v", rel)
	}
	b := e.claim(key, "owner-b")
	if string(b.State) != "kept" || b.Version != rel.Version+1 {
		e.Fatalf("claim after release: %+v", b)
	}
}

func testClaimDone(e *env) {
	key := e.key("s")
	done, err := e.s.Complete(e.ctx, e.claim(key, "owner-a"), []byte(`{"n":1}`))
	if err != nil {
		e.Fatal(err)
	}
	e.clock.Advance(time.Second)
	again := e.claim(key, "owner-b")
	if !again.Done || string(again.Output) != `{"n":1}` || again.Version != done.Version || again.Owner != "" {
		e.Fatalf("claim of done record: %+v; want it unchanged at version %d", again, done.Version)
	}
	if got := e.get(key); !got.Updated.Equal(done.Updated) {
		e.Errorf("claim of a done record wrote it: Updated %v -> %v", done.Updated, got.Updated)
	}
}

func testClaimInvalid(e *env) {
	now := e.clock.Now()
	ok := checkpoint.Key{Job: "j", Step: "s"}
	for _, c := range []struct {
		key   checkpoint.Key
		owner string
		until time.Time
	}{
		{checkpoint.Key{Step: "s"}, "o", now.Add(time.Minute)},
		{checkpoint.Key{Job: "j"}, "o", now.Add(time.Minute)},
		{checkpoint.Key{Job: "j", Step: "s", Item: "a#b"}, "o", now.Add(time.Minute)},
		{ok, "", now.Add(time.Minute)},
		{ok, "o", now},
		{ok, "o", now.Add(-time.Second)},
		{ok, "\xff", now.Add(time.Minute)},
		{ok, strings.Repeat("o", checkpoint.MaxOwnerBytes+1), now.Add(time.Minute)},
		{checkpoint.Key{Job: "j\xff", Step: "s"}, "o", now.Add(time.Minute)},
		{checkpoint.Key{Job: "j", Step: "s", Item: "\xfe"}, "o", now.Add(time.Minute)},
		{checkpoint.Key{Job: strings.Repeat("j", checkpoint.MaxJobBytes+1), Step: "s"}, "o", now.Add(time.Minute)},
		{checkpoint.Key{Job: "j", Step: strings.Repeat("s", checkpoint.MaxStepItemBytes-1), Item: "12"}, "o", now.Add(time.Minute)},
	} {
		_, err := e.s.Claim(e.ctx, c.key, c.owner, c.until)
		e.wantErr(fmt.Sprintf("claim %s by %q until %v", c.key, c.owner, c.until), err, checkpoint.ErrInvalid)
	}
	if _, err := e.s.Get(e.ctx, ok); err == nil {
		e.Error("an invalid claim created a record")
	}
	_, err := e.s.Get(e.ctx, checkpoint.Key{Job: "j", Step: "a", Item: "b#c"})
	e.wantErr("get with '#' in Item", err, checkpoint.ErrInvalid)
	e.wantErr("delete with no Step", e.s.Delete(e.ctx, checkpoint.Key{Job: "j"}), checkpoint.ErrInvalid)
	_, err = e.s.List(e.ctx, "")
	e.wantErr("list of no job", err, checkpoint.ErrInvalid)
}

// Keys at DynamoDB's size limits work on every driver.
func testClaimKeyLimits(e *env) {
	key := checkpoint.Key{Job: strings.Repeat("j", checkpoint.MaxJobBytes),
		Step: strings.Repeat("é", (checkpoint.MaxStepItemBytes-3)/2) + "/s", Item: "9"}
	rec := e.save(e.claim(key, "o"), "st", 1)
	if got := e.get(key); !sameRecord(got, rec) {
		e.Fatalf("record with a maximal key:\n got %+v\nwant %+v", got, rec)
	}
	if recs, err := e.s.List(e.ctx, key.Job); err != nil || len(recs) != 1 || recs[0].Key != key {
		e.Fatalf("List of the maximal job = %d records, %v", len(recs), err)
	}
}

// sameRecord compares records field by field, bytes by content and times
// by instant.
func sameRecord(a, b checkpoint.Record) bool {
	return a.Key == b.Key && a.Version == b.Version && a.Owner == b.Owner &&
		a.LeaseExpiry.Equal(b.LeaseExpiry) && string(a.State) == string(b.State) &&
		a.Progress == b.Progress && a.Done == b.Done && string(a.Output) == string(b.Output) &&
		a.Created.Equal(b.Created) && a.Updated.Equal(b.Updated) && a.Expires.Equal(b.Expires)
}
