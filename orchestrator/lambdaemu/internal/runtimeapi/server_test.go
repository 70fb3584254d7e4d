package runtimeapi

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// client is a test runtime talking to a Server.
type client struct {
	t    *testing.T
	base string
}

func start(t *testing.T) (*Server, *client) {
	t.Helper()
	s, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, &client{t: t, base: "http://" + s.Addr() + "/2018-06-01/runtime/"}
}

func (c *client) do(method, path string, body string, header map[string]string) (*http.Response, string) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func invocation(id string) Invocation {
	return Invocation{ID: id, Payload: []byte(`{"k":1}`), Timeout: 3 * time.Second,
		FunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:f", TraceID: "Root=1-a-b",
		ClientContext: `{"custom":{}}`, CognitoIdentity: `{"cognitoIdentityId":"x"}`}
}

func TestNextDeliversTheEventWithLambdaHeaders(t *testing.T) {
	t.Parallel()
	s, c := start(t)
	call := s.Submit(invocation("req-1"))
	before := time.Now()
	resp, body := c.do("GET", "invocation/next", "", nil)
	if resp.StatusCode != 200 || body != `{"k":1}` {
		t.Fatalf("next = %d %q", resp.StatusCode, body)
	}
	want := map[string]string{
		HeaderRequestID: "req-1", HeaderFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:f",
		HeaderTraceID: "Root=1-a-b", HeaderClientContext: `{"custom":{}}`,
		HeaderCognitoIdentity: `{"cognitoIdentityId":"x"}`, "Content-Type": "application/json",
	}
	for k, v := range want {
		if got := resp.Header.Get(k); got != v {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
	deadline, _ := strconv.ParseInt(resp.Header.Get(HeaderDeadlineMs), 10, 64)
	at := <-call.Delivered()
	if deadline != at.Add(3*time.Second).UnixMilli() || at.Before(before) {
		t.Errorf("deadline %d, delivered at %v: want delivery time + 3s", deadline, at)
	}
	if resp.Header.Get(HeaderTenantID) != "" {
		t.Error("an empty optional header was sent")
	}
}

func TestAnswers(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", MaxResponseSize+1)
	tests := []struct {
		name       string
		path       string // after invocation/req-1/
		body       string
		header     map[string]string
		wantStatus int
		wantType   string // Outcome.ErrorType
		wantBody   string // Outcome.Payload
	}{
		{"response", "response", `{"ok":true}`, nil, 202, "", `{"ok":true}`},
		{"error with header", "error", `{"errorMessage":"m","errorType":"MyError"}`,
			map[string]string{HeaderErrorType: "Runtime.Custom"}, 202, "Runtime.Custom", `{"errorMessage":"m","errorType":"MyError"}`},
		{"error typed by body", "error", `{"errorMessage":"m","errorType":"MyError"}`, nil, 202, "MyError", `{"errorMessage":"m","errorType":"MyError"}`},
		{"error untyped", "error", `not json`, nil, 202, "Runtime.Unknown", `not json`},
		{"response too large", "response", big, nil, 413, ResponseSizeTooLargeType,
			`{"errorType":"Function.ResponseSizeTooLarge","errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes)."}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, c := start(t)
			call := s.Submit(invocation("req-1"))
			c.do("GET", "invocation/next", "", nil)
			resp, _ := c.do("POST", "invocation/req-1/"+tc.path, tc.body, tc.header)
			if resp.StatusCode != tc.wantStatus {
				t.Errorf("status = %d, want %d", resp.StatusCode, tc.wantStatus)
			}
			o := <-call.Done()
			if o.ErrorType != tc.wantType || string(o.Payload) != tc.wantBody {
				t.Errorf("outcome = %q %.80q, want %q %.80q", o.ErrorType, o.Payload, tc.wantType, tc.wantBody)
			}
		})
	}
}

func TestStateTransitionsAreEnforced(t *testing.T) {
	t.Parallel()
	s, c := start(t)
	if resp, _ := c.do("POST", "invocation/req-1/response", "{}", nil); resp.StatusCode != 403 {
		t.Errorf("response before next: %d, want 403", resp.StatusCode)
	}
	s.Submit(invocation("req-1"))
	c.do("GET", "invocation/next", "", nil)
	resp, body := c.do("POST", "invocation/other/response", "{}", nil)
	if resp.StatusCode != 400 || !strings.Contains(body, `"InvalidRequestID"`) {
		t.Errorf("wrong request id: %d %s, want 400 InvalidRequestID", resp.StatusCode, body)
	}
	if resp, body := c.do("GET", "invocation/next", "", nil); resp.StatusCode != 403 || !strings.Contains(body, "InvalidStateTransition") {
		t.Errorf("next before answering: %d %s, want 403", resp.StatusCode, body)
	}
	if resp, _ := c.do("POST", "invocation/req-1/response", "{}", nil); resp.StatusCode != 202 {
		t.Errorf("response: %d, want 202", resp.StatusCode)
	}
	if resp, _ := c.do("POST", "invocation/req-1/error", "{}", nil); resp.StatusCode != 403 {
		t.Errorf("second answer: %d, want 403", resp.StatusCode)
	}
	if resp, _ := c.do("POST", "init/error", "{}", nil); resp.StatusCode != 403 {
		t.Errorf("init error after init: %d, want 403", resp.StatusCode)
	}
	if resp, _ := c.do("PUT", "invocation/next", "", nil); resp.StatusCode != 405 {
		t.Errorf("PUT next: %d, want 405", resp.StatusCode)
	}
}

func TestInitError(t *testing.T) {
	t.Parallel()
	s, c := start(t)
	resp, body := c.do("POST", "init/error", `{"errorMessage":"bad config","errorType":"ConfigError"}`,
		map[string]string{HeaderErrorType: "Runtime.ConfigError"})
	if resp.StatusCode != 202 || strings.TrimSpace(body) != `{"status":"OK"}` {
		t.Fatalf("init/error = %d %s, want 202 {\"status\":\"OK\"}", resp.StatusCode, body)
	}
	o := <-s.InitError()
	var doc map[string]string
	json.Unmarshal(o.Payload, &doc)
	if o.ErrorType != "Runtime.ConfigError" || doc["errorType"] != "ConfigError" {
		t.Errorf("init outcome = %q %s", o.ErrorType, o.Payload)
	}
}

// TestTrailerError: aws-lambda-go reports a response body that failed
// midway through the Lambda-Runtime-Function-Error-* trailers.
func TestTrailerError(t *testing.T) {
	t.Parallel()
	s, c := start(t)
	call := s.Submit(invocation("req-1"))
	c.do("GET", "invocation/next", "", nil)
	doc := `{"errorMessage":"read failed","errorType":"errorString"}`
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", c.base+"invocation/req-1/response", pr)
	req.Trailer = http.Header{HeaderErrorType: nil, TrailerErrorBody: nil}
	go func() {
		pw.Write([]byte(`{"partial":`))
		req.Trailer.Set(HeaderErrorType, "errorString")
		req.Trailer.Set(TrailerErrorBody, base64.StdEncoding.EncodeToString([]byte(doc)))
		pw.Close()
	}()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	o := <-call.Done()
	if resp.StatusCode != 202 || o.ErrorType != "errorString" || string(o.Payload) != doc {
		t.Errorf("status %d outcome %q %s; want 202 errorString %s", resp.StatusCode, o.ErrorType, o.Payload, doc)
	}
}

func TestCloseReleasesAWaitingNext(t *testing.T) {
	t.Parallel()
	s, c := start(t)
	done := make(chan int)
	go func() {
		resp, _ := c.do("GET", "invocation/next", "", nil)
		done <- resp.StatusCode
	}()
	time.Sleep(50 * time.Millisecond)
	s.Close()
	select {
	case code := <-done:
		if code != 500 {
			t.Errorf("next during Close = %d, want 500", code)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("a waiting /next was not released by Close")
	}
}
