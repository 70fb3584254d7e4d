package pipeline_test

import (
	"encoding/json"
	"fmt"

	"github.com/baton-run/baton/examples/imagepipeline/pipeline"
)

// Map fan-out over images: a batch of six, one corrupt (quarantined by the
// Catch) and one gone from storage (a tolerated failure). Four thumbnails
// are made, at most four at a time, and laid out on a contact sheet.
func ExampleWorkflow_mapFanOut() {
	r := newLocalRun(pipeline.Workflow(), nil)
	defer r.close()

	x := r.run("batch-1", pipeline.Input{Dir: r.Dir, Seed: 1, Images: 6, Corrupt: []int{2}, Missing: []int{4}})
	var s pipeline.Summary
	if err := json.Unmarshal([]byte(x.Output), &s); err != nil {
		panic(err)
	}
	fmt.Println(x.Status)
	fmt.Printf("%d images: %d thumbnails, quarantined %v, failed %v\n", s.Images, s.Thumbnails, s.Quarantined, s.Failed)
	for _, name := range []string{"img-000.png", "img-001.png", "img-003.png", "img-005.png"} {
		fmt.Println(name, s.Checksums[name])
	}
	fmt.Println("contact sheet", s.Sheet)
	// Output:
	// SUCCEEDED
	// 6 images: 4 thumbnails, quarantined [img-002.png], failed [img-004.png]
	// img-000.png 5536e9405097d768
	// img-001.png 8c9d9def472c5e8b
	// img-003.png da9195a4cbf9c866
	// img-005.png b3b46bf066dc627e
	// contact sheet 037e86f524f62a2a
}
