package dynamostore

import (
	"bytes"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/baton-run/baton/checkpoint/driver"
)

// FuzzItemRoundTrip: decode(encode(row)) == row for any row the Store
// writes (times in milliseconds, Expires in seconds).
func FuzzItemRoundTrip(f *testing.F) {
	f.Add("job", "step", "", "owner", []byte("state"), int64(3), "note", true, []byte{}, int64(1764100000123))
	f.Add("j#", "a#b", "7", "", []byte{}, int64(0), "", false, []byte{0, 1}, int64(0))
	f.Fuzz(func(t *testing.T, job, step, item, owner string, state []byte, done int64, note string,
		isDone bool, output []byte, ms int64) {
		// Keys the Store refuses, and instants before 1970-01-01T00:00:01
		// (0 means "unset"), never reach the driver.
		if job == "" || step == "" || bytes.ContainsRune([]byte(item), '#') || ms < 0 || (ms > 0 && ms < 1000) {
			t.Skip()
		}
		at := time.UnixMilli(ms).UTC()
		in := &driver.Row{Key: driver.Key{Job: job, Step: step, Item: item}, Version: done + 1, Owner: owner,
			LeaseExpiry: at, State: state, ProgressDone: done, ProgressTotal: -done, ProgressNote: note,
			Done: isDone, Output: output, Created: at, Updated: at, Expires: at.Truncate(time.Second), WriteID: "w"}
		if ms == 0 {
			in.LeaseExpiry, in.Created, in.Updated, in.Expires = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		}
		out, err := decode(encode(in))
		if err != nil {
			t.Fatal(err)
		}
		if !sameRow(in, out) {
			t.Fatalf("round trip\n in %+v\nout %+v", in, out)
		}
	})
}

func sameRow(a, b *driver.Row) bool {
	return a.Key == b.Key && a.Version == b.Version && a.Owner == b.Owner && a.LeaseExpiry.Equal(b.LeaseExpiry) &&
		bytes.Equal(a.State, b.State) && a.ProgressDone == b.ProgressDone && a.ProgressTotal == b.ProgressTotal &&
		a.ProgressNote == b.ProgressNote && a.Done == b.Done && bytes.Equal(a.Output, b.Output) &&
		a.Created.Equal(b.Created) && a.Updated.Equal(b.Updated) && a.Expires.Equal(b.Expires) && a.WriteID == b.WriteID
}

func TestDecodeRejectsMalformed(t *testing.T) {
	good := encode(&driver.Row{Key: driver.Key{Job: "j", Step: "s"}, Version: 1})
	for name, mutate := range map[string]func(item){
		"version not a number": func(it item) { it["version"] = str("x") },
		"version bad digits":   func(it item) { it["version"] = &types.AttributeValueMemberN{Value: "1.5"} },
		"sort key mismatch":    func(it item) { it[AttrSortKey] = str("other#") },
		"state not binary":     func(it item) { it["state"] = str("s") },
	} {
		it := item{}
		for k, v := range good {
			it[k] = v
		}
		mutate(it)
		if _, err := decode(it); err == nil {
			t.Errorf("%s: decoded without error", name)
		}
	}
}
