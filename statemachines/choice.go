package statemachines

// EvalChoiceRule evaluates a Choice rule (stub).
func EvalChoiceRule(r *ChoiceRule, input any, env Env) (bool, error) { return false, nil }
