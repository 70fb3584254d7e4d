// Package lambdaemu runs AWS Lambda functions locally from their real
// bootstrap binaries (custom runtime, e.g. aws-lambda-go built for
// provided.al2023) under an emulation of the Lambda Runtime API, with
// Lambda's limits and error reporting, so what runs locally is what runs on
// Lambda.
//
// What it guarantees, per function (see Config):
//   - The bootstrap starts as a subprocess with Lambda's environment
//     (AWS_LAMBDA_RUNTIME_API on 127.0.0.1, AWS_LAMBDA_FUNCTION_NAME, memory
//     size, version, log group and stream, region, _HANDLER,
//     LAMBDA_TASK_ROOT, TZ=:UTC, ...) and not the host's environment.
//   - An instance stays warm between invocations and serves one at a time;
//     up to Concurrency instances run in parallel; further invocations wait,
//     or with Throttle fail with Lambda.TooManyRequestsException.
//   - An invocation that passes Timeout is ended by killing the process; it
//     fails as Lambda reports it: errorType "Sandbox.Timedout", errorMessage
//     "RequestId: ID Error: Task timed out after 3.00 seconds". A process that
//     exits or crashes fails the invocation with "Runtime.ExitError"; a
//     runtime error posted to /error is returned as posted (aws-lambda-go puts
//     the Go error's type name in errorType). The next invocation after a
//     kill or crash cold-starts.
//   - Payloads: a request over 6 MB is a *ServiceError
//     (Lambda.RequestEntityTooLargeException); a response over 6 MB fails
//     with "Function.ResponseSizeTooLarge".
//   - Each Result carries a Report: init (cold start) and invocation
//     durations, billed milliseconds, configured and peak memory.
//   - Close kills every process; a process also dies with its parent.
//   - When the caller's context ends first, Invoke returns at once and the
//     invocation runs on to its own end, as a Lambda invocation outlives a
//     Step Functions task timeout.
//
// Step Functions names a failed invocation by the errorType of its error
// document (Result.Error), so Retry and Catch see "Sandbox.Timedout",
// "Runtime.ExitError" or the Go error's type name; a document without
// errorType is "Lambda.Unknown". Functions plugs the emulator into the local
// engine with these names.
//
// Known limits: memory is enforced only with Config.EnforceMemory, by
// sampling (a short spike can pass unseen); an init that overruns
// InitTimeout fails the invocation (Lambda would retry the init once inside
// the invocation); extensions, response streaming, SnapStart and the
// Telemetry API are not emulated; Linux only (process groups, /proc).
package lambdaemu
