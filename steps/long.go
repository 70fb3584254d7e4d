package steps

import (
	"context"
	"encoding/json"
	"reflect"
	"time"
)

// LongOptions configure a Long step. A nil *LongOptions means all defaults.
type LongOptions struct {
	// Retry retries your function's errors in-process (within the slice's
	// budget) and in the state machine. Defaults to none: an error of your
	// function fails the step. (Slices cut short by the deadline, a crash
	// or a lease held by a crashed predecessor always resume: that retrier
	// is the runtime's own.)
	Retry *RetryPolicy
	// Catch routes errors to other steps. Defaults to none.
	Catch []Catch
	// Next jumps to the named step instead of the following one.
	Next string
	// Function runs the step in its own Lambda function. Defaults to the
	// workflow's function.
	Function *Function
	// CheckpointEvery is the most work a kill can lose: the state is saved
	// at the first chunk boundary after this much time. Defaults to 1/10 of
	// the function's timeout, at least 1 s.
	CheckpointEvery time.Duration
	// MaxStalledSlices is how many slices in a row may run until their
	// deadline without saving a finished chunk before the step fails with
	// NoProgressError (a slice killed or crashed earlier does not count).
	// Defaults to 3.
	MaxStalledSlices int
}

// Long is a step that may run longer than one Lambda invocation. fn gets the
// input, the state saved by the previous slice (the zero State on the first)
// and a Progress; it processes one chunk per Progress.Next:
//
//	func aggregate(ctx context.Context, in Job, st *Cursor, p *steps.Progress) (Report, error) {
//		for st.Offset < in.Rows && p.Next() {
//			st.Offset += process(st.Offset, 10_000) // one chunk, updating the state
//			p.Save(st.Offset, in.Rows)
//		}
//		return st.Report(), nil
//	}
//
// When the slice's time is spent, Next saves the state and returns false;
// whatever fn returns then is discarded and the state machine invokes the
// step again, which resumes from the saved state. When fn returns without
// Next having returned false, the step is done: its output is stored and
// returned to any later invocation without running fn again.
func Long[In, State, Out any](name string, fn func(context.Context, In, *State, *Progress) (Out, error), opts *LongOptions) Step {
	n := &node{name: name, kind: kindLong}
	if opts == nil {
		opts = &LongOptions{}
	}
	n.next, n.retry, n.catch, n.function = opts.Next, opts.Retry, opts.Catch, opts.Function
	n.long = *opts
	if fn == nil {
		n.err = "nil handler"
		return n
	}
	n.handler = &handler{
		fn: reflect.ValueOf(fn), long: true,
		in: reflect.TypeFor[In](), out: reflect.TypeFor[Out](), state: reflect.TypeFor[State](),
		jobID: jobIDOf[In],
		invoke: func(ctx context.Context, input []byte, p *Progress) ([]byte, error) {
			var in In
			if err := decodeInput(input, &in); err != nil {
				return nil, err
			}
			st := new(State)
			if err := p.load(st); err != nil {
				return nil, err
			}
			out, err := fn(ctx, in, st, p)
			if err != nil {
				return nil, err
			}
			return json.Marshal(out)
		},
	}
	return n
}

// JobNamer is implemented by a long step's input type when the input can
// name the job it belongs to. A non-empty JobID replaces the execution name
// as the job id of the step's checkpoints, so a new execution given the same
// job resumes an old one's work.
type JobNamer interface {
	JobID() string
}

// jobIDOf returns the job an input of type In names, or "".
func jobIDOf[In any](input []byte) string {
	var in In
	if json.Unmarshal(input, &in) != nil {
		return ""
	}
	if j, ok := any(in).(JobNamer); ok {
		return j.JobID()
	}
	if j, ok := any(&in).(JobNamer); ok {
		return j.JobID()
	}
	return ""
}
