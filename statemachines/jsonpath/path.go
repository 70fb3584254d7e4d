package jsonpath

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Path is a compiled JSONPath. It is immutable and safe for concurrent use.
type Path struct {
	src      string
	root     RootKind
	varName  string
	segs     []segment
	definite bool
}

// String returns the source text of the path.
func (p *Path) String() string { return p.src }

// Root returns what the path is evaluated against.
func (p *Path) Root() RootKind { return p.root }

// Var returns the variable name of a $name path, "" otherwise.
func (p *Path) Var() string { return p.varName }

// Definite reports whether the path selects at most one node; Get returns
// a definite path's node itself and an indefinite path's nodes as a []any.
func (p *Path) Definite() bool { return p.definite }

// IsRoot reports whether the path is just its root ($, $$ or $name).
func (p *Path) IsRoot() bool { return len(p.segs) == 0 }

// IsReference reports whether the path is a reference path: only single
// names and single indexes, so that it identifies one node and can be
// written to (ResultPath).
func (p *Path) IsReference() bool {
	if p.root == RootVariable {
		return false
	}
	for i := range p.segs {
		s := &p.segs[i]
		if !s.definite() || s.kind == segLength || s.merge {
			return false
		}
	}
	return true
}

// Steps returns a reference path's steps: string names and int indexes.
// It returns nil for paths that are not reference paths.
func (p *Path) Steps() []any {
	if !p.IsReference() {
		return nil
	}
	steps := make([]any, len(p.segs))
	for i, s := range p.segs {
		if s.kind == segChild {
			steps[i] = s.names[0]
		} else {
			steps[i] = s.indexes[0]
		}
	}
	return steps
}

// The compile cache holds at most maxCached paths, so that paths built at
// run time cannot grow it without bound.
const maxCached = 1 << 14

var (
	cache       sync.Map // string → *Path
	cachedCount atomic.Int64
)

// Compile parses a path, returning a cached *Path when the same text was
// compiled before. Errors are *SyntaxError.
func Compile(src string) (*Path, error) {
	if p, ok := cache.Load(src); ok {
		return p.(*Path), nil
	}
	p, err := parse(src)
	if err != nil {
		return nil, err
	}
	if cachedCount.Load() < maxCached {
		if _, loaded := cache.LoadOrStore(src, p); !loaded {
			cachedCount.Add(1)
		}
	}
	return p, nil
}

// MustCompile is Compile that panics on error, for paths in Go source.
func MustCompile(src string) *Path {
	p, err := Compile(src)
	if err != nil {
		panic(err)
	}
	return p
}

// SyntaxError is a malformed path.
type SyntaxError struct {
	Path string
	Pos  int
	Msg  string
}

// Error describes the problem and its position.
func (e *SyntaxError) Error() string {
	return "invalid JSONPath " + strconv.Quote(e.Path) + " at position " + strconv.Itoa(e.Pos) + ": " + e.Msg
}

// canonical renders the first n segments the way Jayway prints paths in its
// error messages: $['a'][0].
func (p *Path) canonical(n int) string {
	var b strings.Builder
	b.WriteByte('$')
	for i := range p.segs[:n] {
		p.segs[i].writeCanonical(&b)
	}
	return b.String()
}

func (s *segment) writeCanonical(b *strings.Builder) {
	if s.deep {
		b.WriteString("..")
	}
	switch s.kind {
	case segChild:
		quoted := make([]string, len(s.names))
		for i, name := range s.names {
			quoted[i] = "'" + name + "'"
		}
		b.WriteString("[" + strings.Join(quoted, ",") + "]")
	case segIndex:
		ixs := make([]string, len(s.indexes))
		for i, ix := range s.indexes {
			ixs[i] = strconv.Itoa(ix)
		}
		b.WriteString("[" + strings.Join(ixs, ",") + "]")
	case segSlice:
		b.WriteString("[" + optInt(s.start) + ":" + optInt(s.end) + "]")
	case segWildcard:
		b.WriteString("[*]")
	case segFilter:
		b.WriteString("[?]")
	case segLength:
		b.WriteString(".length()")
	}
}

func optInt(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}
