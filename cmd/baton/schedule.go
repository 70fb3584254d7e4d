package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/orchestrator/schedule"
	"github.com/baton-run/baton/orchestrator/schedule/localstarter"
)

func init() {
	register("schedule", "manage schedules (next, add, update, list, describe, remove, pause, resume) and run the scheduler", runSchedule)
}

const scheduleUsage = `usage: baton schedule <subcommand> [arguments]

  next EXPRESSION [--tz ZONE] [--from RFC3339] [-n N] [--start RFC3339] [--end RFC3339]
                      print the next N fire times (RFC 3339 with offset), one per line
  add NAME --expression EXPR --state-machine NAME|ARN [options]
  update NAME --expression EXPR --state-machine NAME|ARN [options]
                      options: --tz ZONE --input JSON|@FILE --start RFC3339 --end RFC3339
                      --flexible-window MINUTES --overlap SKIP|BUFFER_ONE|ALLOW_ALL
                      --catch-up DURATION --max-retries N --max-event-age SECONDS
                      --disabled --delete-after-completion --description TEXT
  list [--json]       the schedules, with their next fire time
  describe NAME       definition, next fire times and recent fires (JSON)
  remove NAME | pause NAME | resume NAME
  run [--poll DURATION]
                      run the scheduler against the local engine until interrupted
                      (baton serve runs it too: use one of them per file)

Every subcommand but next takes --db PATH (default $BATON_DB, else ./baton.db).
add, update, list, describe, remove, pause and resume take --aws to manage the
schedule on Amazon EventBridge Scheduler instead (with --role-arn ARN for add and
update, and optionally --dlq-arn ARN, --group NAME, --region, --endpoint-url URL);
the target is then a state machine ARN.
`

var scheduleCommands = map[string]func(args []string) int{
	"next": scheduleNext, "add": scheduleAdd, "update": scheduleUpdate, "list": scheduleList,
	"describe": scheduleDescribe, "remove": scheduleRemove, "pause": schedulePause,
	"resume": scheduleResume, "run": scheduleRun,
}

func runSchedule(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, scheduleUsage)
		return 2
	}
	cmd, ok := scheduleCommands[args[0]]
	if !ok {
		fmt.Fprintf(os.Stderr, "baton schedule: unknown subcommand %q\n%s", args[0], scheduleUsage)
		return 2
	}
	return cmd(args[1:])
}

// parseArgs parses flags that may come before or after the positional
// arguments ("next 'rate(1 day)' -n 3" and "next -n 3 'rate(1 day)'").
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func usageError(format string, args ...any) int {
	fmt.Fprintf(os.Stderr, "baton schedule: "+format+"\n", args...)
	return 2
}

func failure(err error) int {
	fmt.Fprintln(os.Stderr, "baton schedule:", err)
	if errors.Is(err, schedule.ErrInvalid) {
		return 2
	}
	return 1
}

func scheduleNext(args []string) int {
	fs := flag.NewFlagSet("next", flag.ContinueOnError)
	tz := fs.String("tz", "", "IANA time zone (default UTC)")
	from := fs.String("from", "", "RFC 3339 time to start from (default now)")
	n := fs.Int("n", 5, "how many fire times")
	start := fs.String("start", "", "schedule start date, RFC 3339")
	end := fs.String("end", "", "schedule end date, RFC 3339")
	pos, err := parseArgs(fs, args)
	if err != nil || len(pos) != 1 || *n < 1 {
		return usageError("next EXPRESSION [--tz ZONE] [--from RFC3339] [-n N] (%v)", errOr(err, "expected one expression"))
	}
	timing, fromTime, err := nextTiming(pos[0], *tz, *from, *start, *end)
	if err != nil {
		return usageError("%v", err)
	}
	times := timing.NextN(fromTime, *n)
	for _, t := range times {
		fmt.Println(t.In(timing.Location).Format(time.RFC3339))
	}
	if len(times) == 0 {
		fmt.Fprintf(os.Stderr, "baton schedule: %s has no fire time at or after %s\n", pos[0], fromTime.Format(time.RFC3339))
	}
	return 0
}

func nextTiming(expr, tz, from, start, end string) (schedule.Timing, time.Time, error) {
	e, err := schedule.ParseExpression(expr)
	if err != nil {
		return schedule.Timing{}, time.Time{}, err
	}
	loc, err := schedule.LoadLocation(tz)
	if err != nil {
		return schedule.Timing{}, time.Time{}, err
	}
	timing := schedule.Timing{Expression: e, Location: loc}
	fromTime := time.Now().Truncate(time.Second)
	for _, f := range []struct {
		name, text string
		dst        *time.Time
	}{{"--from", from, &fromTime}, {"--start", start, &timing.Start}, {"--end", end, &timing.End}} {
		if err := parseTimeFlag(f.name, f.text, f.dst); err != nil {
			return schedule.Timing{}, time.Time{}, err
		}
	}
	return timing, fromTime, nil
}

func parseTimeFlag(name, text string, dst *time.Time) error {
	if text == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339, text)
	if err != nil {
		return fmt.Errorf("%s %q: not an RFC 3339 time (e.g. 2026-03-08T00:00:00-05:00)", name, text)
	}
	*dst = t
	return nil
}

func errOr(err error, msg string) string {
	if err != nil {
		return err.Error()
	}
	return msg
}

