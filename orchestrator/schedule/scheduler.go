package schedule

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"time"

	"github.com/baton-run/baton/internal/clock"
)

// Starter starts executions for the scheduler. The local engine and the
// AWS backend both fit behind it.
type Starter interface {
	// StartExecution starts an execution of the state machine and returns
	// its id (ARN). Starting an existing name with the same input returns
	// that execution, as Step Functions does.
	StartExecution(ctx context.Context, stateMachine, name, input string) (string, error)
	// IsRunning reports whether the execution is still running; an unknown
	// execution is not running.
	IsRunning(ctx context.Context, executionID string) (bool, error)
}

// Options configure a Scheduler. A nil *Options means all defaults.
type Options struct {
	// Clock tells the time and sleeps. Defaults to clock.Real.
	Clock clock.Clock
	// Rand returns numbers in [0, 1) that place fires inside flexible time
	// windows. Defaults to math/rand/v2's Float64.
	Rand func() float64
	// PollInterval is the longest the scheduler sleeps before looking for
	// new, changed or buffered work. Defaults to 1 second.
	PollInterval time.Duration
	// Owner names this scheduler in fire records. Defaults to host:pid.
	Owner string
	// Region and Account appear in <aws.scheduler.schedule-arn>. Default to
	// "us-east-1" and "123456789012".
	Region, Account string
	// Logger receives fires and errors. Defaults to slog.Default().
	Logger *slog.Logger
	// FireRetention is how long fire records are kept (longer when a
	// schedule's catch-up window is longer); older ones are deleted about
	// once an hour. Defaults to 7 days.
	FireRetention time.Duration
}

func (o *Options) withDefaults() Options {
	var v Options
	if o != nil {
		v = *o
	}
	v.Clock = clock.OrReal(v.Clock)
	if v.Rand == nil {
		v.Rand = rand.Float64
	}
	if v.PollInterval <= 0 {
		v.PollInterval = time.Second
	}
	if v.Owner == "" {
		host, _ := os.Hostname()
		v.Owner = fmt.Sprintf("%s:%d", host, os.Getpid())
	}
	if v.Region == "" {
		v.Region = "us-east-1"
	}
	if v.Account == "" {
		v.Account = "123456789012"
	}
	if v.Logger == nil {
		v.Logger = slog.Default()
	}
	if v.FireRetention <= 0 {
		v.FireRetention = 7 * 24 * time.Hour
	}
	return v
}

// claimLease is how long a claimed fire may stay unsettled before another
// scheduler assumes its owner died and finishes it.
const claimLease = time.Minute

// onTimeGrace is how late a fire may start and still count as on time when
// a schedule has no catch-up window: EventBridge Scheduler invokes targets
// with 60-second precision.
const onTimeGrace = time.Minute

// Scheduler fires the schedules of a Store through a Starter. Run it in one
// goroutine; several Schedulers (in several processes) may share a Store.
type Scheduler struct {
	store     *Store
	starter   Starter
	opts      Options
	jitter    map[fireKey]time.Duration
	nextPrune time.Time
}

type fireKey struct {
	schedule string
	at       int64
}

// New returns a Scheduler over the store's schedules.
func New(store *Store, starter Starter, opts *Options) *Scheduler {
	return &Scheduler{store: store, starter: starter, opts: opts.withDefaults(), jitter: map[fireKey]time.Duration{}}
}

// Run fires schedules until ctx is done, then returns nil. Errors of single
// ticks are logged and retried after PollInterval.
func (s *Scheduler) Run(ctx context.Context) error {
	for {
		wait, err := s.Tick(ctx)
		if err != nil && ctx.Err() == nil {
			s.opts.Logger.Error("scheduler tick", "err", err)
		}
		if clock.Sleep(ctx, s.opts.Clock, wait) != nil {
			return nil
		}
	}
}

// Tick does what is due at the clock's current time: starts buffered fires
// whose blocking execution ended, starts due fires (or records them skipped
// or buffered), and drops fires that are later than their catch-up window.
// It returns how long to wait before the next tick (PollInterval at most).
func (s *Scheduler) Tick(ctx context.Context) (time.Duration, error) {
	now := s.opts.Clock.Now()
	recs, err := s.store.records(ctx)
	if err != nil {
		return s.opts.PollInterval, err
	}
	pending, err := s.store.pending(ctx, now.Add(-claimLease), now)
	if err != nil {
		return s.opts.PollInterval, err
	}
	wait := s.opts.PollInterval
	errs := []error{s.prune(ctx, recs, now)}
	for _, r := range recs {
		if r.State != Enabled {
			continue
		}
		due, err := s.tickOne(ctx, r, pending[r.Name], now)
		errs = append(errs, err)
		if !due.IsZero() && due.Sub(now) < wait {
			wait = due.Sub(now)
		}
	}
	return wait, errors.Join(errs...)
}

