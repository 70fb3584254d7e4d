package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/baton-run/baton/orchestrator/local"
	"github.com/baton-run/baton/steps"
)

// progress shows long steps as they run: a line per slice, and on a
// terminal a live bar redrawn at every checkpoint.
type progress struct {
	w     io.Writer
	quiet bool
	live  bool // w is a terminal

	mu      sync.Mutex
	slices  int
	longest time.Duration // longest slice
	budget  time.Duration // its budget
}

func newProgress(w io.Writer, quiet bool) *progress {
	return &progress{w: w, quiet: quiet, live: isTerminal(w)}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (p *progress) started(workflow, name string) {
	if !p.quiet {
		fmt.Fprintf(p.w, "%s: execution %s (the job id of its long steps)\n", workflow, name)
	}
}

// renewed reports that the run continued as the new execution x.
func (p *progress) renewed(x local.Execution) {
	if !p.quiet {
		p.mu.Lock()
		defer p.mu.Unlock()
		fmt.Fprintf(p.w, "continued as new execution %s\n", x.Name)
	}
}

// observe is the handlers' event callback.
func (p *progress) observe(e steps.Event) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	switch e.Kind {
	case steps.EventSave:
		if p.live {
			fmt.Fprintf(p.w, "\r%s", p.line(e, "running"))
		}
	case steps.EventContinue, steps.EventDone:
		p.slices++
		if e.Work > p.longest {
			p.longest, p.budget = e.Work, e.Budget
		}
		fmt.Fprintf(p.w, "\r%s\n", p.line(e, string(e.Kind)))
	case steps.EventRetry:
		fmt.Fprintf(p.w, "\r%-10s retry in %s after %v\n", e.Step, e.Delay.Round(time.Millisecond), e.Err)
	}
}

// line renders one step's progress.
func (p *progress) line(e steps.Event, what string) string {
	pct, bar := 0.0, strings.Repeat("·", 24)
	if t := e.Progress.Total; t > 0 {
		pct = float64(e.Progress.Done) / float64(t)
		n := int(pct * 24)
		bar = strings.Repeat("█", n) + strings.Repeat("·", 24-n)
	}
	return fmt.Sprintf("%-10s slice %-3d %s %5.1f%%  %s/%s  %-8s %5.2fs of %.2fs",
		e.Step, e.Slice+1, bar, 100*pct, count(e.Progress.Done), count(e.Progress.Total), what,
		e.Work.Seconds(), e.Budget.Seconds())
}

// summary prints the run's last line.
func (p *progress) summary(s string) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintln(p.w, s)
	if p.slices > 0 {
		fmt.Fprintf(p.w, "long-step slices: %d; the longest ran %.3fs of its %.3fs budget\n",
			p.slices, p.longest.Seconds(), p.budget.Seconds())
	}
}

// count formats n with thousands separators.
func count(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