// definition holds the flags of add and update.
type definition struct {
	expression, stateMachine, tz, input, start, end, overlap, description *string
	flexMinutes, maxRetries, maxEventAge                                  *int
	catchUp                                                               *time.Duration
	disabled, deleteAfter                                                 *bool
}

func defineFlags(fs *flag.FlagSet) *definition {
	return &definition{
		expression:   fs.String("expression", "", "cron(...), rate(...) or at(...)"),
		stateMachine: fs.String("state-machine", "", "target state machine name or ARN"),
		tz:           fs.String("tz", "", "IANA time zone (default UTC)"),
		input:        fs.String("input", "", "execution input JSON, or @FILE"),
		start:        fs.String("start", "", "start date, RFC 3339"),
		end:          fs.String("end", "", "end date, RFC 3339"),
		overlap:      fs.String("overlap", "SKIP", "SKIP, BUFFER_ONE or ALLOW_ALL"),
		description:  fs.String("description", "", "free text"),
		flexMinutes:  fs.Int("flexible-window", 0, "flexible time window in minutes (0 = OFF, up to 1440)"),
		maxRetries:   fs.Int("max-retries", -1, "retry policy: retries of a failed start, 0-185 (default 185)"),
		maxEventAge:  fs.Int("max-event-age", -1, "retry policy: seconds a fire may be retried, 60-86400 (default 86400)"),
		catchUp:      fs.Duration("catch-up", 0, "start missed fires up to this late after downtime (default none)"),
		disabled:     fs.Bool("disabled", false, "create the schedule paused"),
		deleteAfter:  fs.Bool("delete-after-completion", false, "delete the schedule once it has no fire time left"),
	}
}

func (d *definition) schedule(name string) (schedule.Schedule, error) {
	sc := schedule.Schedule{Name: name, Expression: *d.expression, StateMachine: *d.stateMachine, Timezone: *d.tz,
		Overlap: schedule.OverlapPolicy(strings.ToUpper(*d.overlap)), Description: *d.description,
		FlexibleWindow: time.Duration(*d.flexMinutes) * time.Minute, CatchUpWindow: *d.catchUp}
	if *d.disabled {
		sc.State = schedule.Disabled
	}
	sc.RetryPolicy = d.retryPolicy()
	if *d.deleteAfter {
		sc.ActionAfterCompletion = "DELETE"
	}
	if err := parseTimeFlag("--start", *d.start, &sc.StartDate); err != nil {
		return sc, err
	}
	if err := parseTimeFlag("--end", *d.end, &sc.EndDate); err != nil {
		return sc, err
	}
	input, err := readInput(*d.input)
	sc.Input = input
	return sc, err
}

// retryPolicy returns the policy --max-retries and --max-event-age set, AWS's
// default filling the one not given; nil when neither is.
func (d *definition) retryPolicy() *schedule.RetryPolicy {
	if *d.maxRetries < 0 && *d.maxEventAge < 0 {
		return nil
	}
	p := schedule.DefaultRetryPolicy
	if *d.maxRetries >= 0 {
		p.MaximumRetryAttempts = *d.maxRetries
	}
	if *d.maxEventAge >= 0 {
		p.MaximumEventAgeInSeconds = *d.maxEventAge
	}
	return &p
}

// readInput returns the JSON text of --input (inline or @FILE).
func readInput(v string) (string, error) {
	if file, ok := strings.CutPrefix(v, "@"); ok {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("--input: %w", err)
		}
		v = string(b)
	}
	return v, nil // checked by Schedule.Validate
}

func scheduleRun(args []string) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	bf := addBackendFlags(fs)
	db := bf.db
	poll := fs.Duration("poll", time.Second, "longest wait between checks for changed schedules")
	if pos, err := parseArgs(fs, args); err != nil || len(pos) != 0 {
		return usageError("run [--db PATH] [--poll DURATION] (%v)", errOr(err, "unexpected argument"))
	}
	if *bf.aws {
		return usageError("run drives the local engine; on AWS, EventBridge Scheduler fires the schedules itself")
	}
	store, err := schedule.OpenStore(*db)
	if err != nil {
		return failure(err)
	}
	defer store.Close()
	starter, closeEngine, err := openLocalStarter(*db)
	if err != nil {
		return failure(err)
	}
	defer closeEngine()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(os.Stderr, "baton schedule: scheduler running on %s (Ctrl-C to stop)\n", *db)
	return exitOf(schedule.New(store, starter, &schedule.Options{PollInterval: *poll}).Run(ctx))
}

// openLocalStarter opens the local engine on the database file; executions
// that were running when the last process stopped resume.
func openLocalStarter(db string) (schedule.Starter, func(), error) {
	eng, err := local.Open(local.Options{Path: db})
	if err != nil {
		return nil, nil, err
	}
	return localstarter.New(eng), func() { eng.Close() }, nil
}

// startBackgroundScheduler runs the scheduler over the schedules in db,
// starting executions on eng, until the returned stop function is called
// (baton serve uses it: schedules fire while the API is served).
func startBackgroundScheduler(eng *local.Engine, db string) (stop func(), err error) {
	store, err := schedule.OpenStore(db)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		schedule.New(store, localstarter.New(eng), nil).Run(ctx)
	}()
	return func() {
		cancel()
		<-done
		store.Close()
	}, nil
}
