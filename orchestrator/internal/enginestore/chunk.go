package enginestore

import (
	"encoding/binary"
	"errors"
	"time"

	"github.com/baton-run/baton/orchestrator/internal/history"
)

// Events are stored in chunks: one row per execution per committed batch,
// holding the batch's events of that execution in a compact binary form
// (varints and length-prefixed strings). A batch commits atomically, so the
// stored history is always a prefix of what the engine recorded, and an
// execution's history is read back with a handful of rows.

// appendEvent appends ev's record to buf; scratch is a buffer for the
// details, reused from call to call (appendEvent returns it), and c the
// payload renderings of the events before (may be nil).
func appendEvent(buf, scratch []byte, ev *history.Event, c *history.TextCache) (out, scratchOut []byte) {
	buf = binary.AppendVarint(buf, ev.ID)
	buf = binary.AppendVarint(buf, ev.Prev)
	buf = binary.AppendVarint(buf, ev.Time.UnixNano())
	buf = binary.AppendVarint(buf, int64(ev.Epoch))
	buf = appendBytes(buf, ev.Type)
	buf = appendBytes(buf, ev.Scope)
	scratch = ev.AppendJSONCached(scratch[:0], c)
	return appendBytes(buf, scratch), scratch
}

func appendBytes[S string | []byte](buf []byte, b S) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(b)))
	return append(buf, b...)
}

var errCorruptChunk = errors.New("enginestore: corrupt event chunk")

// decodeChunk appends the events of a chunk to out.
func decodeChunk(data []byte, out []*history.Event) ([]*history.Event, error) {
	d := decoder{b: data}
	for len(d.b) > 0 && d.err == nil {
		ev := &history.Event{}
		ev.ID, ev.Prev = d.varint(), d.varint()
		ev.Time = time.Unix(0, d.varint()).UTC()
		ev.Epoch = int(d.varint())
		ev.Type, ev.Scope = string(d.bytes()), string(d.bytes())
		if det := d.bytes(); len(det) > 0 {
			ev.Details = append([]byte(nil), det...)
		}
		out = append(out, ev)
	}
	return out, d.err
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err, d.b = errCorruptChunk, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) bytes() []byte {
	l, n := binary.Uvarint(d.b)
	if n <= 0 || uint64(len(d.b)-n) < l {
		d.err, d.b = errCorruptChunk, nil
		return nil
	}
	out := d.b[n : n+int(l)]
	d.b = d.b[n+int(l):]
	return out
}
