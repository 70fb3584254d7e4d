package integration

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/baton-run/baton/internal/testenv"
	"github.com/baton-run/baton/orchestrator/lambdaemu"
)

// BenchmarkLambdaColdStart measures a cold start: process start to the
// runtime's first /next (init-ms, Lambda's Init Duration) and to the first
// handler's answer (ns/op). Target: init ≤ 15 ms.
func BenchmarkLambdaColdStart(b *testing.B) {
	bin := buildBootstrap(b, "lambdafn")
	payload := []byte(`{"op":"count"}`)
	var init time.Duration
	for i := 0; b.Loop(); i++ {
		f, err := lambdaemu.New(lambdaemu.Config{Name: "cold", Path: bin})
		if err != nil {
			b.Fatal(err)
		}
		res, err := f.Invoke(context.Background(), payload)
		if err != nil || res.Failed() || !res.Report.ColdStart() {
			b.Fatalf("cold invoke: %v %s %+v", err, res.Payload, res.Report)
		}
		init += res.Report.Init
		f.Close()
	}
	b.ReportMetric(float64(init.Microseconds())/1000/float64(b.N), "init-ms")
}

// BenchmarkLambdaWarmInvoke measures a warm invocation's round trip through
// the Runtime API.
func BenchmarkLambdaWarmInvoke(b *testing.B) {
	bin := buildBootstrap(b, "lambdafn")
	f, err := lambdaemu.New(lambdaemu.Config{Name: "warm", Path: bin, Concurrency: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	payload := []byte(`{"op":"echo","data":{"id":42}}`)
	if _, err := f.Invoke(context.Background(), payload); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := f.Invoke(context.Background(), payload)
		if err != nil || res.Failed() || res.Report.ColdStart() {
			b.Fatalf("warm invoke: %v %s %+v", err, res.Payload, res.Report)
		}
	}
}

// BenchmarkLambdaBinarySize reports the size of the test function's
// bootstrap built as `make lambda` builds it, for linux/arm64 (what AWS
// runs). Target: ≤ 15 MB. Examples' bootstraps are measured by make lambda.
func BenchmarkLambdaBinarySize(b *testing.B) {
	out := filepath.Join(b.TempDir(), "bootstrap")
	cmd := exec.Command(goTool(b), "build", "-tags", "lambda.norpc", "-trimpath", "-ldflags", "-s -w",
		"-o", out, "./integration/testdata/lambdafn")
	cmd.Dir = testenv.ModuleRoot()
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH=arm64")
	if msg, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, msg)
	}
	st, err := os.Stat(out)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
	}
	b.ReportMetric(float64(st.Size())/1e6, "MB")
}

// BenchmarkLambdaExampleColdStart measures the example long job's real
// bootstrap (examples/longjob, -tags lambda: the step runtime, the DynamoDB
// driver and the AWS SDK): cold init under the emulator (init-ms; target
// ≤ 15 ms) and its size for linux/arm64 (MB; target ≤ 15).
func BenchmarkLambdaExampleColdStart(b *testing.B) {
	root := testenv.ModuleRoot()
	if _, err := os.Stat(filepath.Join(root, "examples/longjob/main_lambda.go")); err != nil {
		b.Skip("skipping: examples/longjob has no Lambda entry point")
	}
	dir := b.TempDir()
	build := func(arch string) string {
		out := filepath.Join(dir, arch, "bootstrap")
		cmd := exec.Command(goTool(b), "build", "-tags", "lambda,lambda.norpc", "-trimpath", "-ldflags", "-s -w",
			"-o", out, "./examples/longjob")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+arch)
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("go build: %v\n%s", err, msg)
		}
		return out
	}
	st, err := os.Stat(build("arm64"))
	if err != nil {
		b.Fatal(err)
	}
	bin := build(runtime.GOARCH)
	// A checkpoint table on an unreachable endpoint: init opens no connection.
	env := map[string]string{"BATON_CHECKPOINT_TABLE": "checkpoints", "AWS_ACCESS_KEY_ID": "x",
		"AWS_SECRET_ACCESS_KEY": "x", "AWS_ENDPOINT_URL_DYNAMODB": "http://127.0.0.1:9"}
	var init time.Duration
	for b.Loop() {
		f, err := lambdaemu.New(lambdaemu.Config{Name: "longjob", Path: bin, Env: env})
		if err != nil {
			b.Fatal(err)
		}
		res, err := f.Invoke(context.Background(), []byte(`{"step":"no-such-step"}`))
		if name, _ := res.Error(); err != nil || name != "UnknownStepError" || !res.Report.ColdStart() {
			b.Fatalf("cold invoke: %v %s %+v", err, res.Payload, res.Report)
		}
		init += res.Report.Init
		f.Close()
	}
	b.ReportMetric(float64(init.Microseconds())/1000/float64(b.N), "init-ms")
	b.ReportMetric(float64(st.Size())/1e6, "MB")
}
