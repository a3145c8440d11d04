// Package minhash computes MinHash signatures of sets of 64-bit hashes and
// estimates the Jaccard similarity and containment of the sets from them.
//
// # Scheme
//
// Signatures use one-permutation hashing with optimal densification
// (Shrivastava, "Optimal Densification for Fast and Accurate Minwise
// Hashing", ICML 2017): every element is hashed once and falls into one of k
// bins, each bin keeps its minimum, and an empty bin borrows the value of
// the first non-empty bin on a fixed pseudo-random probe sequence of its own.
// That costs O(n + k) per set instead of the O(n·k) of k independent
// permutations, and the probability that slot i of two signatures agrees is
// exactly J = |A∩B|/|A∪B|, so the fraction of agreeing slots is an unbiased
// estimator of J with variance close to J(1−J)/k (slightly lower, as
// sampling without replacement, when |A∪B| is not much larger than k).
// Classic computes the textbook k-permutation signature (Broder 1997) as a
// slow reference.
//
// Each slot keeps 31 bits of the element's hash below the bits that chose
// its bin, so unrelated elements agree by chance with probability 2⁻³¹.
//
// # Cardinality and containment
//
// A Signature carries Card, the number of distinct elements: counted exactly
// for up to 256 input hashes, above that estimated by linear counting
// (Whang, Vander-Zanden and Taylor 1990) over a bitmap of at least 32 bits
// per element, whose relative standard error is about 1/sqrt(64·n)
// (0.45 % at 750 elements, 0.14 % at 8,000). Containment of A in B, |A∩B|/|A|, is derived from the
// Jaccard estimate and both cardinalities, with the second-order (delta
// method) correction of the bias that the non-linear transform introduces.
//
// # b-bit signatures
//
// BBit keeps only the lowest b bits of each slot (Li and König, "b-Bit
// Minwise Hashing", WWW 2010). Two slots then also agree by chance with
// probability 2⁻ᵇ, which the estimator removes: Ĵ = (P̂ − 2⁻ᵇ)/(1 − 2⁻ᵇ), with
// variance P(1−P)/(k(1−2⁻ᵇ)²) where P = 2⁻ᵇ + (1−2⁻ᵇ)J. Estimates below zero
// are reported as zero.
//
// # Determinism
//
// Signatures depend only on the input hashes, K and Seed: every operation
// is integer arithmetic with explicit widths, so they are identical across
// runs, machines and architectures. The encodings are little-endian.
//
// The package does no I/O and starts no goroutines. A Hasher is not safe for
// concurrent use; Signatures and BBits are values that are safe to share
// read-only.
package minhash

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
)

// Defaults and limits of Options.K.
const (
	DefaultK = 128
	MaxK     = 1 << 16
)

// Options configure a Hasher. The zero value means k = 128 and seed 0.
type Options struct {
	// K is the number of slots; 0 means DefaultK.
	K int
	// Seed keys the permutation. Signatures made with different seeds
	// cannot be compared.
	Seed uint64
}

// ErrOptions reports invalid Options.
var ErrOptions = errors.New("minhash: invalid options")

func (o Options) withDefaults() (Options, error) {
	if o.K == 0 {
		o.K = DefaultK
	}
	if o.K < 1 || o.K > MaxK {
		return o, fmt.Errorf("%w: K = %d, want 1 to %d", ErrOptions, o.K, MaxK)
	}
	return o, nil
}

const (
	empty  = math.MaxUint32 // a bin that received no element
	kMix   = 0x9E3779B97F4A7C15
	kProbe = 0xD1B54A32D192ED03
)

// Signature is the MinHash signature of a set.
type Signature struct {
	// Slots holds k values; len(Slots) is k. A slot of an empty set is
	// math.MaxUint32, which no element produces.
	Slots []uint32
	// Card is the estimated number of distinct elements of the set.
	Card uint32
}

// K returns the number of slots.
func (s Signature) K() int { return len(s.Slots) }

// A Hasher computes signatures. It owns scratch space, so that signing
// allocates nothing once warmed up; it is not safe for concurrent use.
type Hasher struct {
	k        int
	seedMix  uint64
	seedProb uint64
	mins     []uint32
	bitmap   []uint64
	table    *[2 * smallSet]uint64
}

