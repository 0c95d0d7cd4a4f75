package store

import (
	"context"
	"syscall"
	"testing"
	"time"
)

// BenchmarkAdd measures the ingest of already-coded documents: 1,000
// documents of 10 mentions per transaction, into a store that grows to
// 10 x b.N thousand mentions.
func BenchmarkAdd(b *testing.B) {
	s := openTemp(b)
	ctx := context.Background()
	const docs, perDoc = 1000, 10
	batches := make([][]Item, b.N)
	for i := range batches {
		batches[i] = Synthetic(1, i*docs, docs, perDoc)
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	mentions := 0
	for i := range b.N {
		res, err := s.Add(ctx, batches[i])
		if err != nil {
			b.Fatal(err)
		}
		mentions += res.Mentions
	}
	b.StopTimer()
	b.ReportMetric(float64(mentions)/b.Elapsed().Seconds(), "mentions/s")
	// On a shared machine the wall clock counts other processes' time too;
	// this counts the process's own CPU time (all its threads).
	b.ReportMetric(float64(mentions)/(cpuTime()-cpu0).Seconds(), "mentions/cpu-s")
}

// cpuTime is the CPU time used by the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
