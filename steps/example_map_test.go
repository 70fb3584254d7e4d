package steps_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/baton-run/baton/steps"
)

// Album is a Map's input: the photos to process.
type Album struct {
	Photos []string `json:"photos"`
}

// Thumb is one iteration's output.
type Thumb struct {
	Name string `json:"name"`
}

// A Map fans out over the photos, at most two at a time; its output is the
// iterations' outputs in order.
func ExampleMap() {
	resize := func(_ context.Context, photo string) (Thumb, error) {
		return Thumb{Name: strings.TrimSuffix(photo, ".jpg") + "_200.jpg"}, nil
	}
	photos := steps.Field(func(a *Album) *[]string { return &a.Photos })
	wf := steps.New("thumbnails", nil).Add(
		steps.Map("each", steps.Sequence(steps.Task("resize", resize, nil)),
			&steps.MapOptions{Items: photos, MaxConcurrency: 2}),
	)
	r := newLocalRun(wf)
	defer r.close()

	fmt.Println(r.run("album-1", Album{Photos: []string{"a.jpg", "b.jpg", "c.jpg"}}))
	fmt.Println("invocations:", r.invokes["resize"])
	// Output:
	// SUCCEEDED [{"name":"a_200.jpg"},{"name":"b_200.jpg"},{"name":"c_200.jpg"}]
	// invocations: 3
}
