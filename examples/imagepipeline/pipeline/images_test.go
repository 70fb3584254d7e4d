package pipeline

import (
	"image"
	"slices"
	"testing"
)

// gray returns a w×h opaque image whose pixel (x, y) has all three colour
// channels at v[y*w+x].
func gray(w, h int, v ...uint8) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i, c := range v {
		copy(img.Pix[i*4:], []uint8{c, c, c, 255})
	}
	return img
}

// The box filter by hand: each output pixel is the rounded mean of the
// box it covers, whole factors or not, and boxes never come out empty.
func TestResize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  *image.RGBA
		side int
		want []uint8 // one grey level per output pixel
	}{
		{"identity", gray(2, 2, 1, 2, 3, 4), 2, []uint8{1, 2, 3, 4}},
		{"mean 0.75 rounds up", gray(2, 2, 0, 1, 1, 1), 1, []uint8{1}},
		{"mean 0.5 rounds half up", gray(2, 2, 0, 0, 1, 1), 1, []uint8{1}},
		{"mean 0.25 rounds down", gray(2, 2, 0, 0, 0, 1), 1, []uint8{0}},
		{"4×4 to 2", gray(4, 4,
			0, 0, 8, 8,
			0, 0, 8, 8,
			4, 4, 255, 255,
			4, 4, 255, 253), 2, []uint8{0, 8, 4, 255}},
		// 3 → 2: boxes [0,1) and [1,3) on each axis.
		{"3×3 to 2", gray(3, 3,
			9, 0, 3,
			0, 0, 0,
			6, 0, 1), 2, []uint8{9, 2, 3, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Resize(tt.src, tt.side)
			var levels []uint8
			for i := 0; i < len(got.Pix); i += 4 {
				if p := got.Pix[i : i+4]; p[0] != p[1] || p[1] != p[2] || p[3] != 255 {
					t.Fatalf("pixel %d is %v, want an opaque grey", i/4, p)
				}
				levels = append(levels, got.Pix[i])
			}
			if !slices.Equal(levels, tt.want) {
				t.Errorf("Resize = %v, want %v", levels, tt.want)
			}
		})
	}
}

// Generated images depend on the seed and the index, and only on them.
func TestGenerate(t *testing.T) {
	t.Parallel()
	a, b := Checksum(Generate(1, 0, 32)), Checksum(Generate(1, 0, 32))
	if a != b {
		t.Fatalf("two generations of image 0 differ: %s %s", a, b)
	}
	seen := map[string]string{a: "seed 1 image 0"}
	for name, img := range map[string]*image.RGBA{"seed 1 image 1": Generate(1, 1, 32), "seed 2 image 0": Generate(2, 0, 32)} {
		if other, dup := seen[Checksum(img)]; dup {
			t.Errorf("%s equals %s", name, other)
		}
		seen[Checksum(img)] = name
	}
}

func BenchmarkResize(b *testing.B) {
	src := Generate(1, 0, 1024)
	b.SetBytes(int64(len(src.Pix)))
	for b.Loop() {
		Resize(src, 128)
	}
}
