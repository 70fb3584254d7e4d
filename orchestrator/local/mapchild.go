package local

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/baton-run/baton/orchestrator/internal/enginestore"
)

// childRun is one iteration of a distributed Map as the child execution
// Step Functions makes of it. A succeeded child is stored as an execution
// of the Map Run's machine (MACHINE/LABEL), under a name derived from the
// parent execution and the iteration's scope — the same when the parent is
// resumed or redriven — so a later attempt of the same Map Run takes its
// result instead of running it again. Its history is not kept.
type childRun struct {
	e     *Engine
	x     enginestore.Execution // the child, as it will be stored
	input string
}

// childRun returns iteration th's child execution, or nil for an inline
// Map.
func (m *mapRun) childRun(th *thread, input any) *childRun {
	if !m.distributed {
		return nil
	}
	r := th.r
	label := m.s.st.Label
	if label == "" {
		label = m.s.st.Name
	}
	sum := sha256.Sum256([]byte(r.x.Arn + "|" + th.scope))
	name := hex.EncodeToString(sum[:16])
	machine := r.x.StateMachineName + "/" + label
	c := &childRun{e: r.e, input: jsonText(input)}
	c.x = enginestore.Execution{
		Arn:  fmt.Sprintf("arn:aws:states:%s:%s:execution:%s:%s", r.e.opts.Region, r.e.opts.Account, machine, name),
		Name: name, StateMachineArn: r.x.StateMachineArn + "/" + label, StateMachineName: machine,
		RoleArn: r.x.RoleArn, Start: r.e.clk.Now(),
	}
	return c
}

// recorded returns the child's output when an earlier attempt of the Map
// Run completed it with the same input.
func (c *childRun) recorded() (any, bool) {
	if c == nil {
		return nil, false
	}
	x, err := c.e.store.Execution(c.x.Arn)
	if err != nil || Status(x.Status) != StatusSucceeded || x.Input != c.input {
		return nil, false
	}
	out, err := parseJSON(x.Output)
	return out, err == nil
}

// succeeded stores the child as a SUCCEEDED execution with its output.
func (c *childRun) succeeded(out any, at time.Time) {
	if c == nil {
		return
	}
	c.x.Status, c.x.Input, c.x.Output, c.x.HasOutput, c.x.Stop = string(StatusSucceeded), c.input, jsonText(out), true, at
	c.e.store.PutExecution(c.x)
}

// isMapRunChild reports whether x is a distributed Map's child execution
// (its machine is MACHINE/LABEL; a machine's own name has no "/").
func isMapRunChild(x enginestore.Execution) bool {
	return strings.Contains(x.StateMachineName, "/")
}
