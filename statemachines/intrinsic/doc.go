// Package intrinsic parses and evaluates the 18 intrinsic functions of
// Amazon States Language (States.Format … States.UUID) as AWS Step
// Functions does in JSONPath mode: argument syntax (string literals with
// the escapes \' \{ \} \\, numbers, booleans, null, paths and nested
// calls), argument types, AWS's limits (ArrayRange at most 1000 elements,
// Base64 and Hash input at most 10,000 characters, …) and failures, which
// are *Error values the caller reports as States.IntrinsicFailure.
//
// Numbers follow AWS, whose interpreter is written in Java: integer
// arguments are rounded half up like Math.round (States.MathAdd(2.5, 0) is
// 3, (-2.5, 0) is -2), and States.Format renders values with Java's
// toString ({k=v}, [a, b], 1.0E21).
//
// The package evaluates no paths itself: the caller resolves path
// arguments ($, $$ and $variable) through a Resolver.
//
// Known limits: JSON objects are Go maps, so States.JsonToString and
// States.Format write object keys in sorted order where AWS keeps the
// input's order; a number written 1.0 in the input is indistinguishable
// from 1 and is formatted as 1; failure causes follow AWS's wording where
// it is known (argument counts, the 1000-element range) and are this
// package's own elsewhere.
package intrinsic
