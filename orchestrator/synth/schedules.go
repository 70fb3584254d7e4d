package synth

import (
	"fmt"

	"github.com/baton-run/baton/orchestrator/schedule"
)

const schedulerRoleID = "SchedulerRole"

// scheduleResources renders the schedules and the role they assume.
func scheduleResources(wf string, schedules []schedule.Schedule, o Options) (map[string]any, error) {
	if len(schedules) == 0 {
		return nil, nil
	}
	machine := map[string]any{"Ref": stateMachineID}
	var dlq []any
	if o.ScheduleDeadLetterArn != nil {
		dlq = []any{o.ScheduleDeadLetterArn}
	}
	out := map[string]any{schedulerRoleID: schedule.SchedulerRole([]any{machine}, dlq)}
	target := schedule.AWSTarget{
		StateMachineArn: machine,
		RoleArn:         map[string]any{"Fn::GetAtt": []any{schedulerRoleID, "Arn"}},
		DeadLetterArn:   o.ScheduleDeadLetterArn,
		RetryPolicy:     o.ScheduleRetry,
	}
	for _, s := range schedules {
		res, err := s.CloudFormation(target)
		if err != nil {
			return nil, err
		}
		// Names are unique per schedule group: the stage keeps two
		// deployments of one workflow apart.
		res["Properties"].(map[string]any)["Name"] = sub("baton-" + wf + "-${Stage}-" + s.Name)
		id := pascal(s.Name) + "Schedule"
		if _, dup := out[id]; dup {
			return nil, fmt.Errorf("synth: schedules %q and another map to the same resource id %s", s.Name, id)
		}
		out[id] = res
	}
	return out, nil
}
