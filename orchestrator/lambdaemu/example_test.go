package lambdaemu_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/baton-run/baton/orchestrator/lambdaemu"
	"github.com/baton-run/baton/orchestrator/local"
)

// Run a function's real bootstrap (GOOS=linux, built with -tags
// lambda.norpc) as Lambda would, and read Lambda's accounting.
func ExampleNew() {
	f, err := lambdaemu.New(lambdaemu.Config{
		Name:    "work",
		Path:    "dist/work/linux-amd64/bootstrap",
		Timeout: 30 * time.Second,
		Logs:    os.Stderr, // the function's output and START/END/REPORT lines
	})
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close() // kills every instance

	res, err := f.Invoke(context.Background(), []byte(`{"n":1}`))
	if err != nil {
		log.Fatal(err) // the emulator's error, not the function's
	}
	if name, cause := res.Error(); name != "" {
		fmt.Println("failed:", name, cause) // e.g. Sandbox.Timedout, or the Go error's type name
		return
	}
	fmt.Printf("%s (cold start: %v, billed %d ms)\n", res.Payload, res.Report.ColdStart(), res.Report.BilledMs)
}

// Resolve a state machine's Lambda tasks to bootstrap binaries on the
// local engine; errors reach Retry and Catch with Lambda's names.
func ExampleFunctions() {
	var specs lambdaemu.Specs // what `baton run --lambda NAME=PATH[,timeout=..]` parses
	if err := specs.Set("work=dist/work/linux-amd64/bootstrap,timeout=3s,memory=512"); err != nil {
		log.Fatal(err)
	}
	fns, err := specs.Functions(os.Stderr)
	if err != nil {
		log.Fatal(err)
	}
	defer fns.Close()
	e, err := local.Open(local.Options{Invoker: local.Chain{fns, local.NewHandlers()}})
	if err != nil {
		log.Fatal(err)
	}
	defer e.Close()
}
