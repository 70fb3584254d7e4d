package statemachines

import (
	"fmt"
	"strings"
)

// state validates one state at ptr. A state's query language is its own,
// else the definition's: states inside a Map or Parallel do not inherit
// the enclosing state's (AWS accepts a JSONPath state inside a JSONata
// Map of a JSONPath machine).
func (v *validator) state(s *State, ptr string) {
	lang := v.top
	if s.QueryLanguage != "" {
		lang = s.QueryLanguage
	}
	downgraded := v.top == JSONata && s.QueryLanguage == JSONPath
	if downgraded {
		v.schemaf(ptr, "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine")
	}
	v.supported(s, ptr, lang, downgraded)
	v.transition(s, ptr)
	switch s.Type {
	case TypeTask:
		v.task(s, ptr, lang)
	case TypeChoice:
		v.choice(s, ptr, lang)
	case TypeWait:
		v.wait(s, ptr, lang)
	case TypeFail:
		v.fail(s, ptr)
	case TypeParallel:
		v.parallel(s, ptr)
	case TypeMap:
		v.mapState(s, ptr, lang)
	}
	v.retry(s.Retry, child(ptr, "Retry"))
	v.catch(s.Catch, child(ptr, "Catch"), lang)
	if lang == JSONata {
		v.jsonataState(s, ptr)
	} else {
		v.jsonPathState(s, ptr)
	}
}

// supported reports fields set on s that its type, or its query language,
// does not allow. Parse already rejects fields a type does not allow; this
// catches models built in Go. A downgraded state (JSONPath in a JSONata
// machine) has that reported alone, as AWS does, without its fields.
func (v *validator) supported(s *State, ptr string, lang QueryLanguage, downgraded bool) {
	allowed := typeFields[s.Type]
	for _, f := range setFields(s) {
		if !strings.Contains(allowed, " "+f+" ") {
			v.schemaf(ptr, "Field '%s' is not supported", f)
			continue
		}
		if !downgraded && (lang == JSONata && strings.Contains(jsonPathOnlyFields, " "+f+" ") ||
			lang == JSONPath && strings.Contains(jsonataOnlyFields, " "+f+" ")) {
			v.schemaf(ptr, "%s", wrongLanguage(lang, f))
		}
	}
}

// Fields each state type allows (besides Type, Comment, QueryLanguage),
// space-delimited.
var typeFields = map[StateType]string{
	TypePass:     " Next End InputPath OutputPath ResultPath Parameters Result Assign Output ",
	TypeTask:     " Next End InputPath OutputPath ResultPath Parameters ResultSelector Arguments Output Assign Retry Catch Resource TimeoutSeconds TimeoutSecondsPath HeartbeatSeconds HeartbeatSecondsPath Credentials ",
	TypeChoice:   " Choices Default InputPath OutputPath Assign Output ",
	TypeWait:     " Next End InputPath OutputPath Assign Output Seconds SecondsPath Timestamp TimestampPath ",
	TypeSucceed:  " InputPath OutputPath Output ",
	TypeFail:     " Error ErrorPath Cause CausePath ",
	TypeParallel: " Next End InputPath OutputPath ResultPath Parameters ResultSelector Arguments Output Assign Retry Catch Branches ",
	TypeMap: " Next End InputPath OutputPath ResultPath Parameters ResultSelector Output Assign Retry Catch ItemsPath Items ItemProcessor Iterator ItemSelector " +
		"MaxConcurrency MaxConcurrencyPath ToleratedFailurePercentage ToleratedFailurePercentagePath ToleratedFailureCount ToleratedFailureCountPath ItemBatcher ItemReader ResultWriter Label ",
}

// Fields allowed only in one query language.
const (
	jsonPathOnlyFields = " InputPath OutputPath ResultPath Parameters ResultSelector Result ItemsPath Iterator TimeoutSecondsPath HeartbeatSecondsPath SecondsPath TimestampPath ErrorPath CausePath MaxConcurrencyPath ToleratedFailurePercentagePath ToleratedFailureCountPath "
	jsonataOnlyFields  = " Arguments Output Items "
)

