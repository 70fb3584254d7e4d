package jsonpath_test

import (
	"encoding/json"
	"fmt"

	"github.com/baton-run/baton/statemachines/jsonpath"
)

func Example() {
	var doc any
	_ = json.Unmarshal([]byte(`{"orders": [{"id": "a", "total": 12}, {"id": "b", "total": 40}]}`), &doc)

	// A definite path yields the node itself.
	first, _ := jsonpath.MustCompile("$.orders[0].id").Get(doc)
	// An indefinite path (here a filter) yields a list, empty when nothing matches.
	big, _ := jsonpath.MustCompile("$.orders[?(@.total > 20)].id").Get(doc)
	// A definite path that selects nothing is an error with Jayway's text.
	_, err := jsonpath.MustCompile("$.orders[5]").Get(doc)

	fmt.Println(first, big)
	fmt.Println(err)
	// Output:
	// a [b]
	// No results for path: $['orders'][5]
}