// New returns a Hasher for the options.
func New(o Options) (*Hasher, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Hasher{
		k:        o.K,
		seedMix:  fmix64(o.Seed ^ 0x6A09E667F3BCC909),
		seedProb: fmix64(o.Seed ^ 0xBB67AE8584CAA73B),
		mins:     make([]uint32, o.K),
	}, nil
}

// K returns the number of slots of the signatures the Hasher makes.
func (h *Hasher) K() int { return h.k }

// Sign returns the signature of the set of hashes (repeats allowed).
func (h *Hasher) Sign(hashes []uint64) Signature {
	var s Signature
	h.SignInto(&s, hashes)
	return s
}

// SignInto computes the signature of hashes into sig, reusing sig.Slots'
// storage when it has capacity for k slots.
func (h *Hasher) SignInto(sig *Signature, hashes []uint64) {
	k := uint64(h.k)
	mins := h.mins
	for i := range mins {
		mins[i] = empty
	}

	// Linear counting bitmap: a power of two of at least 32 bits per hash.
	logm := 10
	for logm < 24 && 1<<logm < 32*len(hashes) {
		logm++
	}
	words := 1 << (logm - 6)
	if cap(h.bitmap) < words {
		h.bitmap = make([]uint64, words)
	}
	bm := h.bitmap[:words]
	clear(bm)
	shift := uint(64 - logm)

	seed := h.seedMix
	for _, x := range hashes {
		x = mix(x, seed)
		bin := (x >> 32) * k >> 32
		v := uint32(x) >> 1
		mins[bin] = min(mins[bin], v)
		b := x >> shift
		bm[b>>6] |= 1 << (b & 63)
	}

	if len(hashes) <= smallSet {
		sig.Card = h.countSmall(hashes)
	} else {
		set := 0
		for _, w := range bm {
			set += bits.OnesCount64(w)
		}
		sig.Card = linearCount(set, words*64, len(hashes))
	}

	if cap(sig.Slots) >= h.k {
		sig.Slots = sig.Slots[:h.k]
	} else {
		sig.Slots = make([]uint32, h.k)
	}
	h.densify(sig.Slots, mins)
}

// mix keys and scrambles an input hash, so that even poor input hashes
// (sequential integers) spread evenly over bins and values.
func mix(x, seed uint64) uint64 {
	x = (x ^ seed) * kMix
	x ^= x >> 29
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 32
	return x
}

// smallSet is the largest input counted exactly. Below it linear counting
// would round away its own collision correction (a bias of about n/(2m)).
const smallSet = 256

// countSmall counts distinct hashes exactly with an open-addressing table.
func (h *Hasher) countSmall(hashes []uint64) uint32 {
	const size = 2 * smallSet
	if h.table == nil {
		h.table = new([size]uint64)
	}
	t := h.table
	clear(t[:])
	n, zero := 0, false
	for _, x := range hashes {
		if x == 0 { // 0 marks a free slot
			if !zero {
				zero, n = true, n+1
			}
			continue
		}
		i := fmix64(x) & (size - 1)
		for t[i] != 0 && t[i] != x {
			i = (i + 1) & (size - 1)
		}
		if t[i] == 0 {
			t[i] = x
			n++
		}
	}
	return uint32(n)
}

// linearCount estimates the number of distinct elements that set `set` of
// m bits, never more than n, the number of elements hashed.
func linearCount(set, m, n int) uint32 {
	if set == 0 {
		return 0
	}
	est := float64(set)
	if set < m {
		est = -float64(m) * math.Log1p(-float64(set)/float64(m))
	}
	est = math.Round(est)
	if est > float64(n) {
		est = float64(n)
	}
	if est > math.MaxUint32 {
		est = math.MaxUint32
	}
	return uint32(est)
}

// densify copies mins into out, filling each empty bin j from the first
// non-empty bin of its probe sequence. Reading mins (not out) keeps the
// borrowing independent of the order in which bins are filled.
func (h *Hasher) densify(out, mins []uint32) {
	copy(out, mins)
	nonEmpty := 0
	for _, v := range mins {
		if v != empty {
			nonEmpty++
		}
	}
	if nonEmpty == 0 || nonEmpty == len(mins) {
		return
	}
	k := uint64(len(mins))
	for j, v := range mins {
		if v != empty {
			continue
		}
		for t := uint64(1); ; t++ {
			p := probe(h.seedProb, uint64(j), t, k)
			if mins[p] != empty {
				out[j] = mins[p]
				break
			}
		}
	}
}

