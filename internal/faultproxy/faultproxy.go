// Package faultproxy injects the failures of an AWS JSON 1.0 service
// (DynamoDB) into an HTTP client: an http.RoundTripper that answers a share
// of requests itself with a throttling error or a 500, or forwards them and
// then loses the reply. Tests put it under a real SDK client in front of a
// real server (dynalite) to show that retries happen and are correct.
package faultproxy

import (
	"bytes"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
)

// Kind is a kind of injected failure.
type Kind int

const (
	// Throttle answers 400 ThrottlingException without forwarding.
	Throttle Kind = iota
	// ProvisionedThroughput answers 400 ProvisionedThroughputExceededException without forwarding.
	ProvisionedThroughput
	// ServerError answers 500 InternalServerError without forwarding.
	ServerError
	// LostReply forwards the request (it takes effect) and answers 500:
	// the ambiguous failure a conditional write must survive.
	LostReply
	// Stall never answers: it holds the request until its context ends (a
	// hung connection), without forwarding. Only a client-side timeout
	// gets past it, so New does not pick it unless asked.
	Stall
	numKinds
)

var kindNames = [numKinds]string{"Throttle", "ProvisionedThroughput", "ServerError", "LostReply", "Stall"}

// String returns the kind's name.
func (k Kind) String() string { return kindNames[k] }

// responses are the status and the AWS error type each Kind answers with.
var responses = [numKinds]struct {
	status int
	typ    string
}{
	{400, "ThrottlingException"},
	{400, "ProvisionedThroughputExceededException"},
	{500, "InternalServerError"},
	{500, "InternalServerError"},
	{},
}

// Transport is the fault-injecting RoundTripper.
type Transport struct {
	base  http.RoundTripper
	rate  float64
	kinds []Kind

	mu       sync.Mutex
	rnd      *rand.Rand
	requests atomic.Int64
	injected [numKinds]atomic.Int64
}

// New returns a Transport over base (http.DefaultTransport when nil) that
// fails a share rate (0..1) of requests with one of kinds (all but Stall
// when none), chosen by a generator seeded with seed.
func New(base http.RoundTripper, rate float64, seed uint64, kinds ...Kind) *Transport {
	if base == nil {
		base = http.DefaultTransport
	}
	if len(kinds) == 0 {
		kinds = []Kind{Throttle, ProvisionedThroughput, ServerError, LostReply}
	}
	return &Transport{base: base, rate: rate, kinds: kinds, rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b9))}
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.requests.Add(1)
	kind, fault := t.pick()
	if !fault {
		return t.base.RoundTrip(req)
	}
	t.injected[kind].Add(1)
	if kind == Stall {
		if req.Body != nil {
			req.Body.Close()
		}
		<-req.Context().Done()
		return nil, req.Context().Err()
	}
	if kind == LostReply {
		resp, err := t.base.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	} else if req.Body != nil {
		req.Body.Close()
	}
	return errorResponse(req, kind), nil
}

// pick decides whether to fail the next request, and how.
func (t *Transport) pick() (Kind, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.rnd.Float64() >= t.rate {
		return 0, false
	}
	return t.kinds[t.rnd.IntN(len(t.kinds))], true
}

// errorResponse is the AWS JSON 1.0 error reply of kind.
func errorResponse(req *http.Request, kind Kind) *http.Response {
	r := responses[kind]
	body := `{"__type":"com.amazonaws.dynamodb.v20120810#` + r.typ + `","message":"injected by faultproxy"}`
	h := http.Header{}
	h.Set("Content-Type", "application/x-amz-json-1.0")
	h.Set("X-Amzn-Requestid", "faultproxy-"+strconv.Itoa(int(kind)))
	return &http.Response{
		Status: strconv.Itoa(r.status) + " " + http.StatusText(r.status), StatusCode: r.status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: h, Request: req,
		Body: io.NopCloser(bytes.NewReader([]byte(body))), ContentLength: int64(len(body)),
	}
}

// Requests returns how many requests the Transport has seen.
func (t *Transport) Requests() int64 { return t.requests.Load() }

// Injected returns how many failures of kind it injected.
func (t *Transport) Injected(kind Kind) int64 { return t.injected[kind].Load() }

// InjectedTotal returns how many failures it injected in all.
func (t *Transport) InjectedTotal() int64 {
	var n int64
	for k := range numKinds {
		n += t.injected[k].Load()
	}
	return n
}
