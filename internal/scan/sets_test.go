package scan

import (
	"math/rand/v2"
	"os"
	"slices"
	"testing"
)

// fingerprints is the reference of setStore's encoding: the top halves of
// the hashes, sorted and distinct, and of the opening in its order.
func fingerprints(hashes, lead []uint64) (set, opening []uint64) {
	for _, h := range hashes {
		set = append(set, h>>32)
	}
	slices.Sort(set)
	set = slices.Compact(set)
	for _, h := range lead {
		opening = append(opening, h>>32)
	}
	return set, opening
}

// TestSetStore adds documents of every size — empty, skipped numbers,
// repeats, sets larger than a chunk — to stores whose budgets keep them
// all in memory, none, or some, and reads every one back, in order and at
// random, against the reference.
func TestSetStore(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	type doc struct {
		num          uint32
		hashes, lead []uint64
	}
	var docs []doc
	num := uint32(0)
	for i := range 300 {
		n := r.IntN(700)
		switch i {
		case 17:
			n = 0
		case 100:
			n = setChunkLen + 5 // its own chunk
		}
		h := make([]uint64, n)
		for j := range h {
			h[j] = r.Uint64()
			if j > 0 && r.IntN(5) == 0 {
				h[j] = h[r.IntN(j)] // a repeated shingle
			}
		}
		lead := slices.Clone(h[:min(len(h), r.IntN(64))])
		if i%50 == 49 {
			num += 2 // documents the scan did not give sets (none here)
		}
		docs = append(docs, doc{num, h, lead})
		num++
	}
	for _, limit := range []int64{1 << 40, 0, 2 << 20} {
		dir := t.TempDir()
		s := newSetStore(limit, dir)
		for _, d := range docs {
			if err := s.add(d.num, d.hashes, d.lead); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.finish(); err != nil {
			t.Fatal(err)
		}
		switch {
		case limit == 0 && s.onDisk() == 0, limit == 1<<40 && s.onDisk() != 0:
			t.Fatalf("limit %d: %d bytes spilled", limit, s.onDisk())
		case limit == 2<<20 && (s.onDisk() == 0 || s.inMemory() == 0 || s.inMemory() > limit):
			t.Fatalf("limit %d: %d bytes in memory, %d on disk", limit, s.inMemory(), s.onDisk())
		}
		if s.docs() != int(num) {
			t.Fatalf("limit %d: %d documents, want %d", limit, s.docs(), num)
		}
		var set, lead []uint64
		check := func(d doc) {
			t.Helper()
			var err error
			set, lead, err = s.get(d.num, set, lead)
			if err != nil {
				t.Fatal(err)
			}
			ws, wl := fingerprints(d.hashes, d.lead)
			if !slices.Equal(set, ws) || !slices.Equal(lead, wl) {
				t.Fatalf("limit %d, document %d: set of %d and opening of %d, want %d and %d", limit, d.num, len(set), len(lead), len(ws), len(wl))
			}
		}
		for _, d := range docs {
			check(d)
		}
		for range 500 {
			check(docs[r.IntN(len(docs))])
		}
		// The numbers skipped, and one past the end, are empty.
		for _, n := range []uint32{49, 50, num} {
			if set, lead, err := s.get(n, nil, nil); err != nil || len(set)+len(lead) != 0 {
				t.Fatalf("limit %d, document %d: %d, %d, %v; want empty", limit, n, len(set), len(lead), err)
			}
		}
		if err := s.add(3, nil, nil); err == nil {
			t.Fatalf("limit %d: a document added out of order is accepted", limit)
		}
		s.close()
		// Nothing is left behind in the directory.
		if left, err := os.ReadDir(dir); err != nil || len(left) != 0 {
			t.Fatalf("limit %d: %v left in the temporary directory (%v)", limit, left, err)
		}
	}
}
