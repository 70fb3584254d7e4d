package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"
)

// Storage layout under Input.Dir.
const (
	incomingDir   = "incoming"   // the batch
	workDir       = "work"       // fetched copies
	thumbsDir     = "thumbs"     // thumbnails
	quarantineDir = "quarantine" // corrupt images, moved out of incoming
	throttleDir   = ".throttle"  // injected throttling: reads left to refuse, per image
	sheetRaw      = "sheet.rgba" // the contact sheet while it is built
	sheetFile     = "sheet.png"
)

// ThrottledError is storage refusing a read for now (an S3 503 SlowDown, a
// DynamoDB ProvisionedThroughputExceeded). Transient: StorageRetry retries
// it, in-process and in the state machine.
type ThrottledError struct {
	Name       string
	RetryAfter time.Duration
}

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("storage throttled the read of %s: retry after %s", e.Name, e.RetryAfter)
}

// NotFoundError is an image listed in the batch but absent from storage.
// Permanent: its Map iteration fails (a tolerated failure).
type NotFoundError struct{ Name string }

func (e *NotFoundError) Error() string { return e.Name + ": not in storage" }

// CorruptImageError is an image that does not decode. Permanent: the
// workflow's Catch sends the image to quarantine.
type CorruptImageError struct {
	Name   string
	Reason string
}

func (e *CorruptImageError) Error() string { return e.Name + " is corrupt: " + e.Reason }

// store is the storage directory.
type store string

func (s store) path(elem ...string) string {
	return filepath.Join(append([]string{string(s)}, elem...)...)
}

// mkdirs creates the storage layout.
func (s store) mkdirs() error {
	for _, d := range []string{incomingDir, workDir, thumbsDir, quarantineDir, throttleDir} {
		if err := os.MkdirAll(s.path(d), 0o755); err != nil {
			return err
		}
	}
	return nil
}

// put writes image i of in's batch, applying in's faults to it.
func (s store) put(in Input, i int) error {
	name := ImageName(i)
	if slices.Contains(in.Missing, i) {
		return nil
	}
	if n := in.Throttle[i]; n > 0 {
		if err := os.WriteFile(s.path(throttleDir, name), []byte(strconv.Itoa(n)), 0o644); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, Generate(in.Seed, i, in.size())); err != nil {
		return err
	}
	data := buf.Bytes()
	if slices.Contains(in.Corrupt, i) {
		data = data[:len(data)/2] // a truncated upload
	}
	return os.WriteFile(s.path(incomingDir, name), data, 0o644)
}

// get reads an image from incoming, refusing with ThrottledError while the
// image's injected throttling lasts.
func (s store) get(name string) ([]byte, error) {
	if err := s.throttled(name); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(s.path(incomingDir, name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &NotFoundError{Name: name}
	}
	return data, err
}

// throttled consumes one refusal of name's throttling, if any is left.
func (s store) throttled(name string) error {
	p := s.path(throttleDir, name)
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	left, _ := strconv.Atoi(string(b))
	if left <= 0 {
		return nil
	}
	if err := os.WriteFile(p, []byte(strconv.Itoa(left-1)), 0o644); err != nil {
		return err
	}
	return &ThrottledError{Name: name, RetryAfter: 100 * time.Millisecond}
}
