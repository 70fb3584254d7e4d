package integration

import (
	"testing"

	"github.com/baton-run/baton/orchestrator/lambdaemu"
)

func TestLambdaSmoke(t *testing.T) {
	bin := buildBootstrap(t, "lambdafn")
	f := newFunction(t, lambdaemu.Config{Name: "smoke", Path: bin})
	res := invoke(t, f, map[string]any{"op": "echo", "data": 1})
	t.Logf("%s %+v", res.Payload, res.Report)
	res = invoke(t, f, map[string]any{"op": "pid"})
	t.Logf("%s %+v", res.Payload, res.Report)
	res = invoke(t, f, map[string]any{"op": "error"})
	t.Logf("%s %s %+v", res.Payload, res.FunctionError, res.Report)
	res = invoke(t, f, map[string]any{"op": "panic"})
	t.Logf("%s %s %+v", res.Payload, res.FunctionError, res.Report)
	res = invoke(t, f, map[string]any{"op": "pid"})
	t.Logf("%s %+v", res.Payload, res.Report)
}
