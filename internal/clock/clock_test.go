package clock

import (
	"context"
	"testing"
	"time"
)

var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func TestFakeAdvanceFiresDueTimersInOrder(t *testing.T) {
	f := NewFake(epoch)
	late, early := f.NewTimer(10*time.Second), f.NewTimer(5*time.Second)
	f.Advance(4 * time.Second)
	select {
	case <-early.C():
		t.Fatal("timer fired before its time")
	default:
	}
	f.Advance(time.Second)
	if got := <-early.C(); !got.Equal(epoch.Add(5 * time.Second)) {
		t.Fatalf("fired at %v", got)
	}
	if f.Pending() != 1 {
		t.Fatalf("pending = %d, want 1", f.Pending())
	}
	if !late.Stop() || f.Pending() != 0 {
		t.Fatal("Stop did not remove the pending timer")
	}
}

func TestAutoFakeSkipsToEarliestTimer(t *testing.T) {
	f := NewAutoFake(epoch)
	long, short := f.NewTimer(time.Hour), f.NewTimer(time.Minute)
	start := time.Now()
	<-short.C()
	if f.Now() != epoch.Add(time.Minute) {
		t.Fatalf("now = %v, want epoch+1m", f.Now())
	}
	<-long.C()
	if f.Now() != epoch.Add(time.Hour) {
		t.Fatalf("now = %v, want epoch+1h", f.Now())
	}
	if time.Since(start) > time.Second {
		t.Fatal("auto fake did not skip the wait")
	}
}

func TestSleepHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Sleep(ctx, NewFake(epoch), time.Hour); err != context.Canceled {
		t.Fatalf("Sleep = %v, want context.Canceled", err)
	}
	if err := Sleep(context.Background(), NewAutoFake(epoch), time.Hour); err != nil {
		t.Fatalf("Sleep on auto fake = %v", err)
	}
}
