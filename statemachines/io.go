package statemachines

// ApplyInputPath selects a state's effective input (stub).
func ApplyInputPath(p OptPath, input any, env Env) (any, error) { return input, nil }

// ApplyResultPath merges a result into the state input (stub).
func ApplyResultPath(p OptPath, stateInput, result any) (any, error) { return result, nil }

// ApplyOutputPath selects a state's output (stub).
func ApplyOutputPath(p OptPath, v any, env Env) (any, error) { return v, nil }

// EvalPath evaluates a JSONPath (stub).
func EvalPath(path string, input any, env Env) (any, error) { return input, nil }
