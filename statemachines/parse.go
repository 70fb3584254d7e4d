package statemachines

import (
	"bytes"
	"fmt"
	"strconv"
)

// Parse reads an Amazon States Language definition strictly: the text must
// be JSON without duplicate member names, every object must have the fields
// ASL allows there (and no others) with the right JSON types, and the
// required fields must be present. On failure it returns a *ParseError
// listing every problem found, each located by a JSON pointer (or, for a
// JSON syntax error, a line and column).
//
// Parse checks shape only; Validate checks meaning (transitions, ranges,
// paths, query-language rules).
func Parse(data []byte) (*StateMachine, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, notAnObject()
	}
	root, serr := readJSON(data)
	if serr != nil {
		return nil, syntaxError(data, serr)
	}
	if _, ok := root.(*jsonObject); !ok {
		return nil, notAnObject()
	}
	d := &decoder{}
	m := d.machine(root, "", scopeTop)
	switch {
	case len(d.diags) > 0:
		return nil, &ParseError{Diagnostics: append(d.diags, d.soft...)}
	case len(d.soft) > 0:
		return m, &ParseError{Diagnostics: d.soft, Model: true}
	}
	return m, nil
}

// notAnObject is the error for a definition that is empty or not a JSON
// object; AWS reports it without a location.
func notAnObject() *ParseError {
	return &ParseError{Diagnostics: []Diagnostic{{
		Severity: SeverityError,
		Code:     CodeSchemaValidation,
		Message:  "Definition must be a valid JSON object",
	}}}
}

// syntaxError turns a JSON syntax error into a ParseError located the way
// AWS reports it (AWS parses definitions with Jackson):
// `[Source: (String)"..."; line: 1, column: 4]`.
func syntaxError(data []byte, e *jsonSyntaxError) *ParseError {
	line, col := lineColumn(data, e.offset)
	loc := jacksonLocation(data, line, col)
	if e.open != "" {
		oline, ocol := lineColumn(data, e.openAt)
		e.msg += " (start marker at " + jacksonLocation(data, oline, ocol) + ")"
	}
	return &ParseError{
		Diagnostics: []Diagnostic{{
			Severity: SeverityError,
			Code:     CodeInvalidJSON,
			Message:  e.msg + "\n at " + loc,
			Location: loc,
		}},
		Line:   line,
		Column: col,
	}
}

// jacksonLocation renders a position as Jackson does.
func jacksonLocation(data []byte, line, col int) string {
	return fmt.Sprintf("[Source: (String)%s; line: %d, column: %d]", jacksonSource(data), line, col)
}

// jacksonSourceLimit is how much of the text Jackson quotes in a location.
const jacksonSourceLimit = 500

// jacksonSource quotes the definition as Jackson does in its error
// locations: the first 500 characters, then how many were left out.
func jacksonSource(data []byte) string {
	runes := []rune(string(data))
	if len(runes) <= jacksonSourceLimit {
		return `"` + string(runes) + `"`
	}
	return fmt.Sprintf(`"%s"[truncated %d chars]`, string(runes[:jacksonSourceLimit]), len(runes)-jacksonSourceLimit)
}

// decoder builds the model from the values readJSON produced, collecting
// schema problems as diagnostics.
type decoder struct {
	diags []Diagnostic
	// soft are problems that leave the model whole (a QueryLanguage outside
	// the enum, which AWS resolves and validates on): Parse still fails,
	// but ParseAndValidate validates the model too, as AWS does.
	soft []Diagnostic
}

func (d *decoder) errorf(loc, format string, args ...any) {
	if loc == "" {
		loc = "/"
	}
	d.diags = append(d.diags, Diagnostic{
		Severity: SeverityError,
		Code:     CodeSchemaValidation,
		Message:  fmt.Sprintf(format, args...),
		Location: loc,
	})
}

// child returns the location of member name inside ptr. Locations are
// written as AWS writes them: JSON-pointer-like, with names unescaped
// ("/States/a/b" for a state named "a/b") and array elements as "[i]"
// ("/States/C/Choices[0]/Next").
func child(ptr, name string) string {
	return ptr + "/" + name
}

// index returns the location of element i of the array at ptr.
func index(ptr string, i int) string {
	return ptr + "[" + strconv.Itoa(i) + "]"
}
