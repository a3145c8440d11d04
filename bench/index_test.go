package bench

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	minhashlsh "github.com/ekzhu/minhash-lsh"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/minhash"
)

var indexDocs = flag.Int("index-docs", 1_000_000, "documents in the index of BenchmarkIndex* (20,000 with -short)")

// indexBench is the shared setup of the index benchmarks: the features of
// the corpus, the index built from them (on disk, reopened read-only), the
// ekzhu/minhash-lsh index of the same signatures, and the queries.
type indexBench struct {
	n       int
	feats   *FeatureSet
	dir     string
	x       *index.Index
	ekzhu   *minhashlsh.MinhashLSH
	ekSigs  [][]uint64
	queries []benchQuery
	texts   [][]byte // the queries' texts, for the server's benchmark
}

type benchQuery struct {
	f   *index.Features
	sig []uint64 // full signature, for ekzhu
	of  int      // the indexed document it copies, or -1 for a new one
}

var (
	indexBenchOnce sync.Once
	indexBenchVal  *indexBench
	indexBenchErr  error
)

func benchDocs() int {
	if testing.Short() {
		return 20_000
	}
	return *indexDocs
}

func setupIndexBench(b *testing.B) *indexBench {
	indexBenchOnce.Do(func() { indexBenchVal, indexBenchErr = newIndexBench(benchDocs()) })
	if indexBenchErr != nil {
		b.Fatal(indexBenchErr)
	}
	return indexBenchVal
}

func newIndexBench(n int) (*indexBench, error) {
	c := IndexCorpus{Seed: 1}
	o := index.Options{}
	feats, err := MakeFeatures(o, n, c.Text, true)
	if err != nil {
		return nil, err
	}
	dir, err := sharedTempDir("mimeo-bench-index-")
	if err != nil {
		return nil, err
	}
	ib := &indexBench{n: n, feats: feats, dir: dir}
	w, err := index.Create(dir, o)
	if err != nil {
		return nil, err
	}
	if err := AddFeatureSet(w, feats); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	if ib.x, err = index.OpenReadOnly(dir); err != nil {
		return nil, err
	}
	// The peer: ekzhu/minhash-lsh over the same 32-bit signatures, with
	// bands it chooses for the same threshold.
	ib.ekzhu = minhashlsh.NewMinhashLSH32(minhash.DefaultK, index.DefaultJaccard)
	ib.ekSigs = make([][]uint64, n)
	for i := range n {
		ib.ekSigs[i] = feats.Slot(i)
		ib.ekzhu.Add(i, ib.ekSigs[i])
	}
	ib.ekzhu.Index()
	// Queries: half near-duplicates of indexed documents, half new.
	r := rand.New(rand.NewPCG(7, 8))
	nq := min(n, 4000)
	texts := make([][]byte, nq)
	of := make([]int, nq)
	for i := range nq {
		if i%2 == 0 {
			of[i] = r.IntN(n)
			texts[i] = c.Variant(of[i])
		} else {
			of[i] = -1
			texts[i] = c.Text(n + i)
		}
	}
	ib.texts = texts
	qf, err := MakeFeatures(o, nq, func(i int) []byte { return texts[i] }, true)
	if err != nil {
		return nil, err
	}
	for i := range nq {
		f := qf.Features(i, new(index.Features))
		f.Bits.Words = slices.Clone(f.Bits.Words)
		f.Keys = slices.Clone(f.Keys)
		ib.queries = append(ib.queries, benchQuery{f: f, sig: qf.Slot(i), of: of[i]})
	}
	return ib, nil
}

// reportLatency reports the median and 99th percentile of lat, and the
// medians of the queries that copy an indexed document (even i) and of the
// new ones (odd i).
func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) < 2 {
		return
	}
	var copies, news []time.Duration
	for i, d := range lat {
		if i%2 == 0 {
			copies = append(copies, d)
		} else {
			news = append(news, d)
		}
	}
	for _, l := range [][]time.Duration{lat, copies, news} {
		slices.Sort(l)
	}
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds()), "p99-ns")
	b.ReportMetric(float64(copies[len(copies)/2].Nanoseconds()), "p50-copy-ns")
	b.ReportMetric(float64(news[len(news)/2].Nanoseconds()), "p50-new-ns")
}

