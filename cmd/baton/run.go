package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"

	"github.com/baton-run/baton/orchestrator/lambdaemu"
	"github.com/baton-run/baton/orchestrator/local"
)

func init() {
	register("run", "run a state machine definition locally to its end", runCommand)
}

const runUsage = "run DEFINITION.json [--input JSON | --input @FILE] [--db PATH | --memory] " +
	"[--mock-config FILE --test-case NAME] [--lambda NAME=PATH ...] [--json]"

// engineFlags are the flags of the commands that run executions.
type engineFlags struct {
	db, mockConfig, testCase string
	memory, json             bool
	lambdas                  multiFlag
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func (f *engineFlags) register(fs *flag.FlagSet) {
	def := os.Getenv("BATON_DB")
	if def == "" {
		def = "baton.db"
	}
	fs.StringVar(&f.db, "db", def, "SQLite file holding state machines, executions and history")
	fs.BoolVar(&f.memory, "memory", false, "keep everything in memory (nothing survives the process)")
	fs.StringVar(&f.mockConfig, "mock-config", "", "Step Functions Local mock configuration file")
	fs.StringVar(&f.testCase, "test-case", "", "test case of the mock configuration")
	fs.Var(&f.lambdas, "lambda", "NAME=PATH: run Lambda function NAME from the bootstrap binary PATH (repeatable)")
	fs.BoolVar(&f.json, "json", false, "print one JSON object")
}

// open opens the engine the flags describe; close releases it and the
// emulated functions.
func (f *engineFlags) open(resume bool) (*local.Engine, func(), error) {
	opts := local.Options{NoResume: !resume}
	if !f.memory {
		opts.Path = f.db
	}
	if (f.mockConfig == "") != (f.testCase == "") {
		return nil, nil, usageErr("--mock-config and --test-case go together")
	}
	if f.mockConfig != "" {
		m, err := local.LoadMockConfig(f.mockConfig, f.testCase)
		if err != nil {
			return nil, nil, usageErr(err.Error())
		}
		opts.Mocks = m
	}
	fns, err := f.functions()
	if err != nil {
		return nil, nil, err
	}
	attach := func(*local.Engine) {}
	if fns != nil {
		opts.Invoker = fns
		attach = fns.RecordReports() // REPORT lines kept with the execution
	}
	e, err := local.Open(opts)
	if err != nil {
		if fns != nil {
			fns.Close()
		}
		return nil, nil, err
	}
	attach(e)
	return e, func() {
		e.Close()
		if fns != nil {
			fns.Close()
		}
	}, nil
}

func (f *engineFlags) functions() (*lambdaemu.Functions, error) {
	if len(f.lambdas) == 0 {
		return nil, nil
	}
	var specs lambdaemu.Specs // NAME=PATH[,timeout=30s][,memory=MB][,concurrency=N][,env=KEY[=VALUE]]
	for _, l := range f.lambdas {
		if err := specs.Set(l); err != nil {
			return nil, usageErr("--" + err.Error())
		}
	}
	return specs.Functions(os.Stderr)
}

// usageError is an error that exits 2.
type cliUsage struct{ msg string }

func (u cliUsage) Error() string { return u.msg }

func usageErr(msg string) error { return cliUsage{msg} }

func runCommand(args []string) int {
	if wantsAWS(args) {
		return awsRunCommand(args)
	}
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	var f engineFlags
	f.register(fs)
	input := fs.String("input", "{}", "execution input: JSON text, or @FILE")
	pos, err := parseArgs(fs, args)
	if err != nil || len(pos) != 1 {
		return cliFail("run", usageErr(fmt.Sprintf("usage: baton %s (%v)", runUsage, errOr(err, "expected one definition file"))))
	}
	def, err := os.ReadFile(pos[0])
	if err != nil {
		return cliFail("run", usageErr(err.Error()))
	}
	in, err := readRunInput(*input)
	if err != nil {
		return cliFail("run", usageErr(err.Error()))
	}
	e, closeAll, err := f.open(false)
	if err != nil {
		return cliFail("run", err)
	}
	defer closeAll()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	x, evs, err := e.RunOnce(ctx, machineName(pos[0]), def, in, nil)
	if err != nil {
		return cliFail("run", interrupted(err, x))
	}
	return printExecution(x, evs, f.json)
}

// interrupted explains a run stopped by a signal: the execution stays
// RUNNING in the file and resumes with `baton executions resume`.
func interrupted(err error, x local.Execution) error {
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("interrupted; the execution stays RUNNING in the database and resumes with `baton executions resume`")
	}
	return err
}

func readRunInput(text string) (string, error) {
	if name, ok := strings.CutPrefix(text, "@"); ok {
		b, err := os.ReadFile(name)
		if err != nil {
			return "", err
		}
		text = string(b)
	}
	text = strings.TrimSpace(text)
	if !json.Valid([]byte(text)) {
		return "", fmt.Errorf("--input is not valid JSON")
	}
	return text, nil
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// machineName derives the state machine name from the definition file.
func machineName(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	base = strings.TrimSuffix(base, ".asl")
	name := strings.Trim(unsafeName.ReplaceAllString(base, "-"), "-")
	if name == "" {
		name = "machine"
	}
	return name
}

// printExecution prints the outcome and returns the exit code: 0 when the
// execution SUCCEEDED, 1 otherwise.
func printExecution(x local.Execution, evs []local.HistoryEvent, asJSON bool) int {
	if asJSON {
		out := map[string]any{"executionArn": x.Arn, "status": x.Status, "output": nil,
			"error": nullable(x.Error), "cause": nullable(x.Cause), "events": evs}
		if x.Output != "" {
			out["output"] = json.RawMessage(x.Output)
		}
		enc := json.NewEncoder(os.Stdout)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(out)
	} else if x.Status == local.StatusSucceeded {
		fmt.Println(x.Output)
	} else {
		fmt.Fprintf(os.Stderr, "%s: %s\n", x.Status, x.Error)
		if x.Cause != "" {
			fmt.Fprintln(os.Stderr, x.Cause)
		}
	}
	if x.Status == local.StatusSucceeded {
		return 0
	}
	return 1
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// cliFail prints err and returns its exit code: 2 for usage errors and
// invalid definitions or inputs, 1 otherwise.
func cliFail(cmd string, err error) int {
	fmt.Fprintf(os.Stderr, "baton %s: %v\n", cmd, err)
	var u cliUsage
	if errors.As(err, &u) || errors.Is(err, local.ErrInvalidDefinition) || errors.Is(err, local.ErrInvalidExecutionInput) ||
		errors.Is(err, local.ErrInvalidName) {
		return 2
	}
	return 1
}
