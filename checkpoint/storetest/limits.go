package storetest

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/baton-run/baton/checkpoint"
)

const smallLimit = 4096

var limitCases = []testCase{
	{name: "TooLarge", fn: testTooLarge, opts: func(o *checkpoint.Options) { o.MaxRecordBytes = smallLimit }},
	{name: "DefaultLimitFitsBackend", fn: testDefaultLimit},
	{name: "CompleteDropsStateForOutput", fn: testCompleteOutputLimit},
}

// fill returns the state that brings rec to exactly limit bytes.
func fill(rec checkpoint.Record, limit int) []byte {
	rec.State = nil
	return bytes.Repeat([]byte{'x'}, limit-checkpoint.RecordSize(rec))
}

func testTooLarge(e *env) {
	key := e.key("s")
	rec := e.claim(key, "owner-a")
	state := fill(rec, smallLimit)
	saved, err := e.s.Save(e.ctx, rec, state, checkpoint.Progress{})
	if err != nil {
		e.Fatalf("save at exactly the limit: %v", err)
	}
	_, err = e.s.Save(e.ctx, saved, append(state, 'y'), checkpoint.Progress{})
	e.wantErr("save one byte over", err, checkpoint.ErrTooLarge)
	for _, n := range []int{smallLimit + 1, smallLimit} {
		if !strings.Contains(err.Error(), strconv.Itoa(n)) {
			e.Errorf("error %q does not name %d", err, n)
		}
	}
	e.wantState(key, string(state), saved.Version)
}

func testDefaultLimit(e *env) {
	key := e.key("s")
	rec := e.claim(key, "owner-a")
	withNote := rec
	withNote.Progress.Note = "big"
	state := fill(withNote, checkpoint.DefaultMaxRecordBytes)
	state[len(state)/2] = 0xfe
	saved, err := e.s.Save(e.ctx, rec, state, checkpoint.Progress{Note: "big"})
	if err != nil {
		e.Fatalf("save of a %d-byte record at the default limit: %v", checkpoint.RecordSize(rec)+len(state), err)
	}
	if got := e.get(key); !bytes.Equal(got.State, state) || got.Version != saved.Version {
		e.Fatalf("large state did not round-trip (%d bytes back, want %d)", len(got.State), len(state))
	}
	_, err = e.s.Save(e.ctx, saved, append(state, 1), checkpoint.Progress{Note: "big"})
	e.wantErr("save over the default limit", err, checkpoint.ErrTooLarge)
}

func testCompleteOutputLimit(e *env) {
	key := e.key("s")
	rec := e.claim(key, "owner-a")
	big := fill(rec, checkpoint.DefaultMaxRecordBytes)
	rec = e.save(rec, string(big), 1)
	done, err := e.s.Complete(e.ctx, rec, big)
	if err != nil {
		e.Fatalf("complete with output as large as the state: %v", err)
	}
	if got := e.get(key); len(got.State) != 0 || !bytes.Equal(got.Output, big) || !got.Done || got.Version != done.Version {
		e.Fatalf("done record: state %d bytes, output %d bytes; want 0 and %d", len(got.State), len(got.Output), len(big))
	}
}
