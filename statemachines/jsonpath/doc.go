// Package jsonpath evaluates JSONPath the way AWS Step Functions does in its
// JSONPath query language (AWS evaluates paths with a Jayway-style engine).
//
// Supported: the roots $ (the input), $$ (the context object) and $name (a
// variable); dot and bracket child names ($.a, $['a'], $["a b"]); array
// indexes including negative ones ($.a[0], $.a[-1]) and index lists
// ($.a[0,2]); slices ($.a[1:3], $.a[-2:], $.a[:2]); wildcards ($.a[*],
// $.a.*); deep scan ($..name, $..[0], $..*); filters ($.a[?(@.x > 1 &&
// @.y == 'z')]) with == != < <= > >= =~ in nin, !, && and ||, operands that
// are @ or $ paths, numbers, strings, booleans, null and lists; and the
// function length() at the end of a path.
//
// A path is definite when it can select at most one node (no wildcard, deep
// scan, filter, slice or index list). A definite path yields the node or a
// *NotFoundError; an indefinite path always yields a []any, empty when
// nothing matches, exactly as Step Functions returns them.
//
// Known limits: JSON objects are Go maps, which do not keep the key order
// of the source document, so wildcards and deep scans over objects visit
// keys in sorted order, where AWS uses document order.
package jsonpath
