// Package intrinsic parses and evaluates the 18 intrinsic functions of
// Amazon States Language (States.Format … States.UUID) as AWS Step
// Functions does in JSONPath mode: argument syntax (string literals with
// \' \{ \} \\ escapes, numbers, booleans, null, paths and nested calls),
// argument types, AWS's limits (ArrayRange at most 1000 elements, Base64
// and Hash input at most 10,000 characters, …) and failures, which are
// *Error values the caller reports as States.IntrinsicFailure.
//
// The package evaluates no paths itself: the caller resolves path
// arguments ($, $$ and $variable) through a Resolver.
package intrinsic
