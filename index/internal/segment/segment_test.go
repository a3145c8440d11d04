package segment

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// testDoc is a document as a segment holds it, drawn at random.
type testDoc struct {
	words []uint64
	card  uint32
	keys  [][]uint64 // per band: the document's keys (one, or several in the passage band)
	meta  Meta
	set   []byte
}

// testParams are small parameters with a passage table.
var testParams = Params{Words: 3, Bands: 5, PassageBand: 4, MaxPassages: 64}

// randomDocs draws n documents. Keys repeat across documents (a few
// popular ones, to reach the key cap), ids repeat now and then, and some
// documents have no set.
func randomDocs(r *rand.Rand, n int, p Params) []testDoc {
	docs := make([]testDoc, n)
	for i := range docs {
		d := &docs[i]
		d.words = make([]uint64, p.Words)
		for j := range d.words {
			d.words[j] = r.Uint64()
		}
		d.card = r.Uint32N(5000)
		d.keys = make([][]uint64, p.Bands)
		for b := range d.keys {
			k := 1
			if b == p.PassageBand {
				k = r.IntN(4)
			}
			for range k {
				key := r.Uint64()
				if r.IntN(4) == 0 {
					key = uint64(r.IntN(3)) // popular
				}
				d.keys[b] = append(d.keys[b], key)
			}
		}
		id := fmt.Sprint("doc-", i)
		if i > 0 && r.IntN(10) == 0 {
			id = docs[r.IntN(i)].meta.ID
		}
		d.meta = Meta{ID: id, URL: fmt.Sprint("https://example.com/", r.IntN(1000)), Date: "2026-12-02"}
		if r.IntN(5) > 0 {
			hashes := make([]uint64, 5+r.IntN(300))
			for j := range hashes {
				hashes[j] = r.Uint64()
			}
			d.set, _ = AppendSet(nil, hashes, hashes[:min(len(hashes), 8)], len(hashes), nil)
		}
	}
	return docs
}

// bandEntries returns band b's entries of docs, in index order.
func bandEntries(docs []testDoc, b int) []uint64 {
	var out []uint64
	for i, d := range docs {
		for _, k := range d.keys[b] {
			out = append(out, uint64(Fingerprint(k))<<32|uint64(i))
		}
	}
	return out
}

// writeDocs writes docs to a new segment file at path.
func writeDocs(t testing.TB, path string, o WriterOptions, docs []testDoc, first uint64) {
	t.Helper()
	w, err := Create(path, o)
	if err != nil {
		t.Fatal(err)
	}
	// The signatures in runs of 1 to 7 documents.
	for i := 0; i < len(docs); {
		k := min(1+i%7, len(docs)-i)
		var words []uint64
		var cards []uint32
		for _, d := range docs[i : i+k] {
			words, cards = append(words, d.words...), append(cards, d.card)
		}
		w.AddSignatures(words, cards)
		i += k
	}
	w.AddBands(func(b int, dst []uint64) ([]uint64, error) {
		return append(dst, bandEntries(docs, b)...), nil
	}, true)
	for _, d := range docs {
		w.AddMeta(d.meta)
	}
	if w.HoldsSets() {
		for _, d := range docs {
			w.AddSet(d.set)
		}
	}
	if err := w.Finish(first); err != nil {
		t.Fatal(err)
	}
}

