// Package job is the example long job: generate a deterministic sales CSV of
// millions of rows, aggregate it per region, and summarize. Both the
// generation and the aggregation are long steps: each resumes from a byte
// offset (the river-style cursor) in its checkpoint, so they run for as
// long as they need across Lambda-sized slices.
package job

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"time"

	"github.com/baton-run/baton/steps"
)

// Input is the job's input.
type Input struct {
	Rows int64  `json:"rows"`          // rows to generate
	Seed int64  `json:"seed"`          // data seed
	Dir  string `json:"dir"`           // where the CSV is written
	Job  string `json:"job,omitempty"` // resume this job's checkpoints (default: the execution name)
	// ChunkRows is how many rows aggregate reads per chunk (default 50,000).
	ChunkRows int64 `json:"chunkRows,omitempty"`
}

// JobID names the job whose checkpoints the long steps use.
func (in Input) JobID() string { return in.Job }

// File returns the CSV path.
func (in Input) File() string {
	return filepath.Join(in.Dir, fmt.Sprintf("sales-%d-%d.csv", in.Seed, in.Rows))
}

// Totals are one region's aggregates.
type Totals struct {
	Region       string `json:"region"`
	Orders       int64  `json:"orders"`
	Quantity     int64  `json:"quantity"`
	RevenueCents int64  `json:"revenueCents"`
	// Monthly is the revenue of each month of 2026, January first.
	Monthly [12]int64 `json:"monthlyRevenueCents"`
}

// Report is the aggregate of the whole file.
type Report struct {
	Input    Input    `json:"input"`
	Rows     int64    `json:"rows"`
	Regions  []Totals `json:"regions"` // sorted by region
	Checksum string   `json:"checksum"`
}

// Summary is the workflow's output.
type Summary struct {
	Rows         int64  `json:"rows"`
	RevenueCents int64  `json:"revenueCents"`
	TopRegion    string `json:"topRegion"`
	Checksum     string `json:"checksum"`
	Report       Report `json:"report"`
}

// Workflow returns the job's workflow. The function timeout is Lambda's
// 15 minutes; `run --timeout 5s` scales it down locally.
func Workflow() *steps.Workflow {
	retry := &steps.RetryPolicy{Interval: 100 * time.Millisecond, MaxAttempts: 3, Jitter: true}
	// A chunk is a few milliseconds of work: five slices in a row without
	// finishing one means something is wrong, not that a chunk is too big.
	long := &steps.LongOptions{Retry: retry, MaxStalledSlices: 5}
	return steps.New("longjob", &steps.WorkflowOptions{Comment: "generate, aggregate and summarize a sales CSV"}).Add(
		steps.Long("generate", generate, long),
		steps.Long("aggregate", aggregate, long),
		steps.Task("summarize", summarize, nil),
	)
}

// summarize picks the top region and totals the revenue.
func summarize(_ context.Context, r Report) (Summary, error) {
	s := Summary{Rows: r.Rows, Checksum: r.Checksum, Report: r}
	regions := append([]Totals(nil), r.Regions...)
	sort.SliceStable(regions, func(i, j int) bool { return regions[i].RevenueCents > regions[j].RevenueCents })
	for _, t := range regions {
		s.RevenueCents += t.RevenueCents
	}
	if len(regions) > 0 {
		s.TopRegion = regions[0].Region
	}
	return s, nil
}
