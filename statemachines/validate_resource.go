package statemachines

import "strings"

// Integration patterns a Task Resource can name as a suffix.
const (
	patternSync         = ".sync"
	patternSync2        = ".sync:2"
	patternWaitForToken = ".waitForTaskToken"
)

// optimizedIntegrations lists, for the services whose optimized
// integrations are known here, each API action and the patterns it
// supports beyond request-response. Services absent from the table are
// not checked.
var optimizedIntegrations = map[string]map[string]string{
	"lambda":     {"invoke": "wft"},
	"sns":        {"publish": "wft"},
	"sqs":        {"sendMessage": "wft"},
	"dynamodb":   {"getItem": "", "putItem": "", "updateItem": "", "deleteItem": ""},
	"states":     {"startExecution": "sync sync2 wft"},
	"events":     {"putEvents": "wft"},
	"apigateway": {"invoke": "wft"},
	"http":       {"invoke": ""},
	"ecs":        {"runTask": "sync wft"},
	"batch":      {"submitJob": "sync wft"},
	"glue":       {"startJobRun": "sync wft"},
}

// resource checks a Task's Resource ARN.
func (v *validator) resource(arn, loc string) {
	if arn == "" {
		return
	}
	if !knownResource(arn) {
		v.schemaf(loc, "The resource provided %s is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.", arn)
		return
	}
	if v.opts.Type != Express {
		return
	}
	switch {
	case strings.HasSuffix(arn, patternWaitForToken):
		v.schemaf(loc, "Express state machine does not support '.waitForTaskToken' service integration ")
	case strings.HasSuffix(arn, patternSync) || strings.HasSuffix(arn, patternSync2):
		v.schemaf(loc, "Express state machine does not support '.sync' service integration ")
	case isActivityARN(arn):
		v.schemaf(loc, "Express state machine does not support Activity ARN")
	}
}

// arnParts splits an ARN into its six fields, or returns nil.
func arnParts(arn string) []string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[1] == "" || parts[2] == "" {
		return nil
	}
	return parts
}

func isActivityARN(arn string) bool {
	p := arnParts(arn)
	return p != nil && p[2] == "states" && strings.HasPrefix(p[5], "activity:")
}

// knownResource reports whether arn is a resource Step Functions can
// invoke: a service integration it knows, an AWS SDK integration, an
// activity, or a Lambda function (any other ARN is accepted too; only
// malformed ARNs and unknown optimized integrations are rejected).
func knownResource(arn string) bool {
	p := arnParts(arn)
	if p == nil {
		return false
	}
	if p[2] != "states" || p[3] != "" || p[4] != "" {
		return true // activity, Lambda function or another service's ARN
	}
	service, action, ok := strings.Cut(p[5], ":")
	if !ok || action == "" {
		return false
	}
	if service == "aws-sdk" {
		return strings.Contains(action, ":")
	}
	actions, known := optimizedIntegrations[service]
	if !known {
		return true
	}
	return knownAction(actions, action)
}

// knownAction reports whether action (with its pattern suffix) is one of
// actions.
func knownAction(actions map[string]string, action string) bool {
	base, pattern := action, ""
	for _, suffix := range []string{patternSync2, patternSync, patternWaitForToken} {
		if strings.HasSuffix(action, suffix) {
			base, pattern = strings.TrimSuffix(action, suffix), suffix
			break
		}
	}
	supported, ok := actions[base]
	if !ok {
		return false
	}
	switch pattern {
	case patternSync:
		return strings.Contains(supported, "sync")
	case patternSync2:
		return strings.Contains(supported, "sync2")
	case patternWaitForToken:
		return strings.Contains(supported, "wft")
	}
	return true
}
