package index

import (
	"slices"
	"testing"

	"github.com/mimeo-dedup/mimeo/minhash"
)

// synthFeatures fills f with the features of a random document (or, when
// dup, a copy of base with a few slots changed), without text: what Add
// stores does not depend on where the signature came from.
func synthFeatures(r *rng, o Options, f *Features, base *Features) {
	k := o.Recipe.K
	if cap(f.Sig.Slots) < k {
		f.Sig.Slots = make([]uint32, k)
	}
	f.Sig.Slots = f.Sig.Slots[:k]
	if base != nil {
		copy(f.Sig.Slots, base.Sig.Slots)
		for range 6 {
			f.Sig.Slots[r.intn(k)] = uint32(r.next() >> 33)
		}
	} else {
		for i := range f.Sig.Slots {
			f.Sig.Slots[i] = uint32(r.next() >> 33)
		}
	}
	f.Sig.Card = 600
	f.Shingles = 600
	f.Bits = f.Sig.AppendBBit(f.Bits.Words, o.Bits)
	f.Keys = appendBandKeys(f.Keys[:0], f.Sig.Slots, o.Banding, 0)
	lead := minhash.Signature{Slots: f.Sig.Slots[:o.LeadK]}
	f.Keys = appendBandKeys(f.Keys, lead.Slots, o.LeadBanding(), 0x1ead)
}

// TestDedupMemoryPerDocument adds a million documents (a tenth of them
// near-copies of earlier ones) to an index reserved for them and checks
// the memory it holds: band tables, b-bit signatures, per-document arrays
// and edges.
func TestDedupMemoryPerDocument(t *testing.T) {
	n := 1_000_000
	if testing.Short() {
		n = 100_000
	}
	d, err := NewDedup(Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := d.Options()
	d.Reserve(n)
	r := &rng{s: 21}
	var f Features
	bases := make([]Features, 0, 1000)
	for i := range n {
		if i%10 == 9 && len(bases) > 0 {
			synthFeatures(r, o, &f, &bases[r.intn(len(bases))])
		} else {
			synthFeatures(r, o, &f, nil)
			if len(bases) < cap(bases) {
				var b Features
				synthFeatures(r, o, &b, nil)
				copy(b.Sig.Slots, f.Sig.Slots)
				bases = append(bases, b)
			}
		}
		if _, _, err := d.Add(&f); err != nil {
			t.Fatal(err)
		}
	}
	clusters := d.Cluster()
	per := float64(d.MemoryBytes()) / float64(n)
	t.Logf("%d documents, %d bands (%s full + lead), %d clusters: %.0f bytes per document", n, d.nBands, o.Banding, len(clusters), per)
	if per > 400 {
		t.Errorf("%.0f bytes per document, want at most 400", per)
	}
	if len(clusters) < 500 {
		t.Errorf("only %d clusters of near-copies found", len(clusters))
	}
}

// BenchmarkDedupAdd measures adding a document to an index of 200,000.
func BenchmarkDedupAdd(b *testing.B) {
	d, _ := NewDedup(Options{})
	o := d.Options()
	r := &rng{s: 22}
	var f Features
	for range 200_000 {
		synthFeatures(r, o, &f, nil)
		d.Add(&f)
	}
	feats := make([]Features, 1024)
	for i := range feats {
		synthFeatures(r, o, &feats[i], nil)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d.Add(&feats[i%len(feats)])
		i++
	}
}

// TestReservePassages: a Dedup that Reserve sized for its documents makes
// room in its passage table at passagesSample for all their keys, at the
// rate of the documents before, and finds the same pairs as one that grew
// as it went.
func TestReservePassages(t *testing.T) {
	const n, keys = 3000, 10
	var ds [2]*Dedup
	for i := range ds {
		d, err := NewDedup(Options{})
		if err != nil {
			t.Fatal(err)
		}
		ds[i] = d
	}
	ds[0].Reserve(n)
	o := ds[0].Options()
	r := &rng{s: 5}
	var all []Features
	for i := range n {
		var f Features
		if i%10 == 9 {
			synthFeatures(r, o, &f, &all[i-5])
		} else {
			synthFeatures(r, o, &f, nil)
		}
		for range keys {
			f.Passages = append(f.Passages, r.next())
		}
		if i%7 == 6 {
			copy(f.Passages[:2], all[i-3].Passages) // a paragraph of another page
		}
		all = append(all, f)
		for _, d := range ds {
			if _, _, err := d.Add(&f); err != nil {
				t.Fatal(err)
			}
		}
		if i == passagesSample {
			if got := len(ds[0].passages.slots); got < n*keys {
				t.Fatalf("at document %d, %d passage slots for %d documents of %d keys", i, got, n, keys)
			}
		}
	}
	a, b := ds[0].Pairs(), ds[1].Pairs()
	if len(a) < n/20 || !slices.Equal(a, b) {
		t.Fatalf("%d pairs reserved, %d grown: not the same", len(a), len(b))
	}
	if len(ds[0].passages.slots) > 2*n*keys {
		t.Errorf("%d passage slots for %d keys", len(ds[0].passages.slots), ds[0].passages.n)
	}
}
