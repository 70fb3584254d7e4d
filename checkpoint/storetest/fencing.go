package storetest

import (
	"strings"
	"time"

	"github.com/baton-run/baton/checkpoint"
)

var fencingCases = []testCase{
	{name: "SaveStaleVersion", fn: testSaveStale},
	{name: "SaveAfterTakeover", fn: testSaveAfterTakeover},
	{name: "SaveAfterOwnLeaseExpiry", fn: testSaveExpiredLease},
	{name: "SaveAfterRelease", fn: testSaveAfterRelease},
	{name: "SaveForgedOwner", fn: testSaveForgedOwner},
	{name: "SaveDeleted", fn: testSaveDeleted},
	{name: "WriteAfterComplete", fn: testWriteAfterComplete},
}

func testSaveStale(e *env) {
	key := e.key("s")
	v1 := e.claim(key, "owner-a")
	v2 := e.save(v1, "new", 2)
	_, err := e.s.Save(e.ctx, v1, []byte("stale"), checkpoint.Progress{Done: 1})
	e.wantErr("save from a stale record", err, checkpoint.ErrConflict)
	e.wantState(key, "new", v2.Version)
}

// A zombie invocation whose lease expired while it was stuck, and which
// still believes it holds the lease, must not overwrite its successor.
func testSaveAfterTakeover(e *env) {
	key := e.key("s")
	zombie := e.save(e.claim(key, "zombie"), "old", 1)
	e.clock.Advance(2 * time.Minute)
	succ := e.save(e.claim(key, "successor"), "newer", 2)
	zombie.LeaseExpiry = e.clock.Now().Add(time.Hour) // its clock lies
	_, err := e.s.Save(e.ctx, zombie, []byte("clobber"), checkpoint.Progress{})
	e.wantErr("zombie save", err, checkpoint.ErrLeaseLost)
	if !strings.Contains(err.Error(), "held by successor") {
		e.Errorf("zombie save error %q does not name the new holder", err)
	}
	_, err = e.s.Complete(e.ctx, zombie, []byte("out"))
	e.wantErr("zombie complete", err, checkpoint.ErrLeaseLost)
	e.wantState(key, "newer", succ.Version)
}

func testSaveExpiredLease(e *env) {
	key := e.key("s")
	rec := e.save(e.claim(key, "owner-a"), "st", 1)
	e.clock.Advance(time.Minute)
	_, err := e.s.Save(e.ctx, rec, []byte("late"), checkpoint.Progress{})
	e.wantErr("save after the lease ended", err, checkpoint.ErrLeaseLost)
	e.wantState(key, "st", rec.Version)
}

func testSaveAfterRelease(e *env) {
	key := e.key("s")
	rec := e.claim(key, "owner-a")
	rel, err := e.s.Release(e.ctx, rec)
	if err != nil {
		e.Fatal(err)
	}
	_, err = e.s.Save(e.ctx, rel, []byte("x"), checkpoint.Progress{})
	e.wantErr("save from the released record", err, checkpoint.ErrLeaseLost)
	_, err = e.s.Save(e.ctx, rec, []byte("x"), checkpoint.Progress{})
	e.wantErr("save from the pre-release record", err, checkpoint.ErrLeaseLost)
	e.wantState(key, "", rel.Version)
}

func testSaveForgedOwner(e *env) {
	key := e.key("s")
	rec := e.claim(key, "owner-a")
	forged := rec
	forged.Owner = "owner-b"
	_, err := e.s.Save(e.ctx, forged, []byte("x"), checkpoint.Progress{})
	e.wantErr("save with a forged owner", err, checkpoint.ErrLeaseLost)
	e.wantState(key, "", rec.Version)
}

func testSaveDeleted(e *env) {
	key := e.key("s")
	rec := e.claim(key, "owner-a")
	if err := e.s.Delete(e.ctx, key); err != nil {
		e.Fatal(err)
	}
	_, err := e.s.Save(e.ctx, rec, []byte("x"), checkpoint.Progress{})
	e.wantErr("save of a deleted record", err, checkpoint.ErrNotFound)
}

func testWriteAfterComplete(e *env) {
	key := e.key("s")
	rec := e.save(e.claim(key, "owner-a"), "st", 9)
	done, err := e.s.Complete(e.ctx, rec, []byte("out"))
	if err != nil {
		e.Fatal(err)
	}
	_, err = e.s.Save(e.ctx, done, []byte("x"), checkpoint.Progress{})
	e.wantErr("save of a done record", err, checkpoint.ErrConflict)
	_, err = e.s.Complete(e.ctx, done, []byte("again"))
	e.wantErr("second complete", err, checkpoint.ErrConflict)
	_, err = e.s.Complete(e.ctx, rec, []byte("again"))
	e.wantErr("complete from the pre-complete record", err, checkpoint.ErrLeaseLost)
	got := e.get(key)
	if !got.Done || string(got.Output) != "out" || len(got.State) != 0 || got.Progress.Done != 9 {
		e.Fatalf("done record %+v", got)
	}
}
