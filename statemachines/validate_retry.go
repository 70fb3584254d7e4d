package statemachines

import "fmt"

// AWS's bounds on Retry fields.
const (
	maxRetryInterval = 99999999
	maxRetryAttempts = 99999999
	maxRetryDelay    = 31622400 // one year and a day, in seconds
)

func (v *validator) retry(rs []*Retrier, ptr string) {
	for i, r := range rs {
		rptr := index(ptr, i)
		v.errorEquals(r.ErrorEquals, child(rptr, "ErrorEquals"))
		if containsString(r.ErrorEquals, ErrAll) && i != len(rs)-1 {
			v.schemaf(rptr, "A Retrier with 'States.ALL' in ErrorEquals must be the last one in Retry")
		}
		v.retrierRanges(r, rptr)
		v.oneOf(child(rptr, "JitterStrategy"), r.JitterStrategy, "FULL", "NONE")
	}
}

// retrierRanges checks IntervalSeconds, MaxAttempts, BackoffRate and
// MaxDelaySeconds against AWS's bounds.
func (v *validator) retrierRanges(r *Retrier, ptr string) {
	v.atLeast(child(ptr, "IntervalSeconds"), r.IntervalSeconds, 0)
	v.atMost(child(ptr, "IntervalSeconds"), r.IntervalSeconds, maxRetryInterval)
	v.atLeast(child(ptr, "MaxAttempts"), r.MaxAttempts, 0)
	v.atMost(child(ptr, "MaxAttempts"), r.MaxAttempts, maxRetryAttempts)
	v.atLeast(child(ptr, "MaxDelaySeconds"), r.MaxDelaySeconds, 1)
	v.atMost(child(ptr, "MaxDelaySeconds"), r.MaxDelaySeconds, maxRetryDelay)
	if r.BackoffRate != nil && *r.BackoffRate < 1 {
		v.schemaf(child(ptr, "BackoffRate"), "Minimum value is 1")
	}
}

func (v *validator) catch(cs []*Catcher, ptr string, lang QueryLanguage) {
	for i, c := range cs {
		cptr := index(ptr, i)
		v.errorEquals(c.ErrorEquals, child(cptr, "ErrorEquals"))
		if containsString(c.ErrorEquals, ErrAll) && i != len(cs)-1 {
			v.schemaf(cptr, "A Catcher with 'States.ALL' in ErrorEquals must be the last one in Catch")
		}
		if lang == JSONata {
			v.notIn(cptr, lang, "ResultPath", c.ResultPath.Set)
			v.inCatch = true // $states.errorOutput is defined here
			v.jsonataValue(c.Output, child(cptr, "Output"))
			v.assignJSONata(c.Assign, child(cptr, "Assign"))
			v.inCatch = false
		} else {
			v.notIn(cptr, lang, "Output", c.Output != nil)
			v.referencePath(c.ResultPath, child(cptr, "ResultPath"), "ResultPath")
			v.assignJSONPath(c.Assign, child(cptr, "Assign"))
		}
	}
}

// errorEquals checks an ErrorEquals list: non-empty, and States.ALL alone.
func (v *validator) errorEquals(names []string, ptr string) {
	if len(names) == 0 {
		v.schemaf(ptr, "Value cannot be empty")
		return
	}
	if containsString(names, ErrAll) && len(names) > 1 {
		v.schemaf(ptr, "'States.ALL' must appear alone in ErrorEquals")
	}
}

// notIn reports a field set where the query language lang does not allow
// it (the field belongs to the other language).
func (v *validator) notIn(ptr string, lang QueryLanguage, name string, set bool) {
	if set {
		v.schemaf(ptr, "%s", wrongLanguage(lang, name))
	}
}

// wrongLanguage words the error for a field of the other query language.
func wrongLanguage(lang QueryLanguage, field string) string {
	other := JSONata
	if lang == JSONata {
		other = JSONPath
	}
	return fmt.Sprintf("The QueryLanguage is set to '%s', but field '%s' is only supported for the '%s' QueryLanguage", lang, field, other)
}

func containsString(ss []string, s string) bool {
	for _, e := range ss {
		if e == s {
			return true
		}
	}
	return false
}
