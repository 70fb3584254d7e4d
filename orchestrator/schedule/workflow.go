package schedule

import (
	"encoding/json"
	"fmt"

	"github.com/baton-run/baton/steps"
)

// ForWorkflow converts the schedules declared on a workflow
// (steps.WorkflowOptions.Schedules) into schedules that start it: the
// state machine is named after the workflow. The schedules are validated.
func ForWorkflow(w *steps.Workflow) ([]Schedule, error) {
	var out []Schedule
	for _, s := range w.Options().Schedules {
		input := "{}"
		if s.Input != nil {
			b, err := json.Marshal(s.Input)
			if err != nil {
				return nil, fmt.Errorf("workflow %s: schedule %s: input: %w", w.Name(), s.Name, err)
			}
			input = string(b)
		}
		state := Enabled
		if s.Disabled {
			state = Disabled
		}
		sc := Schedule{
			Name: s.Name, Expression: s.Expression, Timezone: s.Timezone, Input: input, StateMachine: w.Name(),
			FlexibleWindow: s.FlexibleWindow, State: state, Description: s.Description,
		}
		if err := sc.Validate(); err != nil {
			return nil, fmt.Errorf("workflow %s: %w", w.Name(), err)
		}
		out = append(out, sc)
	}
	return out, nil
}
