package local

import (
	"strings"
	"sync"

	asl "github.com/baton-run/baton/statemachines"
)

var contextUse sync.Map // *asl.State → bool

// usesContext reports whether any field of st mentions "$$", so the context
// object is only built for the states that read it.
func usesContext(st *asl.State) bool {
	if v, ok := contextUse.Load(st); ok {
		return v.(bool)
	}
	uses := mentions(st.Parameters) || mentions(st.ResultSelector) || mentions(st.Assign) ||
		mentions(st.ItemSelector) || mentions(st.Arguments) || mentions(st.Output) ||
		mentions([]any{st.InputPath.Path, st.OutputPath.Path, st.ItemsPath.Path, st.SecondsPath,
			st.TimestampPath, st.ErrorPath, st.CausePath, st.TimeoutSecondsPath, st.HeartbeatSecondsPath,
			st.MaxConcurrencyPath, st.ToleratedFailureCountPath, st.ToleratedFailurePercentagePath})
	for _, c := range st.Catch {
		uses = uses || mentions(c.Assign)
	}
	for _, r := range st.Choices {
		uses = uses || ruleMentions(r)
	}
	if st.ItemBatcher != nil {
		uses = uses || mentions(st.ItemBatcher.BatchInput)
	}
	contextUse.Store(st, uses)
	return uses
}

func ruleMentions(r *asl.ChoiceRule) bool {
	if r == nil {
		return false
	}
	if mentions(r.Variable) || mentions(r.Value) || mentions(r.Assign) || ruleMentions(r.Not) {
		return true
	}
	for _, x := range append(append([]*asl.ChoiceRule{}, r.And...), r.Or...) {
		if ruleMentions(x) {
			return true
		}
	}
	return false
}

func mentions(v any) bool {
	switch x := v.(type) {
	case string:
		return strings.Contains(x, "$$")
	case []any:
		for _, e := range x {
			if mentions(e) {
				return true
			}
		}
	case map[string]any:
		for k, e := range x {
			if mentions(k) || mentions(e) {
				return true
			}
		}
	}
	return false
}
