package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image/png"
	"os"
)

func (in Input) size() int {
	if in.Size > 0 {
		return in.Size
	}
	return 96
}

func (in Input) thumb() int {
	if in.Thumb > 0 {
		return in.Thumb
	}
	return 24
}

// list writes the batch into storage (the example's stand-in for an upload
// bucket) and returns its manifest, missing images included.
func list(_ context.Context, in Input) (Batch, error) {
	if in.Dir == "" || in.Images <= 0 || in.size() < 8 || in.thumb() > in.size() {
		return Batch{}, fmt.Errorf("input: want a dir, images > 0 and 8 ≤ thumb ≤ size, got %+v", in)
	}
	s := store(in.Dir)
	if err := s.mkdirs(); err != nil {
		return Batch{}, err
	}
	b := Batch{Images: make([]Image, in.Images)}
	for i := range in.Images {
		if err := s.put(in, i); err != nil {
			return Batch{}, err
		}
		b.Images[i] = Image{Index: i, Name: ImageName(i), Dir: in.Dir, Thumb: in.thumb()}
	}
	return b, nil
}

// fetch copies an image from storage to the work directory (a download).
func fetch(_ context.Context, img Image) (Image, error) {
	s := store(img.Dir)
	data, err := s.get(img.Name)
	if err != nil {
		return img, err
	}
	return img, os.WriteFile(s.path(workDir, img.Name), data, 0o644)
}

// thumbnail decodes the fetched image and writes its thumbnail.
func thumbnail(_ context.Context, img Image) (Thumb, error) {
	s := store(img.Dir)
	data, err := os.ReadFile(s.path(workDir, img.Name))
	if err != nil {
		return Thumb{}, err
	}
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return Thumb{}, &CorruptImageError{Name: img.Name, Reason: err.Error()}
	}
	th := Resize(toRGBA(src), img.Thumb)
	var buf bytes.Buffer
	if err := png.Encode(&buf, th); err != nil {
		return Thumb{}, err
	}
	if err := os.WriteFile(s.path(thumbsDir, img.Name), buf.Bytes(), 0o644); err != nil {
		return Thumb{}, err
	}
	return Thumb{Index: img.Index, Name: img.Name, Dir: img.Dir, Side: img.Thumb, Checksum: Checksum(th)}, nil
}

// Caught is a step's input after a Catch with ResultPath "$.error": the
// input the failed step had, plus the error object.
type Caught struct {
	Image
	Error struct {
		Error string `json:"Error"` // the error name, e.g. "CorruptImageError"
		Cause string `json:"Cause"` // its message
	} `json:"error"`
}

// quarantine moves a corrupt image out of the batch.
func quarantine(_ context.Context, c Caught) (Thumb, error) {
	s := store(c.Dir)
	err := os.Rename(s.path(incomingDir, c.Name), s.path(quarantineDir, c.Name))
	if err != nil && !errors.Is(err, os.ErrNotExist) { // already moved by an earlier attempt
		return Thumb{}, err
	}
	return Thumb{Index: c.Index, Name: c.Name, Dir: c.Dir, Quarantined: true, Reason: c.Error.Error}, nil
}

// collect turns the Map's output (one entry per image, in order) into the
// contact sheet's index. An entry that is not a Thumb — null, or an error
// object — is an iteration that failed within the tolerated failures.
func collect(_ context.Context, thumbs []*Thumb) (Index, error) {
	x := Index{Images: len(thumbs), Thumbs: []Thumb{}, Quarantined: []string{}, Failed: []string{}}
	for i, t := range thumbs {
		switch {
		case t == nil || t.Name == "":
			x.Failed = append(x.Failed, ImageName(i))
		case t.Quarantined:
			x.Dir, x.Quarantined = t.Dir, append(x.Quarantined, t.Name)
		default:
			x.Dir, x.Thumbs = t.Dir, append(x.Thumbs, *t)
		}
	}
	x.Count = len(x.Thumbs)
	return x, nil
}

// summarize reports the run.
func summarize(_ context.Context, x Index) (Summary, error) {
	s := Summary{Images: x.Images, Thumbnails: x.Count, Quarantined: x.Quarantined, Failed: x.Failed,
		Checksums: map[string]string{}}
	for _, t := range x.Thumbs {
		s.Checksums[t.Name] = t.Checksum
	}
	if x.Sheet != nil {
		s.Sheet = x.Sheet.Checksum
	}
	return s, nil
}
