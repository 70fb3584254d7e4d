// Package statemachines is the Amazon States Language (ASL) as a Go
// library: a typed model of every state and field (StateMachine, State,
// ChoiceRule, Retrier, Catcher, ...), a strict parser, a validator that
// reports problems with AWS's diagnostic codes, a canonical marshaller, and
// the pure semantics the engine uses (JSONPath, payload templates,
// intrinsic functions, input/output processing, Choice rules, Retry and
// Catch matching, JSONata fields). It does no I/O, keeps no clock and
// starts no goroutines.
//
// # Reading and writing definitions
//
//	m, err := statemachines.Parse(data)         // shape: *ParseError with JSON pointers
//	diags := statemachines.Validate(m)          // meaning: []Diagnostic, AWS codes
//	ok := !statemachines.HasErrors(diags)
//	out, err := statemachines.Marshal(m)        // canonical ASL JSON; Parse(out) == m
//
// Parse rejects text that is not JSON (with Jackson's wording, line and
// column, as AWS reports it), duplicate member names, unknown fields, wrong
// JSON types and missing required fields. Problems are located as AWS
// locates them: "/States/Load/Retry[0]/BackoffRate". Validate checks transitions
// (MISSING_TRANSITION_TARGET, unreachable states, MISSING_END_STATE), state
// names (length, duplicates across the whole definition), field
// exclusivity and ranges, paths and payload templates (with the JSONPath
// and intrinsic parsers the engine uses), query-language rules and JSONata
// syntax, Task resources (unknown optimized integrations; callback and
// .sync patterns and activities in EXPRESS machines), and distributed Map
// configuration. Messages follow AWS's wording where it is known.
//
// # Known limits
//
//   - AWS documents that diagnostic codes and wording may change; the
//     messages here were learnt from recorded AWS responses and may differ
//     for checks without a recording, and the order of several diagnostics
//     may differ from AWS's.
//   - Task resources are checked only for the optimized integrations of
//     lambda, sns, sqs, dynamodb, states, events, apigateway, http, ecs,
//     batch and glue; other services' integrations, and ARNs of other
//     services, are accepted as written.
//   - Region availability of integrations is not checked.
package statemachines
