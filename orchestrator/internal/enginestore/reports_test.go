package enginestore

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// TestReportsRoundTrip: both stores give back an execution's reports in
// the order they were put, only that execution's, and the SQLite file keeps
// them across a reopen.
func TestReportsRoundTrip(t *testing.T) {
	want := []InvocationReport{
		{ExecutionArn: "arn:x", StateName: "Work", Attempt: 0, Time: now, Data: []byte(`{"initMs":12.5}`)},
		{ExecutionArn: "arn:x", StateName: "Work", Attempt: 1, Time: now.Add(time.Second), Data: []byte(`{"initMs":0}`)},
		{ExecutionArn: "arn:x", StateName: "Again", Attempt: 0, Time: now.Add(2 * time.Second), Data: []byte(`{}`)},
	}
	other := InvocationReport{ExecutionArn: "arn:y", StateName: "Work", Time: now, Data: []byte(`{}`)}
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := open()
			rs := s.(Reports)
			for _, r := range append(want[:1:1], append([]InvocationReport{other}, want[1:]...)...) {
				if err := rs.PutReport(r); err != nil {
					t.Fatal(err)
				}
			}
			checkReports(t, rs, want)
			if none, err := rs.Reports("arn:none"); err != nil || len(none) != 0 {
				t.Fatalf("reports of an unknown execution = %v, %v", none, err)
			}
			if _, ok := s.(*SQLite); ok {
				s.Close()
				s = open()
				checkReports(t, s.(Reports), want)
			}
			s.Close()
		})
	}
}

func checkReports(t *testing.T, rs Reports, want []InvocationReport) {
	t.Helper()
	got, err := rs.Reports("arn:x")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("got %d reports, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if !got[i].Time.Equal(want[i].Time) {
			t.Errorf("report %d time %v, want %v", i, got[i].Time, want[i].Time)
		}
		got[i].Time = want[i].Time
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("report %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// TestReportsTableOnOldFile: a file made before the reports table existed
// gets it on open.
func TestReportsTableOnOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := OpenSQLite(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`DROP TABLE invocation_reports`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = OpenSQLite(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.PutReport(InvocationReport{ExecutionArn: "arn:x", Data: []byte(`{}`)}); err != nil {
		t.Fatalf("put on a migrated file: %v", err)
	}
}
