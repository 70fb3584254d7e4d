package memstore_test

import (
	"testing"

	"github.com/baton-run/baton/checkpoint"
	"github.com/baton-run/baton/checkpoint/memstore"
	"github.com/baton-run/baton/checkpoint/storetest"
)

func TestConformance(t *testing.T) { storetest.Run(t, open) }

func TestLeaser(t *testing.T) { storetest.RunLeaser(t, open) }

func open(t *testing.T, opts *checkpoint.Options) *checkpoint.Store {
	s, err := memstore.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
