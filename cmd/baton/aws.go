package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/baton-run/baton/orchestrator/awsbackend"
	"github.com/baton-run/baton/orchestrator/local"
)

// awsFlags are the flags of `run`, `executions` and `redrive` with --aws:
// the commands then work on AWS Step Functions (or any endpoint speaking its
// API, such as `baton serve`) instead of the local engine. Credentials and
// region come from the standard AWS chain.
type awsFlags struct {
	on       bool
	endpoint string
	region   string
	json     bool
}

func (f *awsFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.on, "aws", false, "work on AWS Step Functions instead of the local engine")
	fs.StringVar(&f.endpoint, "endpoint-url", "", "Step Functions endpoint (e.g. a `baton serve` address)")
	fs.StringVar(&f.region, "region", "", "AWS region (default: the standard chain)")
	fs.BoolVar(&f.json, "json", false, "print one JSON object")
}

func (f *awsFlags) open(ctx context.Context) (*awsbackend.Backend, error) {
	return awsbackend.Open(ctx, awsbackend.Options{EndpointURL: f.endpoint, Region: f.region})
}

// wantsAWS reports whether a command line asks for --aws.
func wantsAWS(args []string) bool {
	return slices.ContainsFunc(args, func(a string) bool {
		return a == "--aws" || a == "-aws" || a == "--aws=true" || a == "-aws=true"
	})
}

// awsRunCommand deploys DEFINITION as a state machine (named after the file,
// or --name), starts an execution, waits for it and prints it like `run`.
func awsRunCommand(args []string) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	var f awsFlags
	f.register(fs)
	input := fs.String("input", "{}", "execution input: JSON text, or @FILE")
	role := fs.String("role-arn", "", "IAM role of the state machine when it is created")
	name := fs.String("name", "", "state machine name (default: from the file name)")
	exec := fs.String("execution-name", "", "execution name (idempotent; default: generated)")
	pos, err := parseArgs(fs, args)
	if err != nil || len(pos) != 1 {
		return cliFail("run", usageErr("usage: baton run DEFINITION.json --aws [--endpoint-url URL] [--role-arn ARN] [--name NAME] [--input JSON] [--json]"))
	}
	def, err := os.ReadFile(pos[0])
	if err != nil {
		return cliFail("run", usageErr(err.Error()))
	}
	in, err := readRunInput(*input)
	if err != nil {
		return cliFail("run", usageErr(err.Error()))
	}
	if *name == "" {
		*name = machineName(pos[0])
	}
	ctx := context.Background()
	b, err := f.open(ctx)
	if err != nil {
		return cliFail("run", err)
	}
	smArn, err := b.Deploy(ctx, *name, string(def), *role, "")
	if err != nil {
		return cliFail("run", err)
	}
	arn, err := b.Start(ctx, smArn, *exec, in)
	if err != nil {
		return cliFail("run", err)
	}
	return awsPrintExecution(ctx, b, arn, f.json, true)
}

func awsPrintExecution(ctx context.Context, b *awsbackend.Backend, arn string, asJSON, wait bool) int {
	d, err := b.Describe(ctx, arn)
	if wait && err == nil {
		d, err = b.Wait(ctx, arn)
	}
	if err != nil {
		return cliFail("run", err)
	}
	var evs []local.HistoryEvent
	if asJSON {
		raw, err := b.History(ctx, arn)
		if err != nil {
			return cliFail("run", err)
		}
		evs = fromAWSEvents(raw)
	}
	return printExecution(fromAWSExecution(d), evs, asJSON)
}

func fromAWSExecution(d *sfn.DescribeExecutionOutput) local.Execution {
	return local.Execution{
		Arn: aws.ToString(d.ExecutionArn), Name: aws.ToString(d.Name), StateMachineArn: aws.ToString(d.StateMachineArn),
		Status: local.Status(d.Status), Input: aws.ToString(d.Input), Output: aws.ToString(d.Output),
		Error: aws.ToString(d.Error), Cause: aws.ToString(d.Cause), StartDate: aws.ToTime(d.StartDate),
		StopDate: aws.ToTime(d.StopDate), RedriveCount: int(aws.ToInt32(d.RedriveCount)), RedriveDate: aws.ToTime(d.RedriveDate),
	}
}

// fromAWSEvents keeps the ids, types and times of AWS history events (their
// details stay on AWS: `aws stepfunctions get-execution-history` shows them).
func fromAWSEvents(raw []types.HistoryEvent) []local.HistoryEvent {
	evs := make([]local.HistoryEvent, len(raw))
	for i, ev := range raw {
		evs[i] = local.HistoryEvent{ID: ev.Id, PreviousEventID: ev.PreviousEventId, Type: string(ev.Type), Timestamp: aws.ToTime(ev.Timestamp)}
	}
	return evs
}

