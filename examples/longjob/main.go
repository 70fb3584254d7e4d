//go:build !lambda

// Command longjob is the example long job: `longjob run` generates and
// aggregates a multi-million-row CSV on the local engine, in Lambda-sized
// slices; `longjob synth` writes its ASL. Built with -tags lambda it is the
// job's Lambda bootstrap instead (see main_lambda.go).
package main

import (
	"github.com/baton-run/baton/examples/longjob/job"
	"github.com/baton-run/baton/orchestrator"
)

func main() { orchestrator.Main(job.Workflow()) }
