package intrinsic_test

import (
	"fmt"

	"github.com/baton-run/baton/statemachines/intrinsic"
	"github.com/baton-run/baton/statemachines/jsonpath"
)

func Example() {
	input := map[string]any{"name": "ada", "parts": "a-b-c"}
	resolve := func(p *jsonpath.Path) (any, error) { return p.Get(input) }

	call, _ := intrinsic.Parse("States.Format('{} has {} parts', $.name, States.ArrayLength(States.StringSplit($.parts, '-')))")
	v, _ := call.Eval(resolve)
	fmt.Println(v)

	call, _ = intrinsic.Parse("States.ArrayRange(1, 2000, 1)")
	_, err := call.Eval(resolve)
	fmt.Println(err)
	// Output:
	// ada has 3 parts
	// States.IntrinsicFailure: The function States.ArrayRange cannot create an array of more than 1000 elements (it would have 2000)
}
