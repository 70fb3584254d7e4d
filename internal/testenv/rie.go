package testenv

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"
)

// RIEPackage and RIEVersion name the AWS Lambda Runtime Interface Emulator
// the tests cross-check baton's Lambda emulator against.
const (
	RIEPackage = "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie"
	RIEVersion = "v0.0.0-20261030222936-bef5c4ba774d"
)

var rieInstall = sync.OnceValue(installRIE)

// RIE returns the path of the aws-lambda-rie binary in the tools folder,
// installing it with `go install` (from the Go module proxy) when absent.
// It skips the test (fails it under make test) when it cannot be installed.
func RIE(t testing.TB) string {
	t.Helper()
	p := filepath.Join(ToolsDir(), "bin", "aws-lambda-rie")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	if err := rieInstall(); err != nil {
		missing(t, "aws-lambda-rie ("+err.Error()+")")
	}
	return p
}

// installRIE runs `go install RIEPackage@RIEVersion` into ToolsDir()/bin,
// outside this module so go.mod is untouched.
func installRIE() error {
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, goBin, "install", RIEPackage+"@"+RIEVersion)
	cmd.Dir = os.TempDir()
	cmd.Env = append(os.Environ(), "GOBIN="+filepath.Join(ToolsDir(), "bin"), "GOFLAGS=", "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go install %s@%s: %v: %s", RIEPackage, RIEVersion, err, out)
	}
	return nil
}
