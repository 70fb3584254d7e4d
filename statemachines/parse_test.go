package statemachines

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// parseErr parses src and returns its ParseError, failing when it parses.
func parseErr(t *testing.T, src string) *ParseError {
	t.Helper()
	_, err := Parse([]byte(src))
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("Parse(%s) = %v, want a *ParseError", src, err)
	}
	return pe
}

func TestParseRejectsShapeErrors(t *testing.T) {
	t.Parallel()
	pass := `{"Type":"Pass","End":true}`
	tests := []struct {
		name, src, loc, msg string
	}{
		{"missing StartAt and States", `{}`, "/", "These fields are required: [States, StartAt]"},
		{"missing StartAt", `{"States":{"A":` + pass + `}}`, "/", "These fields are required: [StartAt]"},
		{"unknown top-level field", `{"StartAt":"A","Foo":1,"States":{"A":` + pass + `}}`, "/", "Field 'Foo' is not supported"},
		{"unknown state field", `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"_comment":"x"}}}`, "/States/A", "Field '_comment' is not supported"},
		{"field of another type", `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Retry":[]}}}`, "/States/A", "Field 'Retry' is not supported"},
		{"End on Choice", `{"StartAt":"A","States":{"A":{"Type":"Choice","End":true,"Choices":[{"Variable":"$.x","IsNull":true,"Next":"A"}]}}}`, "/States/A", "Field 'End' is not supported"},
		{"bad type value", `{"StartAt":"A","States":{"A":{"Type":"Nope"}}}`, "/States/A/Type", "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]"},
		{"missing type", `{"StartAt":"A","States":{"A":{"End":true}}}`, "/States/A", "These fields are required: [Type]"},
		{"string for integer", `{"StartAt":"A","TimeoutSeconds":"5","States":{"A":` + pass + `}}`, "/TimeoutSeconds", "Expected value of type [INTEGER]"},
		{"fraction for integer", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","End":true,"Retry":[{"ErrorEquals":["X"],"MaxAttempts":1.5}]}}}`, "/States/A/Retry[0]/MaxAttempts", "Expected value of type [INTEGER]"},
		{"string BackoffRate", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","End":true,"Retry":[{"ErrorEquals":["X"],"BackoffRate":"2"}]}}}`, "/States/A/Retry[0]/BackoffRate", "Expected value of type [NUMBER]"},
		{"number for string", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":7}}}`, "/States/A/Next", "Expected value of type [STRING]"},
		{"ErrorEquals element", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","End":true,"Catch":[{"ErrorEquals":[1],"Next":"A"}]}}}`, "/States/A/Catch[0]/ErrorEquals[0]", "Expected value of type [STRING]"},
		{"catcher without Next", `{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","End":true,"Catch":[{"ErrorEquals":["X"]}]}}}`, "/States/A/Catch[0]", "These fields are required: [Next]"},
		{"task without Resource", `{"StartAt":"A","States":{"A":{"Type":"Task","End":true}}}`, "/States/A", "These fields are required: [Resource]"},
		{"state not an object", `{"StartAt":"A","States":{"A":[]}}`, "/States/A", "Expected value of type [OBJECT]"},
		{"pointer escaping", `{"StartAt":"a/b~c","States":{"a/b~c":{"Type":"Pass","End":true,"X":1}}}`, "/States/a/b~c", "Field 'X' is not supported"},
		{"nested branch field", `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true,"Bad":true}}}]}}}`, "/States/P/Branches[0]/States/B", "Field 'Bad' is not supported"},
		{"TimeoutSeconds in a branch", `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"B","TimeoutSeconds":1,"States":{"B":{"Type":"Pass","End":true}}}]}}}`, "/States/P/Branches[0]", "Field 'TimeoutSeconds' is not supported"},
		{"two operators", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsNull":true,"IsString":true,"Next":"C"}]}}}`, "/States/C/Choices[0]", "Only one comparison operator is allowed in a Choice Rule, found: [IsNull, IsString]"},
		{"operand type", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":"1","Next":"C"}]}}}`, "/States/C/Choices[0]/NumericEquals", "Expected value of type [NUMBER]"},
		{"Next in a nested rule", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Not":{"Variable":"$.x","IsNull":true,"Next":"C"},"Next":"C"}]}}}`, "/States/C/Choices[0]/Not", "Field 'Next' is not supported"},
		{"Map without processor", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true}}}`, "/States/M", "These fields are required: [ItemProcessor]"},
		{"Map with both processors", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}},"Iterator":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "/States/M", "There should only be one of the following fields: [ItemProcessor, Iterator]"},
		{"ProcessorConfig field", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE","Foo":1},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}}`, "/States/M/ItemProcessor/ProcessorConfig", "Field 'Foo' is not supported"},
		{"bad QueryLanguage", `{"StartAt":"A","QueryLanguage":"XPath","States":{"A":` + pass + `}}`, "/QueryLanguage", "Value should be one of the following: [JSONPath, JSONata]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pe := parseErr(t, tt.src)
			for _, d := range pe.Diagnostics {
				if d.Location == tt.loc && d.Message == tt.msg && d.Code == CodeSchemaValidation {
					return
				}
			}
			t.Errorf("want %s: %s; got %v", tt.loc, tt.msg, pe.Diagnostics)
		})
	}
}

func TestParseRejectsMalformedJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src  string
		line, col  int
		msgPrefix  string
		wantSchema bool
	}{
		{"bare word", "not a definition", 1, 4, "Unrecognized token 'not'", false},
		{"trailing comma", `{"a":1,}`, 1, 9, "Unexpected character ('}' (code 125)): was expecting double-quote to start field name", false},
		{"missing colon", "{\n  \"StartAt\" \"A\"}", 2, 14, "Unexpected character ('\"' (code 34)): was expecting a colon", false},
		{"duplicate key", "{\"StartAt\":\"A\",\n\"StartAt\":\"B\"}", 2, 10, "Duplicate field 'StartAt'", false},
		{"duplicate state", `{"StartAt":"A","States":{"A":{},"A":{}}}`, 1, 36, "Duplicate field 'A'", false},
		{"unterminated", `{"StartAt":"A"`, 1, 15, "Unexpected end-of-input: expected close marker for Object (start marker at [Source: (String)\"{\"StartAt\":\"A\"\"; line: 1, column: 1])", false},
		{"unterminated array", `{"a":[1,`, 1, 9, "Unexpected end-of-input: expected close marker for Array (start marker at [Source: (String)\"{\"a\":[1,\"; line: 1, column: 6])", false},
		{"bad escape", `{"StartAt":"\q"}`, 1, 15, "Unrecognized character escape 'q' (code 113)", false},
		{"leading zero", `{"TimeoutSeconds":01}`, 1, 19, "Invalid numeric value: Leading zeroes not allowed", false},
		{"control character", "{\"a\":\"x\ny\"}", 2, 1, "Illegal unquoted character ((CTRL-CHAR, code 10))", false},
		{"NaN", `{"TimeoutSeconds":NaN}`, 1, 22, "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow", false},
		{"minus Infinity", `{"TimeoutSeconds":-Infinity}`, 1, 28, "Non-standard token '-Infinity'", false},
		{"comment", "{// note\n}", 1, 3, "Unexpected character ('/' (code 47)): maybe a (non-standard) comment?", false},
		{"misspelt literal", `{"End":tru}`, 1, 11, "Unrecognized token 'tru'", false},
		{"trailing text", `{} x`, 1, 5, "Unexpected character ('x' (code 120))", false},
		{"empty", "  \n", 0, 0, "Definition must be a valid JSON object", true},
		{"array", `[]`, 0, 0, "Definition must be a valid JSON object", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			pe := parseErr(t, tt.src)
			d := pe.Diagnostics[0]
			wantCode := CodeInvalidJSON
			if tt.wantSchema {
				wantCode = CodeSchemaValidation
			}
			if d.Code != wantCode || !strings.HasPrefix(d.Message, tt.msgPrefix) {
				t.Errorf("got %s %q, want %s %q…", d.Code, d.Message, wantCode, tt.msgPrefix)
			}
			if pe.Line != tt.line || pe.Column != tt.col {
				t.Errorf("position line %d column %d, want line %d column %d", pe.Line, pe.Column, tt.line, tt.col)
			}
		})
	}
}

