package sqlitestore_test

import (
	"path/filepath"
	"testing"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/sqlitestore"
	"github.com/baton-run/baton/checkpoint/storetest"
)

func TestConformance(t *testing.T) { storetest.Run(t, open) }

func TestLeaser(t *testing.T) { storetest.RunLeaser(t, open) }

func open(t *testing.T, opts *checkpoint.Options) *checkpoint.Store {
	s, err := sqlitestore.Open(filepath.Join(t.TempDir(), "baton.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
