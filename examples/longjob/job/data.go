package job

import (
	"bufio"
	"bytes"
	"fmt"
	"hash/fnv"
	"strconv"
	"time"
)

// Regions and products of the generated sales data.
var regions = [...]string{"eu-west", "eu-north", "us-east", "us-west", "ap-south", "ap-east", "sa-east", "af-south"}

// Row is one generated sale.
type Row struct {
	ID         int64
	Time       time.Time // in 2026, second precision, UTC
	Region     string
	Product    int
	Quantity   int64
	PriceCents int64
}

// splitmix64 is a fixed, seedable mixer: row i of seed s is always the same.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Generate returns row i of the data set seeded with seed.
func Generate(seed, i int64) Row {
	h := splitmix64(uint64(seed)<<32 ^ uint64(i))
	return Row{
		ID:         i,
		Time:       year.Add(time.Duration(h>>40%(365*24*3600)) * time.Second),
		Region:     regions[h%uint64(len(regions))],
		Product:    int(h>>8) % 500,
		Quantity:   1 + int64(h>>20)%20,
		PriceCents: 99 + int64(h>>32)%99_901,
	}
}

var year = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// AppendCSV appends the row as a CSV line:
// id,time,region,product,quantity,unit_price ("7,2026-03-14T09:26:53Z,eu-west,P123,3,12.99").
func (r Row) AppendCSV(b []byte) []byte {
	b = strconv.AppendInt(b, r.ID, 10)
	b = append(b, ',')
	b = r.Time.AppendFormat(b, time.RFC3339)
	b = append(b, ',')
	b = append(b, r.Region...)
	b = append(b, ",P"...)
	b = strconv.AppendInt(b, int64(r.Product), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, r.Quantity, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, r.PriceCents/100, 10)
	b = append(b, '.', byte('0'+r.PriceCents/10%10), byte('0'+r.PriceCents%10))
	return append(b, '\n')
}

// writeRows writes rows [from, to) of seed to w.
func writeRows(w *bufio.Writer, seed, from, to int64) (int64, error) {
	var n int64
	buf := make([]byte, 0, 64)
	for i := from; i < to; i++ {
		buf = Generate(seed, i).AppendCSV(buf[:0])
		k, err := w.Write(buf)
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// parseRow parses one CSV line (without its newline).
func parseRow(line []byte) (Row, error) {
	var f [6][]byte
	k, start := 0, 0
	for i, c := range line {
		if c == ',' && k < 5 {
			f[k], k, start = line[start:i], k+1, i+1
		}
	}
	f[k] = line[start:]
	if k != 5 || len(f[3]) < 2 {
		return Row{}, fmt.Errorf("malformed line %q", line)
	}
	var r Row
	var errs [5]error
	r.ID, errs[0] = strconv.ParseInt(string(f[0]), 10, 64)
	r.Time, errs[1] = time.Parse(time.RFC3339, string(f[1]))
	r.Region = string(f[2])
	r.Product, errs[2] = strconv.Atoi(string(f[3][1:]))
	r.Quantity, errs[3] = strconv.ParseInt(string(f[4]), 10, 64)
	r.PriceCents, errs[4] = parseCents(f[5])
	for _, err := range errs {
		if err != nil {
			return Row{}, fmt.Errorf("line %q: %w", line, err)
		}
	}
	return r, nil
}

// parseCents parses a decimal amount with two decimals ("12.99").
func parseCents(b []byte) (int64, error) {
	whole, frac, ok := bytes.Cut(b, []byte{'.'})
	if !ok || len(frac) != 2 {
		return 0, fmt.Errorf("amount %q: want two decimals", b)
	}
	w, err := strconv.ParseInt(string(whole), 10, 64)
	if err != nil {
		return 0, err
	}
	c, err := strconv.ParseInt(string(frac), 10, 64)
	return w*100 + c, err
}

// lineHash is the per-line term of the order-independent checksum: a lost
// or double-counted line changes the sum.
func lineHash(line []byte) uint64 {
	h := fnv.New64a()
	h.Write(line)
	return h.Sum64()
}
