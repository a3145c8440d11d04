package minhash

import (
	"fmt"
	"testing"
)

// BenchmarkSignInto measures hashes → signature for sets of typical
// document sizes (shingles of a 0.5 KB to 30 KB article).
func BenchmarkSignInto(b *testing.B) {
	for _, n := range []int{100, 800, 5000} {
		for _, k := range []int{64, 128, 256} {
			b.Run(fmt.Sprintf("n=%d/k=%d", n, k), func(b *testing.B) {
				h := mustHasher(b, Options{K: k})
				x := (&rng{s: 1}).elems(n)
				var sig Signature
				h.SignInto(&sig, x)
				b.SetBytes(int64(8 * n))
				b.ReportAllocs()
				for b.Loop() {
					h.SignInto(&sig, x)
				}
			})
		}
	}
}

// BenchmarkEstimate measures the comparison of two signatures.
func BenchmarkEstimate(b *testing.B) {
	h := mustHasher(b, Options{})
	r := &rng{s: 2}
	x, y := h.Sign(r.elems(800)), h.Sign(r.elems(800))
	b.Run("jaccard", func(b *testing.B) {
		for b.Loop() {
			_ = x.Jaccard(y)
		}
	})
	b.Run("containment", func(b *testing.B) {
		for b.Loop() {
			_ = x.Containment(y)
		}
	})
	for _, bits := range []int{1, 8, 16} {
		bx, by := x.BBit(bits), y.BBit(bits)
		b.Run(fmt.Sprintf("bbit=%d", bits), func(b *testing.B) {
			for b.Loop() {
				_ = bx.Jaccard(by)
			}
		})
	}
}