// TestRoundTrip writes segments of every version, with and without sets
// and with a key cap, and reads every document back through every read.
func TestRoundTrip(t *testing.T) {
	cases := []struct {
		version uint32
		noSets  bool
		keyCap  int
	}{{V1, true, 0}, {V2, false, 0}, {V3, false, 0}, {V3, true, 0}, {V3, false, 3}}
	for _, n := range []int{0, 1, 17, 300} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("n%d-v%d-nosets%v-cap%d", n, c.version, c.noSets, c.keyCap), func(t *testing.T) {
				r := rand.New(rand.NewPCG(uint64(n), uint64(c.version)))
				docs := randomDocs(r, n, testParams)
				path := filepath.Join(t.TempDir(), "seg")
				o := WriterOptions{Params: testParams, Version: c.version, NoSets: c.noSets}
				if c.keyCap > 0 {
					o.KeyCap = func(int) int { return c.keyCap }
				}
				writeDocs(t, path, o, docs, 1000)
				s, err := OpenFile(path, testParams)
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				if err := s.Verify(); err != nil {
					t.Fatal(err)
				}
				if s.Len() != n || s.First() != 1000 || s.Version() != c.version || s.HasSets() != !c.noSets {
					t.Fatalf("len %d first %d version %d sets %v", s.Len(), s.First(), s.Version(), s.HasSets())
				}
				checkDocs(t, s, docs, c.keyCap)
			})
		}
	}
}

// checkDocs checks that s holds docs, its band tables capped at keyCap
// documents per fingerprint (0: none).
func checkDocs(t *testing.T, s *Reader, docs []testDoc, keyCap int) {
	t.Helper()
	for i, d := range docs {
		words, card, err := s.Signature(uint32(i), nil)
		if err != nil || !slices.Equal(words, d.words) || card != d.card {
			t.Fatalf("document %d: signature %v %d (%v), want %v %d", i, words, card, err, d.words, d.card)
		}
		ms, err := s.MetaBlock(i / BlockDocs)
		if err != nil || ms[i%BlockDocs] != d.meta {
			t.Fatalf("document %d: metadata %v (%v), want %v", i, ms, err, d.meta)
		}
		set, err := s.Set(uint32(i))
		want := d.set
		if !s.HasSets() || len(want) == 0 {
			want = nil
		}
		if err != nil || !slices.Equal(set, want) {
			t.Fatalf("document %d: set of %d bytes (%v), want %d", i, len(set), err, len(want))
		}
		idxs, err := s.LookupID(IDHash(d.meta.ID))
		if err != nil || !slices.Contains(idxs, uint32(i)) || !slices.IsSorted(idxs) {
			t.Fatalf("document %d: LookupID %v (%v)", i, idxs, err)
		}
		for _, j := range idxs {
			if docs[j].meta.ID != d.meta.ID && IDHash(docs[j].meta.ID) != IDHash(d.meta.ID) {
				t.Fatalf("LookupID of %q gives document %d, %q", d.meta.ID, j, docs[j].meta.ID)
			}
		}
	}
	if s.MetaBlocks() != (len(docs)+BlockDocs-1)/BlockDocs {
		t.Fatalf("%d metadata blocks for %d documents", s.MetaBlocks(), len(docs))
	}
	for b := range testParams.Bands {
		// The table against the entries, capped: the first keyCap
		// documents of each fingerprint.
		want := bandEntries(docs, b)
		slices.Sort(want)
		if keyCap > 0 {
			want = capRuns(want, keyCap)
		}
		var got []uint64
		if err := s.EachBandEntry(b, func(fp, idx uint32) { got = append(got, uint64(fp)<<32|uint64(idx)) }); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("band %d: %d entries, want %d", b, len(got), len(want))
		}
		for _, e := range want[:min(len(want), 50)] {
			fp := uint32(e >> 32)
			var found []uint32
			if err := s.Find(b, fp, func(idx uint32) { found = append(found, idx) }); err != nil {
				t.Fatal(err)
			}
			var expect []uint32
			for _, f := range want {
				if uint32(f>>32) == fp {
					expect = append(expect, uint32(f))
				}
			}
			if !slices.Equal(found, expect) {
				t.Fatalf("band %d, fingerprint %d: %v, want %v", b, fp, found, expect)
			}
		}
	}
	// FindAll is every band's Find, in band order.
	for i, d := range docs[:min(len(docs), 20)] {
		fps := make([]uint32, testParams.Bands)
		var want []uint32
		for b := range fps {
			fps[b] = 1 << FPBits // no lookup
			if len(d.keys[b]) > 0 {
				fps[b] = Fingerprint(d.keys[b][0])
				s.Find(b, fps[b], func(idx uint32) { want = append(want, idx) })
			}
		}
		var got []uint32
		if err := s.FindAll(fps, func(idx uint32) { got = append(got, idx) }); err != nil || !slices.Equal(got, want) {
			t.Fatalf("document %d: FindAll %v (%v), want %v", i, got, err, want)
		}
	}
}