// BenchmarkIndexQuery compares a query of the on-disk index (memory-mapped,
// one goroutine) with a query of ekzhu/minhash-lsh's in-memory LSH plus
// the verification of its candidates by their signatures, over the same
// documents and queries: half near-duplicates of indexed documents, half
// new documents. It reports the median and 99th-percentile latency and the
// share of near-duplicate queries that found their document.
func BenchmarkIndexQuery(b *testing.B) {
	ib := setupIndexBench(b)
	b.Run(fmt.Sprintf("mimeo/docs=%d", ib.n), func(b *testing.B) {
		b.ReportAllocs()
		lat := make([]time.Duration, 0, b.N)
		found, copies := 0, 0
		for i := range b.N {
			q := ib.queries[i%len(ib.queries)]
			start := time.Now()
			hits, err := ib.x.QueryFeatures(q.f)
			lat = append(lat, time.Since(start))
			if err != nil {
				b.Fatal(err)
			}
			if q.of >= 0 {
				copies++
				want := "d" + fmt.Sprint(q.of)
				found += boolInt(slices.ContainsFunc(hits, func(h index.Hit) bool { return h.ID == want }))
			}
		}
		reportLatency(b, lat)
		if copies > 0 {
			b.ReportMetric(float64(found)/float64(copies), "recall")
		}
	})
	b.Run(fmt.Sprintf("ekzhu/docs=%d", ib.n), func(b *testing.B) {
		b.ReportAllocs()
		lat := make([]time.Duration, 0, b.N)
		found, copies := 0, 0
		k := minhash.DefaultK
		for i := range b.N {
			q := ib.queries[i%len(ib.queries)]
			start := time.Now()
			var hits []int
			for _, key := range ib.ekzhu.Query(q.sig) {
				d := key.(int)
				same := 0
				for s, v := range ib.ekSigs[d] {
					if q.sig[s] == v {
						same++
					}
				}
				if float64(same)/float64(k) >= index.DefaultJaccard {
					hits = append(hits, d)
				}
			}
			lat = append(lat, time.Since(start))
			if q.of >= 0 {
				copies++
				found += boolInt(slices.Contains(hits, q.of))
			}
		}
		reportLatency(b, lat)
		if copies > 0 {
			b.ReportMetric(float64(found)/float64(copies), "recall")
		}
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// BenchmarkIndexBuild builds an index of the benchmark's documents from
// their features (signatures and band keys made beforehand): Add of every
// document and a Flush that writes one segment. One op is one whole build.
func BenchmarkIndexBuild(b *testing.B) {
	ib := setupIndexBench(b)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		dir := b.TempDir()
		x, err := index.Create(dir, index.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := AddFeatureSet(x, ib.feats); err != nil {
			b.Fatal(err)
		}
		st := x.Stats()
		b.ReportMetric(float64(st.SignatureBytes+st.BandBytes)/float64(st.Documents), "sig+band-B/doc")
		b.ReportMetric(float64(st.MetadataBytes)/float64(st.Documents), "meta-B/doc")
		x.Close()
	}
	b.ReportMetric(float64(ib.n)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// TestFeatureSetFile checks that a FeatureSet written to a file reads back
// the same, and that a file of something else is refused.
func TestFeatureSetFile(t *testing.T) {
	c := IndexCorpus{Seed: 3}
	fs, err := MakeFeatures(index.Options{Bits: 4}, 300, c.Text, false)
	if err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/features"
	if err := fs.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFeatureSet(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Len() != fs.Len() || !slices.Equal(got.Words, fs.Words) || !slices.Equal(got.Keys, fs.Keys) || !slices.Equal(got.Cards, fs.Cards) {
		t.Fatal("feature set differs after a round trip through its file")
	}
	var a, b index.Features
	fa, fb := fs.Features(299, &a), got.Features(299, &b)
	if fa.Bits.B != fb.Bits.B || fa.Bits.K != fb.Bits.K || !slices.Equal(fa.Bits.Words, fb.Bits.Words) {
		t.Fatal("features of the last document differ")
	}
	if err := os.WriteFile(path, []byte("MIMEOFS1 truncated"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFeatureSet(path); err == nil {
		t.Fatal("a truncated feature file was read")
	}
}
