package index

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/mimeo-dedup/mimeo/index/internal/segment"
)

func randomSet(r *rand.Rand, n int) []uint64 {
	h := make([]uint64, n)
	for i := range h {
		h[i] = r.Uint64()
	}
	slices.Sort(h)
	return slices.Compact(h)
}

// TestSetRoundTrip checks that a set decodes to the fingerprints it was
// made of, at every size class.
func TestSetRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, n := range []int{1, 2, 15, 31, 32, 100, 511, 512, 3000} {
		h := randomSet(r, n)
		enc, _ := segment.AppendSet(nil, h, nil, len(h), nil)
		u := segment.SetBits(len(h))
		var want []uint64
		for _, x := range h {
			want = append(want, (x*segment.SetPhi)>>(64-u))
		}
		slices.Sort(want)
		want = slices.Compact(want)
		rd, err := segment.NewSetReader(enc)
		if err != nil {
			t.Fatalf("%d hashes: %v", n, err)
		}
		var got []uint64
		if err := rd.Each(func(f uint64) { got = append(got, f) }); err != nil {
			t.Fatalf("%d hashes: %v", n, err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%d hashes: decoded %d fingerprints, want %d", n, len(got), len(want))
		}
		t.Logf("%d hashes: %d bytes, %.1f bits a shingle", n, len(enc), 8*float64(len(enc))/float64(n))
		if bits := 8 * float64(len(enc)) / float64(n); n >= 100 && bits > float64(u-len64(len(want)))+2.6 {
			t.Errorf("%d hashes: %.1f bits a shingle", n, bits)
		}
	}
	if enc, _ := segment.AppendSet(nil, nil, nil, 0, nil); len(enc) != 0 {
		t.Error("an empty set has an encoding")
	}
}

func len64(m int) int { return int(math.Floor(math.Log2(float64(m)))) + 1 }

// TestSetMatchAgainstExact checks the set estimate statistically against
// ExactMatch on pairs of many sizes and overlaps, the short-in-long ones
// above all: its mean error is within 3 standard errors of zero and each
// error within 4.5 of its own standard error (plus rounding).
func TestSetMatchAgainstExact(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	type shape struct{ a, b, shared int }
	shapes := []shape{{80, 900, 76}, {900, 80, 76}, {69, 642, 36}, {300, 300, 150}, {40, 40, 20}, {2000, 60, 30}, {15, 500, 15}, {500, 500, 0}}
	for _, s := range shapes {
		var sum, sumVar float64
		const trials = 200
		for range trials {
			shared := randomSet(r, s.shared)
			a := slices.Concat(shared, randomSet(r, s.a-s.shared))
			b := slices.Concat(shared, randomSet(r, s.b-s.shared))
			slices.Sort(a)
			slices.Sort(b)
			exact := ExactMatch(a, b)
			enc, _ := segment.AppendSet(nil, b, nil, len(b), nil)
			m, sigma, _, _, _, err := setMatch(newSetQuery(a, nil), enc, uint32(len(b)), nil)
			if err != nil {
				t.Fatal(err)
			}
			inter := m.Containment * float64(len(a))
			want := exact.Containment * float64(len(a))
			if d := inter - want; math.Abs(d) > 4.5*sigma+1 {
				t.Fatalf("%+v: %.1f shared estimated, %.0f exact (σ %.2f)", s, inter, want, sigma)
			}
			sum += inter - want
			sumVar += sigma * sigma
		}
		// The clamp at zero biases a pair that shares nothing upwards.
		if mean, se := sum/trials, math.Sqrt(sumVar)/trials; s.shared > 0 && math.Abs(mean) > 3*se+0.05 {
			t.Errorf("%+v: mean error %.2f shingles, standard error %.2f", s, mean, se)
		}
	}
}

