// Package serve exposes baton's local engine through the AWS Step Functions
// JSON 1.0 protocol (application/x-amz-json-1.0, X-Amz-Target:
// AWSStepFunctions.<Operation>), so the AWS CLI, the AWS SDKs and baton's own
// AWS backend work against it with an endpoint URL.
//
// Errors are sent in AWS's shape ({"__type": CODE, "message": ...}, HTTP
// 400), so SDKs map them to their typed errors (ExecutionDoesNotExist,
// InvalidDefinition, ValidationException, ...). Requests are not signed-
// checked: any credentials are accepted.
package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
)

const targetPrefix = "AWSStepFunctions."

// maxRequestBytes bounds a request body (definitions are ≤ 1 MiB on AWS;
// inputs ≤ 256 KiB).
const maxRequestBytes = 4 << 20

// APIError is an error in the Step Functions API's shape.
type APIError struct {
	Code    string // e.g. "ExecutionDoesNotExist"
	Message string
	Status  int // HTTP status; 400 when zero
}

func (e *APIError) Error() string { return e.Code + ": " + e.Message }

// Errorf returns an *APIError with a formatted message.
func Errorf(code, format string, args ...any) *APIError {
	return &APIError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// op handles one operation: it decodes its own request from body.
type op func(ctx context.Context, body []byte) (any, error)

// Handler serves the Step Functions protocol for a set of operations.
type Handler struct {
	ops    map[string]op
	logger *slog.Logger
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeError(w, &APIError{Code: "UnknownOperationException", Message: "only POST is supported", Status: 404})
		return
	}
	name := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), targetPrefix)
	fn, ok := h.ops[name]
	if !ok {
		writeError(w, Errorf("UnknownOperationException", "unknown operation %q", r.Header.Get("X-Amz-Target")))
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBytes+1))
	if err != nil || len(body) > maxRequestBytes {
		writeError(w, Errorf("ValidationException", "request body unreadable or larger than %d bytes", maxRequestBytes))
		return
	}
	out, err := fn(r.Context(), body)
	if err != nil {
		h.logError(name, err)
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (h *Handler) logError(op string, err error) {
	var apiErr *APIError
	if h.logger != nil && !errors.As(err, &apiErr) {
		h.logger.Error("serve: internal error", "operation", op, "error", err)
	}
}

func writeError(w http.ResponseWriter, err error) {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		apiErr = &APIError{Code: "InternalServerError", Message: err.Error(), Status: 500}
	}
	status := apiErr.Status
	if status == 0 {
		status = http.StatusBadRequest
	}
	w.Header().Set("X-Amzn-ErrorType", apiErr.Code)
	writeJSON(w, status, map[string]string{"__type": apiErr.Code, "message": apiErr.Message})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.WriteHeader(status)
	if v == nil {
		v = struct{}{}
	}
	_ = json.NewEncoder(w).Encode(v)
}

// decode unmarshals a request body. Members baton does not model (tags,
// logging and tracing configuration, ...) are accepted and ignored.
func decode(body []byte, v any) error {
	if len(body) == 0 {
		body = []byte("{}")
	}
	if err := json.Unmarshal(body, v); err != nil {
		return Errorf("SerializationException", "cannot read the request: %v", err)
	}
	return nil
}

// handle adapts a typed operation to op.
func handle[In any, Out any](fn func(context.Context, *In) (Out, error)) op {
	return func(ctx context.Context, body []byte) (any, error) {
		in := new(In)
		if err := decode(body, in); err != nil {
			return nil, err
		}
		return fn(ctx, in)
	}
}