// awsExecutionsCommand is `baton executions ... --aws`.
func awsExecutionsCommand(args []string) int {
	if len(args) == 0 {
		return cliFail("executions", usageErr("usage: baton executions list|describe ARN|history ARN --aws"))
	}
	fs := flag.NewFlagSet("executions", flag.ContinueOnError)
	var f awsFlags
	f.register(fs)
	sm := fs.String("state-machine", "", "list: only this state machine's executions (ARN)")
	status := fs.String("status", "", "list: only executions with this status")
	pos, err := parseArgs(fs, args[1:])
	if err != nil {
		return cliFail("executions", usageErr(err.Error()))
	}
	ctx := context.Background()
	b, err := f.open(ctx)
	if err != nil {
		return cliFail("executions", err)
	}
	switch {
	case args[0] == "list" && len(pos) == 0:
		return awsList(ctx, b, *sm, types.ExecutionStatus(*status), f.json)
	case args[0] == "describe" && len(pos) == 1:
		return awsDescribe(ctx, b, pos[0], f.json)
	case args[0] == "history" && len(pos) == 1:
		return awsHistory(ctx, b, pos[0], f.json)
	}
	return cliFail("executions", usageErr("usage: baton executions list|describe ARN|history ARN --aws"))
}

func awsList(ctx context.Context, b *awsbackend.Backend, sm string, status types.ExecutionStatus, asJSON bool) int {
	machines := []string{sm}
	if sm == "" {
		var err error
		if machines, err = allStateMachines(ctx, b.Client()); err != nil {
			return cliFail("executions", err)
		}
	}
	var xs []types.ExecutionListItem
	for _, m := range machines {
		items, err := b.List(ctx, m, status)
		if err != nil {
			return cliFail("executions", err)
		}
		xs = append(xs, items...)
	}
	if asJSON {
		return printJSONValue(xs)
	}
	w := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tSTATUS\tSTARTED\tSTOPPED\tREDRIVES\tARN")
	for _, x := range xs {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\n", aws.ToString(x.Name), x.Status, when(aws.ToTime(x.StartDate)),
			when(aws.ToTime(x.StopDate)), aws.ToInt32(x.RedriveCount), aws.ToString(x.ExecutionArn))
	}
	w.Flush()
	return 0
}

func allStateMachines(ctx context.Context, c *sfn.Client) ([]string, error) {
	var arns []string
	p := sfn.NewListStateMachinesPaginator(c, &sfn.ListStateMachinesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, sm := range page.StateMachines {
			arns = append(arns, aws.ToString(sm.StateMachineArn))
		}
	}
	return arns, nil
}

func awsDescribe(ctx context.Context, b *awsbackend.Backend, arn string, asJSON bool) int {
	d, err := b.Describe(ctx, arn)
	if err != nil {
		return cliFail("executions", err)
	}
	return printDescription(fromAWSExecution(d), asJSON)
}

func awsHistory(ctx context.Context, b *awsbackend.Backend, arn string, asJSON bool) int {
	raw, err := b.History(ctx, arn)
	if err != nil {
		return cliFail("executions", err)
	}
	evs := fromAWSEvents(raw)
	if asJSON {
		return printJSONValue(evs)
	}
	w := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tPREV\tTIME\tTYPE")
	for _, ev := range evs {
		fmt.Fprintf(w, "%d\t%d\t%s\t%s\n", ev.ID, ev.PreviousEventID, ev.Timestamp.Local().Format("15:04:05.000"), ev.Type)
	}
	w.Flush()
	return 0
}

// awsRedriveCommand is `baton redrive ARN --aws [--wait]`.
func awsRedriveCommand(args []string) int {
	fs := flag.NewFlagSet("redrive", flag.ContinueOnError)
	var f awsFlags
	f.register(fs)
	wait := fs.Bool("wait", true, "wait for the redriven execution to end and print it")
	pos, err := parseArgs(fs, args)
	if err != nil || len(pos) != 1 || !strings.HasPrefix(pos[0], "arn:") {
		return cliFail("redrive", usageErr("usage: baton redrive EXECUTION_ARN --aws [--endpoint-url URL] [--wait=false]"))
	}
	ctx := context.Background()
	b, err := f.open(ctx)
	if err != nil {
		return cliFail("redrive", err)
	}
	if err := b.Redrive(ctx, pos[0]); err != nil {
		return cliFail("redrive", err)
	}
	return awsPrintExecution(ctx, b, pos[0], f.json, *wait)
}
