package enginestore

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/baton-run/baton/orchestrator/internal/history"
)

var now = time.Date(2026, 5, 1, 10, 0, 0, 123456789, time.UTC)

// stores returns every implementation, fresh.
func stores(t *testing.T) map[string]func() Store {
	dir := t.TempDir()
	return map[string]func() Store{
		"memory": func() Store { return NewMemory() },
		"sqlite": func() Store {
			s, err := OpenSQLite(filepath.Join(dir, "store.db"))
			if err != nil {
				t.Fatal(err)
			}
			return s
		},
	}
}

// TestStoreRoundTrip runs the same checks on both stores: executions and
// events come back as written, in order, including details rendered from
// Pending.
func TestStoreRoundTrip(t *testing.T) {
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := open()
			defer s.Close()
			if _, err := s.Execution("nope"); !errors.Is(err, ErrNotFound) {
				t.Fatalf("missing execution: %v", err)
			}
			x := Execution{Arn: "arn:x", Name: "x", StateMachineArn: "arn:sm", Status: "RUNNING", Input: `{}`, Start: now}
			s.PutExecution(x)
			x.Status, x.Output, x.HasOutput, x.Stop = "SUCCEEDED", `1`, true, now.Add(time.Second)
			s.PutExecution(x)
			evs := []*history.Event{
				{ID: 1, Type: "ExecutionStarted", Time: now, Pending: history.ExecutionStarted{Input: history.Payload{V: map[string]any{}}}},
				{ID: 2, Prev: 1, Type: "PassStateEntered", Time: now, Scope: "/M@4#2", Epoch: 1,
					Pending: history.StateEntered{Name: "P", Input: history.Payload{V: "é<"}}},
			}
			s.Append("arn:x", evs[0])
			s.Append("arn:x", evs[1])
			if err := s.Sync(context.Background()); err != nil {
				t.Fatal(err)
			}
			got, err := s.Execution("arn:x")
			if err != nil || got.Status != "SUCCEEDED" || got.Output != "1" || !got.Stop.Equal(x.Stop) {
				t.Fatalf("execution = %+v, %v", got, err)
			}
			back, err := s.Events("arn:x")
			if err != nil || len(back) != 2 {
				t.Fatalf("events = %v, %v", back, err)
			}
			for i, ev := range back {
				w := evs[i]
				if ev.ID != w.ID || ev.Prev != w.Prev || ev.Type != w.Type || !ev.Time.Equal(w.Time) ||
					ev.Scope != w.Scope || ev.Epoch != w.Epoch || string(ev.JSON()) != string(w.JSON()) {
					t.Errorf("event %d = %+v (%s), want %+v (%s)", i, ev, ev.JSON(), w, w.JSON())
				}
			}
		})
	}
}

// TestSQLiteSurvivesReopen: what Sync acknowledged is in the file.
func TestSQLiteSurvivesReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	s, err := OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutStateMachine(StateMachine{Arn: "arn:sm", Name: "sm", Definition: "{}", Created: now}); err != nil {
		t.Fatal(err)
	}
	for i := int64(1); i <= 1000; i++ {
		s.Append("arn:x", &history.Event{ID: i, Prev: i - 1, Type: "PassStateEntered", Time: now})
	}
	s.Close()
	s, err = OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	evs, err := s.Events("arn:x")
	if err != nil || len(evs) != 1000 || evs[999].ID != 1000 {
		t.Fatalf("%d events, %v", len(evs), err)
	}
	sms, err := s.StateMachines()
	if err != nil || len(sms) != 1 || sms[0].Name != "sm" {
		t.Fatalf("state machines %+v %v", sms, err)
	}
}

func TestCorruptChunkIsAnError(t *testing.T) {
	data, _ := appendEvent(nil, nil, &history.Event{ID: 1, Type: "X", Time: now}, nil)
	if _, err := decodeChunk(data[:len(data)-1], nil); !errors.Is(err, errCorruptChunk) {
		t.Fatalf("truncated chunk: %v", err)
	}
}
