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
	r := rand.New(rand.NewPCG(3, 4))
	var s hashSorter
	kinds := map[string]func() uint64{
		"uniform":  r.Uint64,
		"repeats":  func() uint64 { return uint64(r.IntN(5)) << 60 },
		"crowded":  func() uint64 { return r.Uint64() >> 40 }, // all in bucket 0
		"top-bits": func() uint64 { return r.Uint64() | 0xFFFF_FF00_0000_0000 },
	}
	for name, gen := range kinds {
		for _, n := range []int{0, 1, 47, 48, 49, 64, 100, 1000, 4097} {
			h := make([]uint64, n)
			for i := range h {
				h[i] = gen()
			}
			want := slices.Clone(h)
			slices.Sort(want)
			s.sort(h)
			if !slices.Equal(h, want) {
				t.Fatalf("%s, %d values: not sorted as slices.Sort sorts them", name, n)
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
