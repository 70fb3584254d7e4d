package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"math"
	"slices"
)

// The expected results, computed the plain way from the generated images
// (per-pixel color.Color reads, no Pix arithmetic, no files, no workflow).

// refThumb box-filters image i to side×side.
func refThumb(seed int64, i, size, side int) *image.RGBA {
	src := Generate(seed, i, size)
	dst := image.NewRGBA(image.Rect(0, 0, side, side))
	f := size / side // the tests use whole scale factors
	for y := range side {
		for x := range side {
			var r, g, b, a uint32
			for sy := y * f; sy < (y+1)*f; sy++ {
				for sx := x * f; sx < (x+1)*f; sx++ {
					c := src.RGBAAt(sx, sy)
					r, g, b, a = r+uint32(c.R), g+uint32(c.G), b+uint32(c.B), a+uint32(c.A)
				}
			}
			n := uint32(f * f)
			dst.SetRGBA(x, y, color.RGBA{uint8((r + n/2) / n), uint8((g + n/2) / n), uint8((b + n/2) / n), uint8((a + n/2) / n)})
		}
	}
	return dst
}

// refChecksum hashes an image pixel by pixel.
func refChecksum(img *image.RGBA) string {
	h := sha256.New()
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
			c := img.RGBAAt(x, y)
			h.Write([]byte{c.R, c.G, c.B, c.A})
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// reference is the summary the pipeline must produce for in; rows of the
// contact sheet listed in blank are left empty (as by a resumed run whose
// earlier rows were never drawn).
func reference(in Input, blank ...int) Summary {
	s := Summary{Images: in.Images, Quarantined: []string{}, Failed: []string{}, Checksums: map[string]string{}}
	var thumbs []*image.RGBA
	for i := range in.Images {
		switch name := ImageName(i); {
		case slices.Contains(in.Missing, i):
			s.Failed = append(s.Failed, name)
		case slices.Contains(in.Corrupt, i):
			s.Quarantined = append(s.Quarantined, name)
		default:
			th := refThumb(in.Seed, i, in.size(), in.thumb())
			s.Checksums[name] = refChecksum(th)
			thumbs = append(thumbs, th)
		}
	}
	s.Thumbnails = len(thumbs)
	if len(thumbs) > 0 {
		s.Sheet = refChecksum(refSheet(thumbs, in.thumb(), blank))
	}
	return s
}

// refSheet lays thumbs out row by row on a ⌈√n⌉-column grid.
func refSheet(thumbs []*image.RGBA, side int, blank []int) *image.RGBA {
	cols := int(math.Ceil(math.Sqrt(float64(len(thumbs)))))
	rows := (len(thumbs) + cols - 1) / cols
	sheet := image.NewRGBA(image.Rect(0, 0, cols*side, rows*side))
	for i, th := range thumbs {
		if slices.Contains(blank, i/cols) {
			continue
		}
		for y := range side {
			for x := range side {
				sheet.SetRGBA(i%cols*side+x, i/cols*side+y, th.RGBAAt(x, y))
			}
		}
	}
	return sheet
}