// TestWriterMisuse checks that calls out of order, wrong counts and wrong
// shapes fail the Writer, and that its file is then removed; that Create
// never replaces a file; and that Abort removes only its own file.
func TestWriterMisuse(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	docs := randomDocs(r, 20, testParams)
	bands := func(b int, dst []uint64) ([]uint64, error) { return append(dst, bandEntries(docs, b)...), nil }
	cases := map[string]func(w *Writer){
		"no band tables": func(w *Writer) {
			w.AddSignatures(docs[0].words, []uint32{1})
		},
		"metadata missing": func(w *Writer) {
			for _, d := range docs {
				w.AddSignatures(d.words, []uint32{d.card})
			}
			w.AddBands(bands, true)
			w.AddMeta(docs[0].meta)
		},
		"signature after bands": func(w *Writer) {
			for _, d := range docs {
				w.AddSignatures(d.words, []uint32{d.card})
			}
			w.AddBands(bands, true)
			w.AddSignatures(docs[0].words, []uint32{1})
		},
		"short signature": func(w *Writer) {
			w.AddSignatures(docs[0].words[:1], []uint32{1})
		},
		"too many metadata": func(w *Writer) {
			w.AddSignatures(docs[0].words, []uint32{1})
			w.AddBands(func(b int, dst []uint64) ([]uint64, error) { return dst, nil }, true)
			w.AddMeta(docs[0].meta)
			w.AddMeta(docs[1].meta)
		},
		"sets missing": func(w *Writer) {
			w.AddSignatures(docs[0].words, []uint32{1})
			w.AddBands(func(b int, dst []uint64) ([]uint64, error) { return dst, nil }, true)
			w.AddMeta(docs[0].meta)
		},
		"band error": func(w *Writer) {
			w.AddSignatures(docs[0].words, []uint32{1})
			w.AddBands(func(b int, dst []uint64) ([]uint64, error) { return nil, errors.New("boom") }, true)
		},
		"band names a document twice": func(w *Writer) {
			w.AddSignatures(docs[0].words, []uint32{1})
			w.AddBands(func(b int, dst []uint64) ([]uint64, error) { return append(dst, 5<<32, 5<<32), nil }, true)
		},
		"band names a document it lacks": func(w *Writer) {
			w.AddSignatures(docs[0].words, []uint32{1})
			w.AddBands(func(b int, dst []uint64) ([]uint64, error) { return append(dst, 5<<32|1), nil }, true)
		},
	}
	for name, misuse := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "seg")
			w, err := Create(path, WriterOptions{Params: testParams})
			if err != nil {
				t.Fatal(err)
			}
			misuse(w)
			if err := w.Finish(0); err == nil {
				t.Fatal("Finish succeeded")
			}
			if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("the failed file is still there: %v", err)
			}
			if err := w.Finish(0); err == nil {
				t.Fatal("a second Finish succeeded")
			}
		})
	}
	t.Run("no sets in version 1", func(t *testing.T) {
		w, err := Create(filepath.Join(t.TempDir(), "seg"), WriterOptions{Params: testParams, Version: V1})
		if err != nil {
			t.Fatal(err)
		}
		if w.HoldsSets() {
			t.Fatal("a version 1 segment holds sets")
		}
		w.AddSignatures(docs[0].words, []uint32{1})
		w.AddBands(func(b int, dst []uint64) ([]uint64, error) { return dst, nil }, true)
		w.AddMeta(docs[0].meta)
		w.AddSet(docs[0].set)
		if err := w.Finish(0); err == nil {
			t.Fatal("a set went into a version 1 segment")
		}
	})
	t.Run("create", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "seg")
		if err := os.WriteFile(path, []byte("someone's"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Create(path, WriterOptions{Params: testParams}); err == nil {
			t.Fatal("Create over an existing file succeeded")
		}
		if b, _ := os.ReadFile(path); string(b) != "someone's" {
			t.Fatalf("the existing file now holds %q", b)
		}
		for _, o := range []WriterOptions{{Params: testParams, Version: 9}, {Params: testParams, Version: V2, NoSets: true}, {Params: Params{Words: 0, Bands: 1, PassageBand: -1}}} {
			if _, err := Create(filepath.Join(dir, "other"), o); err == nil {
				t.Fatalf("Create with %+v succeeded", o)
			}
		}
		w, err := Create(filepath.Join(dir, "aborted"), WriterOptions{Params: testParams})
		if err != nil {
			t.Fatal(err)
		}
		w.Abort()
		if _, err := os.Lstat(filepath.Join(dir, "aborted")); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("Abort left its file: %v", err)
		}
		// Abort after Finish leaves the finished file alone.
		path = filepath.Join(dir, "done")
		writeDocs(t, path, WriterOptions{Params: testParams}, docs, 0)
		w, err = Create(filepath.Join(dir, "done2"), WriterOptions{Params: testParams})
		if err != nil {
			t.Fatal(err)
		}
		w.AddSignatures(docs[0].words, []uint32{1})
		w.AddBands(func(b int, dst []uint64) ([]uint64, error) { return dst, nil }, true)
		w.AddMeta(docs[0].meta)
		w.AddSet(nil)
		if err := w.Finish(0); err != nil {
			t.Fatal(err)
		}
		w.Abort()
		for _, name := range []string{"done", "done2"} {
			if _, err := os.Lstat(filepath.Join(dir, name)); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	})
}

