package sqlitestore_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/internal/latency"
	"github.com/baton-run/baton/checkpoint/sqlitestore"
)

// BenchmarkSave times Store.Save (and Claim, the start of every slice)
// against a raw INSERT of the same bytes on the same database handle (WAL,
// synchronous=FULL), alternating the two. x-base-p50 is the ratio; the
// target for save is <= 1.5.
func BenchmarkSave(b *testing.B) {
	for _, size := range []int{1 << 10, 64 << 10} {
		state := bytes.Repeat([]byte{'s'}, size)
		b.Run(fmt.Sprintf("save/%dKiB", size>>10), func(b *testing.B) {
			raw, s, cp := setup(b, state)
			ctx := context.Background()
			var err error
			latency.Compare(b, raw, func() {
				if cp, err = s.Save(ctx, cp, state, checkpoint.Progress{Done: cp.Version}); err != nil {
					b.Fatal(err)
				}
			})
		})
		b.Run(fmt.Sprintf("claim/%dKiB", size>>10), func(b *testing.B) {
			raw, s, cp := setup(b, state)
			latency.Compare(b, raw, func() {
				if _, err := s.Claim(context.Background(), cp.Key, cp.Owner, cp.LeaseExpiry); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// setup opens a database with a raw table and a Store, and returns the
// raw insert of state, the Store and a claimed record holding state.
func setup(b *testing.B, state []byte) (func(), *checkpoint.Store, checkpoint.Record) {
	db, err := sql.Open("sqlite", sqlitestore.DSN(filepath.Join(b.TempDir(), "bench.db")))
	if err != nil {
		b.Fatal(err)
	}
	s, err := sqlitestore.OpenDB(db, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close(); db.Close() })
	ctx := context.Background()
	cp, err := s.Claim(ctx, checkpoint.Key{Job: "job", Step: "step"}, "owner", time.Now().Add(time.Hour))
	if err == nil {
		cp, err = s.Save(ctx, cp, state, checkpoint.Progress{})
	}
	if err != nil {
		b.Fatal(err)
	}
	return rawInsert(b, db, state), s, cp
}

// rawInsert returns an INSERT of state under a new key per call.
func rawInsert(b *testing.B, db *sql.DB, state []byte) func() {
	if _, err := db.Exec(`CREATE TABLE raw (k TEXT PRIMARY KEY, v BLOB) WITHOUT ROWID`); err != nil {
		b.Fatal(err)
	}
	stmt, err := db.Prepare(`INSERT INTO raw (k, v) VALUES (?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { stmt.Close() })
	i := 0
	return func() {
		i++
		if _, err := stmt.Exec(fmt.Sprintf("job/step/%d", i), state); err != nil {
			b.Fatal(err)
		}
	}
}
