package schedule_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/orchestrator/schedule"
)

// Preview a schedule before deploying it: 02:30 every day in New York skips
// the day the clocks spring forward (02:30 does not exist on 2026-03-08).
func ExampleTiming_NextN() {
	expr, err := schedule.ParseExpression("cron(30 2 * * ? *)")
	if err != nil {
		panic(err)
	}
	ny, _ := schedule.LoadLocation("America/New_York")
	timing := schedule.Timing{Expression: expr, Location: ny}
	for _, t := range timing.NextN(time.Date(2026, 3, 7, 0, 0, 0, 0, ny), 3) {
		fmt.Println(t.Format(time.RFC3339))
	}
	// Output:
	// 2026-03-07T02:30:00-05:00
	// 2026-03-09T02:30:00-04:00
	// 2026-03-10T02:30:00-04:00
}

// Bad expressions say which field is wrong and why.
func ExampleParseExpression_error() {
	_, err := schedule.ParseExpression("cron(0 2 * * MON *)")
	fmt.Println(err)
	// Output:
	// invalid schedule expression "cron(0 2 * * MON *)": day-of-month and day-of-week cannot both be specified; use ? in one
}

// printStarter prints what the scheduler starts; a real program passes
// localstarter.New(engine) instead.
type printStarter struct{}

func (printStarter) StartExecution(_ context.Context, sm, name, input string) (string, error) {
	fmt.Println("start", sm, name, input)
	return name, nil
}

func (printStarter) IsRunning(context.Context, string) (bool, error) { return false, nil }

// Schedule a nightly run: the schedule is stored in the SQLite file, and a
// scheduler (here driven by a fake clock) starts one execution per night with
// the scheduled time in its input.
func Example_nightlyRun() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	store, err := schedule.OpenStore(filepath.Join(dir, "baton.db"))
	if err != nil {
		panic(err)
	}
	defer store.Close()
	clk := clock.NewFake(time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC))
	store.SetNow(clk.Now)
	_, err = store.Create(context.Background(), schedule.Schedule{
		Name: "nightly", Expression: "cron(0 2 * * ? *)", Timezone: "Europe/Berlin",
		StateMachine: "report", Input: `{"day":"<aws.scheduler.scheduled-time>"}`,
	})
	if err != nil {
		panic(err)
	}
	s := schedule.New(store, printStarter{}, &schedule.Options{Clock: clk})
	for range 48 { // two simulated days, ticking hourly
		clk.Advance(time.Hour)
		s.Tick(context.Background())
	}
	// Output:
	// start report nightly-20260102T010000Z {"day":"2026-01-02T01:00:00Z"}
	// start report nightly-20260103T010000Z {"day":"2026-01-03T01:00:00Z"}
}
