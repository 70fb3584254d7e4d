package lambdaemu

import (
	"errors"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"github.com/baton-run/baton/orchestrator/lambdaemu/internal/procstat"
	"github.com/baton-run/baton/orchestrator/lambdaemu/internal/runtimeapi"
)

// instance is one execution environment: a bootstrap process and the
// Runtime API it polls.
type instance struct {
	cfg     *Config
	srv     *runtimeapi.Server
	cmd     *exec.Cmd
	started time.Time
	warm    bool          // has taken an event before
	exited  chan struct{} // closed once the process is reaped
	waitErr error         // cmd.Wait's error, set before exited closes
}

// outcome is an invocation's result plus whether the runtime took the event.
type outcome struct {
	res       Result
	delivered bool
}

// startInstance starts the Runtime API and the bootstrap process.
func startInstance(cfg *Config) (*instance, error) {
	srv, err := runtimeapi.Start()
	if err != nil {
		return nil, err
	}
	in := &instance{cfg: cfg, srv: srv, exited: make(chan struct{})}
	in.cmd = in.command()
	in.started = time.Now()
	if err := in.cmd.Start(); err != nil {
		srv.Close()
		return nil, err
	}
	go in.reap()
	return in, nil
}

func (in *instance) command() *exec.Cmd {
	cmd := exec.Command(in.cfg.Path)
	cmd.Dir = filepath.Dir(in.cfg.Path)
	cmd.Env = in.cfg.environ(in.srv.Addr(), time.Now())
	cmd.Stdout = in.cfg.Logs
	cmd.Stderr = in.cfg.Logs
	cmd.WaitDelay = time.Second
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Setpgid:   true,            // the kill reaches the runtime's children too
		Pdeathsig: syscall.SIGKILL, // and the runtime dies with the engine
	}
	return cmd
}

func (in *instance) reap() {
	in.waitErr = in.cmd.Wait()
	in.srv.Close()
	close(in.exited)
}

// pid is the runtime process's id.
func (in *instance) pid() int { return in.cmd.Process.Pid }

// alive reports whether the process is still running.
func (in *instance) alive() bool {
	select {
	case <-in.exited:
		return false
	default:
		return true
	}
}

// kill ends the process group and waits for the process to be reaped.
func (in *instance) kill() {
	syscall.Kill(-in.pid(), syscall.SIGKILL) //nolint:errcheck // already gone is fine
	<-in.exited
}

// invoke runs one invocation to its end: an answer, a crash, or a timeout.
func (in *instance) invoke(inv runtimeapi.Invocation) outcome {
	cold := !in.warm
	call := in.srv.Submit(inv)
	var out outcome
	if at, failed := in.awaitDelivery(call, inv, cold); failed != nil {
		out.res = *failed
		out.res.Report.Init, out.res.Report.Duration = out.res.Report.Duration, 0
	} else {
		in.warm = true
		out = outcome{res: in.awaitAnswer(call, inv, at), delivered: true}
		if cold {
			out.res.Report.Init = at.Sub(in.started)
		}
	}
	in.account(&out.res)
	return out
}

// awaitDelivery waits for the runtime to take the event; on a cold start
// this is the init phase, bounded by InitTimeout.
func (in *instance) awaitDelivery(call *runtimeapi.Call, inv runtimeapi.Invocation, cold bool) (time.Time, *Result) {
	var initTimeout <-chan time.Time
	if cold {
		t := time.NewTimer(in.cfg.InitTimeout)
		defer t.Stop()
		initTimeout = t.C
	}
	select {
	case at := <-call.Delivered():
		return at, nil
	case o := <-in.srv.InitError():
		in.kill()
		return time.Time{}, in.failure(inv, o.Payload, "error", time.Since(in.started))
	case <-in.exited:
		return time.Time{}, in.exitFailure(inv, time.Since(in.started))
	case <-initTimeout:
		in.kill()
		return time.Time{}, in.timeoutFailure(inv, in.cfg.InitTimeout)
	}
}

