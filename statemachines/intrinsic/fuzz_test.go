package intrinsic

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/baton-run/baton/statemachines/jsonpath"
)

// FuzzIntrinsic parses arbitrary text as an intrinsic call and evaluates
// it against a small document. Nothing may panic; every failure is an
// *Error or the resolver's own error; every result is a JSON value.
func FuzzIntrinsic(f *testing.F) {
	for _, seed := range []string{
		"States.Format('a {} b {}', $.s, 1)", "States.Format('\\{\\}')", "States.StringToJson($.j)",
		"States.JsonToString($)", "States.Array(1, 'x', null, true, $.l)", "States.ArrayPartition($.l, 2)",
		"States.ArrayContains($.l, 2)", "States.ArrayRange(0, 10, 3)", "States.ArrayGetItem($.l, 1)",
		"States.ArrayLength($.l)", "States.ArrayUnique($.l)", "States.Base64Encode($.s)",
		"States.Base64Decode('YWJj')", "States.Hash($.s, 'SHA-256')", "States.JsonMerge($.o, $.o, false)",
		"States.MathRandom(1, 10, 3)", "States.MathAdd($.n, -1)", "States.StringSplit($.s, ',')", "States.UUID()",
		"States.ArrayGetItem(States.StringSplit($.s, ','), States.MathAdd(States.ArrayLength(States.StringSplit($.s, ',')), -1))",
		"States.Array($.l[?(@ > 1)])", "States.Format('it\\'s {}', $.missing)",
	} {
		f.Add(seed)
	}
	doc := map[string]any{
		"s": "a,b,c", "j": `{"x": [1, -0]}`, "l": []any{1.0, 2.0, 2.0, "x"}, "n": 41.0,
		"o": map[string]any{"k": "v"},
	}
	errMissing := errors.New("missing")
	resolve := func(p *jsonpath.Path) (any, error) {
		v, err := p.Get(doc)
		if err != nil {
			return nil, errMissing
		}
		return v, nil
	}
	f.Fuzz(func(t *testing.T, src string) {
		c, err := Parse(src)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("Parse(%q) error %T, want *Error", src, err)
			}
			return
		}
		v, err := c.Eval(resolve)
		var ie *Error
		if err != nil && !errors.As(err, &ie) && !errors.Is(err, errMissing) {
			t.Fatalf("Eval(%q) error %T: %v", src, err, err)
		}
		if _, jerr := json.Marshal(v); err == nil && jerr != nil {
			t.Fatalf("Eval(%q) = %#v, which is not JSON: %v", src, v, jerr)
		}
	})
}
