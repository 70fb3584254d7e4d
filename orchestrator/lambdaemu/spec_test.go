package lambdaemu

import (
	"flag"
	"strings"
	"testing"
	"time"
)

func TestParseSpec(t *testing.T) {
	t.Parallel()
	tests := []struct {
		spec string
		want Config
		err  string
	}{
		{"work=./bootstrap", Config{Name: "work", Path: "./bootstrap"}, ""},
		{"work=/b,timeout=30s,memory=512,concurrency=2", Config{Name: "work", Path: "/b", Timeout: 30 * time.Second, MemoryMB: 512, Concurrency: 2}, ""},
		{"work=/b,timeout=5", Config{Name: "work", Path: "/b", Timeout: 5 * time.Second}, ""},
		{"work", Config{}, "want NAME=PATH"},
		{"=/b", Config{}, "want NAME=PATH"},
		{"work=/b,colour=red", Config{}, `unknown option "colour"`},
		{"work=/b,memory=lots", Config{}, "option memory"},
		{"work=/b,timeout=20m", Config{}, "Timeout 20m0s"},
	}
	for _, tc := range tests {
		got, err := ParseSpec(tc.spec)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseSpec(%q) error = %v, want %q", tc.spec, err, tc.err)
			}
			continue
		}
		if err != nil || got.Name != tc.want.Name || got.Path != tc.want.Path || got.Timeout != tc.want.Timeout ||
			got.MemoryMB != tc.want.MemoryMB || got.Concurrency != tc.want.Concurrency {
			t.Errorf("ParseSpec(%q) = %+v, %v; want %+v", tc.spec, got, err, tc.want)
		}
	}
}

func TestParseSpecEnv(t *testing.T) {
	t.Setenv("LAMBDAEMU_SPEC_HOST", "from-host")
	c, err := ParseSpec("work=/b,env=LAMBDAEMU_SPEC_HOST,env=STAGE=dev=1,env=LAMBDAEMU_SPEC_UNSET")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"LAMBDAEMU_SPEC_HOST": "from-host", "STAGE": "dev=1"}
	if len(c.Env) != len(want) || c.Env["LAMBDAEMU_SPEC_HOST"] != want["LAMBDAEMU_SPEC_HOST"] || c.Env["STAGE"] != want["STAGE"] {
		t.Errorf("Env = %v, want %v", c.Env, want)
	}
	if _, err := ParseSpec("work=/b,env="); err == nil {
		t.Error("env= with no key was accepted")
	}
}

func TestSpecsIsARepeatableFlag(t *testing.T) {
	t.Parallel()
	var specs Specs
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.Var(&specs, "lambda", "NAME=PATH")
	if err := fs.Parse([]string{"--lambda", "a=/x", "--lambda", "b=/y,timeout=2s"}); err != nil {
		t.Fatal(err)
	}
	if len(specs) != 2 || specs[1].Name != "b" || specs[1].Timeout != 2*time.Second || specs.String() != "a=/x b=/y" {
		t.Errorf("specs = %+v", specs)
	}
}
