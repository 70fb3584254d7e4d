package statemachines

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
		if r.JitterStrategy != "" && r.JitterStrategy != "FULL" && r.JitterStrategy != "NONE" {
			v.schemaf(child(rptr, "JitterStrategy"), "The field 'JitterStrategy' should have one of these values: [FULL, NONE]")
		}
	}
}

// retrierRanges checks IntervalSeconds, MaxAttempts, BackoffRate and
// MaxDelaySeconds against AWS's bounds.
func (v *validator) retrierRanges(r *Retrier, ptr string) {
	v.atLeast(child(ptr, "IntervalSeconds"), "IntervalSeconds", r.IntervalSeconds, 1)
	v.atMost(child(ptr, "IntervalSeconds"), "IntervalSeconds", r.IntervalSeconds, maxRetryInterval)
	v.atLeast(child(ptr, "MaxAttempts"), "MaxAttempts", r.MaxAttempts, 0)
	v.atMost(child(ptr, "MaxAttempts"), "MaxAttempts", r.MaxAttempts, maxRetryAttempts)
	v.atLeast(child(ptr, "MaxDelaySeconds"), "MaxDelaySeconds", r.MaxDelaySeconds, 1)
	v.atMost(child(ptr, "MaxDelaySeconds"), "MaxDelaySeconds", r.MaxDelaySeconds, maxRetryDelay)
	if r.BackoffRate != nil && *r.BackoffRate < 1 {
		v.schemaf(child(ptr, "BackoffRate"), "The value of the field 'BackoffRate' must be greater than or equal to 1.0")
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
			v.notIn(cptr, "ResultPath", c.ResultPath.Set)
			v.jsonataValue(c.Output, child(cptr, "Output"))
			v.assignJSONata(c.Assign, child(cptr, "Assign"))
		} else {
			v.notIn(cptr, "Output", c.Output != nil)
			v.referencePath(c.ResultPath, child(cptr, "ResultPath"), "ResultPath")
			v.assignJSONPath(c.Assign, child(cptr, "Assign"))
		}
	}
}

// errorEquals checks an ErrorEquals list: non-empty, and States.ALL alone.
func (v *validator) errorEquals(names []string, ptr string) {
	if len(names) == 0 {
		v.schemaf(ptr, "The field 'ErrorEquals' should be non-empty")
		return
	}
	if containsString(names, ErrAll) && len(names) > 1 {
		v.schemaf(ptr, "'States.ALL' must appear alone in ErrorEquals")
	}
}

// notIn reports a field set where the query language does not allow it.
func (v *validator) notIn(ptr, name string, set bool) {
	if set {
		v.schemaf(ptr, "Field '%s' is not supported", name)
	}
}

func containsString(ss []string, s string) bool {
	for _, e := range ss {
		if e == s {
			return true
		}
	}
	return false
}