// TestOpenParams: a segment opened with parameters it was not written
// with is corrupt, never misread.
func TestOpenParams(t *testing.T) {
	docs := randomDocs(rand.New(rand.NewPCG(4, 4)), 10, testParams)
	path := filepath.Join(t.TempDir(), "seg")
	writeDocs(t, path, WriterOptions{Params: testParams}, docs, 0)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []Params{{Words: 2, Bands: 5, PassageBand: 4, MaxPassages: 64}, {Words: 3, Bands: 4, PassageBand: 3, MaxPassages: 64}} {
		if _, err := Open(path, data, p); !errors.Is(err, ErrCorrupt) {
			t.Errorf("Open with %+v: %v, want ErrCorrupt", p, err)
		}
	}
	if _, err := Open(path, []byte("MIMEOMAN and more"), testParams); !errors.Is(err, ErrBadMagic) {
		t.Errorf("Open of another file: %v, want ErrBadMagic", err)
	}
	future := slices.Clone(data)
	binary.LittleEndian.PutUint32(future[8:], 9)
	binary.LittleEndian.PutUint32(future[60:], crc(future[:60]))
	if _, err := Open(path, future, testParams); !errors.Is(err, ErrVersion) {
		t.Errorf("Open of version 9: %v, want ErrVersion", err)
	}
	s, err := Open(path, data, testParams)
	if err != nil {
		t.Fatal(err)
	}
	secs := s.Sections()
	if len(secs) != numSections || secs[0].Offset != int64(headerLen+numSections*dirEntryLen+4) {
		t.Fatalf("sections %+v", secs)
	}
	for i := 1; i < len(secs); i++ {
		if secs[i].Offset < secs[i-1].Offset+secs[i-1].Length {
			t.Fatalf("section %d overlaps the one before: %+v", i+1, secs)
		}
	}
}

// TestEveryByte flips each byte of a small segment in turn: Open or
// Verify must report ErrCorrupt (or ErrBadMagic, ErrVersion for the
// header's first bytes), never succeed or fail otherwise.
func TestEveryByte(t *testing.T) {
	docs := randomDocs(rand.New(rand.NewPCG(5, 5)), 40, testParams)
	path := filepath.Join(t.TempDir(), "seg")
	writeDocs(t, path, WriterOptions{Params: testParams}, docs, 7)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for pos := range data {
		bad := slices.Clone(data)
		bad[pos] ^= 0x5A
		s, err := Open(path, bad, testParams)
		if err == nil {
			err = s.Verify()
		}
		if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrBadMagic) && !errors.Is(err, ErrVersion) {
			t.Fatalf("byte %d flipped: %v", pos, err)
		}
	}
}

