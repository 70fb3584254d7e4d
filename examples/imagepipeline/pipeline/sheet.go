package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"io"
	"math"
	"os"

	"github.com/baton-run/baton/steps"
)

// SheetState is the contact sheet's cursor: how many grid rows are drawn
// (and synced to the raw sheet file) so far.
type SheetState struct {
	Rows int `json:"rows"`
}

// contactSheet returns the contact-sheet step: it draws one grid row of
// thumbnails per chunk into a raw RGBA file, syncs it and saves the row
// count, so a slice that ends (or is killed) resumes at the next row.
// Drawing a row is idempotent: a row redrawn after a kill is the same.
func contactSheet(afterChunk func()) func(context.Context, Index, *SheetState, *steps.Progress) (Index, error) {
	return func(_ context.Context, x Index, st *SheetState, p *steps.Progress) (Index, error) {
		g := newGrid(x)
		f, err := os.OpenFile(store(x.Dir).path(sheetRaw), os.O_CREATE|os.O_RDWR, 0o644)
		if err != nil {
			return x, err
		}
		defer f.Close()
		if err := f.Truncate(int64(len(g.img.Pix))); err != nil {
			return x, err
		}
		for st.Rows < g.rows && p.Next() {
			if err := g.drawRow(f, st.Rows); err != nil {
				return x, err
			}
			if afterChunk != nil {
				afterChunk()
			}
			st.Rows++
			p.SetNote(fmt.Sprintf("%d of %d thumbnails", min(st.Rows*g.cols, len(x.Thumbs)), len(x.Thumbs)))
			p.Save(int64(st.Rows), int64(g.rows))
		}
		if st.Rows < g.rows {
			return x, nil // the slice is over: this result is discarded
		}
		x.Sheet, err = g.finish(f)
		return x, err
	}
}

// grid places the thumbnails, in index order, on a near-square grid.
type grid struct {
	x          Index
	cols, rows int
	side       int
	img        *image.RGBA // one grid row at a time is drawn here; the whole sheet at the end
}

func newGrid(x Index) *grid {
	g := &grid{x: x, side: x.Thumbs[0].Side}
	g.cols = int(math.Ceil(math.Sqrt(float64(len(x.Thumbs)))))
	g.rows = (len(x.Thumbs) + g.cols - 1) / g.cols
	g.img = image.NewRGBA(image.Rect(0, 0, g.cols*g.side, g.rows*g.side))
	return g
}

// drawRow draws grid row r and writes it, synced, to its place in f.
func (g *grid) drawRow(f *os.File, r int) error {
	for c := range g.cols {
		i := r*g.cols + c
		if i >= len(g.x.Thumbs) {
			break
		}
		th, err := readPNG(store(g.x.Dir).path(thumbsDir, g.x.Thumbs[i].Name))
		if err != nil {
			return err
		}
		at := image.Pt(c*g.side, r*g.side)
		draw.Draw(g.img, image.Rectangle{at, at.Add(image.Pt(g.side, g.side))}, th, image.Point{}, draw.Src)
	}
	lo, hi := g.img.PixOffset(0, r*g.side), g.img.PixOffset(0, (r+1)*g.side)
	if _, err := f.WriteAt(g.img.Pix[lo:hi], int64(lo)); err != nil {
		return err
	}
	return f.Sync() // the checkpoint must never be ahead of the file
}

// finish reads the whole sheet back, writes it as a PNG and returns it.
func (g *grid) finish(f *os.File) (*Sheet, error) {
	if _, err := f.ReadAt(g.img.Pix, 0); err != nil && err != io.EOF {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, g.img); err != nil {
		return nil, err
	}
	if err := os.WriteFile(store(g.x.Dir).path(sheetFile), buf.Bytes(), 0o644); err != nil {
		return nil, err
	}
	return &Sheet{File: sheetFile, Cols: g.cols, Rows: g.rows, Checksum: Checksum(g.img)}, nil
}

// readPNG decodes the PNG file at path.
func readPNG(path string) (image.Image, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return png.Decode(bytes.NewReader(data))
}
