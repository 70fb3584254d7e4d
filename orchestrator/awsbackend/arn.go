package awsbackend

import (
	"encoding/json"
	"reflect"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// ExecutionArn derives an execution's ARN from its state machine's ARN and
// the execution name, as Step Functions forms it:
// arn:aws:states:REGION:ACCOUNT:stateMachine:SM → …:execution:SM:NAME.
func ExecutionArn(stateMachineArn, name string) string {
	return strings.Replace(stateMachineArn, ":stateMachine:", ":execution:", 1) + ":" + name
}

// optional turns "" into a nil pointer, the SDK's "not set".
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

// sameJSON reports whether two JSON texts hold the same value ("" = {}).
func sameJSON(a, b string) bool {
	var va, vb any
	if a == "" {
		a = "{}"
	}
	if b == "" {
		b = "{}"
	}
	if json.Unmarshal([]byte(a), &va) != nil || json.Unmarshal([]byte(b), &vb) != nil {
		return a == b
	}
	return reflect.DeepEqual(va, vb)
}