// resealSegment recomputes the checksums of a segment whose bytes were
// changed, where its header and directory allow, so that the fuzzer and
// the tests reach the structural checks behind them.
func resealSegment(data []byte) {
	le := binary.LittleEndian
	if len(data) < headerLen+numSections*dirEntryLen+4 {
		return
	}
	le.PutUint32(data[60:], crc(data[:60]))
	dirEnd := headerLen + numSections*dirEntryLen
	le.PutUint32(data[dirEnd:], crc(data[headerLen:dirEnd]))
	for i := range numSections {
		e := data[headerLen+i*dirEntryLen:]
		off, length := le.Uint64(e[8:]), le.Uint64(e[16:])
		chunks := (length + chunkSize - 1) / chunkSize
		if off > uint64(len(data)) || length > uint64(len(data))-off || 4*chunks > uint64(len(data))-off-length {
			return
		}
		for ch := range chunks {
			lo := off + ch*chunkSize
			hi := min(lo+chunkSize, off+length)
			le.PutUint32(data[off+length+4*ch:], crc(data[lo:hi]))
		}
	}
}

// FuzzSegment feeds arbitrary bytes to the segment reader — resealed or
// not — and exercises every read: no input may panic or read out of bounds,
// and a segment that verifies must answer every read.
func FuzzSegment(f *testing.F) {
	for _, n := range []int{1, 3, 70} {
		for _, v := range []uint32{V1, V3} {
			docs := randomDocs(rand.New(rand.NewPCG(uint64(n), 9)), n, testParams)
			path := filepath.Join(f.TempDir(), "seg")
			writeDocs(f, path, WriterOptions{Params: testParams, Version: v}, docs, 0)
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data, false)
			f.Add(data, true)
			f.Add(data[:len(data)/2], true)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, reseal bool) {
		data = slices.Clone(data)
		if reseal {
			resealSegment(data)
		}
		if len(data) < headerLen {
			Open("fuzz", data, Params{Words: 1, Bands: 1, PassageBand: -1})
			return
		}
		wpd, nb := int(binary.LittleEndian.Uint32(data[32:])), int(binary.LittleEndian.Uint32(data[36:]))
		if wpd < 1 || wpd > 64 || nb > 64 {
			return // an index never asks for these
		}
		s, err := Open("fuzz", data, Params{Words: wpd, Bands: nb, PassageBand: nb - 1, MaxPassages: 64}) // the last table as passages
		if err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrBadMagic) && !errors.Is(err, ErrVersion) {
				t.Fatalf("Open: unexpected error %v", err)
			}
			return
		}
		verr := s.Verify()
		if verr != nil && !errors.Is(verr, ErrCorrupt) {
			t.Fatalf("Verify: unexpected error %v", verr)
		}
		r := rand.New(rand.NewPCG(uint64(len(data)), 1))
		for b := range s.nb {
			for range 8 {
				err := s.Find(b, r.Uint32(), func(idx uint32) {
					if int(idx) >= s.n {
						t.Fatalf("Find returned document %d of %d", idx, s.n)
					}
				})
				if err != nil && verr == nil {
					t.Fatalf("Find failed on a verified segment: %v", err)
				}
			}
			err := s.EachBandEntry(b, func(fp, idx uint32) {
				if int(idx) >= s.n || fp >= 1<<FPBits {
					t.Fatalf("EachBandEntry gave %d, document %d of %d", fp, idx, s.n)
				}
			})
			if err != nil && verr == nil {
				t.Fatalf("EachBandEntry failed on a verified segment: %v", err)
			}
		}
		for idx := range min(s.n, 300) {
			if _, _, err := s.Signature(uint32(idx), nil); err != nil && verr == nil {
				t.Fatalf("Signature failed on a verified segment: %v", err)
			}
			set, err := s.Set(uint32(idx))
			if err != nil && verr == nil {
				t.Fatalf("Set failed on a verified segment: %v", err)
			}
			if set != nil && verr == nil {
				rd, err := NewSetReader(set)
				if err == nil {
					err = rd.Each(func(uint64) {})
				}
				if err != nil {
					t.Fatalf("document %d's set does not decode in a verified segment: %v", idx, err)
				}
			}
		}
		for blk := range min(s.MetaBlocks(), 10) {
			ms, err := s.MetaBlock(blk)
			if err != nil && verr == nil {
				t.Fatalf("MetaBlock failed on a verified segment: %v", err)
			}
			for i, m := range ms {
				idxs, err := s.LookupID(IDHash(m.ID))
				if err != nil && verr == nil {
					t.Fatalf("LookupID failed on a verified segment: %v", err)
				}
				for _, idx := range idxs {
					if int(idx) >= s.n {
						t.Fatalf("LookupID returned document %d of %d", idx, s.n)
					}
				}
				if verr == nil && !slices.Contains(idxs, uint32(blk*BlockDocs+i)) {
					t.Fatalf("LookupID of document %d's id: %v", blk*BlockDocs+i, idxs)
				}
			}
		}
		if _, err := s.LookupID(r.Uint64()); err != nil && verr == nil {
			t.Fatalf("LookupID failed on a verified segment: %v", err)
		}
	})
}

