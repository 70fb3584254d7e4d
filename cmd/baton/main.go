// Command baton validates, runs and serves Step Functions state machines
// locally, and manages schedules and executions.
package main

import (
	"fmt"
	"os"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: baton <validate|run|executions|redrive|serve|schedule|version> ...")
		return 2
	}
	switch args[0] {
	case "version":
		fmt.Println("baton", version)
		return 0
	}
	fmt.Fprintf(os.Stderr, "baton: unknown command %q\n", args[0])
	return 2
}
