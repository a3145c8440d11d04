package pipeline

import (
	"context"
	"flag"
	"os"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/mimeo-dedup/mimeo/bench"
	"github.com/mimeo-dedup/mimeo/bench/wire"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

var benchStories = flag.Int("pipeline-stories", 600, "BenchmarkPipeline: wire stories in its corpus")

// peakHeap runs fn and returns the most heap it held above what was in
// use before, sampled every 5 ms.
func peakHeap(fn func()) uint64 {
	_, peak, _ := bench.PeakHeap(5*time.Millisecond, func() error { fn(); return nil })
	return peak
}

// BenchmarkPipeline runs the wire benchmark's corpus (600 stories, about
// 5,900 documents, or -pipeline-stories; 60 with -short) through the pipeline on Prism, in this
// process, and through mimeo scan with two workers, in the same run: time
// and peak heap of each, and, for the pipeline, what each document costs
// the shuffles (the counters of docs/DISTRIBUTED.md's cost model: bytes of
// documents, of signatures, postings, candidate pairs and the bytes of
// the candidates joined with a signature, decided links).
func BenchmarkPipeline(b *testing.B) {
	stories := *benchStories
	if testing.Short() {
		stories = 60
	}
	c := wire.Generate(wire.Config{Stories: stories, Seed: 1})
	var paths []string
	// One input, as the scan reads it; a file of our own in b.TempDir().
	{
		p := b.TempDir() + "/wire.jsonl"
		f, err := os.Create(p)
		if err != nil {
			b.Fatal(err)
		}
		if err := c.WriteJSONL(f); err != nil {
			b.Fatal(err)
		}
		f.Close()
		paths = []string{p}
	}
	fi, _ := os.Stat(paths[0])
	cfg := Config{Inputs: paths, Boilerplate: true, Exact: true, Keep: scan.KeepEarliest}
	docs := float64(len(c.Docs))

	b.Run("impl=beam-prism", func(b *testing.B) {
		b.SetBytes(fi.Size())
		counters := map[string]int64{}
		var peak uint64
		for b.Loop() {
			p, s := beam.NewPipelineWithRoot()
			if _, err := Build(s, cfg, ""); err != nil {
				b.Fatal(err)
			}
			var pr beam.PipelineResult
			var err error
			peak = max(peak, peakHeap(func() { pr, err = ptest.RunWithMetrics(p) }))
			if err != nil {
				b.Fatal(err)
			}
			clear(counters)
			for _, m := range pr.Metrics().AllMetrics().Counters() {
				if m.Namespace() == "mimeo" {
					counters[m.Name()] += m.Result()
				}
			}
		}
		if counters["docs_read"] != int64(len(c.Docs)) {
			b.Fatalf("the pipeline read %d documents, want %d", counters["docs_read"], len(c.Docs))
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		for name, unit := range map[string]string{
			"bytes_docs": "doc-B/doc", "bytes_signed": "signed-B/doc", "postings": "postings/doc",
			"candidates": "cands/doc", "bytes_joined": "joined-B/doc", "pairs_verified": "edges/doc", "quotes": "quotes/doc",
		} {
			b.ReportMetric(float64(counters[name])/docs, unit)
		}
	})
	b.Run("impl=scan-j2", func(b *testing.B) {
		sc, err := cfg.scanConfig()
		if err != nil {
			b.Fatal(err)
		}
		sc.Jobs = 2
		b.SetBytes(fi.Size())
		var peak uint64
		for b.Loop() {
			var res *scan.Result
			peak = max(peak, peakHeap(func() { res, err = scan.Run(context.Background(), sc) }))
			if err != nil || len(res.Docs) != len(c.Docs) {
				b.Fatalf("scan: %v", err)
			}
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	})
}