func TestParseJacksonLocation(t *testing.T) {
	t.Parallel()
	pe := parseErr(t, "not a definition")
	want := `[Source: (String)"not a definition"; line: 1, column: 4]`
	if got := pe.Diagnostics[0].Location; got != want {
		t.Errorf("location %s, want %s", got, want)
	}
	long := strings.Repeat(" ", 600) + "x"
	pe = parseErr(t, long)
	if got := pe.Diagnostics[0].Location; !strings.Contains(got, `"[truncated 101 chars]; line: 1, column: 602]`) {
		t.Errorf("long source location %s", got)
	}
}

func i64(n int64) *int64     { return &n }
func f64(f float64) *float64 { return &f }
func mustParse(t *testing.T, src string) *StateMachine {
	t.Helper()
	m, err := Parse([]byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return m
}

func TestParseStates(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string // one state named S
		want State
	}{
		{"pass", `{"Type":"Pass","Comment":"c","InputPath":"$.a","Parameters":{"x.$":"$.b"},"Result":null,"ResultPath":null,"OutputPath":"$","Assign":{"v":1},"Next":"T"}`,
			State{Type: TypePass, Comment: "c", InputPath: OptPath{Set: true, Path: "$.a"}, Parameters: map[string]any{"x.$": "$.b"},
				HasResult: true, ResultPath: OptPath{Set: true, Null: true}, OutputPath: OptPath{Set: true, Path: "$"}, Assign: map[string]any{"v": 1.0}, Next: "T"}},
		{"task", `{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":30,"HeartbeatSecondsPath":"$.h","ResultSelector":{"p.$":"$.Payload"},"Credentials":{"RoleArn":"r"},"End":true,
			"Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"MaxAttempts":5,"BackoffRate":1.5,"MaxDelaySeconds":10,"JitterStrategy":"FULL","Comment":"r"}],
			"Catch":[{"ErrorEquals":["E"],"Next":"T","ResultPath":"$.err","Comment":"k"}]}`,
			State{Type: TypeTask, Resource: "arn:aws:states:::lambda:invoke", TimeoutSeconds: IntField{Value: i64(30)}, HeartbeatSecondsPath: "$.h",
				ResultSelector: map[string]any{"p.$": "$.Payload"}, Credentials: map[string]any{"RoleArn": "r"}, End: true,
				Retry: []*Retrier{{ErrorEquals: []string{"States.ALL"}, IntervalSeconds: i64(2), MaxAttempts: i64(5), BackoffRate: f64(1.5), MaxDelaySeconds: i64(10), JitterStrategy: "FULL", Comment: "r"}},
				Catch: []*Catcher{{ErrorEquals: []string{"E"}, Next: "T", ResultPath: OptPath{Set: true, Path: "$.err"}, Comment: "k"}}}},
		{"jsonata task", `{"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::lambda:invoke","Arguments":"{% $states.input %}","Output":{"a":"{% 1 %}"},"TimeoutSeconds":"{% 5 %}","End":true}`,
			State{Type: TypeTask, QueryLanguage: JSONata, Resource: "arn:aws:states:::lambda:invoke", Arguments: "{% $states.input %}", Output: map[string]any{"a": "{% 1 %}"},
				TimeoutSeconds: IntField{Expr: "{% 5 %}"}, End: true}},
		{"wait", `{"Type":"Wait","TimestampPath":"$.t","Next":"T"}`, State{Type: TypeWait, TimestampPath: "$.t", Next: "T"}},
		{"wait seconds", `{"Type":"Wait","Seconds":0,"End":true}`, State{Type: TypeWait, Seconds: IntField{Value: i64(0)}, End: true}},
		{"succeed", `{"Type":"Succeed","OutputPath":"$.x"}`, State{Type: TypeSucceed, OutputPath: OptPath{Set: true, Path: "$.x"}}},
		{"fail", `{"Type":"Fail","ErrorPath":"$.e","Cause":"why"}`, State{Type: TypeFail, ErrorPath: "$.e", Cause: "why"}},
		{"choice", `{"Type":"Choice","Default":"T","Choices":[{"And":[{"Variable":"$.a","NumericGreaterThanEquals":1},{"Not":{"Variable":"$.b","StringEqualsPath":"$.c"}}],"Next":"T","Assign":{"x":1}},{"Variable":"$.t","TimestampLessThan":"2020-01-01T00:00:00Z","Next":"T"}]}`,
			State{Type: TypeChoice, Default: "T", Choices: []*ChoiceRule{
				{And: []*ChoiceRule{{Variable: "$.a", Operator: "NumericGreaterThanEquals", Value: 1.0}, {Not: &ChoiceRule{Variable: "$.b", Operator: "StringEqualsPath", Value: "$.c"}}}, Next: "T", Assign: map[string]any{"x": 1.0}},
				{Variable: "$.t", Operator: "TimestampLessThan", Value: "2020-01-01T00:00:00Z", Next: "T"}}}},
		{"jsonata choice", `{"Type":"Choice","QueryLanguage":"JSONata","Choices":[{"Condition":"{% true %}","Next":"T","Output":1}]}`,
			State{Type: TypeChoice, QueryLanguage: JSONata, Choices: []*ChoiceRule{{Condition: "{% true %}", Next: "T", Output: 1.0}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m := mustParse(t, `{"StartAt":"S","States":{"S":`+tt.src+`,"T":{"Type":"Succeed"}}}`)
			tt.want.Name = "S"
			if got := m.States["S"]; !reflect.DeepEqual(got, &tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, &tt.want)
			}
		})
	}
}

