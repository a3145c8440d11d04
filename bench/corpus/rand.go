package corpus

import "math/bits"

// Rand is a small, self-contained pseudo-random number generator:
// xoshiro256** (Blackman and Vigna, 2018) whose 256-bit state is
// initialised from a 64-bit seed with splitmix64.
//
// The package deliberately does not use math/rand or math/rand/v2: the
// sequence produced by NewRand(seed) and every method below depends only on
// integer arithmetic defined in this file and is therefore identical on every
// machine, architecture and Go version. The algorithms are frozen: the
// sequence for a given seed is part of the package's compatibility promise
// and must never change (a golden test pins the first outputs). Anything
// built on top of it, such as the text produced by a Generator, is
// reproducible as long as the vocabulary and grammar are unchanged.
//
// A Rand is not safe for concurrent use.
type Rand struct {
	s [4]uint64
}

// NewRand returns a generator seeded with seed. Every seed, including 0,
// is valid and yields an independent-looking sequence.
func NewRand(seed uint64) *Rand {
	r := &Rand{}
	sm := seed
	for i := range r.s {
		sm += 0x9e3779b97f4a7c15
		z := sm
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
		z = (z ^ (z >> 27)) * 0x94d049bb133111eb
		r.s[i] = z ^ (z >> 31)
	}
	// splitmix64 is a bijection of its counter, so the four words are
	// distinct and the all-zero state (the only invalid one) cannot occur.
	return r
}

// Uint64 returns the next 64 pseudo-random bits.
func (r *Rand) Uint64() uint64 {
	s := &r.s
	result := bits.RotateLeft64(s[1]*5, 7) * 9
	t := s[1] << 17
	s[2] ^= s[0]
	s[3] ^= s[1]
	s[1] ^= s[2]
	s[0] ^= s[3]
	s[2] ^= t
	s[3] = bits.RotateLeft64(s[3], 45)
	return result
}

// IntN returns a uniformly distributed integer in [0, n). It uses Lemire's
// multiply-and-reject method, so the result is exactly unbiased. IntN
// panics if n <= 0.
func (r *Rand) IntN(n int) int {
	if n <= 0 {
		panic("corpus: Rand.IntN called with n <= 0")
	}
	bound := uint64(n)
	hi, lo := bits.Mul64(r.Uint64(), bound)
	if lo < bound {
		thresh := -bound % bound
		for lo < thresh {
			hi, lo = bits.Mul64(r.Uint64(), bound)
		}
	}
	return int(hi)
}

// Float64 returns a uniformly distributed float64 in [0, 1) with 53 bits of
// precision. The conversion is exact, so the value is reproducible too.
func (r *Rand) Float64() float64 {
	return float64(r.Uint64()>>11) * (1.0 / (1 << 53))
}

// Shuffle pseudo-randomly permutes n elements using the Fisher-Yates
// algorithm; swap exchanges the elements with indexes i and j.
func (r *Rand) Shuffle(n int, swap func(i, j int)) {
	for i := n - 1; i > 0; i-- {
		swap(i, r.IntN(i+1))
	}
}

// Perm returns a pseudo-random permutation of the integers [0, n).
func (r *Rand) Perm(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	r.Shuffle(n, func(i, j int) { p[i], p[j] = p[j], p[i] })
	return p
}

// chance reports true with probability pct/100.
func (r *Rand) chance(pct int) bool {
	return r.IntN(100) < pct
}

// oneOf returns a uniformly chosen element of s.
func oneOf[T any](r *Rand, s []T) T {
	return s[r.IntN(len(s))]
}
