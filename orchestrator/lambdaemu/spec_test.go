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
