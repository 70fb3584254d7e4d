package jsonpath

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// parser reads a path left to right.
type parser struct {
	src string
	pos int
}

func (p *parser) errf(msg string) *SyntaxError {
	return &SyntaxError{Path: p.src, Pos: p.pos, Msg: msg}
}

func (p *parser) eof() bool { return p.pos >= len(p.src) }

func (p *parser) peek() byte {
	if p.eof() {
		return 0
	}
	return p.src[p.pos]
}

func (p *parser) skipSpace() {
	for !p.eof() && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t' || p.src[p.pos] == '\n' || p.src[p.pos] == '\r') {
		p.pos++
	}
}

func (p *parser) consume(s string) bool {
	if strings.HasPrefix(p.src[p.pos:], s) {
		p.pos += len(s)
		return true
	}
	return false
}

func parse(src string) (*Path, error) {
	p := &parser{src: src}
	path := &Path{src: src}
	if err := p.parseRoot(path); err != nil {
		return nil, err
	}
	segs, err := p.parseSegments(false)
	if err != nil {
		return nil, err
	}
	markMerge(segs)
	path.segs = segs
	// A path ending in length() yields one number even after wildcards.
	path.definite = allDefinite(segs) || segs[len(segs)-1].kind == segLength
	return path, nil
}

// parseRoot reads $, $$ or $name.
func (p *parser) parseRoot(path *Path) error {
	if !p.consume("$") {
		return p.errf("a path must start with '$'")
	}
	if p.consume("$") {
		path.root = RootContext
		return nil
	}
	start := p.pos
	for !p.eof() {
		r, n := utf8.DecodeRuneInString(p.src[p.pos:])
		if !(r == '_' || unicode.IsLetter(r) || (p.pos > start && unicode.IsDigit(r))) {
			break
		}
		p.pos += n
	}
	if p.pos > start {
		path.root = RootVariable
		path.varName = p.src[start:p.pos]
	}
	return nil
}

// parseSegments reads segments until the end of the text, or (inside a
// filter) until a character that cannot continue a path.
func (p *parser) parseSegments(inFilter bool) ([]segment, error) {
	var segs []segment
	for !p.eof() {
		if inFilter && !(p.peek() == '.' || p.peek() == '[') {
			break
		}
		seg, err := p.parseSegment(inFilter)
		if err != nil {
			return nil, err
		}
		segs = append(segs, seg)
		if seg.kind == segLength && !p.eof() && !inFilter {
			return nil, p.errf("length() must end the path")
		}
	}
	return segs, nil
}

func (p *parser) parseSegment(inFilter bool) (segment, error) {
	deep := false
	switch {
	case p.consume(".."):
		deep = true
		if p.peek() == '[' {
			seg, err := p.parseBracket()
			seg.deep = true
			return seg, err
		}
	case p.consume("."):
		if p.peek() == '[' { // Jayway accepts $.[0] and $.['a'] as $[0] and $['a']
			return p.parseBracket()
		}
	case p.peek() == '[':
		return p.parseBracket()
	default:
		return segment{}, p.errf("expected '.' or '['")
	}
	seg, err := p.parseDotName(inFilter)
	seg.deep = deep
	return seg, err
}

// parseDotName reads what follows a dot: *, length() or a name that runs
// to the next '.', '[' or '('.
func (p *parser) parseDotName(inFilter bool) (segment, error) {
	if p.consume("*") {
		return segment{kind: segWildcard}, nil
	}
	start := p.pos
	for !p.eof() && !strings.ContainsRune(".[( ", rune(p.src[p.pos])) && !(inFilter && strings.ContainsRune(")=!<>&|,]~", rune(p.src[p.pos]))) {
		p.pos++
	}
	name := p.src[start:p.pos]
	if name == "" {
		return segment{}, p.errf("expected a name")
	}
	if p.peek() == '(' {
		if name != "length" || !p.consume("()") {
			return segment{}, p.errf("unsupported function " + name)
		}
		return segment{kind: segLength}, nil
	}
	if !p.eof() && p.src[p.pos] == ' ' && !inFilter {
		return segment{}, p.errf("use bracket notation ['my prop'] for names with blanks")
	}
	return segment{kind: segChild, names: []string{name}}, nil
}

