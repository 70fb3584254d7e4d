package enginestore

import (
	"context"
	"sort"
	"sync"

	"github.com/baton-run/baton/orchestrator/internal/history"
)

// Memory is a Store that keeps everything in memory.
type Memory struct {
	mu     sync.RWMutex
	sms    map[string]StateMachine
	execs  map[string]Execution
	events map[string]*eventLog
	// last is the history Append wrote last: an execution appends its
	// events one at a time, and this spares hashing its ARN for each.
	lastArn string
	last    *eventLog
	reports map[string][]InvocationReport // by execution; see reports.go
}

var _ Store = (*Memory)(nil)

// NewMemory returns an empty in-memory store.
func NewMemory() *Memory {
	return &Memory{sms: map[string]StateMachine{}, execs: map[string]Execution{}, events: map[string]*eventLog{}}
}

// PutStateMachine implements Store.
func (m *Memory) PutStateMachine(sm StateMachine) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.sms[sm.Arn] = sm
	return nil
}

// StateMachine implements Store.
func (m *Memory) StateMachine(arn string) (StateMachine, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	sm, ok := m.sms[arn]
	if !ok {
		return sm, ErrNotFound
	}
	return sm, nil
}

// StateMachines implements Store.
func (m *Memory) StateMachines() ([]StateMachine, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]StateMachine, 0, len(m.sms))
	for _, sm := range m.sms {
		out = append(out, sm)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// DeleteStateMachine implements Store.
func (m *Memory) DeleteStateMachine(arn string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.sms, arn)
	return nil
}

// PutExecution implements Store.
func (m *Memory) PutExecution(x Execution) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.execs[x.Arn] = x
}

// Execution implements Store.
func (m *Memory) Execution(arn string) (Execution, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	x, ok := m.execs[arn]
	if !ok {
		return x, ErrNotFound
	}
	return x, nil
}

// Executions implements Store.
func (m *Memory) Executions(smArn string) ([]Execution, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var out []Execution
	for _, x := range m.execs {
		if smArn == "" || x.StateMachineArn == smArn {
			out = append(out, x)
		}
	}
	sortExecutions(out)
	return out, nil
}

func sortExecutions(xs []Execution) {
	sort.Slice(xs, func(i, j int) bool {
		if !xs[i].Start.Equal(xs[j].Start) {
			return xs[i].Start.After(xs[j].Start)
		}
		return xs[i].Arn > xs[j].Arn
	})
}

// Append implements Store.
func (m *Memory) Append(arn string, evs ...*history.Event) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if arn != m.lastArn || m.last == nil {
		m.last = m.events[arn]
		if m.last == nil {
			m.last = new(eventLog)
			m.events[arn] = m.last
		}
		m.lastArn = arn
	}
	m.last.add(evs)
}

// Events implements Store.
func (m *Memory) Events(arn string) ([]*history.Event, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	log := m.events[arn]
	if log == nil {
		return nil, nil
	}
	return log.all(), nil
}

// logChunk is the largest chunk of an eventLog.
const logChunk = 4096

// eventLog is an execution's history in chunks that are never copied to
// grow: the first ones small, for short executions, then logChunk events.
type eventLog struct {
	chunks [][]*history.Event
	n      int
}

func (l *eventLog) add(evs []*history.Event) {
	for _, ev := range evs {
		last := len(l.chunks) - 1
		if last < 0 || len(l.chunks[last]) == cap(l.chunks[last]) {
			l.chunks = append(l.chunks, make([]*history.Event, 0, min(max(2*l.n, 8), logChunk)))
			last++
		}
		l.chunks[last] = append(l.chunks[last], ev)
		l.n++
	}
}

func (l *eventLog) all() []*history.Event {
	out := make([]*history.Event, 0, l.n)
	for _, c := range l.chunks {
		out = append(out, c...)
	}
	return out
}

// Sync implements Store; memory writes are immediate.
func (m *Memory) Sync(ctx context.Context) error { return ctx.Err() }

// Close implements Store.
func (m *Memory) Close() error { return nil }
