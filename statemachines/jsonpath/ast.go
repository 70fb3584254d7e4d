package jsonpath

// RootKind says what a path is evaluated against.
type RootKind uint8

// The three roots of a Step Functions path.
const (
	RootInput    RootKind = iota // $: the state input
	RootContext                  // $$: the context object
	RootVariable                 // $name: a variable
)

type segKind uint8

const (
	segChild    segKind = iota // one or more names
	segIndex                   // one or more indexes
	segSlice                   // [start:end]
	segWildcard                // * or [*]
	segFilter                  // [?(...)]
	segLength                  // length() (last only)
)

// segment is one step of a compiled path. A deep scan (..) sets deep on the
// segment that follows it.
type segment struct {
	kind    segKind
	deep    bool
	names   []string
	indexes []int
	start   *int
	end     *int
	filter  expr
	// merge is set on a multi-name child segment at the end of a path:
	// like Jayway, it selects one object holding the names present.
	merge bool
}

// definite reports whether the segment selects at most one node.
func (s *segment) definite() bool {
	if s.deep {
		return false
	}
	switch s.kind {
	case segChild:
		return len(s.names) == 1 || s.merge
	case segIndex:
		return len(s.indexes) == 1
	case segLength:
		return true
	}
	return false
}

// markMerge flags a multi-name child segment that ends a path.
func markMerge(segs []segment) {
	if n := len(segs); n > 0 && segs[n-1].kind == segChild && len(segs[n-1].names) > 1 && !segs[n-1].deep {
		segs[n-1].merge = true
	}
}

// mergeNames is a merge segment's value on m: the names present in m.
func mergeNames(names []string, m map[string]any) map[string]any {
	out := make(map[string]any, len(names))
	for _, name := range names {
		if v, ok := m[name]; ok {
			out[name] = v
		}
	}
	return out
}
