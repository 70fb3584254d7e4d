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
}

// definite reports whether the segment selects at most one node.
func (s *segment) definite() bool {
	if s.deep {
		return false
	}
	switch s.kind {
	case segChild:
		return len(s.names) == 1
	case segIndex:
		return len(s.indexes) == 1
	case segLength:
		return true
	}
	return false
}
