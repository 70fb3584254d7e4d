package cli

import (
	"context"
	"errors"
	"fmt"
	"os/signal"
	"syscall"

	"github.com/baton-run/baton/orchestrator/schedule"
	"github.com/baton-run/baton/orchestrator/schedule/localstarter"
	"github.com/baton-run/baton/steps"
)

// scheduleCmd installs the schedules declared on the workflows into the
// database (creating or updating them; a schedule a workflow no longer
// declares is left alone) and runs the scheduler until SIGINT or SIGTERM,
// with the workflows' steps served in-process.
func scheduleCmd(args []string, env Env, wfs []*steps.Workflow) int {
	fs := newFlags("schedule", env)
	db := fs.String("db", "baton.db", "SQLite file of executions, history, checkpoints and schedules")
	installOnly := fs.Bool("install-only", false, "install the schedules and exit instead of running the scheduler")
	if fs.Parse(args) != nil || fs.NArg() != 0 {
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	memory := false
	s, err := open(storeFlags{db: db, memory: &memory}, wfs, nil)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return exitFailed
	}
	defer s.close()
	store, err := schedule.OpenStore(*db)
	if err != nil {
		fmt.Fprintln(env.Stderr, err)
		return exitFailed
	}
	defer store.Close()
	if code := installSchedules(ctx, env, s, store, wfs); code != exitOK || *installOnly {
		return code
	}
	fmt.Fprintln(env.Stderr, "scheduler running; Ctrl-C stops it")
	err = schedule.New(store, localstarter.New(s.engine), nil).Run(ctx)
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(env.Stderr, err)
		return exitFailed
	}
	return exitOK
}

// installSchedules deploys each workflow's state machine and upserts its
// schedules, named WORKFLOW-SCHEDULE.
func installSchedules(ctx context.Context, env Env, s *session, store *schedule.Store, wfs []*steps.Workflow) int {
	for _, wf := range wfs {
		scs, err := schedule.ForWorkflow(wf)
		if err != nil {
			fmt.Fprintln(env.Stderr, err)
			return exitUsage
		}
		if len(scs) == 0 {
			continue
		}
		arn, err := s.deploy(ctx, wf)
		if err != nil {
			fmt.Fprintln(env.Stderr, err)
			return exitFailed
		}
		for _, sc := range scs {
			sc.Name, sc.StateMachine = wf.Name()+"-"+sc.Name, arn
			if err := upsert(ctx, store, sc); err != nil {
				fmt.Fprintln(env.Stderr, err)
				return exitFailed
			}
			fmt.Fprintf(env.Stdout, "schedule %s: %s %s\n", sc.Name, sc.Expression, sc.Timezone)
		}
	}
	return exitOK
}

func upsert(ctx context.Context, store *schedule.Store, sc schedule.Schedule) error {
	if _, err := store.Get(ctx, sc.Name); errors.Is(err, schedule.ErrNotFound) {
		_, err = store.Create(ctx, sc)
		return err
	}
	_, err := store.Update(ctx, sc)
	return err
}
