// Package orchestrator runs baton workflows. Main gives a Go program that
// defines workflows the commands to run them locally, to write their
// definitions, and to serve their steps when started by AWS Lambda.
package orchestrator

import (
	"fmt"
	"os"

	"github.com/baton-run/baton/checkpoint/sqlitestore"
	"github.com/baton-run/baton/orchestrator/internal/cli"
	"github.com/baton-run/baton/steps"
	"github.com/baton-run/baton/steps/awslambda"
)

// Main is the whole main function of a workflow program:
//
//	func main() { orchestrator.Main(myjob.Workflow()) }
//
// Started by the Lambda runtime (AWS_LAMBDA_RUNTIME_API is set) it serves
// the workflows' steps, with checkpoints in $BATON_CHECKPOINT_DB (SQLite,
// for a local emulator) or $BATON_CHECKPOINT_TABLE (DynamoDB); a deployed
// bootstrap should call steps/awslambda.Main instead, which links neither
// the engine nor SQLite. Otherwise it runs
// one of these commands and exits with its status (0 ok, 1 the execution
// failed, 2 usage or invalid definition):
//
//	run [WORKFLOW] [--input JSON|@FILE] [--db PATH | --memory] [--timeout D] [--name NAME] [--json] [--quiet]
//	    [--lambda-binary PATH]
//	    run an execution on the local engine, steps in-process, checkpoints in the
//	    embedded SQLite file, with a live progress display of long steps; with
//	    --lambda-binary the steps run in that bootstrap (this program's own build)
//	    under the Lambda Runtime API emulator, sharing the --db checkpoints
//	redrive EXECUTION [--db PATH]
//	    resume a failed execution from the state that failed
//	synth [--out DIR] [--code-uri ZIP]
//	    write DIR/NAME/statemachine.asl.json and DIR/NAME/template.yaml (the SAM
//	    template, with the workflows' schedules) for each workflow
//	schedule [--db PATH] [--install-only]
//	    install the schedules declared on the workflows and run the scheduler,
//	    steps in-process, until SIGINT or SIGTERM
func Main(workflows ...*steps.Workflow) {
	if os.Getenv("AWS_LAMBDA_RUNTIME_API") != "" {
		lambdaMode(workflows)
		return
	}
	os.Exit(Run(os.Args[1:], workflows...))
}

// CheckpointDBEnv names a SQLite checkpoint file for Lambda mode, in place
// of the DynamoDB table: for the function under a local Lambda emulator.
const CheckpointDBEnv = "BATON_CHECKPOINT_DB"

// lambdaMode serves the steps: with the SQLite file $BATON_CHECKPOINT_DB
// when set, else as a deployed function (DynamoDB, $BATON_CHECKPOINT_TABLE).
func lambdaMode(workflows []*steps.Workflow) {
	path := os.Getenv(CheckpointDBEnv)
	if path == "" {
		awslambda.Main(workflows...)
		return
	}
	store, err := sqlitestore.Open(path, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "baton:", err)
		os.Exit(1)
	}
	startLocal(store, workflows) // awslambda.Start, with $BATON_STEP_TIMEOUT
}

// Run runs one command (Main without the Lambda mode and the exit) and
// returns its exit status.
func Run(args []string, workflows ...*steps.Workflow) int {
	return cli.Run(args, cli.Env{Stdout: os.Stdout, Stderr: os.Stderr}, workflows)
}
