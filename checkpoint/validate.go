package checkpoint

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Key limits: DynamoDB's, enforced on every driver so a key that works
// locally works on AWS.
const (
	// MaxJobBytes bounds Key.Job (DynamoDB's partition key limit).
	MaxJobBytes = 2048
	// MaxStepItemBytes bounds len(Key.Step)+len(Key.Item): with the '#'
	// between them they form DynamoDB's sort key, limited to 1024 bytes.
	MaxStepItemBytes = 1023
	// MaxOwnerBytes bounds an owner token (NewOwner's are 36 bytes).
	MaxOwnerBytes = 128
)

// checkKey validates a key for op.
func checkKey(op string, key Key) error {
	if err := checkJob(op, key.Job); err != nil {
		return err
	}
	detail := ""
	switch {
	case key.Step == "":
		detail = "Step must not be empty"
	case strings.Contains(key.Item, "#"):
		detail = "Item must not contain '#'"
	case len(key.Step)+len(key.Item) > MaxStepItemBytes:
		detail = fmt.Sprintf("Step and Item are %d bytes; limit is %d", len(key.Step)+len(key.Item), MaxStepItemBytes)
	case !utf8.ValidString(key.Step) || !utf8.ValidString(key.Item):
		detail = "Step and Item must be valid UTF-8"
	default:
		return nil
	}
	return opError(op, key, ErrInvalid, detail)
}

// checkJob validates a job id for op.
func checkJob(op, job string) error {
	detail := ""
	switch {
	case job == "":
		detail = "Job must not be empty"
	case len(job) > MaxJobBytes:
		detail = fmt.Sprintf("Job is %d bytes; limit is %d", len(job), MaxJobBytes)
	case !utf8.ValidString(job):
		detail = "Job must be valid UTF-8"
	default:
		return nil
	}
	return opError(op, Key{Job: job}, ErrInvalid, detail)
}

// checkClaim validates Claim's arguments.
func checkClaim(key Key, owner string, until, now time.Time) error {
	if err := checkKey("claim", key); err != nil {
		return err
	}
	switch {
	case owner == "" || len(owner) > MaxOwnerBytes || !utf8.ValidString(owner):
		return opError("claim", key, ErrInvalid, fmt.Sprintf("owner must be UTF-8 of 1 to %d bytes", MaxOwnerBytes))
	case !until.After(now):
		return opError("claim", key, ErrInvalid, fmt.Sprintf("lease until %s is not after now (%s)",
			until.Format(time.RFC3339Nano), now.Format(time.RFC3339Nano)))
	}
	return nil
}
