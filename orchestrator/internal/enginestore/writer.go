package enginestore

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"github.com/baton-run/baton/orchestrator/internal/history"
)

// maxPending bounds the queue: writers block beyond it until the disk
// catches up, so a fast execution cannot grow memory without limit.
const maxPending = 200_000

type op struct {
	exec *Execution
	arn  string
	ev   *history.Event
}

// writer commits queued operations in batches from one goroutine.
type writer struct {
	db        *sql.DB
	mu        sync.Mutex
	cond      *sync.Cond
	pending   []op
	enqueued  uint64
	committed uint64
	err       error
	closing   bool
	done      chan struct{}
}

func newWriter(db *sql.DB) *writer {
	w := &writer{db: db, done: make(chan struct{})}
	w.cond = sync.NewCond(&w.mu)
	return w
}

func (w *writer) enqueue(o op) {
	w.mu.Lock()
	for len(w.pending) >= maxPending && w.err == nil && !w.closing {
		w.cond.Wait()
	}
	w.pending = append(w.pending, o)
	w.enqueued++
	if len(w.pending) == 1 {
		w.cond.Broadcast()
	}
	w.mu.Unlock()
}

func (w *writer) sync(ctx context.Context) error {
	w.mu.Lock()
	target := w.enqueued
	stop := context.AfterFunc(ctx, func() {
		w.mu.Lock()
		w.cond.Broadcast()
		w.mu.Unlock()
	})
	defer stop()
	for w.committed < target && w.err == nil && ctx.Err() == nil {
		w.cond.Wait()
	}
	err := w.err
	w.mu.Unlock()
	if err != nil {
		return err
	}
	return ctx.Err()
}

func (w *writer) close() error {
	w.mu.Lock()
	w.closing = true
	w.cond.Broadcast()
	w.mu.Unlock()
	<-w.done
	return w.err
}

func (w *writer) loop() {
	defer close(w.done)
	for {
		w.mu.Lock()
		for len(w.pending) == 0 && !w.closing {
			w.cond.Wait()
		}
		if len(w.pending) == 0 && w.closing {
			w.mu.Unlock()
			return
		}
		batch := w.pending
		w.pending = nil
		upto := w.enqueued
		w.cond.Broadcast() // wake writers blocked on a full queue
		w.mu.Unlock()
		err := w.commit(batch)
		w.mu.Lock()
		if err != nil && w.err == nil {
			w.err = err
		}
		w.committed = upto
		w.cond.Broadcast()
		w.mu.Unlock()
	}
}

func (w *writer) commit(batch []op) error {
	tx, err := w.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var evs []op
	last := map[string]*Execution{}
	var order []string
	for _, o := range batch {
		if o.exec != nil {
			if _, seen := last[o.exec.Arn]; !seen {
				order = append(order, o.exec.Arn)
			}
			last[o.exec.Arn] = o.exec
			continue
		}
		evs = append(evs, o)
	}
	for _, arn := range order {
		if err := putExecution(tx, last[arn]); err != nil {
			return err
		}
	}
	if err := insertEvents(tx, evs); err != nil {
		return err
	}
	return tx.Commit()
}

func putExecution(tx *sql.Tx, x *Execution) error {
	_, err := tx.Exec(`INSERT OR REPLACE INTO executions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		x.Arn, x.Name, x.StateMachineArn, x.StateMachineName, x.Definition, x.RoleArn, x.Status,
		x.Input, x.Output, x.HasOutput, x.Error, x.Cause, nanos(x.Start), nanos(x.Stop),
		x.RedriveCount, nanos(x.RedriveDate))
	return err
}

// chunkGuess is a typical size of a stored event, by which insertEvents
// sizes a chunk buffer ahead (growing one by doubling copies it over and
// over).
const chunkGuess = 192

// insertEvents writes the batch's events as one chunk per execution.
func insertEvents(tx *sql.Tx, evs []op) error {
	counts := map[string]int{}
	for _, o := range evs {
		counts[o.arn]++
	}
	chunks := make(map[string][]byte, len(counts))
	first := make(map[string]int64, len(counts))
	var order []string
	var scratch []byte
	var cache history.TextCache
	for _, o := range evs {
		if _, seen := chunks[o.arn]; !seen {
			order = append(order, o.arn)
			first[o.arn] = o.ev.ID
			chunks[o.arn] = make([]byte, 0, chunkGuess*counts[o.arn])
		}
		chunks[o.arn], scratch = appendEvent(chunks[o.arn], scratch, o.ev, &cache)
	}
	for _, arn := range order {
		if _, err := tx.Exec(`INSERT INTO event_chunks VALUES (?,?,?)`, arn, first[arn], chunks[arn]); err != nil {
			return err
		}
	}
	return nil
}

func nanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}
