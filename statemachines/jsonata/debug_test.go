package jsonata

import (
	"os"
	"testing"
)

func TestDebugExpr(t *testing.T) {
	src := os.Getenv("JX")
	if src == "" {
		t.Skip()
	}
	e, err := Compile(src)
	if err != nil {
		t.Fatal(err)
	}
	in := os.Getenv("JIN")
	var got any
	if in == "" {
		got, err = e.Eval(Undefined, nil)
	} else {
		got, err = e.EvalJSON([]byte(in), nil, Options{})
	}
	t.Logf("%s -> %s err=%v", src, show(got), err)
}