func TestParseMachineAndNesting(t *testing.T) {
	t.Parallel()
	src := `{"Comment":"top","StartAt":"P","TimeoutSeconds":60,"Version":"1.0","QueryLanguage":"JSONPath","States":{
		"P":{"Type":"Parallel","Next":"M","Branches":[{"StartAt":"B1","Comment":"b","States":{"B1":{"Type":"Pass","End":true}}}]},
		"M":{"Type":"Map","End":true,"ItemsPath":"$.items","MaxConcurrency":2,"ToleratedFailurePercentage":12.5,"ToleratedFailureCountPath":"$.n","Label":"L",
			"ItemSelector":{"v.$":"$$.Map.Item.Value"},
			"ItemReader":{"Resource":"arn:aws:states:::s3:listObjectsV2","Parameters":{"Bucket":"b"},"ReaderConfig":{"MaxItems":10}},
			"ItemBatcher":{"MaxItemsPerBatch":5,"BatchInput":{"k":1}},
			"ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"o"}},
			"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"I","States":{"I":{"Type":"Succeed"}}}}}}`
	m := mustParse(t, src)
	if m.Comment != "top" || *m.TimeoutSeconds != 60 || m.Version != "1.0" || m.QueryLanguage != JSONPath {
		t.Errorf("top-level fields: %+v", m)
	}
	if !reflect.DeepEqual(m.Order, []string{"P", "M"}) {
		t.Errorf("Order = %v, want [P M]", m.Order)
	}
	b := m.States["P"].Branches[0]
	if b.StartAt != "B1" || b.Comment != "b" || b.States["B1"].Type != TypePass {
		t.Errorf("branch: %+v", b)
	}
	mp := m.States["M"]
	want := &State{Name: "M", Type: TypeMap, End: true, ItemsPath: OptPath{Set: true, Path: "$.items"}, MaxConcurrency: IntField{Value: i64(2)},
		ToleratedFailurePercentage: FloatField{Value: f64(12.5)}, ToleratedFailureCountPath: "$.n", Label: "L",
		ItemSelector: map[string]any{"v.$": "$$.Map.Item.Value"},
		ItemReader:   &ItemReader{Resource: "arn:aws:states:::s3:listObjectsV2", Parameters: map[string]any{"Bucket": "b"}, ReaderConfig: map[string]any{"MaxItems": 10.0}},
		ItemBatcher:  &ItemBatcher{MaxItemsPerBatch: IntField{Value: i64(5)}, BatchInput: map[string]any{"k": 1.0}},
		ResultWriter: &ResultWriter{Resource: "arn:aws:states:::s3:putObject", Parameters: map[string]any{"Bucket": "o"}},
		ItemProcessor: &StateMachine{StartAt: "I", ProcessorConfig: &ProcessorConfig{Mode: "DISTRIBUTED", ExecutionType: "EXPRESS"},
			States: map[string]*State{"I": {Name: "I", Type: TypeSucceed}}, Order: []string{"I"}}}
	if !reflect.DeepEqual(mp, want) {
		t.Errorf("map state:\ngot  %+v\nwant %+v", mp, want)
	}
}

func TestParseLegacyMap(t *testing.T) {
	t.Parallel()
	m := mustParse(t, `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"Parameters":{"a.$":"$"},"Iterator":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}}}}}`)
	s := m.States["M"]
	if !s.UsesIterator || !s.UsesParameters || s.ItemProcessor == nil || s.ItemSelector == nil || s.Parameters != nil {
		t.Errorf("legacy Map: UsesIterator=%v UsesParameters=%v ItemSelector=%v Parameters=%v", s.UsesIterator, s.UsesParameters, s.ItemSelector, s.Parameters)
	}
	checkRoundTrip(t, []byte(`{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"Parameters":{"a.$":"$"},"Iterator":{"StartAt":"I","States":{"I":{"Type":"Succeed"}}}}}}`))
}

func TestParseStringEscapes(t *testing.T) {
	t.Parallel()
	m := mustParse(t, `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":"\u00e9\ud83d\ude00\n\"\\\/","End":true}}}`)
	if got, want := m.States["A"].Result, "é😀\n\"\\/"; got != want {
		t.Errorf("Result = %q, want %q", got, want)
	}
}
