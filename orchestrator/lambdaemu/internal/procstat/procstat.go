// Package procstat reads a process's peak memory the way Lambda reports
// "Max Memory Used": the resident set's high-water mark.
//
// Limits: Linux only (/proc/PID/status, VmHWM); elsewhere PeakRSS reports
// false and the caller falls back to the exit rusage.
package procstat

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"syscall"
)

// PeakRSS returns the peak resident set size of a live process, in bytes.
func PeakRSS(pid int) (int64, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, false
	}
	return parseStatus(b, "VmHWM:")
}

// RSS returns the current resident set size of a live process, in bytes.
func RSS(pid int) (int64, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, false
	}
	return parseStatus(b, "VmRSS:")
}

// ExitedPeakRSS returns the peak resident set size of an exited process,
// in bytes, from its rusage.
func ExitedPeakRSS(cmd *exec.Cmd) (int64, bool) {
	if cmd == nil || cmd.ProcessState == nil {
		return 0, false
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return 0, false
	}
	return int64(ru.Maxrss) * 1024, true // Linux reports kilobytes
}

// parseStatus finds "Key:   123 kB" in a /proc status file.
func parseStatus(b []byte, key string) (int64, bool) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := bytes.Fields(sc.Bytes())
		if len(f) < 2 || string(f[0]) != key {
			continue
		}
		kb, err := strconv.ParseInt(string(f[1]), 10, 64)
		return kb * 1024, err == nil
	}
	return 0, false
}
