package index

import (
	"fmt"
	"math"
	"sync"
)

// Banding is an LSH banding of a k-slot signature: Bands bands of Rows
// slots each (Bands·Rows ≤ k). Two sets with Jaccard similarity J share at
// least one band with probability 1 − (1 − J^Rows)^Bands.
type Banding struct {
	Bands, Rows int
}

// Probability returns the chance that two sets with Jaccard similarity j
// become candidates.
func (b Banding) Probability(j float64) float64 {
	return 1 - math.Pow(1-math.Pow(j, float64(b.Rows)), float64(b.Bands))
}

// String returns "BANDSxROWS".
func (b Banding) String() string { return fmt.Sprintf("%dx%d", b.Bands, b.Rows) }

// Threshold returns the similarity at which the candidate probability
// curve is steepest, approximately (1/Bands)^(1/Rows).
func (b Banding) Threshold() float64 {
	return math.Pow(1/float64(b.Bands), 1/float64(b.Rows))
}

// ChooseBanding picks bands × rows for k slots and a Jaccard threshold t by
// minimising the weighted area of false positives (candidates below t) and
// false negatives (missed pairs above t) under the candidate probability
// curve, as datasketch's MinHashLSH does. fnWeight is the weight of a false
// negative relative to a false positive; every candidate is verified, so a
// missed pair costs more than a spurious one and callers pass fnWeight > 1.
// At most maxBands bands are used (each costs memory per document); 0 means
// no limit.
//
// The search integrates every feasible banding and takes tens of
// milliseconds; results are remembered per process.
func ChooseBanding(k int, t, fnWeight float64, maxBands int) (Banding, error) {
	key := bandingKey{k, t, fnWeight, maxBands}
	if b, ok := bandingCache.Load(key); ok {
		return b.(Banding), nil
	}
	b, err := chooseBanding(k, t, fnWeight, maxBands)
	if err == nil {
		bandingCache.Store(key, b)
	}
	return b, err
}

type bandingKey struct {
	k        int
	t, w     float64
	maxBands int
}

// bandingCache memoises ChooseBanding: a pure function of its arguments.
var bandingCache sync.Map

func chooseBanding(k int, t, fnWeight float64, maxBands int) (Banding, error) {
	if k < 1 {
		return Banding{}, fmt.Errorf("index: banding of %d slots", k)
	}
	if !(t > 0 && t < 1) {
		return Banding{}, fmt.Errorf("index: threshold %v must be strictly between 0 and 1", t)
	}
	if fnWeight <= 0 {
		fnWeight = 1
	}
	best, bestErr := Banding{1, 1}, math.Inf(1)
	for rows := 1; rows <= k; rows++ {
		for bands := 1; bands*rows <= k; bands++ {
			if maxBands > 0 && bands > maxBands {
				break
			}
			b := Banding{bands, rows}
			fp := integrate(b.Probability, 0, t)
			fn := integrate(func(j float64) float64 { return 1 - b.Probability(j) }, t, 1)
			if e := fp + fnWeight*fn; e < bestErr-1e-12 {
				best, bestErr = b, e
			}
		}
	}
	return best, nil
}

// integrate approximates the integral of f over [a, b] by the midpoint rule.
func integrate(f func(float64) float64, a, b float64) float64 {
	const steps = 200
	h := (b - a) / steps
	s := 0.0
	for i := range steps {
		s += f(a + (float64(i)+0.5)*h)
	}
	return s * h
}
