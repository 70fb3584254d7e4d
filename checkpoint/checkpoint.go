package checkpoint

import (
	"fmt"
	"strconv"
	"time"

	"github.com/google/uuid"
)

// Key identifies a checkpoint.
type Key struct {
	// Job is the job id: the execution name unless the input names one, so
	// a new execution can resume an old job's checkpoints.
	Job string
	// Step is the step's path in the workflow, e.g. "aggregate" or
	// "fanout/resize".
	Step string
	// Item is the Map item index or Parallel branch ("3", "b1"); "" outside
	// Map and Parallel. It must not contain '#'.
	Item string
}

// ItemKey returns the key of Map item index of job's step.
func ItemKey(job, step string, index int) Key {
	return Key{Job: job, Step: step, Item: strconv.Itoa(index)}
}

// String returns "job/step" or "job/step[item]".
func (k Key) String() string {
	if k.Item == "" {
		return k.Job + "/" + k.Step
	}
	return k.Job + "/" + k.Step + "[" + k.Item + "]"
}

// Progress is how far a step has got, shown by the CLI.
type Progress struct {
	Done  int64  // units finished
	Total int64  // units in all; 0 when unknown
	Note  string // free-form, e.g. "page 12 of 40"
}

// Record is one checkpoint as stored. Treat it as a value: every write
// returns the new Record, which is what the next write must be given.
type Record struct {
	Key
	// Version is incremented by every write; the first write makes it 1.
	Version int64
	// Owner is the lease token of the current holder; "" when released.
	Owner string
	// LeaseExpiry is when the lease ends; zero when released.
	LeaseExpiry time.Time
	// State is the step's own saved state (opaque bytes, e.g. JSON).
	State    []byte
	Progress Progress
	// Done is set by Complete; Output is then the step's result.
	Done   bool
	Output []byte
	// Created and Updated are set by the store from Options.Now.
	Created time.Time
	Updated time.Time
	// Expires is when the record disappears: Updated + Options.TTL,
	// rounded up to a second; zero when records never expire.
	Expires time.Time
}

// String summarises the record for logs: key, version, lease, progress
// and the sizes of state and output (not their bytes).
func (r Record) String() string {
	s := fmt.Sprintf("%s v%d", r.Key, r.Version)
	if r.Owner != "" {
		s += fmt.Sprintf(" leased to %s until %s", r.Owner, r.LeaseExpiry.Format(time.RFC3339Nano))
	}
	s += fmt.Sprintf(" progress %d/%d", r.Progress.Done, r.Progress.Total)
	if r.Progress.Note != "" {
		s += fmt.Sprintf(" %q", r.Progress.Note)
	}
	if r.Done {
		s += " done"
	}
	return s + fmt.Sprintf(" state %dB output %dB updated %s expires %s", len(r.State), len(r.Output),
		r.Updated.Format(time.RFC3339Nano), r.Expires.Format(time.RFC3339))
}

// Held reports whether the record is leased to someone at time now.
func (r Record) Held(now time.Time) bool {
	return r.Owner != "" && now.Before(r.LeaseExpiry)
}

// NewOwner returns a fresh lease token (a random UUID). Use one per
// invocation, so a zombie invocation can be told from its successor.
func NewOwner() string { return uuid.NewString() }

// Stats are a Store's counters since it was opened.
type Stats struct {
	Ops       int64 // driver calls attempted, retries included
	Retries   int64 // driver calls retried after a transient error
	Conflicts int64 // conditional writes that lost (fencing or a race)
}

// String formats the counters for logs.
func (s Stats) String() string {
	return fmt.Sprintf("ops=%d retries=%d conflicts=%d", s.Ops, s.Retries, s.Conflicts)
}
