package local

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/baton-run/baton/orchestrator/internal/history"
	asl "github.com/baton-run/baton/statemachines"
)

// taskTarget is what a Task state's resource resolves to.
type taskTarget struct {
	legacyLambda bool   // arn:aws:lambda:...:function:NAME: LambdaFunction* events
	lambdaInvoke bool   // arn:aws:states:::lambda:invoke: result in the invoke envelope
	callback     bool   // .waitForTaskToken
	resourceType string // "lambda" for arn:aws:states:::lambda:invoke
	resource     string // "invoke" (the action part) or the resource itself
}

func parseResource(res string) taskTarget {
	if strings.HasPrefix(res, "arn:aws:lambda:") {
		return taskTarget{legacyLambda: true, resource: res}
	}
	rest, ok := strings.CutPrefix(res, "arn:aws:states:::")
	if !ok {
		return taskTarget{resource: res}
	}
	svc, action, _ := strings.Cut(rest, ":")
	t := taskTarget{resourceType: svc, resource: action}
	t.callback = strings.HasSuffix(action, ".waitForTaskToken")
	t.lambdaInvoke = svc == "lambda" && strings.TrimSuffix(action, ".waitForTaskToken") == "invoke"
	return t
}

// taskOutcome is one attempt's result.
type taskOutcome struct {
	output any
	err    *asl.Error
}

func (s *stateRun) task() (any, string, *asl.Error) {
	eff, ferr := s.inputPath()
	if ferr != nil {
		return nil, "", ferr
	}
	target := parseResource(s.st.Resource)
	result, ferr := s.retrying(func() (any, *asl.Error) { return s.attemptTask(target, eff) })
	if ferr == nil {
		out, next, ferr2 := s.finish(result)
		if ferr2 == nil {
			return out, next, nil
		}
		ferr = ferr2
	}
	if ferr == errAborted {
		s.th.emit("TaskStateAborted", nil)
		return nil, "", errAborted
	}
	if out, next, err, ok := s.catch(ferr); ok {
		return out, next, err
	}
	if s.th.inParallel {
		s.th.emit("TaskStateAborted", nil)
	}
	return nil, "", ferr
}

// attemptTask invokes the task once (or takes the recorded outcome).
func (s *stateRun) attemptTask(t taskTarget, eff any) (any, *asl.Error) {
	s.invocation = s.th.r.countInvocation(s.st)
	if t.callback {
		s.token = ""
	}
	params, ferr := s.taskParameters(t, eff)
	if ferr != nil {
		return nil, ferr
	}
	timeout, heartbeat, ferr := s.taskLimits(eff)
	if ferr != nil {
		return nil, ferr
	}
	if t.legacyLambda {
		return s.legacyLambda(t, params, timeout)
	}
	return s.serviceTask(t, params, timeout, heartbeat)
}

// taskParameters evaluates Parameters (with $$.Task.Token for callbacks).
func (s *stateRun) taskParameters(t taskTarget, eff any) (any, *asl.Error) {
	if t.callback {
		s.token = s.taskToken()
	}
	if s.jsonata {
		if s.st.Arguments == nil {
			return eff, nil
		}
		return s.evalJ("Arguments", s.st.Arguments, s.states())
	}
	if s.st.Parameters == nil {
		return eff, nil
	}
	v, err := asl.EvalTemplate(s.st.Parameters, eff, s.env())
	if err != nil {
		return nil, s.failure(err)
	}
	return v, nil
}

// taskLimits resolves TimeoutSeconds(Path) and HeartbeatSeconds(Path).
func (s *stateRun) taskLimits(eff any) (timeout, heartbeat time.Duration, ferr *asl.Error) {
	if timeout, ferr = s.seconds(s.st.TimeoutSeconds, s.st.TimeoutSecondsPath, eff); ferr != nil {
		return 0, 0, ferr
	}
	heartbeat, ferr = s.seconds(s.st.HeartbeatSeconds, s.st.HeartbeatSecondsPath, eff)
	return timeout, heartbeat, ferr
}

func (s *stateRun) seconds(f asl.IntField, path string, eff any) (time.Duration, *asl.Error) {
	if f.Value != nil {
		return time.Duration(*f.Value) * time.Second, nil
	}
	if f.Expr != "" {
		n, ferr := s.numberJ("TimeoutSeconds", f.Expr)
		return time.Duration(n) * time.Second, ferr
	}
	if path == "" {
		return 0, nil
	}
	v, err := asl.EvalPath(path, eff, s.env())
	if err != nil {
		return 0, s.failure(err)
	}
	n, ok := wholeNumber(v)
	if !ok || n <= 0 {
		return 0, s.runtimef("The value of the field at path '%s' must be a positive integer, got: %s", path, jsonText(v))
	}
	return time.Duration(n) * time.Second, nil
}

