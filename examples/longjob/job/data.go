package job

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"strconv"
)

// Regions and products of the generated sales data.
var regions = [...]string{"eu-west", "eu-north", "us-east", "us-west", "ap-south", "ap-east", "sa-east", "af-south"}

// Row is one generated sale.
type Row struct {
	ID         int64
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
		Region:     regions[h%uint64(len(regions))],
		Product:    int(h>>8) % 500,
		Quantity:   1 + int64(h>>20)%20,
		PriceCents: 99 + int64(h>>32)%99_901,
	}
}

// AppendCSV appends the row as a CSV line: id,region,product,quantity,price_cents.
func (r Row) AppendCSV(b []byte) []byte {
	b = strconv.AppendInt(b, r.ID, 10)
	b = append(b, ',')
	b = append(b, r.Region...)
	b = append(b, ",P"...)
	b = strconv.AppendInt(b, int64(r.Product), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, r.Quantity, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, r.PriceCents, 10)
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
	var f [5][]byte
	k := 0
	start := 0
	for i, c := range line {
		if c == ',' && k < 4 {
			f[k], k, start = line[start:i], k+1, i+1
		}
	}
	f[k] = line[start:]
	if k != 4 || len(f[2]) < 2 {
		return Row{}, fmt.Errorf("malformed line %q", line)
	}
	id, err1 := strconv.ParseInt(string(f[0]), 10, 64)
	prod, err2 := strconv.Atoi(string(f[2][1:]))
	qty, err3 := strconv.ParseInt(string(f[3]), 10, 64)
	price, err4 := strconv.ParseInt(string(f[4]), 10, 64)
	for _, err := range []error{err1, err2, err3, err4} {
		if err != nil {
			return Row{}, fmt.Errorf("line %q: %w", line, err)
		}
	}
	return Row{ID: id, Region: string(f[1]), Product: prod, Quantity: qty, PriceCents: price}, nil
}

// lineHash is the per-line term of the order-independent checksum: a lost
// or double-counted line changes the sum.
func lineHash(line []byte) uint64 {
	h := fnv.New64a()
	h.Write(line)
	return h.Sum64()
}
