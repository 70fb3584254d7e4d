package statemachines

import "sort"

// stateNames returns m's state names in declaration order, followed by any
// states missing from m.Order, sorted; names in Order without a state are
// dropped.
func stateNames(m *StateMachine) []string {
	names := make([]string, 0, len(m.States))
	seen := make(map[string]bool, len(m.States))
	for _, n := range m.Order {
		if _, ok := m.States[n]; ok && !seen[n] {
			names = append(names, n)
			seen[n] = true
		}
	}
	if len(names) == len(m.States) {
		return names
	}
	var rest []string
	for n := range m.States {
		if !seen[n] {
			rest = append(rest, n)
		}
	}
	sort.Strings(rest)
	return append(names, rest...)
}

func stateFields(s *State) fields {
	fs := fields{{"Type", string(s.Type)}}
	fs.add("Comment", s.Comment)
	fs.add("QueryLanguage", string(s.QueryLanguage))
	fs.taskFields(s)
	fs.choiceFields(s)
	fs.waitFields(s)
	fs.failFields(s)
	fs.addBranches(s)
	fs.mapFields(s)
	fs.ioFields(s)
	fs.addRetryCatch(s)
	fs.add("Default", s.Default)
	fs.add("Next", s.Next)
	fs.add("End", s.End)
	return fs
}

// ioFields appends input/output processing and variables.
func (fs *fields) ioFields(s *State) {
	fs.addPath("InputPath", s.InputPath)
	if s.Type != TypeMap || !s.UsesParameters { // a Map's legacy Parameters is its ItemSelector
		fs.addJSON("Parameters", s.Parameters)
	}
	if s.HasResult || s.Result != nil { // a Go-built model may set Result alone
		*fs = append(*fs, field{"Result", s.Result})
	}
	fs.addJSON("ResultSelector", s.ResultSelector)
	fs.addPath("ResultPath", s.ResultPath)
	fs.addPath("OutputPath", s.OutputPath)
	fs.addJSON("Arguments", s.Arguments)
	fs.addJSON("Output", s.Output)
	fs.addJSON("Assign", s.Assign)
}

func (fs *fields) taskFields(s *State) {
	if s.Type == TypeTask {
		*fs = append(*fs, field{"Resource", s.Resource}) // required, even when empty
	}
	fs.addInt("TimeoutSeconds", s.TimeoutSeconds)
	fs.add("TimeoutSecondsPath", s.TimeoutSecondsPath)
	fs.addInt("HeartbeatSeconds", s.HeartbeatSeconds)
	fs.add("HeartbeatSecondsPath", s.HeartbeatSecondsPath)
	fs.addJSON("Credentials", s.Credentials)
}

func (fs *fields) waitFields(s *State) {
	fs.addInt("Seconds", s.Seconds)
	fs.add("SecondsPath", s.SecondsPath)
	fs.add("Timestamp", s.Timestamp)
	fs.add("TimestampPath", s.TimestampPath)
}

func (fs *fields) failFields(s *State) {
	fs.add("Error", s.Error)
	fs.add("ErrorPath", s.ErrorPath)
	fs.add("Cause", s.Cause)
	fs.add("CausePath", s.CausePath)
}

func (fs *fields) addBranches(s *State) {
	if s.Branches == nil {
		return
	}
	bs := make([]any, len(s.Branches))
	for i, b := range s.Branches {
		bs[i] = machineFields(b)
	}
	*fs = append(*fs, field{"Branches", bs})
}

func (fs *fields) addRetryCatch(s *State) {
	if s.Retry != nil {
		rs := make([]any, len(s.Retry))
		for i, r := range s.Retry {
			rs[i] = retrierFields(r)
		}
		*fs = append(*fs, field{"Retry", rs})
	}
	if s.Catch != nil {
		cs := make([]any, len(s.Catch))
		for i, c := range s.Catch {
			cs[i] = catcherFields(c)
		}
		*fs = append(*fs, field{"Catch", cs})
	}
}

func retrierFields(r *Retrier) fields {
	fs := fields{{"ErrorEquals", nonNilStrings(r.ErrorEquals)}}
	fs.add("Comment", r.Comment)
	fs.add("IntervalSeconds", r.IntervalSeconds)
	fs.add("MaxAttempts", r.MaxAttempts)
	fs.add("BackoffRate", r.BackoffRate)
	fs.add("MaxDelaySeconds", r.MaxDelaySeconds)
	fs.add("JitterStrategy", r.JitterStrategy)
	return fs
}

func catcherFields(c *Catcher) fields {
	fs := fields{{"ErrorEquals", nonNilStrings(c.ErrorEquals)}}
	fs.add("Comment", c.Comment)
	fs.addPath("ResultPath", c.ResultPath)
	fs.addJSON("Output", c.Output)
	fs.addJSON("Assign", c.Assign)
	return append(fs, field{"Next", c.Next}) // required, even when empty
}

func nonNilStrings(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}
