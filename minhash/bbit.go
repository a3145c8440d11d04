package minhash

import (
	"math"
	"math/bits"
)

// BBit is a b-bit signature: the lowest B bits of each slot of a Signature,
// packed 64/B slots to a little-endian word (Li and König 2010). With B = 8
// a 128-slot signature takes 128 bytes instead of 512.
type BBit struct {
	B     uint8    // bits per slot, 1 to 32
	K     int      // number of slots
	Card  uint32   // estimated number of distinct elements, as in Signature
	Words []uint64 // packed slots: slot i is in word i/(64/B), bits (i%(64/B))*B upward
}

// BBit returns the b-bit signature of s. It panics if b is not in 1..32, a
// programming error like an out-of-range index.
func (s Signature) BBit(b int) BBit {
	return s.AppendBBit(nil, b)
}

// AppendBBit is like BBit but packs into words (reused when it has room).
func (s Signature) AppendBBit(words []uint64, b int) BBit {
	if b < 1 || b > 32 {
		panic("minhash: b-bit width out of range 1..32")
	}
	per := 64 / b
	n := (len(s.Slots) + per - 1) / per
	words = words[:0]
	if cap(words) < n {
		words = make([]uint64, 0, n)
	}
	if b == 8 || b == 16 || b == 32 {
		return BBit{B: uint8(b), K: len(s.Slots), Card: s.Card, Words: appendAligned(words, s.Slots, b)}
	}
	mask := uint64(1)<<b - 1
	var w uint64
	for i, v := range s.Slots {
		f := i % per
		w |= (uint64(v) & mask) << (f * b)
		if f == per-1 {
			words = append(words, w)
			w = 0
		}
	}
	if len(s.Slots)%per != 0 {
		words = append(words, w)
	}
	return BBit{B: uint8(b), K: len(s.Slots), Card: s.Card, Words: words}
}

// appendAligned packs slots whose width divides 64 evenly into whole bytes:
// the common widths, without per-slot bookkeeping.
func appendAligned(words []uint64, slots []uint32, b int) []uint64 {
	per := 64 / b
	mask := uint64(1)<<b - 1
	for len(slots) >= per {
		var w uint64
		for f, v := range slots[:per] {
			w |= (uint64(v) & mask) << (f * b)
		}
		words = append(words, w)
		slots = slots[per:]
	}
	if len(slots) > 0 {
		var w uint64
		for f, v := range slots {
			w |= (uint64(v) & mask) << (f * b)
		}
		words = append(words, w)
	}
	return words
}

// Slot returns the value of slot i.
func (s BBit) Slot(i int) uint32 {
	b := int(s.B)
	per := 64 / b
	return uint32(s.Words[i/per] >> ((i % per) * b) & (1<<b - 1))
}

// compatible reports whether two b-bit signatures can be compared.
func (s BBit) compatible(o BBit) bool {
	return s.B == o.B && s.K == o.K && s.K > 0 && len(s.Words) == len(o.Words) &&
		s.B >= 1 && s.B <= 32 && len(s.Words) == (s.K+64/int(s.B)-1)/(64/int(s.B))
}

// Agree returns the number of slots whose b-bit values are equal, or -1 if
// the signatures are incomparable.
func (s BBit) Agree(o BBit) int {
	if !s.compatible(o) {
		return -1
	}
	b := uint(s.B)
	per := 64 / b
	// Per field: high bit H, the low b-1 bits M. A field of x is non-zero
	// iff ((x&M)+M | x) has its high bit set; (x&M)+M cannot carry out of
	// the field.
	var h, m uint64
	for f := uint(0); f < per; f++ {
		h |= 1 << (f*b + b - 1)
		m |= (1<<(b-1) - 1) << (f * b)
	}
	diff := 0
	for i, w := range s.Words {
		x := w ^ o.Words[i]
		diff += bits.OnesCount64(((x & m) + m | x) & h)
	}
	return s.K - diff
}

// P returns the chance that two slots agree although their elements differ.
func (s BBit) chance() float64 { return math.Ldexp(1, -int(s.B)) }

// Jaccard estimates the Jaccard similarity, removing agreement by chance;
// negative estimates are reported as 0. It returns NaN when the signatures
// have different B or K.
func (s BBit) Jaccard(o BBit) float64 {
	j, _ := s.estimate(o)
	return j
}

// estimate returns the Jaccard estimate and its estimated variance.
func (s BBit) estimate(o BBit) (j, v float64) {
	a := s.Agree(o)
	if a < 0 {
		return math.NaN(), math.NaN()
	}
	p := float64(a) / float64(s.K)
	c := s.chance()
	j = max((p-c)/(1-c), 0)
	v = p * (1 - p) / (float64(s.K) * (1 - c) * (1 - c))
	return j, v
}

// Containment estimates |A∩B|/|A| as Signature.Containment does.
func (s BBit) Containment(o BBit) float64 {
	j, v := s.estimate(o)
	return containment(j, v, s.Card, o.Card)
}

// Compare returns the estimated Jaccard similarity and both containments,
// |A∩B|/|A| and |A∩B|/|B|, comparing the slots once. All three are NaN
// when the signatures have different B or K.
func (s BBit) Compare(o BBit) (jaccard, aInB, bInA float64) {
	j, v := s.estimate(o)
	return j, containment(j, v, s.Card, o.Card), containment(j, v, o.Card, s.Card)
}
