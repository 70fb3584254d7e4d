package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/baton-run/baton/statemachines"
)

func init() {
	register("validate", "check a state machine definition (ASL JSON) as Step Functions does", runValidate)
}

// runValidate implements `baton validate [--type STANDARD|EXPRESS]
// [--severity ERROR|WARNING] [-q] FILE...` ("-" reads standard input). It
// prints each diagnostic as `FILE: /json/pointer: CODE: message` and exits
// 2 when any definition has an error (warnings alone exit 0).
func runValidate(args []string) int {
	return validateMain(os.Stdout, args)
}

// validateMain is runValidate writing diagnostics to w.
func validateMain(w io.Writer, args []string) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	typ := fs.String("type", "STANDARD", "state machine type: STANDARD or EXPRESS")
	quiet := fs.Bool("q", false, "print nothing for valid definitions")
	severity := fs.String("severity", "WARNING", "least severe diagnostic to print: ERROR or WARNING")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: baton validate [--type STANDARD|EXPRESS] [--severity ERROR|WARNING] [-q] DEFINITION.json... (- for stdin)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 || (*typ != "STANDARD" && *typ != "EXPRESS") || (*severity != "ERROR" && *severity != "WARNING") {
		fs.Usage()
		return 2
	}
	opts := statemachines.ValidateOptions{Type: statemachines.MachineType(*typ), Severity: statemachines.Severity(*severity)}
	code := 0
	for _, file := range fs.Args() {
		if !validateFile(w, file, opts, *quiet) {
			code = 2
		}
	}
	return code
}

// validateFile validates one file, printing its diagnostics to w, and
// reports whether it is valid.
func validateFile(w io.Writer, file string, opts statemachines.ValidateOptions, quiet bool) bool {
	data, err := readDefinition(file)
	if err != nil {
		fmt.Fprintf(os.Stderr, "baton validate: %v\n", err)
		return false
	}
	_, diags := statemachines.ParseAndValidate(data, opts)
	for _, d := range diags {
		loc := d.Location
		if loc == "" {
			loc = "/"
		}
		loc = strings.ReplaceAll(loc, "\n", " ")
		msg := strings.ReplaceAll(strings.TrimSpace(d.Message), "\n", " ")
		fmt.Fprintf(w, "%s: %s: %s: %s\n", file, loc, d.Code, msg)
	}
	ok := !statemachines.HasErrors(diags)
	if ok && !quiet {
		fmt.Fprintf(w, "%s: OK\n", file)
	}
	return ok
}

// readDefinition reads a definition file, or standard input for "-".
func readDefinition(file string) ([]byte, error) {
	if file == "-" {
		return io.ReadAll(os.Stdin)
	}
	return os.ReadFile(file)
}