// parseBracket reads [...]: names, indexes, a slice, * or a filter.
func (p *parser) parseBracket() (segment, error) {
	p.pos++ // [
	p.skipSpace()
	var seg segment
	var err error
	switch c := p.peek(); {
	case c == '*':
		p.pos++
		seg = segment{kind: segWildcard}
	case c == '?':
		seg, err = p.parseFilterSegment()
	case c == '\'' || c == '"':
		seg, err = p.parseNames()
	default:
		seg, err = p.parseIndexes()
	}
	if err != nil {
		return seg, err
	}
	p.skipSpace()
	if !p.consume("]") {
		return seg, p.errf("expected ']'")
	}
	return seg, nil
}

func (p *parser) parseNames() (segment, error) {
	seg := segment{kind: segChild}
	for {
		name, err := p.parseQuoted()
		if err != nil {
			return seg, err
		}
		seg.names = append(seg.names, name)
		p.skipSpace()
		if !p.consume(",") {
			return seg, nil
		}
		p.skipSpace()
	}
}

// parseQuoted reads a '...' or "..." string. A backslash escapes the
// quote and itself; before any other character it is literal (AWS reads
// $['a\"b'] as the name a\"b).
func (p *parser) parseQuoted() (string, error) {
	q := p.peek()
	if q != '\'' && q != '"' {
		return "", p.errf("expected a quoted name")
	}
	p.pos++
	var b strings.Builder
	for !p.eof() {
		c := p.src[p.pos]
		switch {
		case c == '\\' && p.pos+1 < len(p.src) && (p.src[p.pos+1] == q || p.src[p.pos+1] == '\\'):
			b.WriteByte(p.src[p.pos+1])
			p.pos += 2
		case c == q:
			p.pos++
			return b.String(), nil
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	return "", p.errf("unterminated string")
}

// parseIndexes reads 1, 1,2 or a slice start:end.
func (p *parser) parseIndexes() (segment, error) {
	first, hasFirst, err := p.parseOptInt()
	if err != nil {
		return segment{}, err
	}
	p.skipSpace()
	if p.consume(":") {
		return p.parseSlice(first, hasFirst)
	}
	if !hasFirst {
		return segment{}, p.errf("expected an index")
	}
	seg := segment{kind: segIndex, indexes: []int{first}}
	for p.consume(",") {
		p.skipSpace()
		ix, ok, err := p.parseOptInt()
		if err != nil || !ok {
			return seg, p.errf("expected an index")
		}
		seg.indexes = append(seg.indexes, ix)
		p.skipSpace()
	}
	return seg, nil
}

func (p *parser) parseSlice(first int, hasFirst bool) (segment, error) {
	seg := segment{kind: segSlice}
	if hasFirst {
		seg.start = &first
	}
	p.skipSpace()
	end, hasEnd, err := p.parseOptInt()
	if err != nil {
		return seg, err
	}
	if hasEnd {
		seg.end = &end
	}
	return seg, nil
}

func (p *parser) parseOptInt() (int, bool, error) {
	start := p.pos
	if p.peek() == '-' {
		p.pos++
	}
	for !p.eof() && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
		p.pos++
	}
	if p.pos == start {
		return 0, false, nil
	}
	n, err := strconv.Atoi(p.src[start:p.pos])
	if err != nil {
		return 0, false, p.errf("bad index " + p.src[start:p.pos])
	}
	return n, true, nil
}

func (p *parser) parseFilterSegment() (segment, error) {
	if !p.consume("?(") {
		return segment{}, p.errf("expected '?('")
	}
	e, err := p.parseOr()
	if err != nil {
		return segment{}, err
	}
	p.skipSpace()
	if !p.consume(")") {
		return segment{}, p.errf("expected ')' closing the filter")
	}
	return segment{kind: segFilter, filter: e}, nil
}
