package serve

import (
	"encoding/json"
	"time"

	"github.com/baton-run/baton/orchestrator/local"
)

// epoch is a timestamp in the JSON 1.0 protocol's form: seconds since the
// Unix epoch, fractional.
type epoch time.Time

func (t epoch) MarshalJSON() ([]byte, error) {
	return json.Marshal(float64(time.Time(t).UnixMilli()) / 1000)
}

func epochPtr(t time.Time) *epoch {
	if t.IsZero() {
		return nil
	}
	e := epoch(t)
	return &e
}

type createStateMachineIn struct {
	Name       string `json:"name"`
	Definition string `json:"definition"`
	RoleArn    string `json:"roleArn"`
	Type       string `json:"type"`
}

type createStateMachineOut struct {
	StateMachineArn string `json:"stateMachineArn"`
	CreationDate    *epoch `json:"creationDate"`
}

type updateStateMachineIn struct {
	StateMachineArn string `json:"stateMachineArn"`
	Definition      string `json:"definition"`
	RoleArn         string `json:"roleArn"`
}

type updateStateMachineOut struct {
	UpdateDate *epoch `json:"updateDate"`
}

type stateMachineArnIn struct {
	StateMachineArn string `json:"stateMachineArn"`
}

type describeStateMachineOut struct {
	StateMachineArn string `json:"stateMachineArn"`
	Name            string `json:"name"`
	Status          string `json:"status"`
	Definition      string `json:"definition"`
	RoleArn         string `json:"roleArn"`
	Type            string `json:"type"`
	CreationDate    *epoch `json:"creationDate"`
}

type listIn struct {
	MaxResults      int    `json:"maxResults"`
	NextToken       string `json:"nextToken"`
	StateMachineArn string `json:"stateMachineArn"`
	StatusFilter    string `json:"statusFilter"`
}

type stateMachineItem struct {
	StateMachineArn string `json:"stateMachineArn"`
	Name            string `json:"name"`
	Type            string `json:"type"`
	CreationDate    *epoch `json:"creationDate"`
}

type listStateMachinesOut struct {
	StateMachines []stateMachineItem `json:"stateMachines"`
	NextToken     string             `json:"nextToken,omitempty"`
}

type startExecutionIn struct {
	StateMachineArn string `json:"stateMachineArn"`
	Name            string `json:"name"`
	Input           string `json:"input"`
	TraceHeader     string `json:"traceHeader"`
}

type startExecutionOut struct {
	ExecutionArn string `json:"executionArn"`
	StartDate    *epoch `json:"startDate"`
}

type executionArnIn struct {
	ExecutionArn string `json:"executionArn"`
}

// executionCore are the members DescribeExecution and StartSyncExecution
// share.
type executionCore struct {
	ExecutionArn    string `json:"executionArn"`
	StateMachineArn string `json:"stateMachineArn"`
	Name            string `json:"name"`
	Status          string `json:"status"`
	StartDate       *epoch `json:"startDate"`
	StopDate        *epoch `json:"stopDate,omitempty"`
	Input           string `json:"input,omitempty"`
	Output          string `json:"output,omitempty"`
	Error           string `json:"error,omitempty"`
	Cause           string `json:"cause,omitempty"`
}

type describeExecutionOut struct {
	executionCore
	RedriveCount  int    `json:"redriveCount"`
	RedriveDate   *epoch `json:"redriveDate,omitempty"`
	RedriveStatus string `json:"redriveStatus,omitempty"`
}

type startSyncExecutionOut struct {
	executionCore
}

type executionItem struct {
	ExecutionArn    string `json:"executionArn"`
	StateMachineArn string `json:"stateMachineArn"`
	Name            string `json:"name"`
	Status          string `json:"status"`
	StartDate       *epoch `json:"startDate"`
	StopDate        *epoch `json:"stopDate,omitempty"`
	RedriveCount    int    `json:"redriveCount,omitempty"`
}

type listExecutionsOut struct {
	Executions []executionItem `json:"executions"`
	NextToken  string          `json:"nextToken,omitempty"`
}

type historyIn struct {
	ExecutionArn         string `json:"executionArn"`
	MaxResults           int    `json:"maxResults"`
	NextToken            string `json:"nextToken"`
	ReverseOrder         bool   `json:"reverseOrder"`
	IncludeExecutionData *bool  `json:"includeExecutionData"`
}

type historyOut struct {
	Events    []local.HistoryEvent `json:"events"`
	NextToken string               `json:"nextToken,omitempty"`
}

type stopExecutionIn struct {
	ExecutionArn string `json:"executionArn"`
	Error        string `json:"error"`
	Cause        string `json:"cause"`
}

type stopExecutionOut struct {
	StopDate *epoch `json:"stopDate"`
}

type redriveExecutionOut struct {
	RedriveDate *epoch `json:"redriveDate"`
}

type taskSuccessIn struct {
	TaskToken string `json:"taskToken"`
	Output    string `json:"output"`
}

type taskFailureIn struct {
	TaskToken string `json:"taskToken"`
	Error     string `json:"error"`
	Cause     string `json:"cause"`
}

type taskHeartbeatIn struct {
	TaskToken string `json:"taskToken"`
}

type validateIn struct {
	Definition string `json:"definition"`
	Type       string `json:"type"`
	Severity   string `json:"severity"`
	MaxResults int    `json:"maxResults"`
}

type validateDiagnostic struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Location string `json:"location,omitempty"`
}

type validateOut struct {
	Result      string               `json:"result"`
	Diagnostics []validateDiagnostic `json:"diagnostics"`
	Truncated   bool                 `json:"truncated"`
}
