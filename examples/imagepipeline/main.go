//go:build !lambda

// Command imagepipeline is the example image pipeline: `imagepipeline run
// --input '{"dir":"/tmp/images","images":12}'` generates a batch of PNG
// images, thumbnails them in a Map fan-out, quarantines the corrupt ones and
// builds a contact sheet on the local engine; `imagepipeline synth` writes
// its ASL. Built with -tags lambda it is the pipeline's Lambda bootstrap
// instead (see main_lambda.go).
package main

import (
	"github.com/baton-run/baton/examples/imagepipeline/pipeline"
	"github.com/baton-run/baton/orchestrator"
)

func main() { orchestrator.Main(pipeline.Workflow()) }
