package testenv

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
)

// A client that aborts a request mid-body must not kill dynalite (it does
// without the guard in dynaliteMain), and dynalite answers on loopback.
func TestDynaliteSurvivesAbortedRequests(t *testing.T) {
	url := Dynalite(t)
	addr := strings.TrimPrefix(url, "http://")
	for range 5 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: %s\r\nContent-Length: 1000\r\n"+
			"X-Amz-Target: DynamoDB_20120810.ListTables\r\n\r\n{\"Limit\":", addr)
		c.Close()
	}
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader("{}"))
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810.ListTables")
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("dynalite died after aborted requests: %v", err)
	}
	resp.Body.Close()
	if !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Errorf("dynalite at %s; want 127.0.0.1", addr)
	}
}
