package jsonata

// node is both a parse-tree node and, after processAST, an evaluation-tree
// node (mirroring jsonata-js, where the same object shapes serve both).
type node struct {
	typ   string // node type: path, binary, unary, name, function, ...
	id    string // parser symbol id (operator text, "(name)", "(literal)", ...)
	value any    // operator/name string, literal value, *regexLit
	pos   int

	lhs, rhs   *node
	expression *node      // unary operand
	exprs      []*node    // array constructor items, block expressions
	pairs      [][2]*node // object constructor key/value pairs
	terms      []sortTerm // order-by terms

	procedure *node   // function, partial
	args      []*node // call arguments or lambda parameters
	body      *node   // lambda body
	sig       *signature
	thunk     bool

	cond, then, els      *node
	pattern, update, del *node

	steps     []*node
	predicate []*stage
	stages    []*stage
	group     *groupExpr

	keepArray          bool
	keepSingletonArray bool
	consarray          bool
	tuple              bool
	focus              string
	index              string
	ancestor           *slot
	slot               *slot
	seekingParent      []*slot
	hasSeeking         bool
}

type stage struct {
	typ   string // "filter" or "index"
	expr  *node
	value string // index variable name
	pos   int
}

type sortTerm struct {
	descending bool
	expr       *node
}

type groupExpr struct {
	pairs [][2]*node
	pos   int
}

// slot identifies the ancestor a '%' refers to.
type slot struct {
	label string
	level int
	index int
}

func (n *node) str() string {
	if s, ok := n.value.(string); ok {
		return s
	}
	return ""
}