// TestVerifySetOffsets: sets that do not tile their section — here the
// first document's set taken for the second's, the first left empty, so
// that each still decodes — are corrupt to Verify.
func TestVerifySetOffsets(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 1))
	docs := randomDocs(r, 2, testParams)
	for i := range docs {
		h := make([]uint64, 200)
		for j := range h {
			h[j] = r.Uint64()
		}
		docs[i].set, _ = AppendSet(nil, h, nil, len(h), nil)
	}
	path := filepath.Join(t.TempDir(), "seg")
	writeDocs(t, path, WriterOptions{Params: testParams}, docs, 0)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	e := data[headerLen+(secSets-1)*dirEntryLen:]
	off, length := le.Uint64(e[8:]), le.Uint64(e[16:])
	table := data[off+length-8*3 : off+length] // n + 1 = 3 offsets
	first := le.Uint64(table[8:])
	if le.Uint64(table) != 0 || first == 0 || le.Uint64(table[16:]) <= first {
		t.Fatalf("offsets % x: the test needs two sets", table)
	}
	le.PutUint64(table[8:], 0)      // the first set empty…
	le.PutUint64(table[16:], first) // …the second the first's
	resealSegment(data)
	s, err := Open(path, data, testParams)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Verify(); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Verify: %v, want ErrCorrupt", err)
	}
}

// TestVerifyIDs: an ids table that names the wrong documents — two
// entries' documents swapped in a resealed file, sound but wrong — is
// corrupt to Verify.
func TestVerifyIDs(t *testing.T) {
	docs := randomDocs(rand.New(rand.NewPCG(8, 8)), 20, testParams)
	for i := range docs {
		docs[i].meta.ID = fmt.Sprint("unique-", i)
	}
	path := filepath.Join(t.TempDir(), "seg")
	writeDocs(t, path, WriterOptions{Params: testParams}, docs, 0)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, data, testParams)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Verify(); err != nil {
		t.Fatal(err)
	}
	bad := slices.Clone(data)
	at := int(s.Sections()[secIDs-1].Offset) + 8*s.Len()
	a, b := binary.LittleEndian.Uint32(bad[at:]), binary.LittleEndian.Uint32(bad[at+4:])
	if a == b {
		t.Fatal("not the case to test")
	}
	binary.LittleEndian.PutUint32(bad[at:], b)
	binary.LittleEndian.PutUint32(bad[at+4:], a)
	resealSegment(bad)
	s, err = Open(path, bad, testParams)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Verify(); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Verify of a wrong ids table: %v, want ErrCorrupt", err)
	}
}
