package statemachines_test

import (
	"fmt"

	"github.com/baton-run/baton/statemachines"
)

// Validating a definition before deploying it: every problem comes back
// with AWS's code and location.
func ExampleParseAndValidate() {
	def := []byte(`{
	  "StartAt": "Load",
	  "States": {
	    "Load": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Transform",
	             "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 0.5}]},
	    "Trasform": {"Type": "Pass", "End": true}
	  }
	}`)
	_, diags := statemachines.ParseAndValidate(def, statemachines.ValidateOptions{})
	for _, d := range diags {
		fmt.Println(d)
	}
	fmt.Println("valid:", !statemachines.HasErrors(diags))
	// Output:
	// /States/Load/Retry[0]/BackoffRate: SCHEMA_VALIDATION_FAILED: Minimum value is 1
	// /States/Load/Next: MISSING_TRANSITION_TARGET: Missing 'Next' target: Transform
	// /States/Trasform: MISSING_TRANSITION_TARGET: State "Trasform" is not reachable.
	// valid: false
}

// Building a definition in Go and writing it as ASL, as the DSL compiler
// does.
func ExampleMarshal() {
	m := &statemachines.StateMachine{
		StartAt: "Hello",
		States: map[string]*statemachines.State{
			"Hello": {Type: statemachines.TypePass, Result: "world", HasResult: true, End: true},
		},
	}
	out, err := statemachines.Marshal(m)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	// Output:
	// {
	//   "StartAt": "Hello",
	//   "States": {
	//     "Hello": {
	//       "Type": "Pass",
	//       "Result": "world",
	//       "End": true
	//     }
	//   }
	// }
}
