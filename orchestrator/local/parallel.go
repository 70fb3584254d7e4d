package local

import (
	"context"
	"sync"

	asl "github.com/baton-run/baton/statemachines"
)

func (s *stateRun) parallel() (any, string, *asl.Error) {
	eff, ferr := s.inputPath()
	if ferr != nil {
		return nil, "", ferr
	}
	if s.jsonata && s.st.Arguments != nil {
		v, ferr := s.evalJ("Arguments", s.st.Arguments, s.states())
		if ferr != nil {
			return nil, "", ferr
		}
		eff = v
	} else if s.st.Parameters != nil {
		v, err := asl.EvalTemplate(s.st.Parameters, eff, s.env())
		if err != nil {
			return nil, "", s.failure(err)
		}
		eff = v
	}
	result, ferr := s.retrying(func() (any, *asl.Error) { return s.runBranches(eff) })
	if ferr == nil {
		if out, next, err := s.finish(result); err == nil {
			return out, next, nil
		} else {
			ferr = err
		}
	}
	if ferr == errAborted {
		s.th.emit("ParallelStateAborted", nil)
		return nil, "", ferr
	}
	if out, next, err, ok := s.catch(ferr); ok {
		return out, next, err
	}
	s.th.emit("ParallelStateFailed", nil)
	return nil, "", ferr
}

// runBranches runs every branch concurrently on input; the first failure
// aborts the others.
func (s *stateRun) runBranches(input any) (any, *asl.Error) {
	started := s.th.emit("ParallelStateStarted", nil)
	ctx, cancel := context.WithCancel(s.th.ctx)
	defer cancel()
	results := make([]any, len(s.st.Branches))
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first *asl.Error
	)
	for i, br := range s.st.Branches {
		child := s.th.child(ctx, s.st.Name, s.lang(), started, i)
		child.inParallel = true
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := child.runMachine(br, input)
			if err == nil {
				results[i] = out
				return
			}
			if err != errAborted {
				once.Do(func() { first = err; cancel() })
			}
		}()
	}
	wg.Wait()
	if first != nil {
		return nil, first
	}
	if s.th.ctx.Err() != nil {
		return nil, errAborted
	}
	return results, nil
}
