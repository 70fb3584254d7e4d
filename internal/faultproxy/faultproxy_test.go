package faultproxy

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestKinds(t *testing.T) {
	for _, c := range []struct {
		kind      Kind
		status    int
		typ       string
		forwarded int64
	}{
		{Throttle, 400, "#ThrottlingException", 0},
		{ProvisionedThroughput, 400, "#ProvisionedThroughputExceededException", 0},
		{ServerError, 500, "#InternalServerError", 0},
		{LostReply, 500, "#InternalServerError", 1},
	} {
		t.Run(c.kind.String(), func(t *testing.T) {
			var hits atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { hits.Add(1) }))
			defer srv.Close()
			client := &http.Client{Transport: New(nil, 1, 1, c.kind)}
			resp, err := client.Post(srv.URL, "application/x-amz-json-1.0", strings.NewReader("{}"))
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.status || !strings.Contains(string(body), c.typ) || hits.Load() != c.forwarded {
				t.Fatalf("status %d body %s forwarded %d; want %d, %s, %d", resp.StatusCode, body, hits.Load(), c.status, c.typ, c.forwarded)
			}
		})
	}
}

func TestStallHoldsUntilContextEnds(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL, strings.NewReader("{}"))
	start := time.Now()
	_, err := (&http.Client{Transport: New(nil, 1, 1, Stall)}).Do(req)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) < 50*time.Millisecond || hits.Load() != 0 {
		t.Fatalf("stalled request: %v after %v, %d forwarded; want DeadlineExceeded after 50ms, none forwarded",
			err, time.Since(start), hits.Load())
	}
}

func TestRate(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer srv.Close()
	tr := New(nil, 0.25, 7, Throttle)
	client := &http.Client{Transport: tr}
	const n = 400
	for range n {
		resp, err := client.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if got := tr.Injected(Throttle); got < n/8 || got > n*3/8 || tr.Requests() != n {
		t.Fatalf("injected %d of %d requests at rate 0.25", got, tr.Requests())
	}
}
