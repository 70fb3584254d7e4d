package sqlitestore_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/sqlitestore"
)

// A database locked by another connection (SQLITE_BUSY with no busy
// timeout) is a transient error: the Store retries until the lock goes.
func TestBusyIsRetried(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baton.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := sqlitestore.OpenDB(db, &checkpoint.Options{RetryInitial: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	key := checkpoint.Key{Job: "j", Step: "s"}
	rec, err := s.Claim(ctx, key, "o", time.Now().Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	unlock := lockWrites(t, path, 150*time.Millisecond)
	rec, err = s.Save(ctx, rec, []byte("after the lock"), checkpoint.Progress{Done: 1})
	<-unlock
	if err != nil {
		t.Fatalf("save under a held write lock: %v", err)
	}
	if s.Stats().Retries == 0 {
		t.Fatal("the write lock caused no retry")
	}
	if got, _ := s.Get(ctx, key); string(got.State) != "after the lock" {
		t.Fatalf("stored state %q", got.State)
	}
}

// lockWrites holds the write lock of the database at path from another
// connection for d; the returned channel closes when it is released.
func lockWrites(t *testing.T, path string, d time.Duration) <-chan struct{} {
	t.Helper()
	other, err := sql.Open("sqlite", sqlitestore.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	tx, err := other.BeginTx(context.Background(), nil)
	if err == nil {
		_, err = tx.Exec(`UPDATE checkpoint_records SET progress_note = 'locked'`)
	}
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		time.Sleep(d)
		tx.Rollback()
		other.Close()
		close(done)
	}()
	return done
}

// The store shares a database with other tables (the engine's) and
// leaves the handle open on Close.
func TestOpenDBShares(t *testing.T) {
	db, err := sql.Open("sqlite", sqlitestore.DSN(filepath.Join(t.TempDir(), "baton.db")))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE executions (arn TEXT PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	s, err := sqlitestore.OpenDB(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Claim(context.Background(), checkpoint.Key{Job: "j", Step: "s"}, "o", time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	var names []string
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatalf("db closed by Store.Close: %v", err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	want := "checkpoint_records checkpoint_records_expiry executions"
	if got := strings.Join(names, " "); got != want {
		t.Fatalf("schema objects %q; want %q", got, want)
	}
}

// Open puts the file in WAL mode (readers never block the writer).
func TestOpenUsesWAL(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baton.db")
	s, err := sqlitestore.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var mode string
	if err := db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q, %v; want wal", mode, err)
	}
}

// Open sweeps the records that expired while no process had the file open.
func TestOpenSweeps(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baton.db")
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	open := func(now time.Time) *checkpoint.Store {
		s, err := sqlitestore.Open(path, &checkpoint.Options{Now: func() time.Time { return now }, TTL: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := open(t0)
	if _, err := s.Claim(context.Background(), checkpoint.Key{Job: "j", Step: "s"}, "o", t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	open(t0.Add(2 * time.Hour)).Close()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM checkpoint_records`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d rows left after reopening past the TTL (%v); want 0", n, err)
	}
}
