package minhash

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/mimeo-dedup/mimeo/internal/testrand"
)

// rng is splitmix64: deterministic test inputs on every platform.
type rng struct{ s uint64 }

func (r *rng) next() uint64 { return testrand.SplitMix64(&r.s) }

func (r *rng) intn(n int) int         { return int(r.next() % uint64(n)) }
func (r *rng) float() float64         { return float64(r.next()>>11) / (1 << 53) }
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

func (r *rng) elems(n int) []uint64 {
	s := make([]uint64, n)
	for i := range s {
		s[i] = r.next()
	}
	return s
}

// pair returns two sets whose union has u elements and whose Jaccard
// similarity is as close to j as u allows, with the non-shared elements
// split at random; it returns the exact similarity.
func (r *rng) pair(u int, j float64) (a, b []uint64, exact float64) {
	inter := int(math.Round(j * float64(u)))
	rest := u - inter
	onlyA := r.intn(rest + 1)
	all := r.elems(u)
	shared, ra, rb := all[:inter], all[inter:inter+onlyA], all[inter+onlyA:]
	a = append(slices.Clone(shared), ra...)
	b = append(slices.Clone(shared), rb...)
	return a, b, float64(inter) / float64(u)
}

// errStats accumulates estimation errors and their predicted variances.
type errStats struct {
	n             int
	sumErr, sumSq float64
	sumVar        float64
}

func (s *errStats) add(est, exact, variance float64) {
	e := est - exact
	s.n++
	s.sumErr += e
	s.sumSq += e * e
	s.sumVar += variance
}

// check asserts that the mean error is within 3 standard errors of zero
// and that the observed variance is within tol of the predicted one.
func (s *errStats) check(t *testing.T, name string, tol float64) {
	t.Helper()
	mean := s.sumErr / float64(s.n)
	se := math.Sqrt(s.sumVar) / float64(s.n)
	ratio := s.sumSq / s.sumVar
	t.Logf("%s: %d pairs, mean error %+.5f (%.2f SE), variance ratio %.3f", name, s.n, mean, mean/se, ratio)
	if math.Abs(mean) > 3*se {
		t.Errorf("%s: mean error %+.5f is %.1f standard errors from zero", name, mean, mean/se)
	}
	if ratio < 1-tol || ratio > 1+tol {
		t.Errorf("%s: observed/predicted variance = %.3f, want within %.0f%% of 1", name, ratio, 100*tol)
	}
}

