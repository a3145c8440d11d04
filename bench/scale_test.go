package bench

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mimeo-dedup/mimeo/bench/wire"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

var scaleDocs = flag.String("scale-docs", "50000,250000",
	"approximate corpus sizes of BenchmarkScanScale, comma-separated (5000,25000 with -short; the issue's curve is 50000,250000,1000000)")

// scaleSizes parses -scale-docs.
func scaleSizes(b *testing.B) []int {
	spec := *scaleDocs
	if testing.Short() && spec == "50000,250000" {
		spec = "5000,25000"
	}
	var out []int
	for _, f := range strings.Split(spec, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 100 {
			b.Fatalf("-scale-docs: %q is not a size of 100 documents or more", f)
		}
		out = append(out, n)
	}
	return out
}

// BenchmarkScanScale scans JSONL news dumps of several sizes with the
// CLI's defaults and one worker — the same generator as BenchmarkScan
// (bench/wire, seed 1), a story and its copies and hard negatives about
// ten documents, a hundred stories a site (40 sites at least) — to show
// how the cost of a document grows with the dump: µs/doc should stay flat. It reports the
// most heap a scan held above what was in use before it, per document
// (sampled every 5 ms). Each size's file is written once, then removed.
func BenchmarkScanScale(b *testing.B) {
	for _, n := range scaleSizes(b) {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			stories := max(n/10, 10)
			c := wire.Generate(wire.Config{Stories: stories, Sites: max(stories/100, 40), Seed: 1})
			dir, err := sharedTempDir("mimeo-scale-")
			if err != nil {
				b.Fatal(err)
			}
			defer os.RemoveAll(dir)
			path := filepath.Join(dir, "news.jsonl")
			f, err := os.Create(path)
			if err != nil {
				b.Fatal(err)
			}
			w := bufio.NewWriterSize(f, 1<<20)
			if err := c.WriteJSONL(w); err != nil {
				b.Fatal(err)
			}
			if err := w.Flush(); err != nil {
				b.Fatal(err)
			}
			if err := f.Close(); err != nil {
				b.Fatal(err)
			}
			docs := len(c.Docs)
			c = nil // the scan's memory, not the generator's
			st, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			ins, err := input.Expand([]string{path})
			if err != nil {
				b.Fatal(err)
			}
			cfg := scan.Config{Inputs: ins, Jobs: 1, Boilerplate: true, Exact: true} // the CLI's defaults
			b.SetBytes(st.Size())
			b.ReportAllocs()
			var peak uint64
			var res *scan.Result
			for b.Loop() {
				res = nil // not held through the next scan
				_, p, err := PeakHeap(5*time.Millisecond, func() error {
					var err error
					res, err = scan.Run(context.Background(), cfg)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
				peak = max(peak, p)
			}
			if len(res.Docs) != docs {
				b.Fatalf("%d documents, want %d", len(res.Docs), docs)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*docs)/1000, "µs/doc")
			b.ReportMetric(float64(peak)/float64(docs), "peak-heap-B/doc")
			b.ReportMetric(float64(docs), "docs")
		})
	}
}
