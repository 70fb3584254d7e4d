package local

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	asl "github.com/baton-run/baton/statemachines"
	"github.com/google/uuid"
)

// lambdaInvokeParams reads FunctionName and Payload of an
// arn:aws:states:::lambda:invoke task.
func (s *stateRun) lambdaInvokeParams(params any) (fn string, payload []byte, ferr *asl.Error) {
	m, _ := params.(map[string]any)
	name, _ := m["FunctionName"].(string)
	if name == "" {
		return "", nil, &asl.Error{Name: asl.ErrRuntime, Cause: s.errorPrefix() +
			"The field 'FunctionName' is required by arn:aws:states:::lambda:invoke"}
	}
	fn = s.th.r.e.FunctionArn(name)
	switch p := m["Payload"].(type) {
	case nil:
		return fn, []byte("{}"), nil
	case string:
		return fn, []byte(p), nil
	default:
		return fn, []byte(jsonText(p)), nil
	}
}

// FunctionArn returns the full ARN of a Lambda function given by name,
// partial ARN or full ARN (a version or alias qualifier is kept).
func (e *Engine) FunctionArn(name string) string {
	if strings.HasPrefix(name, "arn:") {
		return name
	}
	if strings.Contains(name, ":function:") { // ACCOUNT:function:NAME
		return fmt.Sprintf("arn:aws:lambda:%s:%s", e.opts.Region, name)
	}
	return fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", e.opts.Region, e.opts.Account, name)
}

// FunctionName returns the function name of a Lambda function ARN (or
// name), without qualifier.
func FunctionName(arnOrName string) string {
	if _, rest, ok := strings.Cut(arnOrName, ":function:"); ok {
		name, _, _ := strings.Cut(rest, ":")
		return name
	}
	return arnOrName
}

// functionNotFound is Lambda's error for an unknown function.
func (e *Engine) functionNotFound(resource string) *asl.Error {
	arn := e.FunctionArn(FunctionName(resource))
	return &asl.Error{Name: "Lambda.ResourceNotFoundException", Cause: fmt.Sprintf(
		"Function not found: %s:$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: %s; Proxy: null)",
		arn, uuid.NewString())}
}

// invokeEnvelope is the result of arn:aws:states:::lambda:invoke: the
// function's payload inside the Lambda Invoke API response.
func invokeEnvelope(raw []byte, now time.Time, logTail bool) map[string]any {
	reqID := uuid.NewString()
	trace := fmt.Sprintf("Root=1-%08x-%s", now.Unix(), strings.ReplaceAll(uuid.NewString(), "-", "")[:24])
	headers := map[string]string{
		"Connection": "keep-alive", "Content-Length": strconv.Itoa(len(raw)), "Content-Type": "application/json",
		"Date": now.UTC().Format(http.TimeFormat), "X-Amz-Executed-Version": "$LATEST",
		"x-amzn-Remapped-Content-Length": "0", "x-amzn-RequestId": reqID, "X-Amzn-Trace-Id": trace,
	}
	logResult := ""
	if logTail {
		logResult = base64.StdEncoding.EncodeToString([]byte("START RequestId: " + reqID + " Version: $LATEST\nEND RequestId: " + reqID + "\n"))
		headers["X-Amz-Log-Result"] = logResult
	}
	all, single := map[string]any{}, map[string]any{}
	for k, v := range headers {
		all[k], single[k] = []any{v}, v
	}
	env := map[string]any{
		"ExecutedVersion":     "$LATEST",
		"Payload":             parseResult(raw),
		"SdkHttpMetadata":     map[string]any{"AllHttpHeaders": all, "HttpHeaders": single, "HttpStatusCode": float64(200)},
		"SdkResponseMetadata": map[string]any{"RequestId": reqID},
		"StatusCode":          float64(200),
	}
	if logTail {
		env["LogResult"] = logResult
	}
	return env
}

func unmarshal(data []byte, v any) error {
	if len(data) == 0 {
		return nil
	}
	return json.Unmarshal(data, v)
}

// millis renders a time as the SDK's JSON timestamps (epoch milliseconds).
func millis(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return float64(t.UnixMilli())
}
