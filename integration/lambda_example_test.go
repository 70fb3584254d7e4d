package integration

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/baton-run/baton/checkpoint/dynamostore"
	"github.com/baton-run/baton/examples/longjob/job"
	"github.com/baton-run/baton/internal/clock"
	"github.com/baton-run/baton/internal/testenv"
	"github.com/baton-run/baton/orchestrator/lambdaemu"
	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/steps/steptest"
)

// TestLambdaExampleLongJob runs the example long job as it is deployed: its
// -tags lambda bootstrap (step runtime, DynamoDB checkpoints, AWS SDK) under
// the emulator with a 1 s Lambda timeout, checkpointing to dynalite through
// the real SDK, driven by the local engine from the workflow's own ASL. Its
// summary must equal the same job run in-process (steptest).
func TestLambdaExampleLongJob(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: generates and aggregates millions of rows through a real bootstrap")
	}
	endpoint := testenv.Dynalite(t)
	createTable(t, endpoint, "checkpoints")
	bin := buildExample(t)
	fs, err := lambdaemu.NewFunctions(lambdaemu.Config{Name: "longjob", Path: bin, Timeout: time.Second, MemoryMB: 1024,
		Env: map[string]string{"BATON_CHECKPOINT_TABLE": "checkpoints", "AWS_ENDPOINT_URL_DYNAMODB": endpoint,
			"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local"}})
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	slices := 0
	fs.OnReport = func(string, local.InvokeMeta, lambdaemu.Result) { slices++ }

	in := job.Input{Rows: 2_000_000, Seed: 7, Dir: t.TempDir(), ChunkRows: 20_000}
	asl, err := job.Workflow().ASL()
	if err != nil {
		t.Fatal(err)
	}
	x, evs := runOnEngine(t, fs, string(asl), mustJSON(t, in))
	if x.Status != local.StatusSucceeded {
		t.Fatalf("execution %s: %s %s", x.Status, x.Error, x.Cause)
	}
	var got job.Summary
	json.Unmarshal([]byte(x.Output), &got)

	ref := in
	ref.Dir = t.TempDir()
	res := steptest.New(t, job.Workflow(), &steptest.Options{Clock: clock.Real, Timeout: time.Second}).Run("reference", ref)
	var want job.Summary
	if err := res.Decode(&want); err != nil || res.Status != "SUCCEEDED" {
		t.Fatalf("in-process reference: %s %v", res.Status, err)
	}
	got.Report.Input.Dir, want.Report.Input.Dir = "", ""
	if !reflect.DeepEqual(got, want) || got.Rows != in.Rows {
		t.Errorf("summary through the bootstrap differs from the in-process run:\n got %+v\nwant %+v", got, want)
	}
	t.Logf("%d invocations, %d events", slices, len(evs))
	if slices < 4 { // generate and aggregate each need more than one 1 s slice
		t.Errorf("%d invocations: the job did not run in slices", slices)
	}
}

// buildExample builds examples/longjob's Lambda bootstrap for the host.
func buildExample(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "bootstrap")
	cmd := exec.Command(goTool(t), "build", "-tags", "lambda,lambda.norpc", "-trimpath", "-ldflags", "-s -w", "-o", out, "./examples/longjob")
	cmd.Dir = testenv.ModuleRoot()
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+runtime.GOARCH)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build examples/longjob: %v\n%s", err, b)
	}
	return out
}

// createTable creates the checkpoint table on the DynamoDB endpoint.
func createTable(t *testing.T, endpoint, table string) {
	t.Helper()
	client := dynamodb.New(dynamodb.Options{Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider("local", "local", "")})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := dynamostore.CreateTable(ctx, client, table); err != nil {
		t.Fatal(err)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
