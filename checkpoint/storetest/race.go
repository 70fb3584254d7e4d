package storetest

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
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

// testNoLostUpdate appends tokens to a list in the state from many
// goroutines by read-modify-save, retrying conflicts: every write reported
// as successful must be stored exactly once, and every version must be won
// exactly once. (An unknown outcome, ErrUnavailable, is resolved by
// re-reading, as a caller would.)
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
		for j := range perRacer {
			v, err := e.appendToken(key, fmt.Sprintf("%d.%d", i, j))
			if err != nil {
				return err
			}
			mu.Lock()
			won[v]++ // 0: found stored after an unknown outcome
			mu.Unlock()
		}
		return nil
	})
	if err := errors.Join(errs...); err != nil {
		e.Fatal(err)
	}
	e.wantTokensOnce(key, racers, perRacer)
	for v, n := range won {
		if v != 0 && n > 1 {
			e.Fatalf("version %d was won %d times", v, n)
		}
	}
}

// appendToken appends token to key's list, retrying conflicts; it returns
// the version that stored it (0 when an unknown outcome turned out to
// have stored it).
func (e *env) appendToken(key checkpoint.Key, token string) (int64, error) {
	for {
		rec, err := e.s.Get(e.ctx, key)
		if err != nil {
			return 0, err
		}
		if slices.Contains(tokens(rec.State), token) {
			return 0, nil // an earlier attempt with an unknown outcome landed
		}
		state := append(append(rec.State, token...), ' ')
		next, err := e.s.Save(e.ctx, rec, state, checkpoint.Progress{Done: int64(len(tokens(state)))})
		switch {
		case errors.Is(err, checkpoint.ErrConflict), errors.Is(err, checkpoint.ErrUnavailable):
			continue
		case err != nil:
			return 0, err
		}
		return next.Version, nil
	}
}

func tokens(state []byte) []string { return strings.Fields(string(state)) }

// wantTokensOnce checks key's list holds every racer's tokens exactly once.
func (e *env) wantTokensOnce(key checkpoint.Key, racers, perRacer int) {
	e.Helper()
	rec := e.get(key)
	seen := map[string]int{}
	for _, tok := range tokens(rec.State) {
		seen[tok]++
	}
	for i := range racers {
		for j := range perRacer {
			if tok := fmt.Sprintf("%d.%d", i, j); seen[tok] != 1 {
				e.Errorf("token %s stored %d times", tok, seen[tok])
			}
		}
	}
	if n := len(tokens(rec.State)); n != racers*perRacer || rec.Version != int64(1+n) {
		e.Fatalf("%d tokens at version %d; want %d tokens, version %d", n, rec.Version, racers*perRacer, 1+n)
	}
}