// probe returns the t-th bin that empty bin j borrows from: a fixed
// pseudo-random sequence that depends on neither set.
func probe(seed, j, t, k uint64) uint64 {
	x := fmix64(seed ^ (j << 32) ^ t*kProbe)
	return (x >> 32) * k >> 32
}

// fmix64 is the MurmurHash3 finaliser.
func fmix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// Jaccard estimates the Jaccard similarity of the two sets: the fraction of
// slots that agree. The signatures must come from Hashers with the same K
// and Seed; if their lengths differ it returns NaN. Two empty sets have
// similarity 1.
func (s Signature) Jaccard(o Signature) float64 {
	if len(s.Slots) != len(o.Slots) || len(s.Slots) == 0 {
		return math.NaN()
	}
	return float64(agree(s.Slots, o.Slots)) / float64(len(s.Slots))
}

func agree(a, b []uint32) int {
	b = b[:len(a)]
	n := 0
	for i, v := range a {
		if v == b[i] {
			n++
		}
	}
	return n
}

// Containment estimates |A∩B|/|A|, the share of s's set found in o's. It is
// 0 when s's set is empty and NaN when the signatures are incomparable.
func (s Signature) Containment(o Signature) float64 {
	j := s.Jaccard(o)
	k := float64(len(s.Slots))
	return containment(j, j*(1-j)/k, s.Card, o.Card)
}

// containment turns a Jaccard estimate j with variance v into a containment
// estimate: |A∩B| = J(|A|+|B|)/(1+J), corrected for the bias of that
// transform to second order.
func containment(j, v float64, ca, cb uint32) float64 {
	if math.IsNaN(j) {
		return j
	}
	if ca == 0 {
		return 0
	}
	scale := (float64(ca) + float64(cb)) / float64(ca)
	d := 1 + j
	c := scale * (j/d + v/(d*d*d))
	return min(max(c, 0), 1)
}

// ExactJaccard returns |A∩B|/|A∪B| of two sets of hashes (repeats
// allowed), computed exactly; 1 when both are empty. It is for evaluation
// and tests, not for the hot path.
func ExactJaccard(a, b []uint64) float64 {
	inter, ua, ub := exactCounts(a, b)
	union := ua + ub - inter
	if union == 0 {
		return 1
	}
	return float64(inter) / float64(union)
}

// ExactContainment returns |A∩B|/|A| computed exactly; 0 when A is empty.
func ExactContainment(a, b []uint64) float64 {
	inter, ua, _ := exactCounts(a, b)
	if ua == 0 {
		return 0
	}
	return float64(inter) / float64(ua)
}

func exactCounts(a, b []uint64) (inter, ua, ub int) {
	sa := make(map[uint64]struct{}, len(a))
	for _, x := range a {
		sa[x] = struct{}{}
	}
	sb := make(map[uint64]struct{}, len(b))
	for _, x := range b {
		sb[x] = struct{}{}
	}
	for x := range sb {
		if _, ok := sa[x]; ok {
			inter++
		}
	}
	return inter, len(sa), len(sb)
}

// Classic returns the k-permutation MinHash signature of hashes (Broder
// 1997): slot i holds the minimum of an independent keyed hash of every
// element, and Card is the exact number of distinct elements. It costs
// O(n·k) and is kept as the reference the fast scheme is tested against;
// its signatures are comparable only with each other.
func Classic(hashes []uint64, k int, seed uint64) Signature {
	sig := Signature{Slots: make([]uint32, k)}
	keys := make([]uint64, k)
	for i := range keys {
		keys[i] = fmix64(seed ^ uint64(i+1)*kProbe)
	}
	for i := range sig.Slots {
		sig.Slots[i] = empty
	}
	distinct := make(map[uint64]struct{}, len(hashes))
	for _, x := range hashes {
		distinct[x] = struct{}{}
		for i, key := range keys {
			if v := uint32(fmix64(x^key)) >> 1; v < sig.Slots[i] {
				sig.Slots[i] = v
			}
		}
	}
	sig.Card = uint32(len(distinct))
	return sig
}
