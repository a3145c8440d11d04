package bench

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/klauspost/compress/zstd"

	"github.com/mimeo-dedup/mimeo/bench/wire"
	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

// scanCorpus is the JSONL news corpus of BenchmarkScan, written once per
// process: about 100 MB (3,500 stories with their copies and hard
// negatives from bench/wire, seed 1), 10 MB with -short.
var scanCorpus struct {
	once               sync.Once
	plain, zst         string
	plainSize, zstSize int64
	docs               int
	err                error
}

func scanFiles(b *testing.B) (plain, zst string, size int64, docs int) {
	scanCorpus.once.Do(func() {
		stories := 3500
		if testing.Short() {
			stories = 350
		}
		dir, err := sharedTempDir("mimeo-bench-")
		if err != nil {
			scanCorpus.err = err
			return
		}
		c := wire.Generate(wire.Config{Stories: stories, Seed: 1})
		scanCorpus.docs = len(c.Docs)
		scanCorpus.plain = filepath.Join(dir, "news.jsonl")
		scanCorpus.zst = filepath.Join(dir, "news.jsonl.zst")
		f, err := os.Create(scanCorpus.plain)
		if err != nil {
			scanCorpus.err = err
			return
		}
		w := bufio.NewWriter(f)
		if err := c.WriteJSONL(w); err != nil {
			scanCorpus.err = err
			return
		}
		w.Flush()
		f.Close()
		data, _ := os.ReadFile(scanCorpus.plain)
		scanCorpus.plainSize = int64(len(data))
		enc, _ := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault))
		z := enc.EncodeAll(data, nil)
		scanCorpus.zstSize = int64(len(z))
		scanCorpus.err = os.WriteFile(scanCorpus.zst, z, 0o644)
	})
	if scanCorpus.err != nil {
		b.Fatal(scanCorpus.err)
	}
	return scanCorpus.plain, scanCorpus.zst, scanCorpus.plainSize, scanCorpus.docs
}

// BenchmarkScan measures the whole scan of a JSONL news dump — read,
// parse, boilerplate pass, sign, LSH, verify, cluster — for mimeo with one
// and two workers and on zstd input, against BaselineScan (go-minhash +
// ekzhu/minhash-lsh + encoding/json) on the same file in the same run.
// MB/s counts uncompressed JSONL bytes in every case.
func BenchmarkScan(b *testing.B) {
	plain, zst, size, docs := scanFiles(b)
	run := func(b *testing.B, path string, jobs int, change ...func(*scan.Config)) {
		ins, err := input.Expand([]string{path})
		if err != nil {
			b.Fatal(err)
		}
		cfg := scan.Config{Inputs: ins, Jobs: jobs, Boilerplate: true, Exact: true} // the CLI's defaults
		for _, c := range change {
			c(&cfg)
		}
		b.SetBytes(size)
		b.ReportAllocs()
		var res *scan.Result
		for b.Loop() {
			if res, err = scan.Run(context.Background(), cfg); err != nil {
				b.Fatal(err)
			}
		}
		if len(res.Docs) != docs {
			b.Fatalf("%d documents, want %d", len(res.Docs), docs)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*docs)/1000, "µs/doc")
		b.ReportMetric(float64(res.Dedup.MemoryBytes())/float64(docs), "index-B/doc")
	}
	b.Run("impl=mimeo-j1", func(b *testing.B) { run(b, plain, 1) })
	b.Run("impl=mimeo-j2", func(b *testing.B) { run(b, plain, 2) })
	b.Run("impl=mimeo-j1-zst", func(b *testing.B) { run(b, zst, 1) })
	// What exact verification and passage keys cost.
	b.Run("impl=mimeo-j1-exact-off", func(b *testing.B) { run(b, plain, 1, func(c *scan.Config) { c.Exact = false }) })
	b.Run("impl=mimeo-j1-passages-off", func(b *testing.B) {
		run(b, plain, 1, func(c *scan.Config) { c.Dedup.Passages = -1 })
	})
	b.Run("impl=mimeo-j1-both-off", func(b *testing.B) {
		run(b, plain, 1, func(c *scan.Config) { c.Exact, c.Dedup.Passages = false, -1 })
	})
	b.Run("impl=mimeo-j1-noboilerplate", func(b *testing.B) {
		ins, _ := input.Expand([]string{plain})
		b.SetBytes(size)
		for b.Loop() {
			if _, err := scan.Run(context.Background(), scan.Config{Inputs: ins, Jobs: 1}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=baseline", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			f, err := os.Open(plain)
			if err != nil {
				b.Fatal(err)
			}
			res, err := BaselineScan(bufio.NewReaderSize(f, 1<<20), index.DefaultJaccard)
			f.Close()
			if err != nil {
				b.Fatal(err)
			}
			if res.Docs != docs {
				b.Fatalf("baseline read %d documents, want %d", res.Docs, docs)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*docs)/1000, "µs/doc")
	})
	_ = fmt.Sprint
}
