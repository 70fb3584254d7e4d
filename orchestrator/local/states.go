package local

import (
	"errors"
	"math"
	"strconv"
	"time"

	asl "github.com/baton-run/baton/statemachines"
)

func (s *stateRun) pass() (any, string, *asl.Error) {
	if s.jsonata {
		return s.exitJ(s.st.Next)
	}
	eff, ferr := s.inputPath()
	if ferr != nil {
		return nil, "", ferr
	}
	result := eff
	if s.st.Parameters != nil {
		v, err := asl.EvalTemplate(s.st.Parameters, eff, s.env())
		if err != nil {
			return nil, "", s.failure(err)
		}
		result = v
	}
	if s.st.HasResult {
		result = s.st.Result
	}
	if err := s.checkResult(result); err != nil {
		return nil, "", err
	}
	assigned, ferr := s.assign(s.st.Assign, result)
	if ferr != nil {
		return nil, "", ferr
	}
	out, err := asl.ApplyResultPath(s.st.ResultPath, s.input, result)
	if err != nil {
		return nil, "", s.failure(err)
	}
	if out, err = asl.ApplyOutputPath(s.st.OutputPath, out, s.env()); err != nil {
		return nil, "", s.failure(err)
	}
	return s.exit(out, s.st.Next, assigned)
}

// checkResult enforces the payload limit on a state's result.
func (s *stateRun) checkResult(result any) *asl.Error {
	if err := asl.CheckPayloadSize(result); err != nil {
		return &asl.Error{Name: asl.ErrDataLimitExceeded, Cause: "The state/task '" + s.st.Name +
			"' returned a result with a size exceeding the maximum number of bytes service limit."}
	}
	return nil
}

func (s *stateRun) choice() (any, string, *asl.Error) {
	if s.jsonata {
		return s.choiceJ()
	}
	eff, ferr := s.inputPath()
	if ferr != nil {
		return nil, "", ferr
	}
	env := s.env()
	next, block := "", s.st.Assign
	for _, rule := range s.st.Choices {
		ok, err := asl.EvalChoiceRule(rule, eff, env)
		if err != nil {
			return nil, "", s.failure(err)
		}
		if ok {
			next, block = rule.Next, rule.Assign
			break
		}
	}
	if next == "" {
		if s.st.Default == "" {
			return nil, "", &asl.Error{Name: asl.ErrNoChoiceMatched, Cause: "No Matches!"}
		}
		next = s.st.Default
	}
	assigned, ferr := s.assign(block, eff)
	if ferr != nil {
		return nil, "", ferr
	}
	out, err := asl.ApplyOutputPath(s.st.OutputPath, eff, env)
	if err != nil {
		return nil, "", s.failure(err)
	}
	return s.exit(out, next, assigned)
}

func (s *stateRun) wait() (any, string, *asl.Error) {
	eff, ferr := s.inputPath()
	if ferr != nil {
		return nil, "", ferr
	}
	until, ferr := s.waitUntil(eff)
	if ferr != nil {
		return nil, "", ferr
	}
	if s.th.sleepUntil(until) != nil {
		s.th.emit("WaitStateAborted", nil)
		return nil, "", errAborted
	}
	if s.jsonata {
		return s.exitJ(s.st.Next)
	}
	out, err := asl.ApplyOutputPath(s.st.OutputPath, eff, s.env())
	if err != nil {
		return nil, "", s.failure(err)
	}
	return s.exit(out, s.st.Next, nil)
}

