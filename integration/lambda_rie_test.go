package integration

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/testenv"
	"github.com/baton-run/baton/orchestrator/lambdaemu"
)

// TestLambdaMatchesAWSRuntimeInterfaceEmulator runs the same bootstrap
// under baton's emulator and under AWS's own runtime interface emulator
// (aws-lambda-rie), sends both the same sequence of events with the same
// request ids, and compares the bytes they return: responses, error
// documents of returned errors, panics and crashes, and warm/cold state.
//
// One known divergence is pinned rather than compared: on a timeout the RIE
// answers the bare text "Task timed out after 2.00 seconds", while Lambda
// (and baton) return a Sandbox.Timedout error document whose errorMessage
// ends with that text.
func TestLambdaMatchesAWSRuntimeInterfaceEmulator(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: starts AWS's runtime interface emulator")
	}
	rieBin := testenv.RIE(t)
	bin := buildBootstrap(t, "lambdafn")
	f := newFunction(t, lambdaemu.Config{Name: "test_function", Path: bin, Timeout: 2 * time.Second, Concurrency: 1})
	rie := startRIE(t, rieBin, copyFile(t, bin), 2, nil)

	events := []string{
		`{"op":"echo","data":{"n":1.5,"s":"é","list":[null,true,"x"]}}`,
		`{"op":"count"}`,
		`{"op":"count"}`,
		`{"op":"error"}`,
		`{"op":"nope"}`,
		`{"op":"count"}`,
		`{"op":"exit","code":2}`,
		`{"op":"count"}`,
		`{"op":"panic"}`,
		`{"op":"count"}`,
		`{"op":"big","bytes":1000}`,
		`{"op":"sleep","ms":5000}`,
		`{"op":"count"}`,
	}
	for i, ev := range events {
		id := fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
		theirs := rie.invoke(t, id, ev)
		res, err := f.InvokeRequest(context.Background(), lambdaemu.Request{Payload: []byte(ev), RequestID: id})
		if err != nil {
			t.Fatalf("%s: %v", ev, err)
		}
		if ev == `{"op":"sleep","ms":5000}` {
			want := `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: ` + id + ` Error: ` + string(theirs) + `"}`
			if string(theirs) != "Task timed out after 2.00 seconds" || string(res.Payload) != want {
				t.Errorf("timeout: rie %q, baton %s; want baton %s", theirs, res.Payload, want)
			}
			continue
		}
		if !bytes.Equal(res.Payload, theirs) {
			t.Errorf("event %s:\n baton %s\n rie   %s", ev, res.Payload, theirs)
		}
	}
}

// TestLambdaExampleMatchesAWSRuntimeInterfaceEmulator: the example long
// job's deployed bootstrap (-tags lambda) answers the same bytes under both
// emulators, for a step's result and for the step runtime's errors.
func TestLambdaExampleMatchesAWSRuntimeInterfaceEmulator(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: starts AWS's runtime interface emulator")
	}
	rieBin := testenv.RIE(t)
	bin := buildExample(t)
	env := map[string]string{"AWS_LAMBDA_FUNCTION_NAME": "longjob", "BATON_CHECKPOINT_TABLE": "checkpoints",
		"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "AWS_REGION": "us-east-1",
		"AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:9"} // never called by these events
	f := newFunction(t, lambdaemu.Config{Name: "longjob", Path: bin, Timeout: 2 * time.Second, Env: env})
	rie := startRIE(t, rieBin, copyFile(t, bin), 2, env)
	months := `[1,2,3,4,5,6,7,8,9,10,11,12]`
	report := `{"input":{"rows":3,"seed":1,"dir":"/data"},"rows":3,"checksum":"c0ffee","regions":[` +
		`{"region":"eu","orders":1,"quantity":2,"revenueCents":300,"monthlyRevenueCents":` + months + `},` +
		`{"region":"us","orders":2,"quantity":5,"revenueCents":900,"monthlyRevenueCents":` + months + `}]}`
	events := []string{
		`{"step":"summarize","execution":"x","input":` + report + `}`,
		`{"step":"no-such-step","input":{}}`,
		`[]`,
	}
	for i, ev := range events {
		id := fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
		theirs := rie.invoke(t, id, ev)
		res, err := f.InvokeRequest(context.Background(), lambdaemu.Request{Payload: []byte(ev), RequestID: id})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(res.Payload, theirs) || len(theirs) == 0 {
			t.Errorf("event %.60s:\n baton %s\n rie   %s", ev, res.Payload, theirs)
		}
	}
}

// rieServer is a running aws-lambda-rie.
type rieServer struct {
	addr string
	cmd  *exec.Cmd
}

// startRIE runs aws-lambda-rie on 127.0.0.1 with bootstrap as the runtime.
// The RIE hands its own environment, plus env, to the runtime.
func startRIE(t *testing.T, rieBin, bootstrap string, timeoutSec int, env map[string]string) *rieServer {
	t.Helper()
	addr, apiAddr := freeAddr(t), freeAddr(t)
	cmd := exec.Command(rieBin, "--runtime-interface-emulator-address", addr, "--runtime-api-address", apiAddr, bootstrap)
	cmd.Env = append(os.Environ(), "AWS_LAMBDA_FUNCTION_TIMEOUT="+strconv.Itoa(timeoutSec), "AWS_LAMBDA_FUNCTION_NAME=test_function", "LOG_LEVEL=error")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("start aws-lambda-rie: %v", err)
	}
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		cmd.Wait()
		for _, pid := range processesRunning(bootstrap) { // the RIE's runtime, if it outlived the RIE
			syscall.Kill(pid, syscall.SIGKILL)
		}
		if t.Failed() {
			t.Logf("aws-lambda-rie output:\n%s", logs.String())
		}
	})
	waitFor(t, func() bool {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
		}
		return err == nil
	})
	return &rieServer{addr: addr, cmd: cmd}
}

// invoke posts an event to the RIE's Invoke endpoint and returns the body.
func (r *rieServer) invoke(t *testing.T, requestID, event string) []byte {
	t.Helper()
	url := "http://" + r.addr + "/2015-03-31/functions/function/invocations"
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader([]byte(event)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Amzn-RequestId", requestID)
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		t.Fatalf("rie invoke %s: %v", event, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// freeAddr returns a 127.0.0.1 address with a port free at the moment.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// copyFile copies an executable into a new temporary directory.
func copyFile(t *testing.T, src string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.WriteFile(dst, b, 0o755); err != nil {
		t.Fatal(err)
	}
	return dst
}
