package main

import (
	"context"
	"flag"
	"os"
	"os/signal"
	"syscall"

	"github.com/baton-run/baton/orchestrator/local"
)

func init() {
	register("redrive", "resume a failed execution from the state where it failed", redriveCommand)
}

func redriveCommand(args []string) int {
	if wantsAWS(args) {
		return awsRedriveCommand(args)
	}
	fs := flag.NewFlagSet("redrive", flag.ContinueOnError)
	var f engineFlags
	f.register(fs)
	pos, err := parseArgs(fs, args)
	if err != nil || len(pos) != 1 {
		return cliFail("redrive", usageErr("usage: baton redrive ID [--db PATH] [--mock-config FILE --test-case NAME] [--lambda NAME=PATH ...] [--json] ("+errOr(err, "expected one execution")+")"))
	}
	e, closeAll, err := f.open(false)
	if err != nil {
		return cliFail("redrive", err)
	}
	defer closeAll()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	x, err := findExecution(ctx, e, pos[0])
	if err != nil {
		return cliFail("redrive", err)
	}
	if _, err := e.RedriveExecution(ctx, x.Arn); err != nil {
		return cliFail("redrive", err)
	}
	if x, err = e.Wait(ctx, x.Arn); err != nil {
		return cliFail("redrive", interrupted(err, x))
	}
	evs, _, err := e.GetExecutionHistory(ctx, x.Arn, local.HistoryOptions{})
	if err != nil {
		return cliFail("redrive", err)
	}
	return printExecution(x, evs, f.json)
}
