package statemachines

import (
	"fmt"
	"strings"
	"testing"
)

// lambdaARN is a Task resource every check accepts.
const lambdaARN = "arn:aws:lambda:us-east-1:123456789012:function:f"

func TestValidateDiagnostics(t *testing.T) {
	t.Parallel()
	task := func(extra string) string {
		return `{"Type":"Task","Resource":"` + lambdaARN + `","End":true` + extra + `}`
	}
	tests := []struct {
		name   string
		states string // the States object of a machine starting at "A"
		typ    MachineType
		code   string
		loc    string
		msg    string // substring
	}{
		{"missing Next target", `{"A":{"Type":"Pass","Next":"B"}}`, "", CodeMissingTransitionTarget, "/States/A/Next", "Missing 'Next' target: B"},
		{"missing Default target", `{"A":{"Type":"Choice","Default":"Z","Choices":[{"Variable":"$.x","IsNull":true,"Next":"E"}]},"E":{"Type":"Succeed"}}`, "", CodeMissingTransitionTarget, "/States/A/Default", "Missing 'Default' target: Z"},
		{"missing Choice target", `{"A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsNull":true,"Next":"Q"}],"Default":"E"},"E":{"Type":"Succeed"}}`, "", CodeMissingTransitionTarget, "/States/A/Choices[0]/Next", "Missing 'Next' target: Q"},
		{"missing Catch target", `{"A":` + task(`,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Q"}]`) + `}`, "", CodeMissingTransitionTarget, "/States/A/Catch[0]/Next", "Missing 'Next' target: Q"},
		{"unreachable", `{"A":{"Type":"Succeed"},"B":{"Type":"Succeed"}}`, "", CodeMissingTransitionTarget, "/States/B", `State "B" is not reachable.`},
		{"no terminal state", `{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}`, "", CodeMissingEndState, "", "Workflow has no terminal state"},
		{"neither Next nor End", `{"A":{"Type":"Pass"},"E":{"Type":"Succeed"}}`, "", CodeSchemaValidation, "/States/A", "This object should have only one of the following fields: [Next, End]"},
		{"both Next and End", `{"A":{"Type":"Pass","Next":"E","End":true},"E":{"Type":"Succeed"}}`, "", CodeSchemaValidation, "/States/A", "There should only be one of the following fields: [Next, End]"},
		{"empty States", `{}`, "", CodeSchemaValidation, "/States", "Value cannot be empty"},
		{"long state name", `{"A":{"Type":"Pass","Next":"` + strings.Repeat("x", 81) + `"},"` + strings.Repeat("x", 81) + `":{"Type":"Succeed"}}`, "", CodeInvalidStateName, "/States/" + strings.Repeat("x", 81), "exceeds the maximum length of 80"},
		{"control char in name", `{"A":{"Type":"Pass","Next":"b\u0001"},"b\u0001":{"Type":"Succeed"}}`, "", CodeInvalidStateName, "/States/b\x01", "control characters"},
		{"duplicate across branches", `{"A":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"X","States":{"X":{"Type":"Succeed"}}},{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}]}}`, "", CodeDuplicateStateName, "/States/A/Branches[1]/States/X", "Duplicate State name: X"},
		{"wait without duration", `{"A":{"Type":"Wait","End":true}}`, "", CodeSchemaValidation, "/States/A", "This object should have only one of the following fields: [SecondsPath, Seconds, TimestampPath, Timestamp]"},
		{"wait with two durations", `{"A":{"Type":"Wait","Seconds":1,"SecondsPath":"$.s","End":true}}`, "", CodeSchemaValidation, "/States/A", "There should only be one of the following fields: [SecondsPath, Seconds, TimestampPath, Timestamp]"},
		{"wait negative", `{"A":{"Type":"Wait","Seconds":-1,"End":true}}`, "", CodeSchemaValidation, "/States/A/Seconds", "Minimum value is 0"},
		{"wait timestamp", `{"A":{"Type":"Wait","Timestamp":"2016-12-05 21:29:29Z","End":true}}`, "", CodeSchemaValidation, "/States/A/Timestamp", "String does not match RFC3339 timestamp"},
		{"States.ALL not alone", `{"A":` + task(`,"Retry":[{"ErrorEquals":["States.ALL","E"]}]`) + `}`, "", CodeSchemaValidation, "/States/A/Retry[0]/ErrorEquals", "'States.ALL' must appear alone"},
		{"States.ALL not last", `{"A":` + task(`,"Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["E"]}]`) + `}`, "", CodeSchemaValidation, "/States/A/Retry[0]", "must be the last one in Retry"},
		{"catch States.ALL not last", `{"A":` + task(`,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"A"},{"ErrorEquals":["E"],"Next":"A"}]`) + `}`, "", CodeSchemaValidation, "/States/A/Catch[0]", "must be the last one in Catch"},
		{"empty ErrorEquals", `{"A":` + task(`,"Retry":[{"ErrorEquals":[]}]`) + `}`, "", CodeSchemaValidation, "/States/A/Retry[0]/ErrorEquals", "Value cannot be empty"},
		{"BackoffRate below 1", `{"A":` + task(`,"Retry":[{"ErrorEquals":["E"],"BackoffRate":0.5}]`) + `}`, "", CodeSchemaValidation, "/States/A/Retry[0]/BackoffRate", "Minimum value is 1"},
		{"MaxAttempts negative", `{"A":` + task(`,"Retry":[{"ErrorEquals":["E"],"MaxAttempts":-1}]`) + `}`, "", CodeSchemaValidation, "/States/A/Retry[0]/MaxAttempts", "Minimum value is 0"},
		{"IntervalSeconds negative", `{"A":` + task(`,"Retry":[{"ErrorEquals":["E"],"IntervalSeconds":-1}]`) + `}`, "", CodeSchemaValidation, "/States/A/Retry[0]/IntervalSeconds", "Minimum value is 0"},
		{"JitterStrategy", `{"A":` + task(`,"Retry":[{"ErrorEquals":["E"],"JitterStrategy":"HALF"}]`) + `}`, "", CodeSchemaValidation, "/States/A/Retry[0]/JitterStrategy", "[FULL, NONE]"},
		{"heartbeat not below timeout", `{"A":` + task(`,"TimeoutSeconds":10,"HeartbeatSeconds":10`) + `}`, "", CodeSchemaValidation, "/States/A/HeartbeatSeconds", "smaller than"},
		{"timeout zero", `{"A":` + task(`,"TimeoutSeconds":0`) + `}`, "", CodeSchemaValidation, "/States/A/TimeoutSeconds", "Minimum value is 1"},
		{"timeout and path", `{"A":` + task(`,"TimeoutSeconds":5,"TimeoutSecondsPath":"$.t"`) + `}`, "", CodeSchemaValidation, "/States/A/TimeoutSeconds", "There should only be one of the following fields: [TimeoutSeconds, TimeoutSecondsPath]"},
		{"ResultPath not a reference path", `{"A":{"Type":"Pass","ResultPath":"$.a[*]","End":true}}`, "", CodeSchemaValidation, "/States/A/ResultPath", "Value is not a Reference Path"},
		{"ResultPath context", `{"A":{"Type":"Pass","ResultPath":"$$.Execution","End":true}}`, "", CodeSchemaValidation, "/States/A/ResultPath", "Value is not a Reference Path"},
		{"InputPath syntax", `{"A":{"Type":"Pass","InputPath":"$.a[","End":true}}`, "", CodeSchemaValidation, "/States/A/InputPath", "valid JSONPath"},
		{"Variable syntax", `{"A":{"Type":"Choice","Choices":[{"Variable":"a.b","IsNull":true,"Next":"E"}]},"E":{"Type":"Succeed"}}`, "", CodeSchemaValidation, "/States/A/Choices[0]/Variable", "Value is not a Reference Path: Reference path didn't start with '$'"},
		{"template path", `{"A":{"Type":"Pass","Parameters":{"x":{"y.$":"nope"}},"End":true}}`, "", CodeSchemaValidation, "/States/A/Parameters", "The value for the field 'y.$' must be a valid JSONPath or a valid intrinsic function call"},
		{"template intrinsic", `{"A":{"Type":"Pass","Parameters":{"y.$":"States.Format('{}', $.a"},"End":true}}`, "", CodeSchemaValidation, "/States/A/Parameters", "'y.$'"},
		{"template intrinsic escape", `{"A":{"Type":"Pass","Parameters":{"y.$":"States.StringToJson('\\\"')"},"End":true}}`, "", CodeSchemaValidation, "/States/A/Parameters", "'y.$'"},
		{"credentials path", `{"A":` + task(`,"Credentials":{"RoleArn.$":"role"}`) + `}`, "", CodeSchemaValidation, "/States/A/Credentials", "The value for the field 'RoleArn.$' must be a valid JSONPath or a valid intrinsic function call"},
		{"ItemsPath wildcard", `{"A":{"Type":"Map","End":true,"ItemsPath":"$.a[*].b","ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeSchemaValidation, "/States/A/ItemsPath", "Value is not a Reference Path"},
		{"slash in a state name", `{"A":{"Type":"Succeed"},"a/b":{"Type":"Succeed"}}`, "", CodeMissingTransitionTarget, "/States/a/b", `State "a/b" is not reachable.`},
		{"MaxConcurrencyPath selects many", `{"A":{"Type":"Map","End":true,"MaxConcurrencyPath":"$.limits[*]","ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeSchemaValidation, "/States/A/MaxConcurrencyPath", "Value is not a Reference Path"},
		{"MaxConcurrency pair", `{"A":{"Type":"Map","End":true,"MaxConcurrency":2,"MaxConcurrencyPath":"$.n","ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeSchemaValidation, "/States/A/MaxConcurrency", "There should only be one of the following fields: [MaxConcurrency, MaxConcurrencyPath]"},
		{"reader input type", `{"A":{"Type":"Map","End":true,"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"XML"},"Parameters":{"Bucket":"b","Key":"k"}},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeSchemaValidation, "/States/A/ItemReader/ReaderConfig/InputType", "Value should be one of the following: [CSV, JSON, JSONL, MANIFEST, PARQUET]"},
		{"empty ResultWriter", `{"A":{"Type":"Map","End":true,"ResultWriter":{},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeSchemaValidation, "/States/A/ResultWriter", "These fields are required: [Resource]"},
		{"ResultWriter resource", `{"A":{"Type":"Map","End":true,"ResultWriter":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b"}},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeSchemaValidation, "/States/A/ResultWriter/Resource", "does not match any of the allowed values"},
		{"ResultWriter without destination", `{"A":{"Type":"Map","End":true,"ResultWriter":{"Resource":"arn:aws:states:::s3:putObject"},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeSchemaValidation, "/States/A/ResultWriter", "These fields are required: [Parameters]"},
		{"WriterConfig pair", `{"A":{"Type":"Map","End":true,"ResultWriter":{"WriterConfig":{"Transformation":"COMPACT"}},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeSchemaValidation, "/States/A/ResultWriter/WriterConfig", "These fields are required: [OutputType]"},
		{"ResultWriter Arguments in JSONPath", `{"A":{"Type":"Map","End":true,"ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"b"},"Arguments":{"Bucket":"c"}},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeSchemaValidation, "/States/A/ResultWriter/Arguments", "The QueryLanguage is set to 'JSONPath', but field 'Arguments'"},
		{"label characters", `{"A":{"Type":"Map","End":true,"Label":"my label","ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeInvalidLabelName, "/States/A/Label", "Label 'my label' contains a character that is not allowed"},
		{"label length", `{"A":{"Type":"Map","End":true,"Label":"` + strings.Repeat("L", 41) + `","ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeInvalidLabelName, "/States/A/Label", "exceeds the maximum length of 40"},
		{"duplicate label", `{"A":{"Type":"Map","Next":"B","Label":"rows","ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}},"B":{"Type":"Map","End":true,"Label":"rows","ItemProcessor":{"StartAt":"Y","States":{"Y":{"Type":"Succeed"}}}}}`, "", CodeDuplicateLabelName, "/States/B/Label", "Duplicate Label: rows"},
		{"ErrorPath", `{"A":{"Type":"Fail","ErrorPath":"oops"}}`, "", CodeSchemaValidation, "/States/A/ErrorPath", "valid JSONPath or a valid intrinsic"},
		{"Choice without rules", `{"A":{"Type":"Choice","Choices":[],"Default":"E"},"E":{"Type":"Succeed"}}`, "", CodeSchemaValidation, "/States/A/Choices", "Value cannot be empty"},
		{"rule without operator", `{"A":{"Type":"Choice","Choices":[{"Variable":"$.x","Next":"E"}]},"E":{"Type":"Succeed"}}`, "", CodeSchemaValidation, "/States/A/Choices[0]", "must have a comparison operator"},
		{"rule with nothing", `{"A":{"Type":"Choice","Choices":[{"Next":"E"}]},"E":{"Type":"Succeed"}}`, "", CodeSchemaValidation, "/States/A/Choices[0]", "The object must have only one of the following fields, [And, Or, Not, Variable, Condition]"},
		{"empty And", `{"A":{"Type":"Choice","Choices":[{"And":[],"Next":"E"}]},"E":{"Type":"Succeed"}}`, "", CodeSchemaValidation, "/States/A/Choices[0]/And", "Value cannot be empty"},
		{"timestamp operand", `{"A":{"Type":"Choice","Choices":[{"Variable":"$.t","TimestampEquals":"yesterday","Next":"E"}]},"E":{"Type":"Succeed"}}`, "", CodeSchemaValidation, "/States/A/Choices[0]/TimestampEquals", "RFC3339"},
		{"empty Branches", `{"A":{"Type":"Parallel","End":true,"Branches":[]}}`, "", CodeSchemaValidation, "/States/A/Branches", "Value cannot be empty"},
		{"branch unreachable", `{"A":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"X","States":{"X":{"Type":"Succeed"},"Y":{"Type":"Succeed"}}}]}}`, "", CodeMissingTransitionTarget, "/States/A/Branches[0]/States/Y", `State "Y" is not reachable.`},
		{"branch cannot leave", `{"A":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"X","States":{"X":{"Type":"Pass","Next":"A"}}}]}}`, "", CodeMissingTransitionTarget, "/States/A/Branches[0]/States/X/Next", "Missing 'Next' target: A"},
		{"map processor", `{"A":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Pass"}}}}}`, "", CodeSchemaValidation, "/States/A/ItemProcessor/States/X", "This object should have only one of the following fields: [Next, End]"},
		{"map mode", `{"A":{"Type":"Map","End":true,"ItemProcessor":{"ProcessorConfig":{"Mode":"PARALLEL"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeSchemaValidation, "/States/A/ItemProcessor/ProcessorConfig/Mode", "Value should be one of the following: [INLINE, DISTRIBUTED]"},
		{"map percentage", `{"A":{"Type":"Map","End":true,"ToleratedFailurePercentage":101,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeSchemaValidation, "/States/A/ToleratedFailurePercentage", "Maximum value is 100"},
		{"map concurrency", `{"A":{"Type":"Map","End":true,"MaxConcurrency":-1,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeSchemaValidation, "/States/A/MaxConcurrency", "Minimum value is 0"},
		{"unknown integration", `{"A":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:query","End":true}}`, "", CodeSchemaValidation, "/States/A/Resource", "The resource provided arn:aws:states:::dynamodb:query is not recognized"},
		{"unsupported pattern", `{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.sync","End":true}}`, "", CodeSchemaValidation, "/States/A/Resource", "is not recognized"},
		{"not an ARN", `{"A":{"Type":"Task","Resource":"my-function","End":true}}`, "", CodeSchemaValidation, "/States/A/Resource", "is not recognized"},
		{"express token", `{"A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}`, Express, CodeSchemaValidation, "/States/A/Resource", "Express state machine does not support '.waitForTaskToken' service integration "},
		{"express sync", `{"A":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","End":true}}`, Express, CodeSchemaValidation, "/States/A/Resource", "'.sync'"},
		{"express activity", `{"A":{"Type":"Task","Resource":"arn:aws:states:us-east-1:123456789012:activity:a","End":true}}`, Express, CodeSchemaValidation, "/States/A/Resource", "Activity"},
		{"variable name", `{"A":{"Type":"Pass","Assign":{"1x":1},"End":true}}`, "", CodeInvalidVariableName, "/States/A/Assign/1x", "Invalid variable name '1x': the variable name contains invalid characters."},
		{"JSONata field in JSONPath", `{"A":{"Type":"Pass","Output":{"a":1},"End":true}}`, "", CodeSchemaValidation, "/States/A", "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage"},
		{"JSONPath field in JSONata", `{"A":{"Type":"Pass","QueryLanguage":"JSONata","Parameters":{"a":1},"End":true}}`, "", CodeSchemaValidation, "/States/A", "The QueryLanguage is set to 'JSONata', but field 'Parameters' is only supported for the 'JSONPath' QueryLanguage"},
		{"JSONata expression in JSONPath", `{"A":` + task(`,"TimeoutSeconds":"{% 5 %}"`) + `}`, "", CodeSchemaValidation, "/States/A/TimeoutSeconds", "Expected value of type Integer"},
		{"unterminated expression", `{"A":{"Type":"Pass","QueryLanguage":"JSONata","Output":{"a":"{% 1 + "},"End":true}}`, "", CodeSchemaValidation, "/States/A/Output/a", "JSONata string must start with {% and end with %}"},
		{"empty expression", `{"A":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{%  %}","End":true}}`, "", CodeInvalidJSONata, "/States/A/Output", "Unexpected end of expression"},
		{"reserved variable", `{"A":{"Type":"Pass","Assign":{"states":1},"End":true}}`, "", CodeReservedVariableName, "/States/A/Assign/states", "Cannot assign to reserved variable '$states'."},
		{"distributed without ExecutionType", `{"A":{"Type":"Map","End":true,"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeSchemaValidation, "/States/A/ItemProcessor/ProcessorConfig", "These fields are required: [ExecutionType]"},
		{"inline with ExecutionType", `{"A":{"Type":"Map","End":true,"ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE","ExecutionType":"EXPRESS"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeSchemaValidation, "/States/A/ItemProcessor/ProcessorConfig", "Field 'ExecutionType' is not supported"},
		{"item reader resource", `{"A":{"Type":"Map","End":true,"ItemReader":{"Resource":"arn:aws:states:::s3:putObject"},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeSchemaValidation, "/States/A/ItemReader/Resource", "The field 'Resource' does not match any of the allowed values"},
		{"csv without header location", `{"A":{"Type":"Map","End":true,"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV"}},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`, "", CodeSchemaValidation, "/States/A/ItemReader/ReaderConfig", "The field 'CSVHeaderLocation' is required"},
		{"Condition in JSONPath", `{"A":{"Type":"Choice","Choices":[{"Condition":true,"Next":"E"}]},"E":{"Type":"Succeed"}}`, "", CodeSchemaValidation, "/States/A/Choices[0]", "The QueryLanguage is set to 'JSONPath', but field 'Condition' is only supported for the 'JSONata' QueryLanguage"},
		{"no dollar", `{"A":{"Type":"Pass","Parameters":{"id":"$.id","n":{"m":"States.UUID()"}},"End":true}}`, "", CodeNoDollar, "/States/A/Parameters", "The field 'id' does not end with '.$'"},
		{"no dollar nested", `{"A":{"Type":"Pass","Parameters":{"id":"$.id","n":{"m":"States.UUID()"}},"End":true}}`, "", CodeNoDollar, "/States/A/Parameters", "The field 'm' does not end with '.$'"},
		{"static result", `{"A":{"Type":"Pass","Result":{"x.$":"$.a"},"End":true}}`, "", CodePassResultIsStatic, "/States/A/Result", "Result is static"},
		{"no path", `{"A":{"Type":"Fail","Error":"$.error"}}`, "", CodeNoPath, "/States/A/Error", "does not end with 'Path'"},
		{"JSONata syntax", `{"A":{"Type":"Pass","QueryLanguage":"JSONata","Output":{"x":"{% $states.input.( %}"},"End":true}}`, "", CodeInvalidJSONata, "/States/A/Output/x", "Expected ) before end of expression"},
		{"JSONata top-level name", `{"A":{"Type":"Pass","QueryLanguage":"JSONata","Output":{"v":"{% phone %}"},"End":true}}`, "", CodeUnsupportedJSONata, "/States/A/Output/v", "Reference to 'phone' at the top level is not supported."},
		{"JSONata root reference", `{"A":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $$ %}","End":true}}`, "", CodeUnsupportedJSONata, "/States/A/Output", "Reference to '$$' is not supported."},
		{"errorOutput outside Catch", `{"A":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $states.errorOutput %}","End":true}}`, "", CodeUnsupportedJSONata, "/States/A/Output", "Field '$states.errorOutput' does not exist."},
		{"Condition required", `{"A":{"Type":"Choice","QueryLanguage":"JSONata","Choices":[{"Next":"E"}]},"E":{"Type":"Succeed"}}`, "", CodeSchemaValidation, "/States/A/Choices[0]", "[Condition]"},
		{"Variable in JSONata", `{"A":{"Type":"Choice","QueryLanguage":"JSONata","Choices":[{"Condition":"{% true %}","Variable":"$.x","IsNull":true,"Next":"E"}]},"E":{"Type":"Succeed"}}`, "", CodeSchemaValidation, "/States/A/Choices[0]", "The QueryLanguage is set to 'JSONata', but field 'Variable' is only supported for the 'JSONPath' QueryLanguage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := `{"StartAt":"A","States":` + tt.states + `}`
			_, diags := ParseAndValidate([]byte(src), ValidateOptions{Type: tt.typ})
			for _, d := range diags {
				if d.Code == tt.code && d.Location == tt.loc && strings.Contains(d.Message, tt.msg) {
					return
				}
			}
			t.Errorf("want %s at %s containing %q; got %v", tt.code, tt.loc, tt.msg, diags)
		})
	}
}

// TestValidateAccepts lists valid definitions that exercise the edges of
// the rules above; each must produce no diagnostic at all.
func TestValidateAccepts(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"80-character name":               `{"A":{"Type":"Pass","Next":"` + strings.Repeat("é", 80) + `"},"` + strings.Repeat("é", 80) + `":{"Type":"Succeed"}}`,
		"catch loop":                      `{"A":{"Type":"Task","Resource":"` + lambdaARN + `","End":true,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"A","ResultPath":"$.e"}]}}`,
		"retry bounds":                    `{"A":{"Type":"Task","Resource":"` + lambdaARN + `","End":true,"Retry":[{"ErrorEquals":["E"],"IntervalSeconds":1,"MaxAttempts":0,"BackoffRate":1,"MaxDelaySeconds":1,"JitterStrategy":"NONE"},{"ErrorEquals":["States.ALL"]}]}}`,
		"null paths":                      `{"A":{"Type":"Pass","InputPath":null,"OutputPath":null,"ResultPath":null,"End":true}}`,
		"intrinsics":                      `{"A":{"Type":"Pass","Parameters":{"a.$":"States.Format('x{}\\'', $.b)","b.$":"$$.Execution.Id","c":[{"d.$":"States.Array(1, 'two')"}]},"End":true}}`,
		"wait offset":                     `{"A":{"Type":"Wait","Timestamp":"2016-03-14T01:59:00.123+02:00","End":true}}`,
		"jsonata":                         `{"A":{"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::lambda:invoke","Arguments":"{% $states.input %}","TimeoutSeconds":"{% 3 %}","Assign":{"x":"{% 1 %}"},"Output":{"a":"{% $x %}","lit":"100%"},"End":true}}`,
		"variables":                       `{"A":{"Type":"Pass","Assign":{"_x1":1,"y.$":"$.y"},"Next":"B"},"B":{"Type":"Pass","Parameters":{"v.$":"$x"},"End":true}}`,
		"sync patterns":                   `{"A":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","Next":"B"},"B":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:listBuckets","Next":"C"},"C":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}}`,
		"distributed map":                 `{"A":{"Type":"Map","End":true,"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},"Parameters":{"Bucket":"b","Key.$":"$.k"}},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`,
		"JSONPath state in a JSONata Map": `{"A":{"Type":"Map","QueryLanguage":"JSONata","End":true,"ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"P","States":{"P":{"QueryLanguage":"JSONPath","Type":"Pass","End":true}}}}}`,
		"loop inside a Map":               `{"A":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Pass","Next":"Y"},"Y":{"Type":"Pass","Next":"X"}}}}}`,
		"huge MaxConcurrency":             `{"A":{"Type":"Map","End":true,"MaxConcurrency":9223372036854775807,"ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}}}`,
		"errorOutput in a catcher":        `{"A":{"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::lambda:invoke","End":true,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"B","Output":"{% $states.errorOutput %}","Assign":{"e":"{% $states.errorOutput.Cause & '$$' %}"}}]},"B":{"Type":"Succeed"}}`,
		"distinct names across branches":  `{"A":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"X","States":{"X":{"Type":"Succeed"}}},{"StartAt":"Y","States":{"Y":{"Type":"Succeed"}}}]}}`,
	}
	for name, states := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, diags := ParseAndValidate([]byte(`{"StartAt":"A","States":`+states+`}`), ValidateOptions{})
			if len(diags) > 0 {
				t.Errorf("unexpected diagnostics: %v", diags)
			}
		})
	}
}

// TestValidateModel checks what only a model built in Go (the DSL) can get
// wrong: fields the parser would have rejected.
func TestValidateModel(t *testing.T) {
	t.Parallel()
	m := &StateMachine{StartAt: "C", States: map[string]*State{
		"C": {Name: "C", Type: TypeChoice, End: true, Choices: []*ChoiceRule{{Variable: "$.x", Operator: "IsNull", Value: true, Next: "P"}}},
		"P": {Name: "P", Type: TypePass, End: true, Retry: []*Retrier{{ErrorEquals: []string{"E"}}}},
	}}
	got := fmt.Sprint(Validate(m))
	for _, want := range []string{"/States/C: SCHEMA_VALIDATION_FAILED: Field 'End' is not supported", "/States/P: SCHEMA_VALIDATION_FAILED: Field 'Retry' is not supported"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %s", want, got)
		}
	}
	if d := Validate(nil); len(d) != 1 || d[0].Code != CodeSchemaValidation {
		t.Errorf("Validate(nil) = %v", d)
	}
}

// TestValidateNestedQueryLanguage checks that states inside Parallel and
// Map inherit the definition's query language, not the enclosing state's.
func TestValidateNestedQueryLanguage(t *testing.T) {
	t.Parallel()
	src := `{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
		{"StartAt":"X","States":{"X":{"Type":"Pass","QueryLanguage":"JSONPath","Next":"Y"},"Y":{"Type":"Pass","Parameters":{"a":1},"End":true}}}]}}}`
	_, diags := ParseAndValidate([]byte(src), ValidateOptions{})
	want := []string{
		"/States/P/Branches[0]/States/X: SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
		"/States/P/Branches[0]/States/Y: SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'Parameters' is only supported for the 'JSONPath' QueryLanguage",
	}
	got := fmt.Sprint(diags)
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in %s", w, got)
		}
	}
}

// TestValidateExactDiagnostics pins complete diagnostic lists that were
// measured on AWS (ValidateStateMachineDefinition), order included.
func TestValidateExactDiagnostics(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, src, want string }{
		{"dangling StartAt", `{"StartAt":"Nope","States":{"A":{"Type":"Pass","End":true}}}`,
			`[/StartAt: MISSING_TRANSITION_TARGET: Missing 'Next' target: Nope /States/A: MISSING_TRANSITION_TARGET: State "A" is not reachable.]`},
		{"loop without a terminal state hides unreachable states", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"},"Unused":{"Type":"Pass","Next":"A"}}}`,
			`[/: MISSING_END_STATE: Workflow has no terminal state]`},
		{"dangling target before the missing end state", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"NOPE"}}}`,
			`[/States/A/Next: MISSING_TRANSITION_TARGET: Missing 'Next' target: NOPE /: MISSING_END_STATE: Workflow has no terminal state]`},
		{"downgrade is the whole answer for the state", `{"QueryLanguage":"JSONata","StartAt":"X","States":{"X":{"Type":"Pass","QueryLanguage":"JSONPath","Output":{"v":"{% 1 %}"},"End":true}}}`,
			`[/States/X: SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine]`},
		{"downgraded Map keeps its range checks", `{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","QueryLanguage":"JSONPath","MaxConcurrency":-1,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`,
			`[/States/M: SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine /States/M/MaxConcurrency: SCHEMA_VALIDATION_FAILED: Minimum value is 0]`},
		{"Map language does not reach its ItemProcessor", `{"StartAt":"M","States":{"M":{"Type":"Map","QueryLanguage":"JSONata","Items":"{% [1] %}","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Output":{"v":1},"End":true}}},"End":true}}}`,
			`[/States/M/ItemProcessor/States/P: SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage]`},
		{"dangling Choice target", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"Ghost"}],"Default":"Z"},"Z":{"Type":"Pass","End":true}}}`,
			`[/States/C/Choices[0]/Next: MISSING_TRANSITION_TARGET: Missing 'Next' target: Ghost]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, diags := ParseAndValidate([]byte(tt.src), ValidateOptions{})
			if got := fmt.Sprint(diags); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestValidateQueryLanguageOutsideTheEnum pins AWS's measured answers for a
// QueryLanguage that is not exactly JSONPath or JSONata: reported at the
// field, and resolved to JSONata for the rest of the validation.
func TestValidateQueryLanguageOutsideTheEnum(t *testing.T) {
	t.Parallel()
	const enum = "SCHEMA_VALIDATION_FAILED: Value should be one of the following: [JSONPath, JSONata]"
	const inputPath = "/States/X: SCHEMA_VALIDATION_FAILED: The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage"
	tests := []struct{ name, src, want string }{
		{"state, lower case", `{"StartAt":"X","States":{"X":{"Type":"Pass","QueryLanguage":"jsonata","Output":{"v":"{% 1 %}"},"InputPath":"$.a","End":true}}}`,
			"[" + inputPath + " /States/X/QueryLanguage: " + enum + "]"},
		{"state, not a string", `{"StartAt":"X","States":{"X":{"Type":"Pass","QueryLanguage":5,"InputPath":"$.a","End":true}}}`,
			"[" + inputPath + " /States/X/QueryLanguage: SCHEMA_VALIDATION_FAILED: Expected value of type [STRING]]"},
		{"lower-case jsonpath is not a downgrade", `{"QueryLanguage":"JSONata","StartAt":"X","States":{"X":{"Type":"Pass","QueryLanguage":"jsonpath","End":true}}}`,
			"[/States/X/QueryLanguage: " + enum + "]"},
		{"top level", `{"QueryLanguage":"jsonpath","StartAt":"X","States":{"X":{"Type":"Pass","InputPath":"$.a","End":true}}}`,
			"[/QueryLanguage: " + enum + " " + inputPath + "]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, diags := ParseAndValidate([]byte(tt.src), ValidateOptions{})
			if got := fmt.Sprint(diags); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if m != nil {
				t.Error("ParseAndValidate returned a model for an invalid definition")
			}
		})
	}
}
