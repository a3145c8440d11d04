package scan

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestHashSorter compares the bucket sort with the standard library's on
// uniform hashes, repeats, and values crowded into a few buckets, at sizes
// around its thresholds.
func TestHashSorter(t *testing.T) {
	var s hashSorter
	// The kinds in a fixed order, each from its own seed: a failure
	// reproduces. "repeats" and "crowded" crowd a bucket past the bucket
	// sort (it falls back); "some repeats" — a text's repeated shingles,
	// each hash a few times — stays within it, as "uniform" does.
	kinds := []struct {
		name string
		gen  func(r *rand.Rand, pool []uint64) uint64
	}{
		{"uniform", func(r *rand.Rand, _ []uint64) uint64 { return r.Uint64() }},
		{"some repeats", func(r *rand.Rand, pool []uint64) uint64 { return pool[r.IntN(len(pool))] }},
		{"repeats", func(r *rand.Rand, _ []uint64) uint64 { return uint64(r.IntN(5)) << 60 }},
		{"crowded", func(r *rand.Rand, _ []uint64) uint64 { return r.Uint64() >> 40 }}, // all in bucket 0
		{"top-bits", func(r *rand.Rand, _ []uint64) uint64 { return r.Uint64() | 0xFFFF_FF00_0000_0000 }},
	}
	for k, kind := range kinds {
		r := rand.New(rand.NewPCG(3, uint64(k)))
		for _, n := range []int{0, 1, 47, 48, 49, 64, 100, 1000, 4097} {
			pool := make([]uint64, max(n/2, 1)) // about two of each
			for i := range pool {
				pool[i] = r.Uint64()
			}
			h := make([]uint64, n)
			for i := range h {
				h[i] = kind.gen(r, pool)
			}
			want := slices.Clone(h)
			slices.Sort(want)
			s.sort(h)
			if !slices.Equal(h, want) {
				t.Fatalf("%s, %d values: not sorted as slices.Sort sorts them", kind.name, n)
			}
		}
	}
}

func BenchmarkHashSorter(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	src := make([]uint64, 400)
	for i := range src {
		src[i] = r.Uint64()
	}
	h := make([]uint64, len(src))
	for _, impl := range []string{"bucket", "slices"} {
		b.Run("impl="+impl, func(b *testing.B) {
			var s hashSorter
			b.SetBytes(int64(8 * len(src)))
			b.ReportAllocs()
			for b.Loop() {
				copy(h, src)
				if impl == "bucket" {
					s.sort(h)
				} else {
					slices.Sort(h)
				}
			}
		})
	}
}
