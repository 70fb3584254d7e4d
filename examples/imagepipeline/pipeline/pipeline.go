// Package pipeline is the example image pipeline: list a batch of PNG
// images, make a thumbnail of each in a Map fan-out, quarantine the corrupt
// ones, build a contact sheet of every thumbnail in a long step, and
// summarize. It shows the DSL features a workflow author reaches for:
//
//   - Map with MaxConcurrency and ToleratedFailures (an image that vanished
//     from storage fails its iteration, not the batch);
//   - a RetryPolicy on the storage read (ThrottledError), retried in-process
//     and, when it outlasts the invocation, by the state machine's Retry;
//   - a Catch that routes a corrupt image (CorruptImageError) to a
//     quarantine step, keeping the image in the error's input (ResultPath);
//   - a Choice on a typed field (no thumbnails, no contact sheet);
//   - a Long step that checkpoints the contact sheet row by row.
//
// The images are generated from a seed, so every thumbnail and the contact
// sheet have fixed checksums. Storage is a directory; its faults (corrupt,
// missing and throttled images) are injected from the Input.
//
// Run it locally with
//
//	go run ./examples/imagepipeline run --input '{"dir":"/tmp/images","images":12,"corrupt":[3],"throttle":{"1":2}}'
//
// Known limits: every step reads and writes Input.Dir, so on AWS Lambda it
// must be a file system all invocations share (EFS), not /tmp; the contact
// sheet is held in memory while it is drawn (4 bytes per pixel).
package pipeline

import (
	"time"

	"github.com/baton-run/baton/steps"
)

// Input is the pipeline's input.
type Input struct {
	Dir    string `json:"dir"`    // the storage directory (images, thumbnails, contact sheet)
	Seed   int64  `json:"seed"`   // image seed
	Images int    `json:"images"` // batch size
	// Size is the side of the generated images in pixels. Defaults to 96.
	Size int `json:"size,omitempty"`
	// Thumb is the side of the thumbnails in pixels. Defaults to 24.
	Thumb int `json:"thumb,omitempty"`

	// Corrupt lists the images written as truncated PNGs: quarantined.
	Corrupt []int `json:"corrupt,omitempty"`
	// Missing lists the images listed but never written: their iterations
	// fail (NotFoundError), within the Map's tolerated failures.
	Missing []int `json:"missing,omitempty"`
	// Throttle maps an image to how many reads of it storage throttles
	// (ThrottledError) before serving it.
	Throttle map[int]int `json:"throttle,omitempty"`
}

// Image is one Map item: an image in storage.
type Image struct {
	Index int    `json:"index"`
	Name  string `json:"name"` // "img-007.png"
	Dir   string `json:"dir"`
	Thumb int    `json:"thumb"` // thumbnail side
}

// Batch is what list returns: the images to thumbnail.
type Batch struct {
	Images []Image `json:"images"`
}

// Thumb is one Map iteration's output: a thumbnail, or a quarantined image.
type Thumb struct {
	Index       int    `json:"index"`
	Name        string `json:"name"`
	Dir         string `json:"dir"`
	Side        int    `json:"side,omitempty"`
	Checksum    string `json:"checksum,omitempty"` // of the thumbnail's RGBA pixels
	Quarantined bool   `json:"quarantined,omitempty"`
	Reason      string `json:"reason,omitempty"` // why it was quarantined
}

// Index gathers the Map's results for the contact sheet.
type Index struct {
	Dir         string   `json:"dir"`
	Images      int      `json:"images"`
	Count       int      `json:"count"` // len(Thumbs): the Choice's field
	Thumbs      []Thumb  `json:"thumbs"`
	Quarantined []string `json:"quarantined"`
	Failed      []string `json:"failed"` // iterations that failed (tolerated)
	Sheet       *Sheet   `json:"sheet,omitempty"`
}

// Sheet is the contact sheet: every thumbnail on a grid, in index order.
type Sheet struct {
	File     string `json:"file"` // relative to Dir
	Cols     int    `json:"cols"`
	Rows     int    `json:"rows"`
	Checksum string `json:"checksum"` // of its RGBA pixels
}

// Summary is the pipeline's output.
type Summary struct {
	Images      int               `json:"images"`
	Thumbnails  int               `json:"thumbnails"`
	Quarantined []string          `json:"quarantined"`
	Failed      []string          `json:"failed"`
	Checksums   map[string]string `json:"checksums"` // thumbnail checksum by image name
	Sheet       string            `json:"sheet"`     // contact sheet checksum, "" without thumbnails
}

// Tuning of the workflow.
const (
	concurrency = 4 // thumbnails made at once
	tolerated   = 2 // iterations that may fail before the Map does
)

// StorageRetry is the policy of the throttled storage read: 100 ms, doubling,
// three retries in-process; the state machine's Retry (rounded up to whole
// seconds) takes over when the invocation's own retries are spent.
func StorageRetry() *steps.RetryPolicy {
	return &steps.RetryPolicy{
		Errors:      steps.ErrorNames(&ThrottledError{}),
		Interval:    100 * time.Millisecond,
		MaxAttempts: 3,
		BackoffRate: 2,
	}
}

// Workflow returns the pipeline's workflow.
func Workflow() *steps.Workflow { return newWorkflow(nil) }

// newWorkflow builds the workflow; afterChunk, when not nil, runs after
// each contact-sheet row is drawn, before it is saved (tests use it to
// advance a fake clock).
func newWorkflow(afterChunk func()) *steps.Workflow {
	count := steps.Field(func(x *Index) *int { return &x.Count })
	return steps.New("imagepipeline", &steps.WorkflowOptions{Comment: "thumbnail a batch of images and build a contact sheet"}).Add(
		steps.Task("list", list, nil),
		steps.Map("thumbnails", thumbnailing(), &steps.MapOptions{
			Items:          steps.Field(func(b *Batch) *[]Image { return &b.Images }),
			MaxConcurrency: concurrency, ToleratedFailures: tolerated,
		}),
		steps.Task("collect", collect, nil),
		steps.Choice("any thumbnails?", steps.When(count.Gt(0), "contact sheet"), steps.Otherwise("summarize")),
		steps.Long("contact sheet", contactSheet(afterChunk), &steps.LongOptions{MaxStalledSlices: 5}),
		steps.Task("summarize", summarize, nil),
	)
}

// thumbnailing is one Map iteration: fetch (retried while throttled), then
// thumbnail, whose CorruptImageError goes to quarantine with the image as
// it was and the error object added under $.error.
func thumbnailing() *steps.Seq {
	corrupt := steps.Catch{Errors: steps.ErrorNames(&CorruptImageError{}), Next: "quarantine", ResultPath: "$.error"}
	return steps.Sequence(
		steps.Task("fetch", fetch, &steps.TaskOptions{Retry: StorageRetry()}),
		steps.Task("thumbnail", thumbnail, &steps.TaskOptions{Catch: []steps.Catch{corrupt}}),
		steps.Succeed("thumbnailed"),
		steps.Task("quarantine", quarantine, nil),
	)
}
