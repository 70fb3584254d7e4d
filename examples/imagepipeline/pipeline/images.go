package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/draw"
)

// ImageName is the storage name of image i of a batch.
func ImageName(i int) string { return fmt.Sprintf("img-%03d.png", i) }

// splitmix64 is a fixed, seedable mixer: image i of seed s is always the same.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Generate returns image i of the batch seeded with seed: an opaque
// size×size gradient with a disc whose colour and place depend on both.
func Generate(seed int64, i, size int) *image.RGBA {
	h := splitmix64(uint64(seed)<<32 ^ uint64(i))
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	disc := color.RGBA{uint8(h), uint8(h >> 8), uint8(h >> 16), 255}
	cx, cy, r := int(h>>24)%size, int(h>>32)%size, size/4+int(h>>40)%(size/4+1)
	for y := range size {
		for x := range size {
			c := color.RGBA{uint8(x * 255 / size), uint8(y * 255 / size), uint8((x ^ y) + int(h>>48)), 255}
			if dx, dy := x-cx, y-cy; dx*dx+dy*dy <= r*r {
				c = disc
			}
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// toRGBA returns img as *image.RGBA, converting when it is another model.
func toRGBA(img image.Image) *image.RGBA {
	if m, ok := img.(*image.RGBA); ok {
		return m
	}
	m := image.NewRGBA(img.Bounds())
	draw.Draw(m, m.Bounds(), img, img.Bounds().Min, draw.Src)
	return m
}

// Resize scales src to side×side with a box filter: each output pixel is
// the rounded mean of the source pixels its box covers.
func Resize(src *image.RGBA, side int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, side, side))
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	for y := range side {
		y0, y1 := y*h/side, max((y+1)*h/side, y*h/side+1)
		for x := range side {
			x0, x1 := x*w/side, max((x+1)*w/side, x*w/side+1)
			copy(dst.Pix[dst.PixOffset(x, y):], boxMean(src, image.Rect(x0, y0, x1, y1).Add(b.Min)))
		}
	}
	return dst
}

// boxMean is the rounded mean RGBA of src's pixels in r.
func boxMean(src *image.RGBA, r image.Rectangle) []byte {
	var sum [4]int
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := src.Pix[src.PixOffset(r.Min.X, y):src.PixOffset(r.Max.X, y)]
		for i, v := range row {
			sum[i%4] += int(v)
		}
	}
	n := r.Dx() * r.Dy()
	out := make([]byte, 4)
	for i, s := range sum {
		out[i] = byte((s + n/2) / n)
	}
	return out
}

// Checksum identifies an image by its pixels (not its encoding): the first
// 16 hex digits of the SHA-256 of its RGBA bytes, row by row.
func Checksum(img *image.RGBA) string {
	h := sha256.New()
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		h.Write(img.Pix[img.PixOffset(b.Min.X, y):img.PixOffset(b.Max.X, y)])
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
