package history

import (
	"encoding/json"
	"reflect"
	"testing"
)

var parseCorpus = []string{
	`{}`, `[]`, `null`, `true`, `false`, `0`, `-0`, `1.5e3`, `-12.25E-2`, `1e400`, `01`, `1.`, `.5`, `-`, `+1`,
	`"a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\ud83d\ude00"`, `"\ud83d"`, `"\ud83dx"`, `"\udc00\ud83d\ude00"`, `"\x"`, `"\u12"`,
	"\"a\tb\"", "\"\xff\xfe\"", `"é日本"`, ` { "a" : [ 1 , 2 , { "b" : null } ] , "c" : "d" } `,
	`{"a":1,"a":2}`, `{"a":1,}`, `[1,]`, `[1 2]`, `{"a" 1}`, `{1:2}`, `nul`, `truex`, `[`, `{"a":`, `"abc`, `1 2`, ``,
}

// TestParseMatchesEncodingJSON: same value, or both reject.
func TestParseMatchesEncodingJSON(t *testing.T) {
	for _, text := range parseCorpus {
		checkParse(t, text)
	}
}

func FuzzParse(f *testing.F) {
	for _, text := range parseCorpus {
		f.Add(text)
	}
	f.Fuzz(checkParse)
}

func checkParse(t *testing.T, text string) {
	var want any
	werr := json.Unmarshal([]byte(text), &want)
	got, gerr := Parse([]byte(text))
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("%q: Parse error %v, encoding/json error %v", text, gerr, werr)
	}
	if werr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: Parse = %#v, encoding/json = %#v", text, got, want)
	}
}