// tickOne handles one schedule and returns when its next fire is due (zero
// when it has none).
func (s *Scheduler) tickOne(ctx context.Context, r record, p *pendingWork, now time.Time) (time.Time, error) {
	timing, err := r.Timing()
	if err != nil {
		return time.Time{}, err
	}
	if p != nil {
		if err := s.finishPending(ctx, &r, p, now); err != nil {
			return time.Time{}, err
		}
	}
	from := r.cursor
	if floor := now.Add(-r.lateness()); from.Before(floor) {
		from = floor // fires up to the floor are missed: too late to start
	}
	var handled time.Time // the last scheduled time this tick handled
	for {
		t, ok := timing.Next(from)
		if !ok {
			err := s.saveCursor(ctx, r, handled)
			if p == nil && handled.IsZero() {
				err = errors.Join(err, s.complete(ctx, r))
			}
			return time.Time{}, err
		}
		if due := t.Add(s.jitterFor(r.Schedule, t)); due.After(now) {
			return due, s.saveCursor(ctx, r, handled)
		}
		if err := s.fire(ctx, &r, t, now); err != nil {
			return time.Time{}, errors.Join(err, s.saveCursor(ctx, r, handled))
		}
		from, handled = t, t
	}
}

// saveCursor records that every scheduled time up to handled is done; a
// tick that handled nothing writes nothing.
func (s *Scheduler) saveCursor(ctx context.Context, r record, handled time.Time) error {
	if !handled.After(r.cursor) {
		return nil
	}
	return s.store.advanceCursor(ctx, r.Name, handled)
}

// lateness is how late a fire may be and still start: the catch-up window
// (at least the one-minute grace) plus the flexible window.
func (r record) lateness() time.Duration {
	return max(r.CatchUpWindow, onTimeGrace) + r.FlexibleWindow
}

// jitterFor places a fire inside the schedule's flexible time window,
// remembering the choice until the fire is claimed.
func (s *Scheduler) jitterFor(sc Schedule, t time.Time) time.Duration {
	if sc.FlexibleWindow <= 0 {
		return 0
	}
	k := fireKey{sc.Name, t.UnixNano()}
	d, ok := s.jitter[k]
	if !ok {
		d = time.Duration(s.opts.Rand() * float64(sc.FlexibleWindow)).Truncate(time.Second)
		s.jitter[k] = d
	}
	return d
}

// fire claims scheduled time t and applies the overlap policy.
func (s *Scheduler) fire(ctx context.Context, r *record, t, now time.Time) error {
	delete(s.jitter, fireKey{r.Name, t.UnixNano()})
	won, err := s.store.claim(ctx, r.Name, t, s.opts.Owner, now)
	if err != nil || !won {
		return err
	}
	return s.decide(ctx, r, t)
}

// decide applies the overlap policy to a claimed fire and starts, skips or
// buffers it.
func (s *Scheduler) decide(ctx context.Context, r *record, t time.Time) error {
	status, err := s.overlap(ctx, r)
	switch {
	case err != nil:
		return s.store.settle(ctx, Fire{Schedule: r.Name, ScheduledTime: t, Status: FireFailed,
			Detail: "checking the previous execution: " + err.Error()})
	case status != FireStarted:
		s.opts.Logger.Info("schedule fire "+string(status), "schedule", r.Name, "scheduledTime", t, "running", r.lastExecution)
		return s.store.settle(ctx, Fire{Schedule: r.Name, ScheduledTime: t, Status: status})
	}
	return s.start(ctx, r, t, 1)
}

// overlap decides between starting, skipping and buffering a fire.
func (s *Scheduler) overlap(ctx context.Context, r *record) (FireStatus, error) {
	if r.Overlap == OverlapAllowAll || r.lastExecution == "" {
		return FireStarted, nil
	}
	running, err := s.starter.IsRunning(ctx, r.lastExecution)
	if err != nil || !running {
		return FireStarted, err
	}
	if r.Overlap == OverlapSkip {
		return FireSkipped, nil
	}
	_, has, err := s.store.buffered(ctx, r.Name)
	if has {
		return FireSkipped, err
	}
	return FireBuffered, err
}

// finishPending finishes the stale claims, retries failed starts that are
// due, then starts the buffered fire if the execution that blocked it has
// ended.
func (s *Scheduler) finishPending(ctx context.Context, r *record, p *pendingWork, now time.Time) error {
	err := errors.Join(s.reclaimStale(ctx, r, p.stale, now), s.retry(ctx, r, p.retries, now))
	if err != nil || p.buffered.IsZero() {
		return err
	}
	return s.startBuffered(ctx, r, p.buffered, now)
}

