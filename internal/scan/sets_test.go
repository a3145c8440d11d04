package scan

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/wire"
	"github.com/mimeo-dedup/mimeo/internal/input"
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
		var sorter hashSorter
		var rec []uint32
		var scratch []uint64
		for _, d := range docs {
			rec, scratch = appendSetRecord(rec[:0], &sorter, scratch, d.hashes, d.lead)
			if err := s.addRecord(d.num, rec); err != nil {
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
		if err := s.addRecord(3, []uint32{0}); err == nil {
			t.Fatalf("limit %d: a document added out of order is accepted", limit)
		}
		s.close()
		// Nothing is left behind in the directory.
		if left, err := os.ReadDir(dir); err != nil || len(left) != 0 {
			t.Fatalf("limit %d: %v left in the temporary directory (%v)", limit, left, err)
		}
	}
}

// TestExactPassParallel: the exact pass's workers, over several chunks of
// pairs and with the sets in memory or in the file, resolve the pairs as
// one goroutine does, and Cluster's workers, over several blocks of
// documents, find the compilations it does: the same clusters and pairs at
// -j 1 and -j 3.
func TestExactPassParallel(t *testing.T) {
	c := wire.Generate(wire.Config{Stories: 600, Sites: 12, Seed: 9})
	var b bytes.Buffer
	if err := c.WriteJSONL(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "wire.jsonl")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ins, err := input.Expand([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	var want *Result
	for _, cfg := range []Config{
		{Jobs: 1},
		{Jobs: 3},
		{Jobs: 3, CacheBytes: -1},
		{Jobs: 2, CacheBytes: 1 << 20},
	} {
		cfg.Inputs, cfg.Boilerplate, cfg.Exact, cfg.TempDir = ins, true, true, t.TempDir()
		res, err := Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if want == nil {
			want = res
			if res.Undecided < 2*exactChunk || len(res.Docs) <= 4096 {
				t.Fatalf("%d undecided pairs, %d documents: fewer than two chunks and two blocks", res.Undecided, len(res.Docs))
			}
			continue
		}
		if !slices.EqualFunc(res.Clusters, want.Clusters, slices.Equal) || !slices.Equal(res.Dedup.Pairs(), want.Dedup.Pairs()) {
			t.Errorf("-j %d, cache %d: not the clusters and pairs of -j 1", cfg.Jobs, cfg.CacheBytes)
		}
	}
}
