// Package testrand holds what the tests of several packages draw their
// inputs from: SplitMix64 (Steele, Lea and Flood, "Fast splittable
// pseudorandom number generators", 2014), the same sequence on every
// platform and Go version, and random words from a math/rand/v2 source
// (whose PCG sequence is fixed by its seed).
package testrand

import (
	"math/rand/v2"
	"strings"
)

// SplitMix64 advances the state and returns the next value of the
// sequence it seeds.
func SplitMix64(state *uint64) uint64 {
	*state += 0x9E3779B97F4A7C15
	z := *state
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// Words returns n random words of 3 to 8 letters a–z, drawn from r: text
// that almost surely shares no shingle with other text drawn so.
func Words(r *rand.Rand, n int) []string {
	w := make([]string, n)
	for i := range w {
		b := make([]byte, 3+r.IntN(6))
		for j := range b {
			b[j] = byte('a' + r.IntN(26))
		}
		w[i] = string(b)
	}
	return w
}

// Sentence returns n random words (Words) joined by spaces, with a full
// stop.
func Sentence(r *rand.Rand, n int) string { return strings.Join(Words(r, n), " ") + "." }
