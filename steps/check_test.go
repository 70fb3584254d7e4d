package steps_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/baton-run/baton/steps"
)

type withChan struct {
	Name string   `json:"name"`
	C    chan int `json:"c"`
}

type hidden struct{ n int }

type keyed struct {
	M map[[2]int]string
}

func noop(_ context.Context, c counter) (counter, error) { return c, nil }

func TestCompileChecks(t *testing.T) {
	t.Parallel()
	task := func(name string) steps.Step { return steps.Task(name, noop, nil) }
	var nilTask func(context.Context, counter) (counter, error)
	tests := []struct {
		name  string
		steps []steps.Step
		want  []string
	}{
		{"duplicate", []steps.Step{task("a"), task("a")}, []string{`duplicate step name "a"`}},
		{"dangling next", []steps.Step{steps.Task("a", noop, &steps.TaskOptions{Next: "nope"})},
			[]string{`step "a": Next: no step "nope" in its sequence`}},
		{"dangling rule", []steps.Step{steps.Choice("c", steps.When(steps.P[int]("$.n").Gt(1), "x"), steps.Otherwise("c"))},
			[]string{`step "c": rule 1: no step "x" in its sequence`}},
		{"dangling catch", []steps.Step{steps.Task("a", noop, &steps.TaskOptions{Catch: []steps.Catch{{Next: "gone"}}})},
			[]string{`step "a": Catch 1: no step "gone" in its sequence`}},
		{"catch without next", []steps.Step{steps.Task("a", noop, &steps.TaskOptions{Catch: []steps.Catch{{}}})},
			[]string{`step "a": Catch 1 has no Next`}},
		{"long catch resultpath", []steps.Step{steps.Long("l", sumTo, &steps.LongOptions{Catch: []steps.Catch{{Next: "f", ResultPath: "$.error"}}}), steps.Fail("f", "E", "")},
			[]string{`step "l": Catch 1: a Long step's input changes between slices, so Catch cannot place the error in it (ResultPath "$.error"); leave ResultPath empty`}},
		{"unreachable after succeed", []steps.Step{task("a"), steps.Succeed("ok"), task("orphan")},
			[]string{`step "orphan" is unreachable`}},
		{"nil handler", []steps.Step{steps.Task("a", nilTask, nil)}, []string{`step "a": nil handler`}},
		{"no name", []steps.Step{task("")}, []string{`step 1 (Task) has no name`}},
		{"func not a func", []steps.Step{steps.Func("f", 42, nil)}, []string{`step "f": handler is int, not a func`}},
		{"func nil", []steps.Step{steps.Func("f", nil, nil)}, []string{`step "f": handler is <nil>, not a func`}},
		{"func three args", []steps.Step{steps.Func("f", func(context.Context, int, int) error { return nil }, nil)},
			[]string{`step "f": handler func(context.Context, int, int) error: takes 3 arguments; at most 2 (context.Context, In)`}},
		{"func first arg not ctx", []steps.Step{steps.Func("f", func(int, int) error { return nil }, nil)},
			[]string{`step "f": handler func(int, int) error: takes 2 arguments but the first, int, is not context.Context`}},
		{"func second result", []steps.Step{steps.Func("f", func() (int, string) { return 0, "" }, nil)},
			[]string{`step "f": handler func() (int, string): returns 2 values but the second, string, is not error`}},
		{"func one result", []steps.Step{steps.Func("f", func() int { return 0 }, nil)},
			[]string{`step "f": handler func() int: returns one value, int, which is not error; return (int, error)`}},
		{"func three results", []steps.Step{steps.Func("f", func() (int, int, error) { return 0, 0, nil }, nil)},
			[]string{`step "f": handler func() (int, int, error): returns 3 values; at most 2 (Out, error)`}},
		{"func chan input", []steps.Step{steps.Func("f", func(chan int) error { return nil }, nil)},
			[]string{`step "f": input type chan int does not round-trip through JSON: chan int cannot be encoded as JSON`}},
		{"chan input", []steps.Step{steps.Task("a", func(context.Context, withChan) (counter, error) { return counter{}, nil }, nil)},
			[]string{`step "a": input type steps_test.withChan does not round-trip through JSON: field C: chan int cannot be encoded as JSON`}},
		{"func output", []steps.Step{steps.Task("a", func(context.Context, counter) (func(), error) { return nil, nil }, nil)},
			[]string{`step "a": output type func() does not round-trip through JSON: func() cannot be encoded as JSON`}},
		{"map key", []steps.Step{steps.Task("a", func(context.Context, keyed) (counter, error) { return counter{}, nil }, nil)},
			[]string{`step "a": input type steps_test.keyed does not round-trip through JSON: field M: map[[2]int]string has keys of type [2]int, which JSON objects cannot hold`}},
		{"long without state", []steps.Step{steps.Long("l", func(context.Context, counter, *struct{}, *steps.Progress) (counter, error) { return counter{}, nil }, nil)},
			[]string{`step "l": Long step has no state type (struct {} saves nothing); use Task for a step without state`}},
		{"long with hidden state", []steps.Step{steps.Long("l", func(context.Context, counter, *hidden, *steps.Progress) (counter, error) { return counter{}, nil }, nil)},
			[]string{`step "l": Long step has no state type (steps_test.hidden saves nothing); use Task for a step without state`}},
		{"bool ordering", []steps.Step{steps.Choice("c", steps.When(steps.P[bool]("$.ok").Gt(true), "c"))},
			[]string{`step "c": rule 1: Gt on bool path $.ok: bools only compare for equality`}},
		{"struct compare", []steps.Step{steps.Choice("c", steps.When(steps.P[counter]("$.c").Eq(counter{}), "c"))},
			[]string{`step "c": rule 1: path $.c has type steps_test.counter: compare strings, numbers, bools or time.Time`}},
		{"bad path", []steps.Step{steps.Choice("c", steps.When(steps.P[int]("n").Eq(1), "c"))},
			[]string{`step "c": rule 1: path "n" must start with $`}},
		{"bad selector", []steps.Step{steps.Choice("c", steps.When(steps.Field(func(*counter) *int { return new(int) }).Eq(1), "c"))},
			[]string{`step "c": rule 1: the selector does not return the address of a field of steps_test.counter`}},
		{"empty choice", []steps.Step{steps.Choice("c", steps.Otherwise("c"))}, []string{`step "c": Choice needs at least one When rule`}},
		{"goto first", []steps.Step{steps.Goto("a"), task("a")}, []string{`Goto "a" at position 1 follows no step`}},
		{"goto after jump", []steps.Step{task("a"), steps.Succeed("s"), steps.Goto("a")},
			[]string{`Goto "a" follows step "s", which already ends or jumps`}},
		{"bad retry", []steps.Step{steps.Task("a", noop, &steps.TaskOptions{Retry: &steps.RetryPolicy{BackoffRate: 0.5}})},
			[]string{`step "a": Retry: BackoffRate must be at least 1.0`}},
		{"empty parallel", []steps.Step{steps.Parallel("p", nil)}, []string{`step "p": Parallel needs at least one branch`}},
		{"empty branch", []steps.Step{steps.Parallel("p", nil, steps.Sequence())}, []string{`step "p": branch 1 has no steps`}},
		{"jump out of a branch", []steps.Step{task("top"), steps.Parallel("p", nil, steps.Sequence(steps.Pass("in", nil), steps.Goto("top")))},
			[]string{`step "in": Next: no step "top" in its sequence`}},
		{"negative wait", []steps.Step{steps.Wait("w", -time.Second)}, []string{`step "w": negative wait -1s`}},
		{"collides with generated", []steps.Step{steps.Long("l", sumTo, nil), steps.Pass("l.more?", nil)},
			[]string{`step "l.more?": name collides with a state generated for long step "l"`}},
		{"several problems", []steps.Step{task("a"), task("a"), steps.Succeed("s"), task("b")},
			[]string{`duplicate step name "a"`, `step "b" is unreachable`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := steps.New("w", nil).Add(tc.steps...).Compile()
			var de *steps.DefinitionError
			if !asDefinitionError(err, &de) {
				t.Fatalf("Compile() = %v, want a *DefinitionError", err)
			}
			if got := strings.Join(de.Problems, "\n"); got != strings.Join(tc.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", got, strings.Join(tc.want, "\n"))
			}
		})
	}
}

func asDefinitionError(err error, de **steps.DefinitionError) bool {
	e, ok := err.(*steps.DefinitionError)
	*de = e
	return ok
}

func TestCompileWorkflowName(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"":        `workflow "": name "": use 1 to 80 letters, digits, '-' or '_'; no steps`,
		"a b":     `workflow "a b": name "a b": use 1 to 80 letters, digits, '-' or '_'; no steps`,
		"nosteps": `workflow "nosteps": no steps`,
	} {
		if _, err := steps.New(name, nil).Compile(); err == nil || err.Error() != want {
			t.Errorf("Compile(%q) = %v, want %s", name, err, want)
		}
	}
}
