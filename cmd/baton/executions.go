package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/baton-run/baton/orchestrator/local"
)

func init() {
	register("executions", "list, describe, show the history of, or resume local executions", executionsCommand)
}

const executionsUsage = "executions list [--status S] | describe ID | history ID [--reverse] | resume  [--db PATH] [--json]"

func executionsCommand(args []string) int {
	if wantsAWS(args) {
		return awsExecutionsCommand(args)
	}
	if len(args) == 0 {
		return cliFail("executions", usageErr("usage: baton "+executionsUsage))
	}
	fs := flag.NewFlagSet("executions", flag.ContinueOnError)
	var f engineFlags
	f.register(fs)
	status := fs.String("status", "", "list only executions with this status")
	reverse := fs.Bool("reverse", false, "history: newest event first")
	pos, err := parseArgs(fs, args[1:])
	if err != nil {
		return cliFail("executions", usageErr(err.Error()))
	}
	e, closeAll, err := f.open(args[0] == "resume")
	if err != nil {
		return cliFail("executions", err)
	}
	defer closeAll()
	ctx := context.Background()
	switch {
	case args[0] == "list" && len(pos) == 0:
		return listExecutions(ctx, e, local.Status(*status), f.json)
	case args[0] == "describe" && len(pos) == 1:
		return describeExecution(ctx, e, pos[0], f.json)
	case args[0] == "history" && len(pos) == 1:
		return printHistory(ctx, e, pos[0], *reverse, f.json)
	case args[0] == "resume" && len(pos) == 0:
		return resumeExecutions(e)
	}
	return cliFail("executions", usageErr("usage: baton "+executionsUsage))
}

func listExecutions(ctx context.Context, e *local.Engine, status local.Status, asJSON bool) int {
	xs, err := e.ListExecutions(ctx, local.ExecutionFilter{Status: status})
	if err != nil {
		return cliFail("executions", err)
	}
	if asJSON {
		return printJSONValue(xs)
	}
	w := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tSTATUS\tSTARTED\tSTOPPED\tREDRIVES\tARN")
	for _, x := range xs {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\n", x.Name, x.Status, when(x.StartDate), when(x.StopDate), x.RedriveCount, x.Arn)
	}
	w.Flush()
	return 0
}

func when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format(time.DateTime)
}

// findExecution accepts an execution ARN or name.
func findExecution(ctx context.Context, e *local.Engine, id string) (local.Execution, error) {
	if strings.HasPrefix(id, "arn:") {
		return e.DescribeExecution(ctx, id)
	}
	xs, err := e.ListExecutions(ctx, local.ExecutionFilter{})
	if err != nil {
		return local.Execution{}, err
	}
	for _, x := range xs {
		if x.Name == id {
			return x, nil
		}
	}
	return local.Execution{}, fmt.Errorf("%w: no execution is named %q", local.ErrExecutionDoesNotExist, id)
}

func describeExecution(ctx context.Context, e *local.Engine, id string, asJSON bool) int {
	x, err := findExecution(ctx, e, id)
	if err != nil {
		return cliFail("executions", err)
	}
	return printDescription(x, asJSON)
}

// printDescription prints one execution, as JSON or as aligned lines.
func printDescription(x local.Execution, asJSON bool) int {
	if asJSON {
		return printJSONValue(x)
	}
	fmt.Printf("arn:       %s\nstatus:    %s\nstarted:   %s\nstopped:   %s\nredrives:  %d\ninput:     %s\n",
		x.Arn, x.Status, when(x.StartDate), when(x.StopDate), x.RedriveCount, x.Input)
	if x.Output != "" {
		fmt.Printf("output:    %s\n", x.Output)
	}
	if x.Error != "" || x.Cause != "" {
		fmt.Printf("error:     %s\ncause:     %s\n", x.Error, x.Cause)
	}
	return 0
}

func printHistory(ctx context.Context, e *local.Engine, id string, reverse, asJSON bool) int {
	x, err := findExecution(ctx, e, id)
	if err != nil {
		return cliFail("executions", err)
	}
	evs, _, err := e.GetExecutionHistory(ctx, x.Arn, local.HistoryOptions{Reverse: reverse})
	if err != nil {
		return cliFail("executions", err)
	}
	reports, err := e.InvocationReports(ctx, x.Arn)
	if err != nil {
		return cliFail("executions", err)
	}
	if asJSON {
		return printJSONValue(historyWithReports{Events: evs, Reports: append([]local.InvocationReport{}, reports...)})
	}
	w := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tPREV\tTIME\tTYPE\tDETAILS")
	p := newReportPlacer(evs, reports)
	for _, ev := range evs {
		fmt.Fprintf(w, "%d\t%d\t%s\t%s\t%s\n", ev.ID, ev.PreviousEventID, ev.Timestamp.Local().Format("15:04:05.000"), ev.Type, ev.Details)
		if r, ok := p.place(ev); ok {
			printReport(w, r)
		}
	}
	for _, r := range p.unplaced() {
		printReport(w, r)
	}
	w.Flush()
	return 0
}

// resumeExecutions runs the executions left RUNNING in the file until they
// end (or until SIGINT/SIGTERM, which leaves them RUNNING again).
func resumeExecutions(e *local.Engine) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	xs, err := e.ListExecutions(ctx, local.ExecutionFilter{Status: local.StatusRunning})
	if err != nil {
		return cliFail("executions", err)
	}
	code := 0
	for _, x := range xs {
		done, err := e.Wait(ctx, x.Arn)
		if err != nil {
			return cliFail("executions", interrupted(err, x))
		}
		fmt.Printf("%s\t%s\n", done.Status, done.Arn)
		if done.Status != local.StatusSucceeded {
			code = 1
		}
	}
	return code
}

func printJSONValue(v any) int {
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return cliFail("executions", err)
	}
	return 0
}