// waitUntil computes a Wait state's end from the time it was entered.
func (s *stateRun) waitUntil(eff any) (time.Time, *asl.Error) {
	st, from := s.st, s.entered.Time
	if s.jsonata {
		return s.waitUntilJ()
	}
	switch {
	case st.Seconds.Value != nil:
		return from.Add(time.Duration(*st.Seconds.Value) * time.Second), nil
	case st.SecondsPath != "":
		v, err := asl.EvalPath(st.SecondsPath, eff, s.env())
		n, ok := wholeNumber(v)
		if err != nil || !ok || n < 0 {
			return time.Time{}, s.runtimef("The SecondsPath parameter does not reference an input value: %s", st.SecondsPath)
		}
		return from.Add(time.Duration(n) * time.Second), nil
	case st.Timestamp != "":
		t, err := parseTimestamp(st.Timestamp)
		if err != nil {
			return time.Time{}, s.runtimef("The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: %s", st.Timestamp)
		}
		return t, nil
	case st.TimestampPath != "":
		v, err := asl.EvalPath(st.TimestampPath, eff, s.env())
		str, _ := v.(string)
		t, perr := parseTimestamp(str)
		if err != nil || perr != nil {
			return time.Time{}, s.runtimef("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: %s == %s", st.TimestampPath, jsonTextOrString(v))
		}
		return t, nil
	}
	return from, nil
}

func parseTimestamp(s string) (time.Time, error) {
	t, ok := asl.ParseTimestamp(s)
	if !ok {
		return t, errBadTimestamp
	}
	return t, nil
}

var errBadTimestamp = errors.New("bad timestamp")

// wholeNumber accepts a JSON number (or numeric string) with no fraction.
func wholeNumber(v any) (int64, bool) {
	switch n := v.(type) {
	case float64:
		if n != math.Trunc(n) || math.IsInf(n, 0) {
			return 0, false
		}
		return int64(n), true
	case string:
		i, err := strconv.ParseInt(n, 10, 64)
		return i, err == nil
	}
	return 0, false
}

func (s *stateRun) succeed() (any, string, *asl.Error) {
	if s.jsonata {
		return s.exitJ("")
	}
	eff, ferr := s.inputPath()
	if ferr != nil {
		return nil, "", ferr
	}
	out, err := asl.ApplyOutputPath(s.st.OutputPath, eff, s.env())
	if err != nil {
		return nil, "", s.failure(err)
	}
	return s.exit(out, "", nil)
}

// fail returns the error of a Fail state.
func (s *stateRun) fail() *asl.Error {
	name, ferr := s.failField("ErrorPath", s.st.ErrorPath, s.st.Error)
	if ferr != nil {
		return ferr
	}
	cause, ferr := s.failField("CausePath", s.st.CausePath, s.st.Cause)
	if ferr != nil {
		return ferr
	}
	return &asl.Error{Name: name, Cause: cause}
}

func (s *stateRun) failField(field, path, literal string) (string, *asl.Error) {
	if s.jsonata {
		return s.stringJ(field[:len(field)-4], literal)
	}
	if path == "" {
		return literal, nil
	}
	v, err := asl.EvalPathField(field, path, s.input, s.env())
	if err != nil {
		return "", s.failure(err)
	}
	if str, ok := v.(string); ok {
		return str, nil
	}
	return jsonText(v), nil
}

func jsonTextOrString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return jsonText(v)
}

// waitUntilJ computes a JSONata Wait state's end.
func (s *stateRun) waitUntilJ() (time.Time, *asl.Error) {
	st, from := s.st, s.entered.Time
	switch {
	case st.Seconds.Value != nil:
		return from.Add(time.Duration(*st.Seconds.Value) * time.Second), nil
	case st.Seconds.Expr != "":
		n, ferr := s.numberJ("Seconds", st.Seconds.Expr)
		if ferr != nil {
			return time.Time{}, ferr
		}
		return from.Add(time.Duration(n) * time.Second), nil
	case st.Timestamp != "":
		ts, ferr := s.stringJ("Timestamp", st.Timestamp)
		if ferr != nil {
			return time.Time{}, ferr
		}
		t, err := parseTimestamp(ts)
		if err != nil {
			return time.Time{}, s.queryErrorf("The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: %s", ts)
		}
		return t, nil
	}
	return from, nil
}
