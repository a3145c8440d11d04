package bench

import (
	"bufio"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/wire"
	"github.com/mimeo-dedup/mimeo/internal/input"
	"github.com/mimeo-dedup/mimeo/internal/scan"
)

// crawlFiles writes the same generated news pages three ways: a WARC of
// rendered HTML pages, a WET of their texts and a JSONL of their texts,
// each compressed with gzip (one member per record for WARC and WET).
var crawlFiles struct {
	once                           sync.Once
	warc, wet, json, wetGz, jsonGz string
	docs                           int
	err                            error
}

func crawlInputs(b *testing.B) (warc, wet, jsonl, wetGz, jsonlGz string, docs int) {
	crawlFiles.once.Do(func() {
		stories := 300
		if testing.Short() {
			stories = 60
		}
		c := wire.Generate(wire.Config{Stories: stories, Seed: 2})
		dir, err := sharedTempDir("mimeo-bench-crawl-")
		if err != nil {
			crawlFiles.err = err
			return
		}
		crawlFiles.docs = len(c.Docs)
		write := func(name string, fn func(w *bufio.Writer) error) string {
			path := filepath.Join(dir, name)
			f, err := os.Create(path)
			if err != nil {
				crawlFiles.err = err
				return path
			}
			w := bufio.NewWriter(f)
			if err := fn(w); err != nil {
				crawlFiles.err = err
			}
			w.Flush()
			f.Close()
			return path
		}
		crawlFiles.warc = write("pages.warc.gz", func(w *bufio.Writer) error { return WriteWARCPages(w, c.Docs, 2) })
		crawlFiles.wetGz = write("pages.warc.wet.gz", func(w *bufio.Writer) error { return WriteWET(w, c.Docs, true) })
		crawlFiles.wet = write("pages.warc.wet", func(w *bufio.Writer) error { return WriteWET(w, c.Docs, false) })
		crawlFiles.json = write("pages.jsonl", func(w *bufio.Writer) error { return c.WriteJSONL(w) })
		crawlFiles.jsonGz = write("pages.jsonl.gz", func(w *bufio.Writer) error {
			z := gzip.NewWriter(w)
			if err := c.WriteJSONL(z); err != nil {
				return err
			}
			return z.Close()
		})
	})
	if crawlFiles.err != nil {
		b.Fatal(crawlFiles.err)
	}
	return crawlFiles.warc, crawlFiles.wet, crawlFiles.json, crawlFiles.wetGz, crawlFiles.jsonGz, crawlFiles.docs
}

// BenchmarkScanWARC scans the same news pages from a WARC of HTML pages
// (gzip per record; main-text extraction), and their texts from WET and
// from JSONL, plain and gzipped, with one worker, and reports pages per
// second.
func BenchmarkScanWARC(b *testing.B) {
	warc, wet, jsonl, wetGz, jsonlGz, docs := crawlInputs(b)
	for _, tc := range []struct{ name, path string }{
		{"input=warc.gz", warc}, {"input=wet", wet}, {"input=jsonl", jsonl}, {"input=wet.gz", wetGz}, {"input=jsonl.gz", jsonlGz},
	} {
		b.Run(tc.name, func(b *testing.B) {
			ins, err := input.Expand([]string{tc.path})
			if err != nil {
				b.Fatal(err)
			}
			st, _ := os.Stat(tc.path)
			b.SetBytes(st.Size())
			b.ReportAllocs()
			var res *scan.Result
			for b.Loop() {
				if res, err = scan.Run(context.Background(), scan.Config{Inputs: ins, Jobs: 1, Boilerplate: true}); err != nil {
					b.Fatal(err)
				}
			}
			if len(res.Docs) != docs {
				b.Fatalf("%d pages, want %d", len(res.Docs), docs)
			}
			b.ReportMetric(float64(b.N*docs)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
