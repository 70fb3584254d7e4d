package statemachines

// Vars resolves $name variable references (JSONPath mode) and JSONata $vars.
type Vars interface {
	Lookup(name string) (any, bool)
}

// Env is what path and template evaluation can see besides the input.
type Env struct {
	Context any  // the $$ context object
	Vars    Vars // may be nil
}

// MapVars is Vars over a plain map.
type MapVars map[string]any

// Lookup returns the variable's value.
func (m MapVars) Lookup(name string) (any, bool) {
	v, ok := m[name]
	return v, ok
}