// retry starts again the fires whose StartExecution failed.
func (s *Scheduler) retry(ctx context.Context, r *record, due []retry, now time.Time) error {
	var errs []error
	for _, x := range due {
		won, err := s.store.claimFrom(ctx, FireRetrying, r.Name, x.at, s.opts.Owner, now)
		if err == nil && won {
			err = s.start(ctx, r, x.at, x.attempts+1)
		}
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// startBuffered starts the schedule's buffered fire once the execution
// that blocked it has ended.
func (s *Scheduler) startBuffered(ctx context.Context, r *record, t, now time.Time) error {
	if r.lastExecution != "" {
		running, err := s.starter.IsRunning(ctx, r.lastExecution)
		if err != nil || running {
			return err
		}
	}
	won, err := s.store.claimFrom(ctx, FireBuffered, r.Name, t, s.opts.Owner, now)
	if err != nil || !won {
		return err
	}
	return s.start(ctx, r, t, 1)
}

// start starts the execution of a claimed fire (attempt 1 and up) and
// records the outcome.
func (s *Scheduler) start(ctx context.Context, r *record, t time.Time, attempt int) error {
	name := ExecutionName(r.Name, t)
	input := s.contextInput(r.Schedule, t, attempt)
	id, err := s.starter.StartExecution(ctx, r.StateMachine, name, input)
	if err != nil {
		f := s.failedFire(r.Schedule, t, attempt, err)
		s.opts.Logger.Error("schedule fire "+string(f.Status), "schedule", r.Name, "scheduledTime", t, "attempt", attempt, "err", err)
		return s.store.settle(ctx, f)
	}
	r.lastExecution = id
	s.opts.Logger.Info("schedule fired", "schedule", r.Name, "scheduledTime", t, "execution", id)
	return s.store.settle(ctx, Fire{Schedule: r.Name, ScheduledTime: t, Status: FireStarted, Execution: id, Attempts: attempt})
}

// failedFire applies the retry policy to a failed start: RETRYING after a
// backoff while attempts and the event's age allow, else FAILED.
func (s *Scheduler) failedFire(sc Schedule, t time.Time, attempt int, err error) Fire {
	p := cmp.Or(sc.RetryPolicy, &DefaultRetryPolicy)
	f := Fire{Schedule: sc.Name, ScheduledTime: t, Status: FireFailed, Attempts: attempt, Detail: err.Error()}
	retryAt := s.opts.Clock.Now().Add(retryDelay(attempt))
	deadline := t.Add(time.Duration(p.MaximumEventAgeInSeconds) * time.Second)
	if attempt <= p.MaximumRetryAttempts && retryAt.Before(deadline) {
		f.Status, f.RetryAt = FireRetrying, retryAt
	}
	return f
}

// retryDelay is the wait after a failed attempt: 1 s, doubling, at most 5
// minutes.
func retryDelay(attempt int) time.Duration {
	if attempt > 9 {
		return 5 * time.Minute
	}
	return min(time.Second<<(attempt-1), 5*time.Minute)
}

// reclaimStale finishes fires whose scheduler died between claiming and
// recording them. Starting one again is safe: the execution name and input
// are deterministic, so an execution that did start is found, not doubled.
func (s *Scheduler) reclaimStale(ctx context.Context, r *record, stale []time.Time, now time.Time) error {
	var errs []error
	for _, t := range stale {
		won, err := s.store.reclaim(ctx, r.Name, t, now.Add(-claimLease), s.opts.Owner, now)
		if err != nil || !won {
			errs = append(errs, err)
			continue
		}
		s.opts.Logger.Warn("schedule fire reclaimed from a stopped scheduler", "schedule", r.Name, "scheduledTime", t)
		errs = append(errs, s.decide(ctx, r, t))
	}
	return errors.Join(errs...)
}

// prune deletes, about once an hour, the settled fire records older than
// the retention (or than the schedule's catch-up window plus a day, if
// longer) and already behind the schedule's cursor, so they can never be
// claimed again.
func (s *Scheduler) prune(ctx context.Context, recs []record, now time.Time) error {
	if now.Before(s.nextPrune) {
		return nil
	}
	s.nextPrune = now.Add(time.Hour)
	var errs []error
	for _, r := range recs {
		keep := max(s.opts.FireRetention, r.CatchUpWindow+24*time.Hour)
		before := now.Add(-keep)
		if r.cursor.Before(before) {
			before = r.cursor
		}
		errs = append(errs, s.store.pruneFires(ctx, r.Name, before))
	}
	return errors.Join(errs...)
}

// complete deletes a schedule with ActionAfterCompletion DELETE once it has
// no fire time left and nothing pending.
func (s *Scheduler) complete(ctx context.Context, r record) error {
	if r.ActionAfterCompletion != "DELETE" {
		return nil
	}
	s.opts.Logger.Info("schedule completed and deleted", "schedule", r.Name)
	if err := s.store.Delete(ctx, r.Name); err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	return nil
}
