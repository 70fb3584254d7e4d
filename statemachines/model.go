package statemachines

// This file is the typed model of an Amazon States Language definition. It is
// the contract between the parser (which builds it, strictly, from JSON), the
// validator, the pure semantics in this package, the local engine and the Go
// DSL compiler (which builds it from Go code and marshals it back to ASL).
//
// JSON values inside a definition (payload templates, literal results, Choice
// values) are held as decoded JSON: nil, bool, float64, string, []any and
// map[string]any, exactly what encoding/json produces for an `any`.

// QueryLanguage is the language a state's fields are written in.
type QueryLanguage string

// The two query languages of ASL.
const (
	JSONPath QueryLanguage = "JSONPath"
	JSONata  QueryLanguage = "JSONata"
)

// StateType is the value of a state's "Type" field.
type StateType string

// The eight state types.
const (
	TypePass     StateType = "Pass"
	TypeTask     StateType = "Task"
	TypeChoice   StateType = "Choice"
	TypeWait     StateType = "Wait"
	TypeSucceed  StateType = "Succeed"
	TypeFail     StateType = "Fail"
	TypeParallel StateType = "Parallel"
	TypeMap      StateType = "Map"
)

// StateMachine is a whole definition, or the body of a Parallel branch or a
// Map ItemProcessor (which have no TimeoutSeconds or Version).
type StateMachine struct {
	Comment        string
	StartAt        string
	States         map[string]*State
	Order          []string // state names in the order they appear in the definition
	TimeoutSeconds *int64
	Version        string
	QueryLanguage  QueryLanguage // "" means JSONPath (the default)

	// ProcessorConfig is set on a Map's ItemProcessor only.
	ProcessorConfig *ProcessorConfig
}

// Language returns the machine's query language, JSONPath when unset.
func (m *StateMachine) Language() QueryLanguage {
	if m.QueryLanguage == "" {
		return JSONPath
	}
	return m.QueryLanguage
}

// OptPath is an optional JSONPath field such as InputPath, ResultPath or
// OutputPath, which distinguishes absent (Set false: the default "$"
// applies), explicit null (Set and Null) and a path.
type OptPath struct {
	Set  bool
	Null bool
	Path string
}

// IntField is a field that is an integer in JSONPath mode and may also be a
// JSONata expression string ("{% ... %}") in JSONata mode. At most one of
// Value and Expr is set; neither means absent.
type IntField struct {
	Value *int64
	Expr  string
}

// IsSet reports whether the field was given.
func (f IntField) IsSet() bool { return f.Value != nil || f.Expr != "" }

// FloatField is IntField for fields that may be fractional
// (ToleratedFailurePercentage).
type FloatField struct {
	Value *float64
	Expr  string
}

// IsSet reports whether the field was given.
func (f FloatField) IsSet() bool { return f.Value != nil || f.Expr != "" }

// State is one state. Fields that do not apply to its Type are zero.
type State struct {
	Name          string
	Type          StateType
	Comment       string
	QueryLanguage QueryLanguage // as written on the state; "" inherits the machine's

	// Transition: exactly one of Next and End on non-terminal states.
	Next string
	End  bool

	// JSONPath input/output processing.
	InputPath      OptPath
	OutputPath     OptPath
	ResultPath     OptPath
	Parameters     any // payload template, nil when absent (Pass, Task, Parallel, Map legacy)
	ResultSelector any // payload template (Task, Parallel, Map)
	Result         any // Pass: literal result
	HasResult      bool

	// JSONata input/output processing.
	Arguments any // Task, Parallel? (JSONata): JSON with {% %} strings
	Output    any // JSONata: the state output template

	// Variables (both languages).
	Assign any // map of variable name → value template; nil when absent

	// Task.
	Resource             string
	TimeoutSeconds       IntField
	TimeoutSecondsPath   string
	HeartbeatSeconds     IntField
	HeartbeatSecondsPath string
	Credentials          any

	// Task, Parallel, Map.
	Retry []*Retrier
	Catch []*Catcher

	// Choice.
	Choices []*ChoiceRule
	Default string

	// Wait: exactly one of these four.
	Seconds       IntField
	SecondsPath   string
	Timestamp     string // literal RFC 3339 or a JSONata expression
	TimestampPath string

	// Fail.
	Error     string // literal or JSONata expression
	ErrorPath string
	Cause     string
	CausePath string

	// Parallel.
	Branches []*StateMachine

	// Map.
	ItemsPath                      OptPath
	Items                          any           // JSONata: array or expression
	ItemProcessor                  *StateMachine // ItemProcessor or legacy Iterator
	UsesIterator                   bool          // the definition wrote Iterator
	ItemSelector                   any           // ItemSelector (or legacy Parameters on Map)
	UsesParameters                 bool          // the definition wrote legacy Parameters, not ItemSelector
	MaxConcurrency                 IntField
	MaxConcurrencyPath             string
	ToleratedFailurePercentage     FloatField
	ToleratedFailurePercentagePath string
	ToleratedFailureCount          IntField
	ToleratedFailureCountPath      string
	ItemBatcher                    *ItemBatcher
	ItemReader                     *ItemReader
	ResultWriter                   *ResultWriter
	Label                          string
}

// ProcessorConfig is a Map ItemProcessor's configuration.
type ProcessorConfig struct {
	Mode          string // INLINE (default) or DISTRIBUTED
	ExecutionType string // STANDARD or EXPRESS (DISTRIBUTED only)
}

// ItemBatcher groups Map items into batches.
type ItemBatcher struct {
	MaxItemsPerBatch          IntField
	MaxItemsPerBatchPath      string
	MaxInputBytesPerBatch     IntField
	MaxInputBytesPerBatchPath string
	BatchInput                any
}

// ItemReader reads a distributed Map's items from an outside source.
type ItemReader struct {
	Resource     string
	Parameters   any
	Arguments    any
	ReaderConfig map[string]any
}

// ResultWriter writes a distributed Map's results to an outside sink.
type ResultWriter struct {
	Resource     string
	Parameters   any
	Arguments    any
	WriterConfig map[string]any
}

// Retrier is one element of a Retry array.
type Retrier struct {
	ErrorEquals     []string
	IntervalSeconds *int64   // default 1
	MaxAttempts     *int64   // default 3
	BackoffRate     *float64 // default 2.0
	MaxDelaySeconds *int64   // no cap when nil
	JitterStrategy  string   // "FULL" or "NONE" (default)
	Comment         string
}

// Catcher is one element of a Catch array.
type Catcher struct {
	ErrorEquals []string
	Next        string
	ResultPath  OptPath
	Assign      any
	Output      any
	Comment     string
}

// ChoiceRule is a Choice rule: a top-level rule (with Next), or a nested one
// inside And/Or/Not. Exactly one of the forms is used:
//   - a comparison: Variable, Operator and Value (a literal, or a path string
//     for the *Path operators; for Is* operators the boolean);
//   - And / Or (non-empty lists) or Not;
//   - Condition (JSONata: a "{% %}" string, or a boolean literal).
type ChoiceRule struct {
	Variable  string
	Operator  string // e.g. "StringEquals", "NumericLessThanPath", "IsPresent"
	Value     any
	And       []*ChoiceRule
	Or        []*ChoiceRule
	Not       *ChoiceRule
	Condition any

	// Top-level rules only.
	Next    string
	Assign  any
	Output  any
	Comment string
}

// Language returns the query language in effect for state s inside machine
// m: the state's own, else the machine's, else JSONPath.
func (s *State) Language(m *StateMachine) QueryLanguage {
	if s.QueryLanguage != "" {
		return s.QueryLanguage
	}
	return m.Language()
}
