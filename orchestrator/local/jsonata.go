package local

import asl "github.com/baton-run/baton/statemachines"

// jsonata runs a state written in JSONata; not supported yet.
func (s *stateRun) jsonata() (any, string, *asl.Error) {
	return nil, "", s.runtimef("JSONata states are not supported by this engine yet")
}