// awaitAnswer waits for the runtime's answer until the deadline (or until
// the process passes its memory size, when that is enforced).
func (in *instance) awaitAnswer(call *runtimeapi.Call, inv runtimeapi.Invocation, at time.Time) Result {
	timer := time.NewTimer(time.Until(at.Add(inv.Timeout)))
	defer timer.Stop()
	oom, stop := in.watchMemory()
	defer stop()
	select {
	case o := <-call.Done():
		return in.answered(inv, o, at)
	case <-in.exited:
		if o, ok := poll(call); ok { // answered, then exited (a panic)
			return in.answered(inv, o, at)
		}
		return *in.exitFailure(inv, time.Since(at))
	case <-timer.C:
		if o, ok := poll(call); ok {
			return in.answered(inv, o, at)
		}
		in.kill()
		return *in.timeoutFailure(inv, inv.Timeout)
	case <-oom:
		in.kill()
		doc := errorDocument(ErrorOutOfMemory, inv.ID, exitCause(in.waitErr))
		return *in.failure(inv, doc, "error", time.Since(at))
	}
}

// watchMemory samples the process's resident set while it serves an
// invocation, when Config.EnforceMemory is set; the channel fires once the
// set passes MemoryMB.
func (in *instance) watchMemory() (<-chan struct{}, func()) {
	if !in.cfg.EnforceMemory {
		return nil, func() {}
	}
	over, quit := make(chan struct{}), make(chan struct{})
	limit := int64(in.cfg.MemoryMB) << 20
	go func() {
		tick := time.NewTicker(memorySample)
		defer tick.Stop()
		for {
			select {
			case <-quit:
				return
			case <-tick.C:
				if rss, ok := procstat.RSS(in.pid()); ok && rss > limit {
					close(over)
					return
				}
			}
		}
	}()
	return over, func() { close(quit) }
}

// memorySample is how often an enforced memory size is checked.
const memorySample = 10 * time.Millisecond

func poll(call *runtimeapi.Call) (runtimeapi.Outcome, bool) {
	select {
	case o := <-call.Done():
		return o, true
	default:
		return runtimeapi.Outcome{}, false
	}
}

func (in *instance) answered(inv runtimeapi.Invocation, o runtimeapi.Outcome, at time.Time) Result {
	if o.Failed() {
		return *in.failure(inv, o.Payload, "error", o.At.Sub(at))
	}
	return Result{Payload: o.Payload, RequestID: inv.ID, Report: Report{Duration: o.At.Sub(at), Status: "success"}}
}

func (in *instance) failure(inv runtimeapi.Invocation, doc []byte, status string, d time.Duration) *Result {
	return &Result{
		Payload:       doc,
		FunctionError: FunctionErrorUnhandled,
		RequestID:     inv.ID,
		Report:        Report{Duration: d, Status: status},
	}
}

// timeoutFailure is a kill after d (the timeout, or the init timeout). The
// message names the function's timeout either way: an init that overruns is
// retried by Lambda inside the invocation and fails with the function's
// timeout.
func (in *instance) timeoutFailure(inv runtimeapi.Invocation, d time.Duration) *Result {
	doc := errorDocument(ErrorTimeout, inv.ID, timeoutCause(in.cfg.Timeout))
	return in.failure(inv, doc, "timeout", d)
}

func (in *instance) exitFailure(inv runtimeapi.Invocation, d time.Duration) *Result {
	doc := errorDocument(ErrorExit, inv.ID, exitCause(in.waitErr))
	return in.failure(inv, doc, "error", d)
}

// exitCause is Lambda's description of a runtime exit.
func exitCause(err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return "Runtime exited with error: " + ee.ProcessState.String()
	}
	if err != nil {
		return "Runtime exited with error: " + err.Error()
	}
	return "Runtime exited without providing a reason"
}

// account fills the report's memory figures and billed duration.
func (in *instance) account(res *Result) {
	r := &res.Report
	r.PID = in.pid()
	r.MemorySizeMB = in.cfg.MemoryMB
	peak, ok := procstat.PeakRSS(r.PID)
	if !ok {
		peak, _ = procstat.ExitedPeakRSS(in.cmd)
	}
	r.MaxMemoryUsedMB = int((peak + 1<<20 - 1) >> 20)
	r.BilledMs = billedMs(r.Init + r.Duration)
}
