// Package memstore is the in-memory checkpoint driver, for tests. Records
// live as long as the Store; it keeps every guarantee of package
// checkpoint except durability.
package memstore

import (
	"context"
	"sync"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/driver"
)

// Open returns an empty in-memory Store.
func Open(opts *checkpoint.Options) (*checkpoint.Store, error) {
	return checkpoint.New(New(), opts)
}

// New returns the bare driver, for wrapping (e.g. fault injection).
func New() driver.Driver { return &store{rows: map[driver.Key]*driver.Row{}} }

type store struct {
	mu   sync.Mutex
	rows map[driver.Key]*driver.Row
}

var (
	_ driver.Driver = (*store)(nil)
	_ driver.Leaser = (*store)(nil)
)

func (s *store) Get(_ context.Context, key driver.Key) (*driver.Row, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.rows[key]
	if !ok {
		return nil, driver.ErrNotFound
	}
	return clone(r), nil
}

func (s *store) Put(_ context.Context, row *driver.Row, cond driver.Cond) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.rows[row.Key]
	switch {
	case cond.Version == 0 && ok,
		cond.Version != 0 && (!ok || cur.Version != cond.Version || cur.Owner != cond.Owner):
		return driver.ErrConflict
	}
	s.rows[row.Key] = clone(row)
	return nil
}

func (s *store) Lease(_ context.Context, key driver.Key, l driver.Lease) (*driver.Row, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.rows[key]
	switch {
	case !ok:
		r = &driver.Row{Key: key, Created: l.Now}
	case !leasable(r, l):
		return nil, driver.ErrConflict
	default:
		r = clone(r)
	}
	r.Version++
	r.Owner, r.LeaseExpiry, r.Updated, r.Expires, r.WriteID = l.Owner, l.Until, l.Now, l.Expires, l.WriteID
	s.rows[key] = r
	return clone(r), nil
}

// leasable is the condition of driver.Leaser on a present row.
func leasable(r *driver.Row, l driver.Lease) bool {
	live := r.Expires.IsZero() || r.Expires.After(l.Now)
	free := r.Owner == "" || r.Owner == l.Owner || !r.LeaseExpiry.After(l.Now)
	return !r.Done && live && free
}

func (s *store) Delete(_ context.Context, key driver.Key) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.rows, key)
	return nil
}

func (s *store) List(_ context.Context, job string) ([]*driver.Row, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*driver.Row
	for k, r := range s.rows {
		if k.Job == job {
			out = append(out, clone(r))
		}
	}
	return out, nil
}

func (s *store) DeleteExpired(_ context.Context, now time.Time) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for k, r := range s.rows {
		if !r.Expires.IsZero() && !now.Before(r.Expires) {
			delete(s.rows, k)
			n++
		}
	}
	return n, nil
}

func (s *store) Close() error { return nil }

// clone copies r deeply, so callers never alias stored bytes.
func clone(r *driver.Row) *driver.Row {
	c := *r
	c.State = append([]byte(nil), r.State...)
	c.Output = append([]byte(nil), r.Output...)
	return &c
}
