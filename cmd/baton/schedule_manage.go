package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/baton-run/baton/orchestrator/schedule"
)

// scheduleBackend is where baton schedule manages schedules: the local
// SQLite file (default) or EventBridge Scheduler (--aws).
type scheduleBackend interface {
	Create(ctx context.Context, sc schedule.Schedule) error
	Update(ctx context.Context, sc schedule.Schedule) error
	Describe(ctx context.Context, name string) (any, error)
	List(ctx context.Context) (table [][]string, asJSON any, err error)
	Delete(ctx context.Context, name string) error
	SetState(ctx context.Context, name string, state schedule.State) error
	Close() error
}

// backendFlags selects and configures the backend.
type backendFlags struct {
	db                                          *string
	aws                                         *bool
	roleArn, dlqArn, group, endpoint, awsRegion *string
}

func addBackendFlags(fs *flag.FlagSet) *backendFlags {
	def := os.Getenv("BATON_DB")
	if def == "" {
		def = "baton.db"
	}
	return &backendFlags{
		db:        fs.String("db", def, "SQLite file holding schedules and executions"),
		aws:       fs.Bool("aws", false, "manage schedules on Amazon EventBridge Scheduler instead of --db"),
		roleArn:   fs.String("role-arn", "", "with --aws: the role EventBridge Scheduler assumes (add, update)"),
		dlqArn:    fs.String("dlq-arn", "", "with --aws: SQS dead-letter queue ARN"),
		group:     fs.String("group", "", "with --aws: schedule group (default: default)"),
		endpoint:  fs.String("endpoint-url", "", "with --aws: EventBridge Scheduler endpoint override"),
		awsRegion: fs.String("region", "", "with --aws: AWS region (default from the AWS config)"),
	}
}

func (b *backendFlags) open(ctx context.Context) (scheduleBackend, error) {
	if *b.aws {
		return openAWSBackend(ctx, b)
	}
	s, err := schedule.OpenStore(*b.db)
	if err != nil {
		return nil, err
	}
	return localBackend{s}, nil
}

// withBackend parses NAME and the backend flags, opens the backend and
// calls fn.
func withBackend(verb string, args []string, fn func(ctx context.Context, b scheduleBackend, name string) error) int {
	fs := flag.NewFlagSet(verb, flag.ContinueOnError)
	bf := addBackendFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil || len(pos) != 1 {
		return usageError("%s NAME [--db PATH | --aws] (%v)", verb, errOr(err, "expected one schedule name"))
	}
	return runWithBackend(bf, func(ctx context.Context, b scheduleBackend) error { return fn(ctx, b, pos[0]) })
}

func runWithBackend(bf *backendFlags, fn func(ctx context.Context, b scheduleBackend) error) int {
	ctx := context.Background()
	b, err := bf.open(ctx)
	if err != nil {
		return failure(err)
	}
	defer b.Close()
	return exitOf(fn(ctx, b))
}

func scheduleRemove(args []string) int {
	return withBackend("remove", args, func(ctx context.Context, b scheduleBackend, name string) error {
		return b.Delete(ctx, name)
	})
}

func schedulePause(args []string) int {
	return withBackend("pause", args, func(ctx context.Context, b scheduleBackend, name string) error {
		return b.SetState(ctx, name, schedule.Disabled)
	})
}

func scheduleResume(args []string) int {
	return withBackend("resume", args, func(ctx context.Context, b scheduleBackend, name string) error {
		return b.SetState(ctx, name, schedule.Enabled)
	})
}

func scheduleDescribe(args []string) int {
	return withBackend("describe", args, func(ctx context.Context, b scheduleBackend, name string) error {
		v, err := b.Describe(ctx, name)
		if err != nil {
			return err
		}
		return printJSON(v)
	})
}

func scheduleList(args []string) int {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	bf := addBackendFlags(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	if pos, err := parseArgs(fs, args); err != nil || len(pos) != 0 {
		return usageError("list [--db PATH | --aws] [--json] (%v)", errOr(err, "unexpected argument"))
	}
	return runWithBackend(bf, func(ctx context.Context, b scheduleBackend) error {
		table, v, err := b.List(ctx)
		if err != nil || *asJSON {
			return firstErr(err, func() error { return printJSON(v) })
		}
		printRows(table)
		return nil
	})
}

func firstErr(err error, then func() error) error {
	if err != nil {
		return err
	}
	return then()
}

func printRows(rows [][]string) {
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				fmt.Fprint(w, "\t")
			}
			fmt.Fprint(w, c)
		}
		fmt.Fprintln(w)
	}
	w.Flush()
}

