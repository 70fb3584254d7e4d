package local

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

const fanout10k = `{"StartAt":"Fan","States":{"Fan":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":40,
 "ItemSelector":{"i.$":"$$.Map.Item.Value","n":0},
 "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:work","End":true}}},
 "ResultSelector":{"count.$":"States.ArrayLength($)"},"End":true}}}`

func fanoutInput(n int) string {
	items := make([]string, n)
	for i := range items {
		items[i] = strconv.Itoa(i)
	}
	return `{"items":[` + strings.Join(items, ",") + `]}`
}

// TestFanout10kChild runs a 10,000-item Map on a SQLite file (the default
// mode) and prints the process's peak RSS.
func TestFanout10kChild(t *testing.T) {
	db := os.Getenv("BATON_FANOUT_DB")
	if db == "" {
		t.Skip("helper process of TestFanout10kUnder256MiB")
	}
	// 10,000 inline iterations record more than Step Functions' 25,000 events.
	e, err := Open(Options{Path: db, Invoker: NewHandlers().Register("work", benchWork), MaxHistoryEvents: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	x, evs, err := e.RunOnce(context.Background(), "fan", []byte(fanout10k), fanoutInput(10000), nil)
	if err != nil || x.Status != StatusSucceeded || x.Output != `{"count":10000}` {
		t.Fatalf("%+v %v", x, err)
	}
	fmt.Printf("EVENTS %d\nPEAK_RSS_KB %d\n", len(evs), peakRSS(t))
}

// TestFanout10kUnder256MiB runs the 10,000-item fan-out in a fresh process
// and checks its peak resident memory stays under 256 MiB.
func TestFanout10kUnder256MiB(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: a 10,000-item Map in a child process")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestFanout10kChild$", "-test.v")
	cmd.Env = append(os.Environ(), "BATON_FANOUT_DB="+t.TempDir()+"/fan.db")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var kb int
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "PEAK_RSS_KB "); ok {
			kb, _ = strconv.Atoi(v)
		}
	}
	t.Logf("10,000-item fan-out: peak RSS %.1f MiB", float64(kb)/1024)
	if kb == 0 || kb > 256*1024 {
		t.Fatalf("peak RSS = %d KiB, want under 256 MiB\n%s", kb, out)
	}
}

// peakRSS reads VmHWM (the peak resident set) of this process, in KiB.
func peakRSS(t *testing.T) int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return n
		}
	}
	return 0
}