// setFields names the fields of s that are set, as they are spelled in ASL.
func setFields(s *State) []string {
	var fs []string
	add := func(name string, set bool) {
		if set {
			fs = append(fs, name)
		}
	}
	add("Next", s.Next != "")
	add("End", s.End)
	add("InputPath", s.InputPath.Set)
	add("OutputPath", s.OutputPath.Set)
	add("ResultPath", s.ResultPath.Set)
	add("Parameters", s.Parameters != nil || s.UsesParameters)
	add("ResultSelector", s.ResultSelector != nil)
	add("Result", s.HasResult || s.Result != nil)
	add("Arguments", s.Arguments != nil)
	add("Output", s.Output != nil)
	add("Assign", s.Assign != nil)
	add("Resource", s.Resource != "")
	add("TimeoutSeconds", s.TimeoutSeconds.IsSet())
	add("TimeoutSecondsPath", s.TimeoutSecondsPath != "")
	add("HeartbeatSeconds", s.HeartbeatSeconds.IsSet())
	add("HeartbeatSecondsPath", s.HeartbeatSecondsPath != "")
	add("Credentials", s.Credentials != nil)
	add("Retry", s.Retry != nil)
	add("Catch", s.Catch != nil)
	add("Choices", s.Choices != nil)
	add("Default", s.Default != "")
	add("Seconds", s.Seconds.IsSet())
	add("SecondsPath", s.SecondsPath != "")
	add("Timestamp", s.Timestamp != "")
	add("TimestampPath", s.TimestampPath != "")
	add("Error", s.Error != "")
	add("ErrorPath", s.ErrorPath != "")
	add("Cause", s.Cause != "")
	add("CausePath", s.CausePath != "")
	add("Branches", s.Branches != nil)
	return append(fs, setMapFields(s)...)
}

// setMapFields is setFields for the Map-only fields.
func setMapFields(s *State) []string {
	var fs []string
	add := func(name string, set bool) {
		if set {
			fs = append(fs, name)
		}
	}
	add("ItemsPath", s.ItemsPath.Set)
	add("Items", s.Items != nil)
	add("ItemProcessor", s.ItemProcessor != nil && !s.UsesIterator)
	add("Iterator", s.ItemProcessor != nil && s.UsesIterator)
	add("ItemSelector", s.ItemSelector != nil && !s.UsesParameters)
	add("MaxConcurrency", s.MaxConcurrency.IsSet())
	add("MaxConcurrencyPath", s.MaxConcurrencyPath != "")
	add("ToleratedFailurePercentage", s.ToleratedFailurePercentage.IsSet())
	add("ToleratedFailurePercentagePath", s.ToleratedFailurePercentagePath != "")
	add("ToleratedFailureCount", s.ToleratedFailureCount.IsSet())
	add("ToleratedFailureCountPath", s.ToleratedFailureCountPath != "")
	add("ItemBatcher", s.ItemBatcher != nil)
	add("ItemReader", s.ItemReader != nil)
	add("ResultWriter", s.ResultWriter != nil)
	add("Label", s.Label != "")
	return fs
}

// transition checks that a non-terminal state has exactly one of Next and
// End.
func (v *validator) transition(s *State, ptr string) {
	switch s.Type {
	case TypeChoice, TypeSucceed, TypeFail:
		return
	}
	switch {
	case s.Next != "" && s.End:
		v.schemaf(ptr, "There should only be one of the following fields: [Next, End]")
	case s.Next == "" && !s.End:
		v.schemaf(ptr, "This object should have only one of the following fields: [Next, End]")
	}
}

// exclusive reports when more than one of the named fields of the object
// at ptr is set. AWS locates a conflicting pair (MaxConcurrency and
// MaxConcurrencyPath) at its first field, a larger group at the object.
func (v *validator) exclusive(ptr string, names []string, set ...bool) int {
	n := 0
	for _, b := range set {
		if b {
			n++
		}
	}
	if n > 1 {
		loc := ptr
		if len(names) == 2 {
			loc = child(ptr, names[0])
		}
		v.schemaf(loc, "There should only be one of the following fields: [%s]", strings.Join(names, ", "))
	}
	return n
}

