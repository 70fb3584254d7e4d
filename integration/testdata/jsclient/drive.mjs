// Drives `baton serve` with the AWS SDK for JavaScript v3 (@aws-sdk/client-sfn)
// and prints one JSON object with what each call returned, for the Go test to
// assert. Usage: node drive.mjs ENDPOINT (SFN_MODULE = the package's entry).
const sfnModule = await import(process.env.SFN_MODULE);
const {
  SFNClient, CreateStateMachineCommand, DescribeStateMachineCommand, StartExecutionCommand,
  DescribeExecutionCommand, ListExecutionsCommand, GetExecutionHistoryCommand, StopExecutionCommand,
  RedriveExecutionCommand, ValidateStateMachineDefinitionCommand, ExecutionDoesNotExist, TestStateCommand,
} = sfnModule;

const client = new SFNClient({
  endpoint: process.argv[2], region: "us-east-1", disableHostPrefix: true, // TestState and StartSyncExecution use a "sync-" host prefix
  credentials: { accessKeyId: "AKIDBATON", secretAccessKey: "baton" },
});
const role = "arn:aws:iam::123456789012:role/baton";
const out = {};

async function until(arn) {
  for (let i = 0; i < 600; i++) {
    const d = await client.send(new DescribeExecutionCommand({ executionArn: arn }));
    if (d.status !== "RUNNING") return d;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("execution still RUNNING after 30s");
}

// A machine that fails unless the input says otherwise: fail, then redrive.
const flaky = JSON.stringify({
  StartAt: "Check",
  States: {
    Check: { Type: "Choice", Choices: [{ Variable: "$.ok", BooleanEquals: true, Next: "Done" }], Default: "Broken" },
    Broken: { Type: "Fail", Error: "Broken", Cause: "input not ok" },
    Done: { Type: "Succeed" },
  },
});
const sm = await client.send(new CreateStateMachineCommand({ name: "flaky", definition: flaky, roleArn: role }));
out.created = sm.stateMachineArn;
out.describedName = (await client.send(new DescribeStateMachineCommand({ stateMachineArn: sm.stateMachineArn }))).name;

const x = await client.send(new StartExecutionCommand({ stateMachineArn: sm.stateMachineArn, name: "js-1", input: '{"ok":false}' }));
const failed = await until(x.executionArn);
out.failed = { status: failed.status, error: failed.error, cause: failed.cause, redriveStatus: failed.redriveStatus };
await client.send(new RedriveExecutionCommand({ executionArn: x.executionArn }));
const redriven = await until(x.executionArn);
out.redriven = { status: redriven.status, redriveCount: redriven.redriveCount };

const page1 = await client.send(new GetExecutionHistoryCommand({ executionArn: x.executionArn, maxResults: 2, reverseOrder: true }));
out.historyPage = page1.events.map((e) => e.type);
out.historyHasNext = Boolean(page1.nextToken);
out.listed = (await client.send(new ListExecutionsCommand({ stateMachineArn: sm.stateMachineArn }))).executions.length;

const bad = await client.send(new ValidateStateMachineDefinitionCommand({
  definition: JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "Nowhere" } } }),
}));
out.validate = { result: bad.result, codes: bad.diagnostics.map((d) => d.code) };

try {
  await client.send(new StopExecutionCommand({ executionArn: out.created.replace(":stateMachine:", ":execution:") + ":missing" }));
  out.typedError = "none";
} catch (e) {
  out.typedError = e instanceof ExecutionDoesNotExist ? "ExecutionDoesNotExist" : `${e.name}`;
}
// TestState: a mocked task failure that the state's retrier would retry.
const ts = await client.send(new TestStateCommand({
  definition: JSON.stringify({
    Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "f" },
    Retry: [{ ErrorEquals: ["Throttled"], IntervalSeconds: 2 }], End: true,
  }),
  input: "{}", inspectionLevel: "DEBUG",
  mock: { errorOutput: { error: "Throttled", cause: "slow down" } },
}));
out.testState = { status: ts.status, error: ts.error, retryIndex: ts.inspectionData?.errorDetails?.retryIndex,
  backoff: ts.inspectionData?.errorDetails?.retryBackoffIntervalSeconds, afterParameters: ts.inspectionData?.afterParameters };
console.log(JSON.stringify(out));
