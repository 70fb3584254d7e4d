package dynamostore

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/baton-run/baton/checkpoint/driver"
)

type item = map[string]types.AttributeValue

func sortKey(k driver.Key) string { return k.Step + "#" + k.Item }

func itemKey(k driver.Key) item {
	return item{AttrJob: str(k.Job), AttrSortKey: str(sortKey(k))}
}

// encode turns row into an item, leaving empty optional attributes out.
func encode(r *driver.Row) item {
	it := itemKey(r.Key)
	it["step"] = str(r.Step)
	it["version"] = num(r.Version)
	it["progress_done"] = num(r.ProgressDone)
	it["progress_total"] = num(r.ProgressTotal)
	it["done"] = &types.AttributeValueMemberBOOL{Value: r.Done}
	it["created"] = num(r.Created.UnixMilli())
	it["updated"] = num(r.Updated.UnixMilli())
	putString(it, "item", r.Item)
	putString(it, "owner", r.Owner)
	putString(it, "progress_note", r.ProgressNote)
	putString(it, "write_id", r.WriteID)
	putBytes(it, "state", r.State)
	putBytes(it, "output", r.Output)
	if !r.LeaseExpiry.IsZero() {
		it["lease_until"] = num(r.LeaseExpiry.UnixMilli())
	}
	if !r.Expires.IsZero() {
		it[AttrTTL] = num(r.Expires.Unix())
	}
	return it
}

// decode turns an item back into a row.
func decode(it item) (*driver.Row, error) {
	d := decoder{it: it}
	r := &driver.Row{
		Key:     driver.Key{Job: d.str(AttrJob), Step: d.str("step"), Item: d.str("item")},
		Version: d.num("version"), Owner: d.str("owner"), State: d.bytes("state"),
		ProgressDone: d.num("progress_done"), ProgressTotal: d.num("progress_total"),
		ProgressNote: d.str("progress_note"), Done: d.bool("done"), Output: d.bytes("output"),
		WriteID: d.str("write_id"), LeaseExpiry: d.millis("lease_until"), Created: d.millis("created"), Updated: d.millis("updated"),
	}
	if sec := d.num(AttrTTL); sec != 0 {
		r.Expires = time.Unix(sec, 0).UTC()
	}
	if d.err == nil && !strings.HasPrefix(d.str(AttrSortKey), r.Step+"#") {
		d.err = fmt.Errorf("sort key %q does not match step %q", d.str(AttrSortKey), r.Step)
	}
	if d.err != nil {
		return nil, fmt.Errorf("dynamostore: malformed item %s/%s: %w", r.Job, d.str(AttrSortKey), d.err)
	}
	return r, nil
}

func appendDecoded(rows []*driver.Row, items []item) ([]*driver.Row, error) {
	for _, it := range items {
		r, err := decode(it)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, nil
}

func str(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }
func num(n int64) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(n, 10)}
}
func putString(it item, name, s string) {
	if s != "" {
		it[name] = str(s)
	}
}
func putBytes(it item, name string, b []byte) {
	if len(b) > 0 {
		it[name] = &types.AttributeValueMemberB{Value: b}
	}
}

// decoder reads typed attributes, remembering the first type error.
type decoder struct {
	it  item
	err error
}

func (d *decoder) fail(name string, v types.AttributeValue) {
	if d.err == nil {
		d.err = fmt.Errorf("attribute %s has type %T", name, v)
	}
}

func (d *decoder) str(name string) string {
	switch v := d.it[name].(type) {
	case nil:
	case *types.AttributeValueMemberS:
		return v.Value
	default:
		d.fail(name, v)
	}
	return ""
}

func (d *decoder) num(name string) int64 {
	switch v := d.it[name].(type) {
	case nil:
	case *types.AttributeValueMemberN:
		n, err := strconv.ParseInt(v.Value, 10, 64)
		if err != nil && d.err == nil {
			d.err = fmt.Errorf("attribute %s: %w", name, err)
		}
		return n
	default:
		d.fail(name, v)
	}
	return 0
}

func (d *decoder) bytes(name string) []byte {
	switch v := d.it[name].(type) {
	case nil:
	case *types.AttributeValueMemberB:
		return v.Value
	default:
		d.fail(name, v)
	}
	return nil
}

func (d *decoder) bool(name string) bool {
	switch v := d.it[name].(type) {
	case nil:
	case *types.AttributeValueMemberBOOL:
		return v.Value
	default:
		d.fail(name, v)
	}
	return false
}

func (d *decoder) millis(name string) time.Time {
	if ms := d.num(name); ms != 0 {
		return time.UnixMilli(ms).UTC()
	}
	return time.Time{}
}
