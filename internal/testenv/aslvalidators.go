package testenv

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Verdict is one outside validator's opinion of a definition.
type Verdict struct {
	Valid  bool     `json:"valid"`
	Errors []string `json:"errors"`
}

// ASLVerdicts holds what the outside validators say about one definition.
type ASLVerdicts struct {
	File string `json:"file"`
	// ASLValidator is the npm package asl-validator.
	ASLValidator Verdict `json:"aslValidator"`
	// ASLS is the AWS Toolkit's amazon-states-language-service.
	ASLS Verdict `json:"asls"`
}

// ASLValidators runs each definition file through asl-validator and
// amazon-states-language-service (with node, through aslvalidators.js
// beside this file) and returns their verdicts by file. It skips the test
// (or fails it under make test) when node or either package is missing.
func ASLValidators(t testing.TB, files []string) map[string]ASLVerdicts {
	t.Helper()
	node := Node(t)
	NodeModule(t, "asl-validator")
	NodeModule(t, "amazon-states-language-service")
	script := filepath.Join(ModuleRoot(), "internal", "testenv", "aslvalidators.js")
	cmd := exec.Command(node, script, filepath.Join(ToolsDir(), "node_modules"))
	cmd.Stdin = strings.NewReader(strings.Join(files, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", script, err, stderr.String())
	}
	verdicts := make(map[string]ASLVerdicts, len(files))
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var v ASLVerdicts
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s printed %q: %v", script, sc.Text(), err)
		}
		verdicts[v.File] = v
	}
	if len(verdicts) != len(files) {
		t.Fatalf("%s answered for %d of %d files", script, len(verdicts), len(files))
	}
	return verdicts
}