func scheduleAdd(args []string) int    { return scheduleWrite("add", args) }
func scheduleUpdate(args []string) int { return scheduleWrite("update", args) }

// scheduleWrite implements add and update: both take the full definition.
func scheduleWrite(verb string, args []string) int {
	fs := flag.NewFlagSet(verb, flag.ContinueOnError)
	bf := addBackendFlags(fs)
	def := defineFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil || len(pos) != 1 {
		return usageError("%s NAME --expression EXPR --state-machine NAME|ARN [options] (%v)", verb, errOr(err, "expected one schedule name"))
	}
	sc, err := def.schedule(pos[0])
	if err != nil {
		return usageError("%s %s: %v", verb, pos[0], err)
	}
	return runWithBackend(bf, func(ctx context.Context, b scheduleBackend) error {
		write := b.Create
		if verb == "update" {
			write = b.Update
		}
		if err := write(ctx, sc); err != nil {
			return err
		}
		warnIfNeverFires(sc)
		return nil
	})
}

// warnIfNeverFires tells the user about a schedule stored without any
// future fire time (an at() in the past, an end date already gone, ...).
func warnIfNeverFires(sc schedule.Schedule) {
	sc.CreatedAt = time.Now()
	if sc.State == schedule.Enabled || sc.State == "" {
		sc.State = schedule.Enabled
		if len(nextFires(sc, 1)) == 0 {
			fmt.Fprintf(os.Stderr, "baton schedule: warning: %s has no fire time after now; it will never fire\n", sc.Name)
		}
	}
}

func printJSON(v any) error {
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func exitOf(err error) int {
	if err != nil {
		return failure(err)
	}
	return 0
}

// localBackend manages the schedules in the SQLite file.
type localBackend struct{ s *schedule.Store }

func (l localBackend) Create(ctx context.Context, sc schedule.Schedule) error {
	_, err := l.s.Create(ctx, sc)
	return err
}

func (l localBackend) Update(ctx context.Context, sc schedule.Schedule) error {
	_, err := l.s.Update(ctx, sc)
	return err
}

func (l localBackend) Delete(ctx context.Context, name string) error { return l.s.Delete(ctx, name) }
func (l localBackend) Close() error                                  { return l.s.Close() }

func (l localBackend) SetState(ctx context.Context, name string, st schedule.State) error {
	return l.s.SetState(ctx, name, st)
}

type describeView struct {
	Schedule      schedule.Schedule `json:"schedule"`
	NextFireTimes []string          `json:"nextFireTimes"`
	RecentFires   []schedule.Fire   `json:"recentFires"`
}

func (l localBackend) Describe(ctx context.Context, name string) (any, error) {
	sc, err := l.s.Get(ctx, name)
	if err != nil {
		return nil, err
	}
	fires, err := l.s.Fires(ctx, name, 10)
	if fires == nil {
		fires = []schedule.Fire{}
	}
	return describeView{Schedule: sc, NextFireTimes: nextFires(sc, 5), RecentFires: fires}, err
}

func (l localBackend) List(ctx context.Context) ([][]string, any, error) {
	list, err := l.s.List(ctx)
	rows := [][]string{{"NAME", "STATE", "EXPRESSION", "TIMEZONE", "TARGET", "NEXT"}}
	for _, sc := range list {
		next := "-"
		if n := nextFires(sc, 1); len(n) == 1 {
			next = n[0]
		}
		rows = append(rows, []string{sc.Name, string(sc.State), sc.Expression, orUTC(sc.Timezone), sc.StateMachine, next})
	}
	if list == nil {
		list = []schedule.Schedule{}
	}
	return rows, list, err
}

// nextFires returns a schedule's next n fire times from now, RFC 3339 in
// its time zone.
func nextFires(sc schedule.Schedule, n int) []string {
	timing, err := sc.Timing()
	if err != nil || sc.State != schedule.Enabled {
		return []string{}
	}
	out := []string{}
	for after := time.Now(); len(out) < n; {
		t, ok := timing.Next(after)
		if !ok {
			break
		}
		out = append(out, t.In(timing.Location).Format(time.RFC3339))
		after = t
	}
	return out
}

func orUTC(tz string) string {
	if tz == "" {
		return "UTC"
	}
	return tz
}
