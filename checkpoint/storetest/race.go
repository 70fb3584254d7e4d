package storetest

import (
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/baton-run/baton/checkpoint"
)

// racers is how many goroutines race on one key.
const racers = 16

var raceCases = []testCase{
	{name: "RaceClaimFresh", fn: testRaceClaimFresh},
	{name: "RaceClaimExpired", fn: testRaceClaimExpired},
	{name: "RaceSaveOneWinner", fn: testRaceSave},
	{name: "RaceNoLostUpdate", fn: testNoLostUpdate},
}

// race runs fn(i) on racers goroutines at once and returns their errors.
func race(fn func(i int) error) []error {
	errs := make([]error, racers)
	var ready, done sync.WaitGroup
	gate := make(chan struct{})
	for i := range racers {
		ready.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			ready.Done()
			<-gate
			errs[i] = fn(i)
		}()
	}
	ready.Wait()
	close(gate)
	done.Wait()
	return errs
}

// oneWinner checks exactly one nil error, the rest matching loser; it
// returns the winner's index.
func (e *env) oneWinner(errs []error, loser error) int {
	e.Helper()
	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			e.Fatalf("racers %d and %d both won", winner, i)
		case err == nil:
			winner = i
		default:
			e.wantErr("racer "+strconv.Itoa(i), err, loser)
		}
	}
	if winner < 0 {
		e.Fatalf("no racer won: %v", errs[0])
	}
	return winner
}

func (e *env) claimRace(key checkpoint.Key) {
	errs := race(func(i int) error {
		_, err := e.s.Claim(e.ctx, key, "owner-"+strconv.Itoa(i), e.clock.Now().Add(time.Minute))
		return err
	})
	w := e.oneWinner(errs, checkpoint.ErrLeaseHeld)
	if got := e.get(key); got.Owner != "owner-"+strconv.Itoa(w) {
		e.Fatalf("stored owner %q, winner owner-%d", got.Owner, w)
	}
}

func testRaceClaimFresh(e *env) { e.claimRace(e.key("s")) }

func testRaceClaimExpired(e *env) {
	key := e.key("s")
	e.claim(key, "old")
	e.clock.Advance(2 * time.Minute)
	e.claimRace(key)
}

func testRaceSave(e *env) {
	key := e.key("s")
	rec := e.claim(key, "owner")
	errs := race(func(i int) error {
		_, err := e.s.Save(e.ctx, rec, []byte(strconv.Itoa(i)), checkpoint.Progress{Done: int64(i)})
		return err
	})
	w := e.oneWinner(errs, checkpoint.ErrConflict)
	e.wantState(key, strconv.Itoa(w), rec.Version+1)
}

// testNoLostUpdate increments a counter in the state from many goroutines
// by read-modify-save, retrying conflicts: no increment may be lost and
// every version must be won exactly once.
func testNoLostUpdate(e *env) {
	perRacer := 12
	if testing.Short() {
		perRacer = 4
	}
	key := e.key("s")
	e.claim(key, "owner")
	var mu sync.Mutex
	won := map[int64]int{}
	errs := race(func(i int) error {
		for range perRacer {
			v, err := e.increment(key)
			if err != nil {
				return err
			}
			mu.Lock()
			won[v]++
			mu.Unlock()
		}
		return nil
	})
	if err := errors.Join(errs...); err != nil {
		e.Fatal(err)
	}
	total := racers * perRacer
	e.wantState(key, strconv.Itoa(total), int64(1+total))
	for v := int64(2); v <= int64(1+total); v++ {
		if won[v] != 1 {
			e.Fatalf("version %d was won %d times", v, won[v])
		}
	}
}

// increment adds one to key's counter, retrying conflicts; it returns the
// version it wrote.
func (e *env) increment(key checkpoint.Key) (int64, error) {
	for {
		rec, err := e.s.Get(e.ctx, key)
		if err != nil {
			return 0, err
		}
		n, _ := strconv.Atoi(string(rec.State))
		next, err := e.s.Save(e.ctx, rec, []byte(strconv.Itoa(n+1)), checkpoint.Progress{Done: int64(n + 1)})
		if errors.Is(err, checkpoint.ErrConflict) {
			continue
		}
		return next.Version, err
	}
}
