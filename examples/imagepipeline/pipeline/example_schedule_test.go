package pipeline_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"time"

	"github.com/baton-run/baton/examples/imagepipeline/pipeline"
	"github.com/baton-run/baton/orchestrator/schedule"
	"github.com/baton-run/baton/orchestrator/schedule/localstarter"
)

// Schedule a nightly run: thumbnail the day's uploads at 02:00 Berlin time.
// The expression is previewed before the schedule is stored; then a local
// scheduler on the engine's (fake) clock fires it over two simulated days,
// each fire one execution named after its scheduled time, so a repeated
// fire finds the same execution instead of starting another. On AWS the
// same Schedule becomes an AWS::Scheduler::Schedule (`synth`).
func ExampleWorkflow_nightly() {
	r := newLocalRun(pipeline.Workflow(), nil)
	defer r.close()
	ctx := context.Background()

	input := must(json.Marshal(pipeline.Input{Dir: filepath.Join(r.Dir, "uploads"), Seed: 9, Images: 4}))
	nightly := schedule.Schedule{
		Name: "nightly-thumbnails", Expression: "cron(0 2 * * ? *)", Timezone: "Europe/Berlin",
		StateMachine: pipeline.Workflow().Name(), Input: string(input),
	}
	for _, t := range must(nightly.Timing()).NextN(r.Clock.Now(), 3) {
		fmt.Println("will fire at", t.Format(time.RFC3339))
	}

	store := must(schedule.OpenStore(filepath.Join(r.Dir, "schedules.db")))
	defer store.Close()
	store.SetNow(r.Clock.Now)
	must(store.Create(ctx, nightly))
	quiet := slog.New(slog.DiscardHandler)
	scheduler := schedule.New(store, localstarter.New(r.Engine), &schedule.Options{Clock: r.Clock, Logger: quiet})
	for range 48 { // two days, ticking hourly; each run ends before the clock moves on
		r.Clock.Advance(time.Hour)
		must(scheduler.Tick(ctx))
		for _, f := range must(store.Fires(ctx, nightly.Name, 1)) {
			must(r.Engine.Wait(ctx, f.Execution))
		}
	}

	fires := must(store.Fires(ctx, nightly.Name, 0))
	slices.Reverse(fires) // oldest first
	for _, f := range fires {
		x := must(r.Engine.DescribeExecution(ctx, f.Execution))
		var s pipeline.Summary
		must(0, json.Unmarshal([]byte(x.Output), &s))
		fmt.Println(f.Status, x.Name, x.Status, s.Thumbnails, "thumbnails")
	}
	// Output:
	// will fire at 2026-01-01T02:00:00+01:00
	// will fire at 2026-01-02T02:00:00+01:00
	// will fire at 2026-01-03T02:00:00+01:00
	// STARTED nightly-thumbnails-20260101T010000Z SUCCEEDED 4 thumbnails
	// STARTED nightly-thumbnails-20260102T010000Z SUCCEEDED 4 thumbnails
}