// TestSetMalformed checks that damaged encodings are errors, never a
// panic or a wrong set passed silently.
func TestSetMalformed(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	h := randomSet(r, 200)
	enc, _ := segment.AppendSet(nil, h, nil, len(h), nil)
	// {1, 2, 0}: two fingerprints of one bit, every shingle a false match
	// (the correction divided by zero); {22, 1, 0}: wider than any set the
	// writer makes; {6, 40, 0}: 40 fingerprints of 6 bits.
	for _, bad := range [][]byte{nil, {5}, {0, 1, 0}, {70, 1, 0}, enc[:len(enc)-1], append(slices.Clone(enc), 0), {10, 0}, {1, 2, 0}, {22, 1, 0}, {6, 40, 0}} {
		if _, _, _, _, _, err := setMatch(newSetQuery(h, nil), bad, 200, nil); err == nil {
			t.Errorf("%d bytes of a damaged set decoded", len(bad))
		}
	}
}

func FuzzSet(f *testing.F) {
	r := rand.New(rand.NewPCG(4, 4))
	for _, n := range []int{1, 20, 300} {
		s := randomSet(r, n)
		enc, _ := segment.AppendSet(nil, s, nil, len(s), nil)
		f.Add(enc)
		withOpening, _ := segment.AppendSet(nil, s, s[:min(len(s), 8)], len(s), nil)
		f.Add(withOpening)
	}
	query := randomSet(r, 50)
	f.Fuzz(func(t *testing.T, data []byte) {
		rd, err := segment.NewSetReader(data)
		if err != nil {
			return
		}
		if m, sigma, opening, docOpening, _, err := setMatch(newSetQuery(query, query[:8]), data, uint32(rd.Len), nil); err == nil {
			for _, v := range []float64{m.Similarity, m.Containment, m.Contained, sigma, opening, docOpening} {
				if math.IsNaN(v) || math.IsInf(v, 0) || v > 1 && v != sigma {
					t.Fatalf("a decoded set measures %+v, sigma %v, openings %v %v", m, sigma, opening, docOpening)
				}
			}
		}
		prev, n := int64(-1), 0
		err = rd.Each(func(fp uint64) {
			if int64(fp) <= prev || fp >= 1<<rd.Bits {
				t.Fatalf("fingerprint %d after %d (u %d)", fp, prev, rd.Bits)
			}
			prev = int64(fp)
			n++
		})
		if err == nil && n != rd.Len {
			t.Fatalf("%d fingerprints, header says %d", n, rd.Len)
		}
	})
}

// BenchmarkSetMatch measures what a close call costs a query: decoding a
// document's set and counting the query's shingles in it.
func BenchmarkSetMatch(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 5))
	for _, size := range []struct{ query, doc int }{{80, 900}, {400, 400}} {
		doc := randomSet(r, size.doc)
		query := slices.Concat(doc[:size.query/2], randomSet(r, size.query-size.query/2))
		q := newSetQuery(query, nil) // once a query, not once a set
		enc, _ := segment.AppendSet(nil, doc, nil, len(doc), nil)
		b.Run(fmt.Sprintf("query=%d/doc=%d", size.query, size.doc), func(b *testing.B) {
			b.SetBytes(int64(len(enc)))
			b.ReportAllocs()
			var scratch []uint64
			for b.Loop() {
				var err error
				if _, _, _, _, scratch, err = setMatch(q, enc, uint32(len(doc)), scratch); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSetCountEstimated: the writer sizes a set's fingerprints by its
// count of the shingles, an estimate (Signature.Card) that may fall a
// little short of the distinct hashes, across a power of two: the set
// still reads, and measures as the exact count does.
func TestSetCountEstimated(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	h := randomSet(r, 560)
	for _, m := range []int{len(h), 500, 300} {
		enc, _ := segment.AppendSet(nil, h, nil, m, nil)
		got, _, _, _, _, err := setMatch(newSetQuery(h[:260], nil), enc, uint32(len(h)), nil)
		if err != nil || math.Abs(got.Containment-1) > 0.05 {
			t.Errorf("a set written for %d of its %d shingles: %+v, %v", m, len(h), got, err)
		}
	}
}
