package bench

import (
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/wire"
	"github.com/mimeo-dedup/mimeo/index"
)

// BenchmarkFeatures measures the per-document work of a scan's two passes
// on the pages of BenchmarkScan's corpus (bench/wire, seed 1; 350 stories
// with their copies): "observe" counts each page's lines in a site model
// (the boilerplate pass), "extract" computes each page's features as the
// signing pass does with the CLI's defaults (the model learned, cleaning,
// shingles, signature, band and passage keys, hashes and opening kept for
// the exact pass). MB/s counts the pages' text.
func BenchmarkFeatures(b *testing.B) {
	c := wire.Generate(wire.Config{Stories: 350, Seed: 1})
	texts := make([][]byte, len(c.Docs))
	sites := make([]string, len(c.Docs))
	var size int64
	for i, d := range c.Docs {
		texts[i], sites[i] = []byte(d.Text), index.Site(d.URL)
		size += int64(len(d.Text))
	}
	b.Run("stage=observe", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			bp := index.NewBoilerplate(0, int(size/40))
			for i, t := range texts {
				bp.Observe(sites[i], t)
			}
			if bp.Lines() == 0 {
				b.Fatal("no boilerplate learned")
			}
		}
	})
	b.Run("stage=extract", func(b *testing.B) {
		bp := index.NewBoilerplate(0, int(size/40))
		for i, t := range texts {
			bp.Observe(sites[i], t)
		}
		ex, err := index.NewFeaturizer(index.Options{})
		if err != nil {
			b.Fatal(err)
		}
		ex.SetBoilerplate(bp)
		ex.KeepHashes(true)
		var f index.Features
		b.SetBytes(size)
		b.ReportAllocs()
		shingles := 0
		for b.Loop() {
			shingles = 0
			for i, t := range texts {
				ex.Extract(t, sites[i], &f)
				shingles += f.Shingles
			}
		}
		b.ReportMetric(float64(shingles)/float64(len(texts)), "shingles/doc")
	})
}