// atLeast reports an integer field below min.
func (v *validator) atLeast(loc string, val *int64, min int64) {
	if val != nil && *val < min {
		v.schemaf(loc, "Minimum value is %d", min)
	}
}

// atMost reports an integer field above max.
func (v *validator) atMost(loc string, val *int64, max int64) {
	if val != nil && *val > max {
		v.schemaf(loc, "Maximum value is %d", max)
	}
}

// rangeMessage words a value outside [min, max] as AWS does.
func rangeMessage(below bool, min, max int) string {
	if below {
		return fmt.Sprintf("Minimum value is %d", min)
	}
	return fmt.Sprintf("Maximum value is %d", max)
}

// oneOf reports a string field set to a value outside values.
func (v *validator) oneOf(loc, val string, values ...string) {
	if val != "" && !containsString(values, val) {
		v.schemaf(loc, "Value should be one of the following: [%s]", strings.Join(values, ", "))
	}
}

func (v *validator) task(s *State, ptr string, lang QueryLanguage) {
	v.resource(s.Resource, child(ptr, "Resource"))
	v.exclusive(ptr, []string{"TimeoutSeconds", "TimeoutSecondsPath"}, s.TimeoutSeconds.IsSet(), s.TimeoutSecondsPath != "")
	v.exclusive(ptr, []string{"HeartbeatSeconds", "HeartbeatSecondsPath"}, s.HeartbeatSeconds.IsSet(), s.HeartbeatSecondsPath != "")
	v.intField(s.TimeoutSeconds, child(ptr, "TimeoutSeconds"), 1, lang)
	v.intField(s.HeartbeatSeconds, child(ptr, "HeartbeatSeconds"), 1, lang)
	t, h := s.TimeoutSeconds.Value, s.HeartbeatSeconds.Value
	if t != nil && h != nil && *h >= *t {
		v.schemaf(child(ptr, "HeartbeatSeconds"), "The value of the field 'HeartbeatSeconds' must be smaller than the value of the field 'TimeoutSeconds'")
	}
}

// maxWaitSeconds is AWS's upper bound on integer waits and counts.
const maxWaitSeconds = 99999999

// intField checks an integer-or-expression field: the integer at least min
// (and at most 99999999), the expression only in JSONata.
func (v *validator) intField(f IntField, loc string, min int64, lang QueryLanguage) {
	v.atLeast(loc, f.Value, min)
	v.atMost(loc, f.Value, maxWaitSeconds)
	if f.Expr != "" {
		v.expression(f.Expr, loc, lang, "Integer")
	}
}

func (v *validator) wait(s *State, ptr string, lang QueryLanguage) {
	names := []string{"SecondsPath", "Seconds", "TimestampPath", "Timestamp"} // AWS's order
	n := v.exclusive(ptr, names, s.SecondsPath != "", s.Seconds.IsSet(), s.TimestampPath != "", s.Timestamp != "")
	if n == 0 {
		v.schemaf(ptr, "This object should have only one of the following fields: [%s]", strings.Join(names, ", "))
	}
	v.intField(s.Seconds, child(ptr, "Seconds"), 0, lang)
	if s.Timestamp != "" && !(lang == JSONata && isExpression(s.Timestamp)) && !isTimestamp(s.Timestamp) {
		v.schemaf(child(ptr, "Timestamp"), "String does not match RFC3339 timestamp")
	}
}

func (v *validator) fail(s *State, ptr string) {
	v.exclusive(ptr, []string{"Error", "ErrorPath"}, s.Error != "", s.ErrorPath != "")
	v.exclusive(ptr, []string{"Cause", "CausePath"}, s.Cause != "", s.CausePath != "")
}

func (v *validator) parallel(s *State, ptr string) {
	if len(s.Branches) == 0 {
		v.schemaf(child(ptr, "Branches"), "Value cannot be empty")
	}
	for i, b := range s.Branches {
		if b != nil {
			v.machine(b, index(child(ptr, "Branches"), i))
		}
	}
}
