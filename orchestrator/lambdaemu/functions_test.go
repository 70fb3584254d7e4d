package lambdaemu

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/baton-run/baton/orchestrator/local"
	asl "github.com/baton-run/baton/statemachines"
)

func TestFunctionsInvokeNamesErrorsAsStepFunctions(t *testing.T) {
	t.Parallel()
	missing := filepath.Join(t.TempDir(), "bootstrap")
	fs, err := NewFunctions(Config{Name: "fn", Path: missing})
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	var reports []Result
	fs.OnReport = func(name string, _ local.InvokeMeta, r Result) { reports = append(reports, r) }
	ctx := context.Background()

	if _, err := fs.Invoke(ctx, "arn:aws:lambda:us-east-1:123456789012:function:other", nil, local.InvokeMeta{}); err != local.ErrNotHandled {
		t.Errorf("unknown function: err = %v, want ErrNotHandled", err)
	}
	_, err = fs.Invoke(ctx, "arn:aws:lambda:us-east-1:123456789012:function:fn:$LATEST", []byte(`{}`), local.InvokeMeta{})
	var ae *asl.Error
	if !errors.As(err, &ae) || ae.Name != ErrorInvalidEntrypoint || !strings.Contains(ae.Cause, missing) {
		t.Errorf("missing bootstrap: err = %v, want %s naming the path", err, ErrorInvalidEntrypoint)
	}
	if len(reports) != 1 {
		t.Errorf("%d reports, want 1", len(reports))
	}
	big := make([]byte, 6<<20+1)
	_, err = fs.Invoke(ctx, "fn", big, local.InvokeMeta{})
	cause := regexp.MustCompile(`^6291457 byte payload is too large for the RequestResponse invocation type \(limit 6291456 bytes\) ` +
		`\(Service: AWSLambda; Status Code: 413; Error Code: RequestEntityTooLargeException; Request ID: [0-9a-f-]{36}; Proxy: null\)$`)
	if !errors.As(err, &ae) || ae.Name != "Lambda.RequestEntityTooLargeException" || !cause.MatchString(ae.Cause) {
		t.Errorf("oversized payload: err = %v", err)
	}
}

func TestFunctionsRejectsADuplicate(t *testing.T) {
	t.Parallel()
	_, err := NewFunctions(Config{Name: "fn", Path: "/x"}, Config{Name: "fn", Path: "/y"})
	if err == nil || !strings.Contains(err.Error(), `function "fn" is defined twice`) {
		t.Errorf("err = %v, want a duplicate error", err)
	}
}
