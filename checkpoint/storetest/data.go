package storetest

import (
	"bytes"
	"time"

	"github.com/baton-run/baton/checkpoint"
)

var dataCases = []testCase{
	{name: "RoundTripBytesAndProgress", fn: testRoundTrip},
	{name: "GetMissing", fn: testGetMissing},
	{name: "InvalidNote", fn: testInvalidNote},
	{name: "Delete", fn: testDelete},
	{name: "ListByJob", fn: testList},
	{name: "ReturnedRecordIsStored", fn: testReturnedIsStored},
}

func testRoundTrip(e *env) {
	key := e.key("s")
	state := make([]byte, 256*3)
	for i := range state {
		state[i] = byte(i)
	}
	p := checkpoint.Progress{Done: 1 << 40, Total: 1<<40 + 7, Note: "ünïcødé ✓ \x00 page 3"}
	rec, err := e.s.Save(e.ctx, e.claim(key, "owner-a"), state, p)
	if err != nil {
		e.Fatal(err)
	}
	got := e.get(key)
	if !bytes.Equal(got.State, state) || got.Progress != p || got.Version != rec.Version {
		e.Fatalf("round trip: state %d bytes equal=%v, progress %+v; want %+v",
			len(got.State), bytes.Equal(got.State, state), got.Progress, p)
	}
	state[0] = 0xff // the store must not alias the caller's bytes
	if e.get(key).State[0] != 0 {
		e.Fatal("stored state aliases the caller's slice")
	}
}

func testInvalidNote(e *env) {
	key := e.key("s")
	rec := e.claim(key, "o")
	_, err := e.s.Save(e.ctx, rec, []byte("x"), checkpoint.Progress{Note: "bad \xff"})
	e.wantErr("save with a non-UTF-8 note", err, checkpoint.ErrInvalid)
	e.wantState(key, "", rec.Version)
}

func testGetMissing(e *env) {
	_, err := e.s.Get(e.ctx, e.key("absent"))
	e.wantErr("get missing", err, checkpoint.ErrNotFound)
}

func testDelete(e *env) {
	key := e.key("s")
	e.claim(key, "owner-a")
	if err := e.s.Delete(e.ctx, key); err != nil {
		e.Fatal(err)
	}
	_, err := e.s.Get(e.ctx, key)
	e.wantErr("get deleted", err, checkpoint.ErrNotFound)
	if err := e.s.Delete(e.ctx, key); err != nil {
		e.Fatalf("delete of an absent record: %v; want nil (idempotent)", err)
	}
}

func testList(e *env) {
	job := "job-" + e.Name()
	keys := []checkpoint.Key{
		{Job: job, Step: "b"}, checkpoint.ItemKey(job, "a", 2), {Job: job, Step: "a"},
		checkpoint.ItemKey(job, "a", 10), {Job: job + "-other", Step: "a"}, {Job: "x" + job, Step: "a"},
	}
	for _, k := range keys {
		e.claim(k, "o")
	}
	got, err := e.s.List(e.ctx, job)
	if err != nil {
		e.Fatal(err)
	}
	want := []string{job + "/a", job + "/a[2]", job + "/a[10]", job + "/b"}
	if len(got) != len(want) {
		e.Fatalf("List(%s) returned %d records, want %d: %v", job, len(got), len(want), got)
	}
	for i, r := range got {
		if r.Key.String() != want[i] {
			e.Errorf("List[%d] = %s, want %s", i, r.Key, want[i])
		}
	}
	if empty, err := e.s.List(e.ctx, "no-such-job"); err != nil || len(empty) != 0 {
		e.Errorf("List(no-such-job) = %v, %v; want empty", empty, err)
	}
}

func testReturnedIsStored(e *env) {
	key := e.key("s")
	rec := e.claim(key, "owner-a")
	e.clock.Advance(1500 * time.Microsecond) // sub-millisecond part is dropped
	for i := range 3 {
		rec = e.save(rec, string(rune('a'+i)), int64(i))
		if got := e.get(key); !sameRecord(got, rec) {
			e.Fatalf("after save %d\nreturned %+v\n  stored %+v", i, rec, got)
		}
		e.clock.Advance(time.Second)
	}
	if !rec.Updated.After(rec.Created) {
		e.Errorf("Updated %v not after Created %v", rec.Updated, rec.Created)
	}
}
