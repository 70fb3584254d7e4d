package orchestrator_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/baton-run/baton/orchestrator"
	"github.com/baton-run/baton/steps"
)

type num struct {
	N int `json:"n"`
}

// OddError is a step error whose name the state machine would match.
type OddError struct{}

func (*OddError) Error() string { return "odd" }

func half(_ context.Context, v num) (num, error) {
	if v.N%2 != 0 {
		return v, &OddError{}
	}
	return num{v.N / 2}, nil
}

// TestMain doubles as the workflow program when the test re-executes
// itself under the fake Lambda Runtime API below.
func TestMain(m *testing.M) {
	if os.Getenv("BATON_TEST_LAMBDA") == "1" {
		orchestrator.Main(steps.New("halver", nil).Add(steps.Task("half", half, nil)))
		return
	}
	os.Exit(m.Run())
}

// runtimeAPI is a minimal Lambda Runtime API: it hands out the payloads in
// turn and records each response or error.
type runtimeAPI struct {
	payloads chan string
	results  chan string
}

func (r *runtimeAPI) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	switch {
	case strings.HasSuffix(req.URL.Path, "/invocation/next"):
		p := <-r.payloads
		w.Header().Set("Lambda-Runtime-Aws-Request-Id", "req-1")
		w.Header().Set("Lambda-Runtime-Deadline-Ms", fmtMillis(time.Now().Add(time.Minute)))
		io.WriteString(w, p)
	default: // .../response or .../error
		b, _ := io.ReadAll(req.Body)
		w.WriteHeader(http.StatusAccepted)
		r.results <- filepath.Base(req.URL.Path) + " " + string(b)
	}
}

func fmtMillis(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) }

// Started by the Lambda runtime, the program serves its steps: results go
// to /response, errors to /error named by their Go type.
func TestMainInLambdaMode(t *testing.T) {
	api := &runtimeAPI{payloads: make(chan string, 2), results: make(chan string, 2)}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: api}
	go srv.Serve(ln)
	defer srv.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "BATON_TEST_LAMBDA=1", "AWS_LAMBDA_RUNTIME_API="+ln.Addr().String(),
		"AWS_LAMBDA_FUNCTION_NAME=halver", "BATON_CHECKPOINT_DB="+filepath.Join(t.TempDir(), "cp.db"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	api.payloads <- `{"step":"half","input":{"n":42}}`
	api.payloads <- `{"step":"half","input":{"n":3}}`
	for _, want := range []string{`response {"n":21}`, `error {"errorMessage":"odd","errorType":"OddError"}`} {
		select {
		case got := <-api.results:
			if strings.TrimSpace(got) != want {
				t.Errorf("got %s, want %s", got, want)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("no result from the program in Lambda mode (want %s)", want)
		}
	}
}
