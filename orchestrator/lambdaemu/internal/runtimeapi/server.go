// Package runtimeapi serves the AWS Lambda Runtime API (version 2018-06-01)
// for one execution environment: the endpoints a custom runtime such as
// aws-lambda-go's calls through $AWS_LAMBDA_RUNTIME_API.
//
//	GET  /2018-06-01/runtime/invocation/next
//	POST /2018-06-01/runtime/invocation/{id}/response
//	POST /2018-06-01/runtime/invocation/{id}/error
//	POST /2018-06-01/runtime/init/error
//
// One Server serves one runtime process and at most one invocation at a time,
// like a Lambda execution environment. Status codes, error bodies and limits
// follow Lambda's (and its runtime interface emulator's): 202 {"status":"OK"}
// on success, 400 InvalidRequestID, 403 InvalidStateTransition, 413
// RequestEntityTooLarge for a response over MaxResponseSize.
package runtimeapi

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// Sizes Lambda enforces on synchronous invocations.
const (
	// MaxRequestSize is the largest synchronous invocation payload
	// (6 MB, "Request must be smaller than 6291456 bytes").
	MaxRequestSize = 6 * 1024 * 1024
	// MaxResponseSize is the largest response a runtime may post: 6 MiB plus
	// 100 bytes, the number AWS names in its Function.ResponseSizeTooLarge error.
	MaxResponseSize = 6*1024*1024 + 100
)

// Invocation is one event delivered to the runtime by /next.
type Invocation struct {
	ID              string        // Lambda-Runtime-Aws-Request-Id
	Payload         []byte        // the event
	Timeout         time.Duration // the deadline is set from it when the runtime takes the event
	FunctionARN     string        // Lambda-Runtime-Invoked-Function-Arn
	TraceID         string        // Lambda-Runtime-Trace-Id
	ClientContext   string        // Lambda-Runtime-Client-Context (JSON), optional
	CognitoIdentity string        // Lambda-Runtime-Cognito-Identity (JSON), optional
	TenantID        string        // Lambda-Runtime-Aws-Tenant-Id, optional
}

// Outcome is what the runtime reported for an invocation (or for init).
type Outcome struct {
	Payload []byte // the response, or the error document
	// ErrorType is empty for a response; for an error it is the error's type:
	// the Lambda-Runtime-Function-Error-Type header, else the body's errorType.
	ErrorType string
	At        time.Time // when the runtime posted it
}

// Failed reports whether the outcome is a function error.
func (o Outcome) Failed() bool { return o.ErrorType != "" }

// Call is an invocation handed to the server and its progress.
type Call struct {
	inv       Invocation
	delivered chan time.Time // receives the deadline when the runtime takes the event
	done      chan Outcome   // receives the outcome once
}

// Delivered receives the invocation's deadline when the runtime takes it.
func (c *Call) Delivered() <-chan time.Time { return c.delivered }

// Done receives the runtime's outcome.
func (c *Call) Done() <-chan Outcome { return c.done }

// Server is the Runtime API of one execution environment.
type Server struct {
	ln      net.Listener
	http    *http.Server
	pending chan *Call
	initErr chan Outcome
	closed  chan struct{}
	now     func() time.Time

	mu        sync.Mutex
	current   *Call // delivered and not yet answered
	initDone  bool  // the runtime has called /next at least once
	closeOnce sync.Once
}

// Start listens on 127.0.0.1 (a free port) and serves the Runtime API.
func Start() (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{
		ln:      ln,
		pending: make(chan *Call, 1),
		initErr: make(chan Outcome, 1),
		closed:  make(chan struct{}),
		now:     time.Now,
	}
	s.http = &http.Server{Handler: s.routes(), ReadHeaderTimeout: 10 * time.Second}
	go s.http.Serve(ln) //nolint:errcheck // returns ErrServerClosed on Close
	return s, nil
}

// Addr is the host:port to put in AWS_LAMBDA_RUNTIME_API.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// InitError receives the document a runtime posted to /runtime/init/error.
func (s *Server) InitError() <-chan Outcome { return s.initErr }

// Submit queues an invocation for the runtime's next /next call. The server
// holds one invocation at a time: Submit must not be called again before the
// previous Call is done.
func (s *Server) Submit(inv Invocation) *Call {
	c := &Call{inv: inv, delivered: make(chan time.Time, 1), done: make(chan Outcome, 1)}
	s.pending <- c
	return c
}

// Close stops serving; a /next waiting for an event returns 500 and the
// runtime's connections are closed.
func (s *Server) Close() error {
	s.closeOnce.Do(func() { close(s.closed) })
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := s.http.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return s.http.Close()
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	const base = "/2018-06-01/runtime/"
	mux.HandleFunc("GET "+base+"invocation/next", s.next)
	mux.HandleFunc("POST "+base+"invocation/{id}/response", s.response)
	mux.HandleFunc("POST "+base+"invocation/{id}/error", s.invocationError)
	mux.HandleFunc("POST "+base+"init/error", s.initError)
	return mux
}