// legacyLambda runs a Task whose resource is a Lambda function ARN.
func (s *stateRun) legacyLambda(t taskTarget, params any, timeout time.Duration) (any, *asl.Error) {
	s.th.emit("LambdaFunctionScheduled", history.LambdaScheduled{Resource: t.resource, Input: history.Payload{V: params},
		TimeoutInSeconds: int64(timeout / time.Second)})
	started := s.th.emit("LambdaFunctionStarted", nil)
	if out, ok := s.recorded("LambdaFunctionSucceeded", "LambdaFunctionFailed", "LambdaFunctionTimedOut"); ok {
		return out.output, out.err
	}
	if res, ferr, ok := s.mocked(); ok {
		return s.lambdaOutcome(res, ferr)
	}
	raw, err := s.call(t.resource, history.Bytes(params), started.Time, timeout, 0)
	if err != nil {
		ferr := s.invokeError(err, t.resource)
		if ferr == errAborted {
			return nil, ferr
		}
		typ := "LambdaFunctionFailed"
		if ferr.Name == asl.ErrTimeout {
			typ = "LambdaFunctionTimedOut"
		}
		s.th.emit(typ, history.Failure{Error: ferr.Name, Cause: ferr.Cause})
		return nil, ferr
	}
	out := parseResult(raw)
	s.th.emit("LambdaFunctionSucceeded", history.Output{Output: history.Payload{V: out}})
	return out, nil
}

// serviceTask runs a Task on an arn:aws:states::: service integration (or
// any other resource the Invoker knows).
func (s *stateRun) serviceTask(t taskTarget, params any, timeout, heartbeat time.Duration) (any, *asl.Error) {
	s.th.emit("TaskScheduled", history.TaskScheduled{ResourceType: t.resourceType, Resource: t.resource,
		Region: s.th.r.e.opts.Region, Parameters: history.Payload{V: params}, TimeoutInSeconds: int64(timeout / time.Second),
		HeartbeatInSeconds: int64(heartbeat / time.Second)})
	started := s.th.emit("TaskStarted", history.TaskResource{ResourceType: t.resourceType, Resource: t.resource})
	if t.callback && s.th.peek() != nil && s.th.peek().Type == "TaskSubmitted" {
		s.th.emit("TaskSubmitted", nil)
		if out, ok := s.recorded("TaskSucceeded", "TaskFailed", "TaskTimedOut"); ok {
			return out.output, out.err
		}
		return s.awaitCallback(t, started.Time, timeout, heartbeat)
	}
	if out, ok := s.recorded("TaskSucceeded", "TaskFailed", "TaskTimedOut"); ok {
		return out.output, out.err
	}
	out, ferr, mocked := s.mocked()
	if !mocked {
		out, ferr = s.invokeService(t, params, started.Time, timeout)
	}
	if ferr != nil {
		return nil, s.taskFailed(t, ferr)
	}
	if t.callback {
		s.th.emit("TaskSubmitted", history.TaskOutput{ResourceType: t.resourceType, Resource: t.resource, Output: history.Payload{V: out}})
		return s.awaitCallback(t, started.Time, timeout, heartbeat)
	}
	s.th.emit("TaskSucceeded", history.TaskOutput{ResourceType: t.resourceType, Resource: t.resource, Output: history.Payload{V: out}})
	return out, nil
}

func (s *stateRun) taskFailed(t taskTarget, ferr *asl.Error) *asl.Error {
	if ferr == errAborted {
		return ferr
	}
	typ := "TaskFailed"
	if ferr.Name == asl.ErrTimeout || ferr.Name == asl.ErrHeartbeatTimeout {
		typ = "TaskTimedOut"
	}
	s.th.emit(typ, history.TaskFailure{ResourceType: t.resourceType, Resource: t.resource, Error: ferr.Name, Cause: ferr.Cause})
	return ferr
}

// invokeService calls the Invoker for a service task, adding the
// lambda:invoke envelope.
func (s *stateRun) invokeService(t taskTarget, params any, started time.Time, timeout time.Duration) (any, *asl.Error) {
	if t.resourceType == "states" && strings.HasPrefix(t.resource, "startExecution") {
		return s.startExecution(t.resource, params)
	}
	if !t.lambdaInvoke {
		raw, err := s.call(s.st.Resource, history.Bytes(params), started, timeout, 0)
		if err != nil {
			return nil, s.invokeError(err, s.st.Resource)
		}
		return parseResult(raw), nil
	}
	fn, payload, ferr := s.lambdaInvokeParams(params)
	if ferr != nil {
		return nil, ferr
	}
	raw, err := s.call(fn, payload, started, timeout, 0)
	if err != nil {
		return nil, s.invokeError(err, fn)
	}
	logType, _ := params.(map[string]any)["LogType"].(string)
	return invokeEnvelope(raw, s.th.r.e.clk.Now(), logType == "Tail"), nil
}

