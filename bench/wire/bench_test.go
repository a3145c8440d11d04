package wire

import (
	"io"
	"strconv"
	"testing"
)

// BenchmarkGenerate measures generation at two corpus sizes; MB/s counts
// the bytes of document text, and docs/s is reported too.
func BenchmarkGenerate(b *testing.B) {
	for _, stories := range []int{100, DefaultStories} {
		b.Run("stories="+strconv.Itoa(stories), func(b *testing.B) {
			cfg := Config{Stories: stories, Seed: 1}
			c := Generate(cfg)
			n := 0
			for _, d := range c.Docs {
				n += len(d.Text)
			}
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				Generate(cfg)
			}
			b.ReportMetric(float64(len(c.Docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
		})
	}
}

// BenchmarkWriteJSONL measures writing the default corpus.
func BenchmarkWriteJSONL(b *testing.B) {
	c := Generate(Config{})
	n := 0
	for _, d := range c.Docs {
		n += len(d.Text)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		if err := c.WriteJSONL(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
