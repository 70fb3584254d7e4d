package statemachines

// EvalTemplate evaluates a payload template (stub).
func EvalTemplate(tmpl any, input any, env Env) (any, error) { return tmpl, nil }
