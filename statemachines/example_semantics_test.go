package statemachines_test

import (
	"encoding/json"
	"fmt"

	"github.com/baton-run/baton/statemachines"
)

// A Task state's JSONPath input/output processing, in AWS's order.
func Example_inputOutputProcessing() {
	var input, params, taskResult any
	_ = json.Unmarshal([]byte(`{"order": {"id": "o-1", "qty": 2}, "trace": "t"}`), &input)
	_ = json.Unmarshal([]byte(`{"orderId.$": "$.id", "label.$": "States.Format('order {}', $.id)"}`), &params)
	_ = json.Unmarshal([]byte(`{"status": "shipped"}`), &taskResult)
	env := statemachines.Env{Context: map[string]any{}}

	effective, _ := statemachines.ApplyInputPath(statemachines.OptPath{Set: true, Path: "$.order"}, input, env)
	taskInput, _ := statemachines.EvalTemplate(params, effective, env)
	merged, _ := statemachines.ApplyResultPath(statemachines.OptPath{Set: true, Path: "$.result"}, input, taskResult)
	output, _ := statemachines.ApplyOutputPath(statemachines.OptPath{}, merged, env)

	show := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	fmt.Println(show(taskInput))
	fmt.Println(show(output))
	// Output:
	// {"label":"order o-1","orderId":"o-1"}
	// {"order":{"id":"o-1","qty":2},"result":{"status":"shipped"},"trace":"t"}
}

// Retry matching and the backoff delay of a retrier.
func ExampleRetryDelay() {
	interval, maxDelay := int64(2), int64(10)
	r := &statemachines.Retrier{ErrorEquals: []string{"States.TaskFailed"}, IntervalSeconds: &interval, MaxDelaySeconds: &maxDelay}
	fmt.Println(statemachines.MatchRetrier([]*statemachines.Retrier{r}, "Lambda.ServiceException"))
	fmt.Println(statemachines.MatchRetrier([]*statemachines.Retrier{r}, "States.Timeout"))
	for attempt := range 4 {
		fmt.Println(statemachines.RetryDelay(r, attempt, nil))
	}
	// Output:
	// 0
	// -1
	// 2s
	// 4s
	// 8s
	// 10s
}
