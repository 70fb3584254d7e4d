package procstat

import (
	"os"
	"testing"
)

func TestParseStatus(t *testing.T) {
	t.Parallel()
	status := []byte("Name:\tbootstrap\nVmPeak:\t  9000 kB\nVmHWM:\t    2048 kB\nVmRSS:\t    1024 kB\n")
	tests := []struct {
		key  string
		want int64
		ok   bool
	}{
		{"VmHWM:", 2048 * 1024, true},
		{"VmRSS:", 1024 * 1024, true},
		{"VmSwap:", 0, false},
	}
	for _, tc := range tests {
		got, ok := parseStatus(status, tc.key)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseStatus(%q) = %d, %v; want %d, %v", tc.key, got, ok, tc.want, tc.ok)
		}
	}
}

func TestPeakRSSOfThisProcess(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("skipping: no /proc")
	}
	rss, ok := RSS(os.Getpid()) // before the peak: the peak only grows
	if !ok || rss < 1<<20 {
		t.Fatalf("RSS(self) = %d, %v; want at least 1 MiB", rss, ok)
	}
	got, ok := PeakRSS(os.Getpid())
	if !ok || got < rss {
		t.Fatalf("PeakRSS(self) = %d, %v; want at least the current RSS %d", got, ok, rss)
	}
	if _, ok := PeakRSS(-1); ok {
		t.Fatal("PeakRSS(-1) reported a value")
	}
}