func mustHasher(t testing.TB, o Options) *Hasher {
	t.Helper()
	h, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

const statPairs = 2400

func TestJaccardEstimatorOPH(t *testing.T) {
	for _, k := range []int{64, 128, 256} {
		h := mustHasher(t, Options{K: k, Seed: 11})
		r := &rng{s: uint64(k)}
		var st errStats
		for range statPairs {
			a, b, j := r.pair(r.between(2000, 5000), 0.05+0.9*r.float())
			est := h.Sign(a).Jaccard(h.Sign(b))
			st.add(est, j, j*(1-j)/float64(k))
		}
		st.check(t, fmt.Sprintf("OPH k=%d", k), 0.2)
	}
}

func TestJaccardEstimatorClassic(t *testing.T) {
	const k = 128
	r := &rng{s: 3}
	var st errStats
	pairs := statPairs
	if testing.Short() {
		pairs = 600
	}
	for range pairs {
		a, b, j := r.pair(r.between(200, 600), 0.05+0.9*r.float())
		est := Classic(a, k, 5).Jaccard(Classic(b, k, 5))
		st.add(est, j, j*(1-j)/k)
	}
	tol := 0.2
	if testing.Short() {
		tol = 0.3
	}
	st.check(t, "classic k=128", tol)
}

// Small sets leave many bins empty: densification must keep the estimate
// unbiased. Its variance exceeds J(1−J)/k there; the bound below is the
// measured ratio with margin, not a property of the scheme.
func TestJaccardEstimatorSmallSets(t *testing.T) {
	const k = 128
	h := mustHasher(t, Options{K: k})
	r := &rng{s: 4}
	var st errStats
	for range statPairs {
		a, b, j := r.pair(r.between(10, 150), 0.05+0.9*r.float())
		st.add(h.Sign(a).Jaccard(h.Sign(b)), j, j*(1-j)/k)
	}
	mean := st.sumErr / float64(st.n)
	se := math.Sqrt(st.sumVar) / float64(st.n)
	ratio := st.sumSq / st.sumVar
	t.Logf("small sets: mean error %+.5f (%.2f SE), variance ratio %.3f", mean, mean/se, ratio)
	if math.Abs(mean) > 3*se {
		t.Errorf("small sets: mean error %+.5f is %.1f standard errors from zero", mean, mean/se)
	}
	if ratio > 1.6 {
		t.Errorf("small sets: variance ratio %.2f, want ≤ 1.6", ratio)
	}
}

func TestContainmentEstimator(t *testing.T) {
	const k = 128
	h := mustHasher(t, Options{K: k})
	r := &rng{s: 5}
	var st errStats
	for range statPairs {
		// A has na elements, a share c of them in B; B has extra elements.
		na := r.between(500, 2000)
		c := 0.05 + 0.85*r.float()
		inter := int(math.Round(c * float64(na)))
		extra := r.between(0, na/2)
		all := r.elems(na + extra)
		a := all[:na]
		b := append(slices.Clone(all[:inter]), all[na:]...)
		exact := float64(inter) / float64(na)
		nb := inter + extra
		j := float64(inter) / float64(na+nb-inter)
		scale := float64(na+nb) / float64(na) / ((1 + j) * (1 + j))
		est := h.Sign(a).Containment(h.Sign(b))
		st.add(est, exact, scale*scale*j*(1-j)/k)
	}
	st.check(t, "containment", 0.2)
}

func TestBBitEstimator(t *testing.T) {
	const k = 128
	h := mustHasher(t, Options{K: k})
	// The lowest J per b keeps the clamp at zero (2.5 standard deviations
	// away or more) from biasing the mean.
	for _, tc := range []struct {
		b     int
		minJ  float64
		pairs int
	}{{1, 0.4, statPairs}, {2, 0.25, statPairs}, {4, 0.12, statPairs}, {8, 0.05, statPairs}, {16, 0.05, statPairs}} {
		r := &rng{s: uint64(100 + tc.b)}
		var st errStats
		for range tc.pairs {
			a, b, j := r.pair(r.between(2000, 5000), tc.minJ+(0.95-tc.minJ)*r.float())
			sa, sb := h.Sign(a).BBit(tc.b), h.Sign(b).BBit(tc.b)
			c := math.Ldexp(1, -tc.b)
			p := c + (1-c)*j
			st.add(sa.Jaccard(sb), j, p*(1-p)/(k*(1-c)*(1-c)))
		}
		st.check(t, fmt.Sprintf("b-bit b=%d", tc.b), 0.2)
	}
}

func TestBBitCompare(t *testing.T) {
	h := mustHasher(t, Options{})
	r := &rng{s: 14}
	a := r.elems(900)
	b := append(slices.Clone(a[:300]), r.elems(200)...)
	sa, sb := h.Sign(a).BBit(8), h.Sign(b).BBit(8)
	j, ab, ba := sa.Compare(sb)
	if j != sa.Jaccard(sb) || ab != sa.Containment(sb) || ba != sb.Containment(sa) {
		t.Errorf("Compare = %v %v %v, separate estimates %v %v %v", j, ab, ba, sa.Jaccard(sb), sa.Containment(sb), sb.Containment(sa))
	}
	if j, _, _ := sa.Compare(h.Sign(a).BBit(4)); !math.IsNaN(j) {
		t.Error("Compare across widths is not NaN")
	}
}

func TestBBitContainment(t *testing.T) {
	h := mustHasher(t, Options{})
	r := &rng{s: 6}
	a := r.elems(1000)
	b := append(slices.Clone(a[:700]), r.elems(300)...)
	full := h.Sign(a).Containment(h.Sign(b))
	for _, bits := range []int{8, 16, 32} {
		got := h.Sign(a).BBit(bits).Containment(h.Sign(b).BBit(bits))
		if math.Abs(got-0.7) > 0.15 || math.Abs(got-full) > 0.1 {
			t.Errorf("b=%d containment %.3f, full %.3f, exact 0.7", bits, got, full)
		}
	}
}

func TestCardinality(t *testing.T) {
	h := mustHasher(t, Options{})
	r := &rng{s: 7}
	for _, n := range []int{1, 2, 10, 40, 200, 257, 750, 5000, 100000} {
		trials := 300
		if n >= 5000 {
			trials = 40
		}
		var sum, sumSq float64
		for range trials {
			s := r.elems(n)
			s = append(s, s[:n/3]...) // repeats must not count
			got := float64(h.Sign(s).Card)
			e := (got - float64(n)) / float64(n)
			sum += e
			sumSq += e * e
		}
		mean := sum / float64(trials)
		rse := math.Sqrt(sumSq / float64(trials))
		bound := 1 / math.Sqrt(64*float64(n))
		if n+n/3 <= smallSet {
			bound = 0 // counted exactly
		}
		t.Logf("n=%d: mean relative error %+.5f, rms %.5f (documented %.5f)", n, mean, rse, bound)
		if rse > 1.25*bound {
			t.Errorf("n=%d: rms relative error %.5f exceeds 1.25 × 1/sqrt(64n) = %.5f", n, rse, 1.25*bound)
		}
		if math.Abs(mean) > 3*bound/math.Sqrt(float64(trials))+1e-9 {
			t.Errorf("n=%d: mean relative error %+.5f is biased", n, mean)
		}
	}
	if c := h.Sign(nil).Card; c != 0 {
		t.Errorf("empty set: Card %d", c)
	}
}

// refOPH is the obviously correct one-permutation signature: a map of bin
// minima, then each empty bin walks its probe sequence.
func refOPH(hashes []uint64, k int, seed uint64) []uint32 {
	seedMix := fmix64(seed ^ 0x6A09E667F3BCC909)
	seedProb := fmix64(seed ^ 0xBB67AE8584CAA73B)
	mins := map[int]uint32{}
	for _, x := range hashes {
		y := (x ^ seedMix) * kMix
		y ^= y >> 29
		y *= 0xBF58476D1CE4E5B9
		y ^= y >> 32
		bin := int((y >> 32) * uint64(k) >> 32)
		v := uint32(y) >> 1
		if cur, ok := mins[bin]; !ok || v < cur {
			mins[bin] = v
		}
	}
	out := make([]uint32, k)
	for j := range out {
		if v, ok := mins[j]; ok {
			out[j] = v
			continue
		}
		out[j] = empty
		if len(mins) == 0 {
			continue
		}
		for t := uint64(1); ; t++ {
			if v, ok := mins[int(probe(seedProb, uint64(j), t, uint64(k)))]; ok {
				out[j] = v
				break
			}
		}
	}
	return out
}

func TestSignMatchesReference(t *testing.T) {
	r := &rng{s: 8}
	for _, k := range []int{1, 2, 7, 64, 128, 200} {
		for _, seed := range []uint64{0, 99} {
			h := mustHasher(t, Options{K: k, Seed: seed})
			var sig Signature
			for _, n := range []int{0, 1, 2, 3, 10, 100, 1000, 3000} {
				s := r.elems(n)
				h.SignInto(&sig, s)
				if want := refOPH(s, k, seed); !slices.Equal(sig.Slots, want) {
					t.Fatalf("k=%d seed=%d n=%d: slots differ from reference", k, seed, n)
				}
			}
		}
	}
}

func TestEmptyAndIdentical(t *testing.T) {
	h := mustHasher(t, Options{})
	r := &rng{s: 9}
	a := r.elems(500)
	e := h.Sign(nil)
	if j := e.Jaccard(h.Sign(nil)); j != 1 {
		t.Errorf("J(∅,∅) = %v, want 1", j)
	}
	if j := e.Jaccard(h.Sign(a)); j != 0 {
		t.Errorf("J(∅,A) = %v, want 0", j)
	}
	if c := e.Containment(h.Sign(a)); c != 0 {
		t.Errorf("C(∅,A) = %v, want 0", c)
	}
	if j := h.Sign(a).Jaccard(h.Sign(slices.Concat(a, a))); j != 1 {
		t.Errorf("J(A, A+A) = %v, want 1", j)
	}
	if c := h.Sign(a).Containment(h.Sign(a)); c != 1 {
		t.Errorf("C(A, A) = %v, want 1", c)
	}
	other := mustHasher(t, Options{K: 64})
	if j := h.Sign(a).Jaccard(other.Sign(a)); !math.IsNaN(j) {
		t.Errorf("J across k=128 and k=64 = %v, want NaN", j)
	}
	if j := h.Sign(a).BBit(8).Jaccard(h.Sign(a).BBit(4)); !math.IsNaN(j) {
		t.Errorf("J across b=8 and b=4 = %v, want NaN", j)
	}
}

func TestSeedsDiffer(t *testing.T) {
	r := &rng{s: 10}
	a := r.elems(1000)
	s1 := mustHasher(t, Options{Seed: 1}).Sign(a)
	s2 := mustHasher(t, Options{Seed: 2}).Sign(a)
	if same := agree(s1.Slots, s2.Slots); same > 5 {
		t.Errorf("seeds 1 and 2 agree on %d of 128 slots", same)
	}
}

func TestWeakInputHashes(t *testing.T) {
	// Sequential integers are poor hashes; the Hasher mixes them, so the
	// estimate must still be unbiased.
	h := mustHasher(t, Options{})
	r := &rng{s: 13}
	var st errStats
	for i := range statPairs {
		u := 3000
		inter := 150 + i
		base := r.next() >> 16 // pairs must not share elements
		a := make([]uint64, 0, u)
		b := make([]uint64, 0, u)
		for x := range uint64(u) {
			switch {
			case x < uint64(inter):
				a, b = append(a, base+x), append(b, base+x)
			case x%2 == 0:
				a = append(a, base+x)
			default:
				b = append(b, base+x)
			}
		}
		j := float64(inter) / float64(u)
		st.add(h.Sign(a).Jaccard(h.Sign(b)), j, j*(1-j)/128)
	}
	st.check(t, "sequential integers", 0.2)
}

func TestSignIntoNoAllocations(t *testing.T) {
	h := mustHasher(t, Options{})
	r := &rng{s: 12}
	s := r.elems(800)
	var sig Signature
	h.SignInto(&sig, s)
	if a := testing.AllocsPerRun(50, func() { h.SignInto(&sig, s) }); a != 0 {
		t.Errorf("SignInto: %.1f allocations, want 0", a)
	}
}

func TestOptions(t *testing.T) {
	for _, o := range []Options{{K: -1}, {K: MaxK + 1}} {
		if _, err := New(o); !errors.Is(err, ErrOptions) {
			t.Errorf("New(%+v) = %v, want ErrOptions", o, err)
		}
	}
	if h := mustHasher(t, Options{}); h.K() != DefaultK {
		t.Errorf("default K = %d", h.K())
	}
}

func TestExact(t *testing.T) {
	a := []uint64{1, 2, 3, 4, 4}
	b := []uint64{3, 4, 5}
	if j := ExactJaccard(a, b); j != 0.4 {
		t.Errorf("ExactJaccard = %v, want 0.4", j)
	}
	if c := ExactContainment(a, b); c != 0.5 {
		t.Errorf("ExactContainment = %v, want 0.5", c)
	}
	if j := ExactJaccard(nil, nil); j != 1 {
		t.Errorf("ExactJaccard(∅,∅) = %v", j)
	}
	if c := ExactContainment(nil, b); c != 0 {
		t.Errorf("ExactContainment(∅,B) = %v", c)
	}
}

func ExampleHasher() {
	h, _ := New(Options{K: 128})
	a := make([]uint64, 0, 1000)
	b := make([]uint64, 0, 1000)
	for i := range uint64(1000) {
		x := i * 0x9E3779B97F4A7C15 // any well-spread 64-bit hashes
		a = append(a, x)
		if i < 800 {
			b = append(b, x)
		}
	}
	sa, sb := h.Sign(a), h.Sign(b)
	fmt.Printf("exact J %.2f, estimated J %.2f\n", ExactJaccard(a, b), sa.Jaccard(sb))
	fmt.Printf("exact C(B in A) %.2f, estimated %.2f\n", ExactContainment(b, a), sb.Containment(sa))
	// Output:
	// exact J 0.80, estimated J 0.85
	// exact C(B in A) 1.00, estimated 1.00
}
