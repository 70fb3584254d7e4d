// Package slicestate is the encoding of a long step's checkpoint State: the
// user's state with the runtime's bookkeeping. The step runtime and the
// test helper (which seeds checkpoints "resumed at state S") share it.
package slicestate

import (
	"encoding/json"
	"time"
)

// Meta is what the runtime stores as a checkpoint's State.
type Meta struct {
	State   json.RawMessage `json:"state,omitempty"` // the step's own state
	Chunks  int64           `json:"chunks"`          // chunks finished, all slices
	Stalls  int             `json:"stalls,omitempty"`
	Pending *Pending        `json:"pending,omitempty"`
	// SaveMax is the slowest checkpoint write of the last slice, so the
	// next slice's margin accounts for its final save from the start.
	SaveMax time.Duration `json:"saveMax,omitempty"`
}

// Pending marks a running slice; found by the next claim, it means that
// slice never ended cleanly (it was killed or overran its deadline).
type Pending struct {
	Chunk    int64     `json:"chunk"` // chunks finished when the slice started
	Started  time.Time `json:"started"`
	Deadline time.Time `json:"deadline"`
	// Exhausted: the slice was still running near its deadline without
	// having saved a finished chunk, or ran past it. A slice found pending
	// counts as stalled only when it was exhausted (not when it was
	// killed or crashed earlier).
	Exhausted bool `json:"exhausted,omitempty"`
}

// Encode returns the checkpoint State of a step whose state is st after
// chunks chunks.
func Encode(st any, chunks int64) ([]byte, error) {
	raw, err := json.Marshal(st)
	if err != nil {
		return nil, err
	}
	return json.Marshal(Meta{State: raw, Chunks: chunks})
}

// Decode returns the Meta of a checkpoint State ("" or nil: the zero Meta).
func Decode(b []byte) (Meta, error) {
	var m Meta
	if len(b) == 0 {
		return m, nil
	}
	err := json.Unmarshal(b, &m)
	return m, err
}
