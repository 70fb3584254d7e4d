package runtimeapi

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// Header names of the Runtime API.
const (
	HeaderRequestID       = "Lambda-Runtime-Aws-Request-Id"
	HeaderDeadlineMs      = "Lambda-Runtime-Deadline-Ms"
	HeaderFunctionARN     = "Lambda-Runtime-Invoked-Function-Arn"
	HeaderTraceID         = "Lambda-Runtime-Trace-Id"
	HeaderClientContext   = "Lambda-Runtime-Client-Context"
	HeaderCognitoIdentity = "Lambda-Runtime-Cognito-Identity"
	HeaderTenantID        = "Lambda-Runtime-Aws-Tenant-Id"
	HeaderErrorType       = "Lambda-Runtime-Function-Error-Type"
	TrailerErrorBody      = "Lambda-Runtime-Function-Error-Body"
)

// ResponseSizeTooLargeType is the error type of a response over MaxResponseSize.
const ResponseSizeTooLargeType = "Function.ResponseSizeTooLarge"

// next hands the pending invocation to the runtime, waiting for one.
func (s *Server) next(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	busy := s.current != nil
	s.initDone = true
	s.mu.Unlock()
	if busy {
		forbidden(w, "InvocationNext", "the current invocation has not been answered")
		return
	}
	select {
	case c := <-s.pending:
		s.deliver(w, c)
	case <-r.Context().Done():
	case <-s.closed:
		renderError(w, http.StatusInternalServerError, "ServiceException", "the execution environment is shutting down")
	}
}

// deliver writes the event and its headers, and starts the invocation's clock.
func (s *Server) deliver(w http.ResponseWriter, c *Call) {
	at := s.now()
	s.mu.Lock()
	s.current = c
	s.mu.Unlock()
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set(HeaderRequestID, c.inv.ID)
	h.Set(HeaderDeadlineMs, strconv.FormatInt(at.Add(c.inv.Timeout).UnixMilli(), 10))
	setIf(h, HeaderFunctionARN, c.inv.FunctionARN)
	setIf(h, HeaderTraceID, c.inv.TraceID)
	setIf(h, HeaderClientContext, c.inv.ClientContext)
	setIf(h, HeaderCognitoIdentity, c.inv.CognitoIdentity)
	setIf(h, HeaderTenantID, c.inv.TenantID)
	w.WriteHeader(http.StatusOK)
	w.Write(c.inv.Payload) //nolint:errcheck // a runtime that hangs up times out
	c.delivered <- at
}

// response records a successful invocation response.
func (s *Server) response(w http.ResponseWriter, r *http.Request) {
	c, ok := s.claim(w, r, "InvocationResponse")
	if !ok {
		return
	}
	body, tooLarge, err := readBody(r.Body)
	switch {
	case err != nil:
		c.done <- s.outcome(body, "Runtime.TruncatedResponse")
		renderError(w, http.StatusBadRequest, "TruncatedHTTPRequest", "HTTP request detected as truncated")
	case tooLarge:
		c.done <- s.outcome(tooLargeDocument(), ResponseSizeTooLargeType)
		renderError(w, http.StatusRequestEntityTooLarge, "RequestEntityTooLarge",
			fmt.Sprintf("Exceeded maximum allowed payload size (%d bytes).", MaxResponseSize))
	case r.Trailer.Get(HeaderErrorType) != "":
		// aws-lambda-go reports a response stream that failed midway in trailers.
		c.done <- s.trailerOutcome(r.Trailer)
		accepted(w)
	default:
		c.done <- Outcome{Payload: body, At: s.now()}
		accepted(w)
	}
}

// invocationError records a function error posted by the runtime.
func (s *Server) invocationError(w http.ResponseWriter, r *http.Request) {
	c, ok := s.claim(w, r, "InvocationErrorResponse")
	if !ok {
		return
	}
	body, _, _ := readBody(r.Body)
	c.done <- s.outcome(body, errorType(r.Header, body))
	accepted(w)
}

// initError records a failure the runtime reports before its first /next.
func (s *Server) initError(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	done := s.initDone
	s.initDone = true
	s.mu.Unlock()
	if done {
		forbidden(w, "InitError", "the runtime has already initialized")
		return
	}
	body, _, _ := readBody(r.Body)
	s.initErr <- s.outcome(body, errorType(r.Header, body))
	accepted(w)
}

// claim takes the current invocation if the path names it.
func (s *Server) claim(w http.ResponseWriter, r *http.Request, to string) (*Call, bool) {
	id := r.PathValue("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current == nil {
		forbidden(w, to, "no invocation is in progress")
		return nil, false
	}
	if s.current.inv.ID != id {
		renderError(w, http.StatusBadRequest, "InvalidRequestID", "Invalid request ID")
		return nil, false
	}
	c := s.current
	s.current = nil
	return c, true
}

func (s *Server) outcome(body []byte, errType string) Outcome {
	return Outcome{Payload: body, ErrorType: errType, At: s.now()}
}

func (s *Server) trailerOutcome(t http.Header) Outcome {
	body, err := base64.StdEncoding.DecodeString(t.Get(TrailerErrorBody))
	if err != nil {
		body = nil
	}
	return s.outcome(body, t.Get(HeaderErrorType))
}

// errorType is the header's error type, else the body's errorType field,
// else Runtime.Unknown (as Lambda names an error it cannot classify).
func errorType(h http.Header, body []byte) string {
	if t := h.Get(HeaderErrorType); t != "" {
		return t
	}
	var doc struct {
		ErrorType string `json:"errorType"`
	}
	if json.Unmarshal(body, &doc) == nil && doc.ErrorType != "" {
		return doc.ErrorType
	}
	return "Runtime.Unknown"
}

// tooLargeDocument is the error Lambda returns for an oversized response.
func tooLargeDocument() []byte {
	b, _ := json.Marshal(struct {
		Type    string `json:"errorType"`
		Message string `json:"errorMessage"`
	}{ResponseSizeTooLargeType, fmt.Sprintf("Response payload size exceeded maximum allowed payload size (%d bytes).", MaxResponseSize)})
	return b
}

// readBody reads at most MaxResponseSize bytes and says whether there was more.
func readBody(r io.Reader) (body []byte, tooLarge bool, err error) {
	body, err = io.ReadAll(io.LimitReader(r, MaxResponseSize+1))
	if len(body) > MaxResponseSize {
		return nil, true, nil
	}
	return body, false, err
}

func setIf(h http.Header, k, v string) {
	if v != "" {
		h.Set(k, v)
	}
}

func accepted(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusAccepted)
	io.WriteString(w, `{"status":"OK"}`+"\n") //nolint:errcheck
}

func forbidden(w http.ResponseWriter, to, why string) {
	renderError(w, http.StatusForbidden, "InvalidStateTransition",
		fmt.Sprintf("State transition to %s failed for runtime. Error: %s", to, why))
}

func renderError(w http.ResponseWriter, status int, typ, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"errorMessage": msg, "errorType": typ}) //nolint:errcheck
}
