package job

import (
	"fmt"
	"hash/fnv"
	"sort"
)

// reference aggregates rows of seed the plain way, from the generator, in
// one pass: the expected result the sliced job must match exactly.
func reference(rows, seed int64) Report {
	totals := map[string]Totals{}
	var sum uint64
	var buf []byte
	for i := range rows {
		r := Generate(seed, i)
		t := totals[r.Region]
		t.Region, t.Orders, t.Quantity = r.Region, t.Orders+1, t.Quantity+r.Quantity
		t.RevenueCents += r.Quantity * r.PriceCents
		t.Monthly[r.Time.Month()-1] += r.Quantity * r.PriceCents
		totals[r.Region] = t
		buf = r.AppendCSV(buf[:0])
		h := fnv.New64a()
		h.Write(buf)
		sum += h.Sum64()
	}
	rep := Report{Rows: rows, Checksum: fmt.Sprintf("%016x", sum)}
	for _, t := range totals {
		rep.Regions = append(rep.Regions, t)
	}
	sort.Slice(rep.Regions, func(i, j int) bool { return rep.Regions[i].Region < rep.Regions[j].Region })
	return rep
}
