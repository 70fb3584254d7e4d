package job

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/baton-run/baton/steps"
)

// Chunk sizes: rows per chunk of each long step.
const (
	generateChunk  = 100_000
	aggregateChunk = 50_000
)

func (in Input) chunkRows() int64 {
	if in.ChunkRows > 0 {
		return in.ChunkRows
	}
	return aggregateChunk
}

// GenState is generate's cursor: rows and bytes written so far.
type GenState struct {
	Rows  int64 `json:"rows"`
	Bytes int64 `json:"bytes"`
}

// generate writes the CSV, resuming at the saved byte offset (anything a
// killed slice wrote past it is truncated away).
func generate(_ context.Context, in Input, st *GenState, p *steps.Progress) (Input, error) {
	if err := os.MkdirAll(in.Dir, 0o755); err != nil {
		return in, err
	}
	f, err := os.OpenFile(in.File(), os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return in, err
	}
	defer f.Close()
	if err := resumeAt(f, st.Bytes); err != nil {
		return in, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for st.Rows < in.Rows && p.Next() {
		end := min(st.Rows+generateChunk, in.Rows)
		n, err := writeRows(w, in.Seed, st.Rows, end)
		if err == nil {
			err = w.Flush()
		}
		if err == nil {
			err = f.Sync() // durable before the checkpoint says it is written
		}
		if err != nil {
			return in, err
		}
		st.Rows, st.Bytes = end, st.Bytes+n
		p.Save(st.Rows, in.Rows)
	}
	return in, nil
}

// resumeAt truncates f to off and positions writes there.
func resumeAt(f *os.File, off int64) error {
	if err := f.Truncate(off); err != nil {
		return err
	}
	_, err := f.Seek(off, io.SeekStart)
	return err
}

// AggState is aggregate's cursor and running totals.
type AggState struct {
	Offset   int64             `json:"offset"`
	Rows     int64             `json:"rows"`
	Totals   map[string]Totals `json:"totals"`
	Checksum uint64            `json:"checksum"`
}

// aggregate reads the CSV from the saved byte offset, one chunk of rows at a
// time, adding to the saved totals.
func aggregate(_ context.Context, in Input, st *AggState, p *steps.Progress) (Report, error) {
	f, err := os.Open(in.File())
	if err != nil {
		return Report{}, err
	}
	defer f.Close()
	if _, err := f.Seek(st.Offset, io.SeekStart); err != nil {
		return Report{}, err
	}
	if st.Totals == nil {
		st.Totals = map[string]Totals{}
	}
	r := bufio.NewReaderSize(f, 1<<20)
	for st.Rows < in.Rows && p.Next() {
		if err := st.chunk(r, min(in.chunkRows(), in.Rows-st.Rows)); err != nil {
			return Report{}, err
		}
		p.Save(st.Rows, in.Rows)
	}
	return st.report(in), nil
}

// chunk adds the next n lines of r.
func (st *AggState) chunk(r *bufio.Reader, n int64) error {
	for range n {
		line, err := r.ReadSlice('\n')
		if err != nil {
			return fmt.Errorf("row %d at byte %d: %w", st.Rows, st.Offset, err)
		}
		row, err := parseRow(bytes.TrimSuffix(line, []byte{'\n'}))
		if err != nil {
			return err
		}
		st.add(row)
		st.Checksum += lineHash(line)
		st.Offset += int64(len(line))
		st.Rows++
	}
	return nil
}

func (st *AggState) add(row Row) {
	t := st.Totals[row.Region]
	t.Region = row.Region
	t.Orders++
	t.Quantity += row.Quantity
	t.RevenueCents += row.Quantity * row.PriceCents
	t.Monthly[row.Time.Month()-1] += row.Quantity * row.PriceCents
	st.Totals[row.Region] = t
}

func (st *AggState) report(in Input) Report {
	r := Report{Input: in, Rows: st.Rows, Checksum: fmt.Sprintf("%016x", st.Checksum)}
	for _, t := range st.Totals {
		r.Regions = append(r.Regions, t)
	}
	sort.Slice(r.Regions, func(i, j int) bool { return r.Regions[i].Region < r.Regions[j].Region })
	return r
}