// recorded takes the recorded outcome of the current attempt when the
// thread replays one (ok false: invoke for real).
func (s *stateRun) recorded(succeeded, failed, timedOut string) (taskOutcome, bool) {
	ev := s.th.peek()
	if ev == nil {
		return taskOutcome{}, false
	}
	switch ev.Type {
	case succeeded:
		s.th.emit(ev.Type, nil)
		var d history.Output
		_ = unmarshal(ev.JSON(), &d)
		return taskOutcome{output: d.Output.V}, true
	case failed, timedOut:
		s.th.emit(ev.Type, nil)
		var d history.Failure
		_ = unmarshal(ev.JSON(), &d)
		return taskOutcome{err: &asl.Error{Name: d.Error, Cause: d.Cause}}, true
	}
	// The attempt was cut short (aborted) when recorded: it ends the same way.
	return taskOutcome{err: errAborted}, true
}

// call invokes the Invoker, enforcing the state's timeout on the engine's
// clock and the thread's cancellation.
func (s *stateRun) call(resource string, input []byte, started time.Time, timeout, heartbeat time.Duration) ([]byte, error) {
	e := s.th.r.e
	if e.opts.Invoker == nil {
		return nil, ErrNotHandled
	}
	meta := InvokeMeta{ExecutionArn: s.th.r.x.Arn, StateMachineName: s.th.r.x.StateMachineName,
		StateName: s.st.Name, Attempt: s.retries, Timeout: timeout, Heartbeat: heartbeat, TaskToken: s.token}
	if timeout <= 0 {
		out, err := e.opts.Invoker.Invoke(s.th.ctx, resource, input, meta)
		if s.th.ctx.Err() != nil {
			return nil, errAbortedGo
		}
		return out, err
	}
	meta.Deadline = started.Add(timeout)
	return s.callWithTimeout(resource, input, meta)
}

var errAbortedGo = errors.New("aborted")

type callResult struct {
	out []byte
	err error
}

func (s *stateRun) callWithTimeout(resource string, input []byte, meta InvokeMeta) ([]byte, error) {
	e := s.th.r.e
	ctx, cancel := context.WithCancel(s.th.ctx)
	defer cancel()
	done := make(chan callResult, 1)
	go func() {
		out, err := e.opts.Invoker.Invoke(ctx, resource, input, meta)
		done <- callResult{out, err}
	}()
	timer := e.clk.NewTimer(meta.Deadline.Sub(e.clk.Now()))
	defer timer.Stop()
	select {
	case res := <-done:
		return res.out, res.err
	case <-timer.C():
		return nil, &asl.Error{Name: asl.ErrTimeout}
	case <-s.th.ctx.Done():
		return nil, errAbortedGo
	}
}

// invokeError names an Invoker error as Step Functions would.
func (s *stateRun) invokeError(err error, resource string) *asl.Error {
	var ae *asl.Error
	var fe *FunctionError
	switch {
	case err == errAbortedGo || s.th.ctx.Err() != nil:
		return errAborted
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &fe):
		return &asl.Error{Name: fe.Type, Cause: jsonText(fe)}
	case errors.Is(err, ErrNotHandled) && strings.Contains(resource, ":lambda:"):
		return s.th.r.e.functionNotFound(resource)
	case errors.Is(err, ErrNotHandled):
		return s.runtimef("The resource '%s' is not supported by the local engine: give it an Invoker or a mock configuration", resource)
	}
	return &asl.Error{Name: asl.ErrTaskFailed, Cause: err.Error()}
}

func parseResult(raw []byte) any {
	if len(raw) == 0 {
		return nil
	}
	v, err := history.Parse(raw)
	if err != nil {
		return string(raw)
	}
	return v
}

// mocked answers the attempt from the mock configuration, if it lists the
// state.
func (s *stateRun) mocked() (any, *asl.Error, bool) {
	m := s.th.r.e.opts.Mocks
	if m == nil {
		return nil, nil, false
	}
	r := s.th.r
	res, ferr, ok, err := m.response(r.x.StateMachineName, s.st.Name, s.invocation)
	if err != nil {
		return nil, &asl.Error{Name: asl.ErrRuntime, Cause: err.Error()}, true
	}
	return res, ferr, ok
}

func (s *stateRun) lambdaOutcome(res any, ferr *asl.Error) (any, *asl.Error) {
	if ferr != nil {
		s.th.emit("LambdaFunctionFailed", history.Failure{Error: ferr.Name, Cause: ferr.Cause})
		return nil, ferr
	}
	s.th.emit("LambdaFunctionSucceeded", history.Output{Output: history.Payload{V: res}})
	return res, nil
}
