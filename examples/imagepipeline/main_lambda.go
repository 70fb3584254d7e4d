//go:build lambda

package main

import (
	"github.com/baton-run/baton/examples/imagepipeline/pipeline"
	"github.com/baton-run/baton/steps/awslambda"
)

// main serves the pipeline's steps in AWS Lambda. This build links neither
// the local engine nor SQLite: `go build -tags lambda,lambda.norpc`.
func main() { awslambda.Main(pipeline.Workflow()) }
