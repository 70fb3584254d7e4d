package history

// PayloadDetails tells whether a payload was truncated.
type PayloadDetails struct {
	Truncated bool `json:"truncated"`
}

// ExecutionStarted is executionStartedEventDetails.
type ExecutionStarted struct {
	Input        Payload        `json:"input"`
	InputDetails PayloadDetails `json:"inputDetails"`
	RoleArn      string         `json:"roleArn"`
}

// Output is the details of events carrying an output
// (ExecutionSucceeded, LambdaFunctionSucceeded).
type Output struct {
	Output        Payload        `json:"output"`
	OutputDetails PayloadDetails `json:"outputDetails"`
}

// Failure is the details of failure events (ExecutionFailed,
// ExecutionAborted, ExecutionTimedOut, LambdaFunctionFailed...).
type Failure struct {
	Error string `json:"error,omitempty"`
	Cause string `json:"cause,omitempty"`
}

// ExecutionRedriven is executionRedrivenEventDetails.
type ExecutionRedriven struct {
	RedriveCount int `json:"redriveCount"`
}

// StateEntered is stateEnteredEventDetails.
type StateEntered struct {
	Name         string         `json:"name"`
	Input        Payload        `json:"input"`
	InputDetails PayloadDetails `json:"inputDetails"`
}

// StateExited is stateExitedEventDetails.
type StateExited struct {
	Name              string            `json:"name"`
	Output            Payload           `json:"output"`
	OutputDetails     PayloadDetails    `json:"outputDetails"`
	AssignedVariables map[string]string `json:"assignedVariables,omitempty"`
}

// TaskScheduled is taskScheduledEventDetails.
type TaskScheduled struct {
	ResourceType       string  `json:"resourceType"`
	Resource           string  `json:"resource"`
	Region             string  `json:"region"`
	Parameters         Payload `json:"parameters"`
	TimeoutInSeconds   int64   `json:"timeoutInSeconds,omitempty"`
	HeartbeatInSeconds int64   `json:"heartbeatInSeconds,omitempty"`
}

// TaskResource is the details of TaskStarted.
type TaskResource struct {
	ResourceType string `json:"resourceType"`
	Resource     string `json:"resource"`
}

// TaskOutput is the details of TaskSucceeded and TaskSubmitted.
type TaskOutput struct {
	ResourceType  string         `json:"resourceType"`
	Resource      string         `json:"resource"`
	Output        Payload        `json:"output"`
	OutputDetails PayloadDetails `json:"outputDetails"`
}

// TaskFailure is the details of TaskFailed and TaskTimedOut.
type TaskFailure struct {
	ResourceType string `json:"resourceType"`
	Resource     string `json:"resource"`
	Error        string `json:"error,omitempty"`
	Cause        string `json:"cause,omitempty"`
}

// LambdaScheduled is lambdaFunctionScheduledEventDetails.
type LambdaScheduled struct {
	Resource         string         `json:"resource"`
	Input            Payload        `json:"input"`
	InputDetails     PayloadDetails `json:"inputDetails"`
	TimeoutInSeconds int64          `json:"timeoutInSeconds,omitempty"`
}

// MapStarted is mapStateStartedEventDetails.
type MapStarted struct {
	Length int `json:"length"`
}

// MapIteration is the details of the MapIteration* events.
type MapIteration struct {
	Name  string `json:"name"`
	Index int    `json:"index"`
}

// EvaluationFailed is evaluationFailedEventDetails.
type EvaluationFailed struct {
	Error    string `json:"error,omitempty"`
	Cause    string `json:"cause,omitempty"`
	Location string `json:"location,omitempty"`
	State    string `json:"state"`
}

// MapRunStarted is mapRunStartedEventDetails.
type MapRunStarted struct {
	MapRunArn string `json:"mapRunArn"`
}
