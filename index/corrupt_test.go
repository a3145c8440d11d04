package index

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

// buildSmallIndex writes an index of c's documents in two segments and
// returns the hits of every document's query.
func buildSmallIndex(t testing.TB, dir string, c *storyCorpus) [][]string {
	x := openT(t, dir, Options{})
	defer x.Close()
	for i, text := range c.texts {
		if err := x.Add(Doc{ID: c.ids[i], URL: "u" + c.ids[i], Date: "d", Text: text}); err != nil {
			t.Fatal(err)
		}
		if i == len(c.texts)*3/4 { // the second segment is too small to merge
			if err := x.Flush(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := x.Delete(c.ids[1]); err != nil {
		t.Fatal(err)
	}
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	if st := x.Stats(); st.Segments != 2 || st.Deletions != 1 {
		t.Fatalf("want two segments and a deletion: %+v", st)
	}
	want := make([][]string, len(c.texts))
	for i, text := range c.texts {
		hits, err := x.Query(text)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = hitIDs(hits)
	}
	return want
}

// TestIndexDetectsFlippedBytes flips bytes of every file of an index, one
// at a time, and checks that Open, Verify and Query report ErrCorrupt —
// or, for a query that does not read the damaged part, answer exactly as
// before. Never a panic, never a wrong answer.
func TestIndexDetectsFlippedBytes(t *testing.T) {
	c := newStoryCorpus(11, 40, 2)
	dir := t.TempDir()
	want := buildSmallIndex(t, dir, c)
	r := rand.New(rand.NewPCG(11, 12))
	entries, _ := os.ReadDir(dir)
	checked := 0
	for _, e := range entries {
		if e.Name() == "LOCK" {
			continue
		}
		path := filepath.Join(dir, e.Name())
		orig, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// Every byte of the header and directory, and a sample of the
		// rest (every byte without -short would take minutes).
		var positions []int
		for p := range min(len(orig), 200) {
			positions = append(positions, p)
		}
		samples := 400
		if testing.Short() {
			samples = 60
		}
		for range samples {
			positions = append(positions, r.IntN(len(orig)))
		}
		for _, p := range positions {
			bad := slices.Clone(orig)
			bad[p] ^= byte(1 + r.IntN(255))
			if err := os.WriteFile(path, bad, 0o644); err != nil {
				t.Fatal(err)
			}
			checkCorrupt(t, dir, c, want, e.Name(), p)
			checked++
		}
		if err := os.WriteFile(path, orig, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if checked < 600 {
		t.Fatalf("only %d positions checked", checked)
	}
	// Truncated and extended files too.
	for _, e := range entries {
		if e.Name() == "LOCK" {
			continue
		}
		path := filepath.Join(dir, e.Name())
		orig, _ := os.ReadFile(path)
		for _, size := range []int{0, 7, 63, len(orig) / 2, len(orig) - 1, len(orig) + 1} {
			bad := make([]byte, size)
			copy(bad, orig)
			os.WriteFile(path, bad, 0o644)
			checkCorrupt(t, dir, c, want, e.Name()+" truncated or extended to", size)
		}
		os.WriteFile(path, orig, 0o644)
	}
}

func checkCorrupt(t *testing.T, dir string, c *storyCorpus, want [][]string, file string, pos int) {
	t.Helper()
	x, err := Open(dir, Options{})
	if err != nil {
		// A changed version field reads as a version this program
		// does not know: the manifest's version is checked first.
		version := file == manifestName && 8 <= pos && pos < 12 && errors.Is(err, ErrVersion)
		if !errors.Is(err, ErrCorrupt) && !version {
			t.Fatalf("%s byte %d: Open: %v, want ErrCorrupt", file, pos, err)
		}
		return
	}
	defer x.Close()
	detected := false
	for i := range c.texts {
		hits, err := x.Query(c.texts[i])
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("%s byte %d: Query: %v, want ErrCorrupt", file, pos, err)
			}
			detected = true
			continue
		}
		if got := hitIDs(hits); !slices.Equal(got, want[i]) {
			t.Fatalf("%s byte %d: document %d: wrong answer %v, want %v", file, pos, i, got, want[i])
		}
	}
	if err := x.Verify(); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("%s byte %d: Verify: %v, want ErrCorrupt (queries detected it: %v)", file, pos, err, detected)
	}
}

// resealSegment recomputes the checksums of a segment whose bytes were
// changed, where its header and directory allow, so that the fuzzer
// reaches the structural checks behind them.
func resealSegment(data []byte) {
	le := binary.LittleEndian
	if len(data) < segHeaderLen+numSections*dirEntryLen+4 {
		return
	}
	le.PutUint32(data[60:], crc(data[:60]))
	dirEnd := segHeaderLen + numSections*dirEntryLen
	le.PutUint32(data[dirEnd:], crc(data[segHeaderLen:dirEnd]))
	for i := range numSections {
		e := data[segHeaderLen+i*dirEntryLen:]
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

// FuzzSegment feeds arbitrary bytes to the segment decoder — resealed or
// not — and exercises every read: no input may panic or read out of bounds.
func FuzzSegment(f *testing.F) {
	for _, n := range []int{1, 3, 70} {
		dir := f.TempDir()
		x := openT(f, dir, Options{Bits: 4})
		c := newStoryCorpus(uint64(n), n, 0)
		for i, text := range c.texts {
			x.Add(Doc{ID: c.ids[i], URL: "u", Text: text})
		}
		if err := x.Flush(); err != nil {
			f.Fatal(err)
		}
		x.Close()
		data, err := os.ReadFile(filepath.Join(dir, segmentName(1)))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, false)
		f.Add(data, true)
		f.Add(data[:len(data)/2], true)
	}
	f.Fuzz(func(t *testing.T, data []byte, reseal bool) {
		data = slices.Clone(data)
		if reseal {
			resealSegment(data)
		}
		if len(data) < segHeaderLen {
			openSegment("fuzz", data, 1, 1, -1)
			return
		}
		wpd, nb := int(binary.LittleEndian.Uint32(data[32:])), int(binary.LittleEndian.Uint32(data[36:]))
		if wpd < 1 || wpd > 64 || nb > 64 {
			return // an Index never asks for these
		}
		s, err := openSegment("fuzz", data, wpd, nb, nb-1) // the last table as passages
		if err != nil {
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrBadMagic) && !errors.Is(err, ErrVersion) {
				t.Fatalf("openSegment: unexpected error %v", err)
			}
			return
		}
		verr := s.verify()
		if verr != nil && !errors.Is(verr, ErrCorrupt) {
			t.Fatalf("verify: unexpected error %v", verr)
		}
		r := rand.New(rand.NewPCG(uint64(len(data)), 1))
		for b := range s.nb {
			for range 8 {
				err := s.find(b, r.Uint32(), func(idx uint32) {
					if int(idx) >= s.n {
						t.Fatalf("find returned document %d of %d", idx, s.n)
					}
				})
				if err != nil && verr == nil {
					t.Fatalf("find failed on a verified segment: %v", err)
				}
			}
		}
		for idx := range min(s.n, 300) {
			if _, _, err := s.sig(uint32(idx), nil); err != nil && verr == nil {
				t.Fatalf("sig failed on a verified segment: %v", err)
			}
		}
		for blk := range min(s.metaBlocks(), 10) {
			ms, err := s.metaBlock(blk)
			if err != nil && verr == nil {
				t.Fatalf("metaBlock failed on a verified segment: %v", err)
			}
			for i, m := range ms {
				idxs, err := s.lookupID(idHash(m.id))
				if err != nil && verr == nil {
					t.Fatalf("lookupID failed on a verified segment: %v", err)
				}
				for _, idx := range idxs {
					if int(idx) >= s.n {
						t.Fatalf("lookupID returned document %d of %d", idx, s.n)
					}
				}
				if verr == nil && !slices.Contains(idxs, uint32(blk*metaBlock+i)) {
					t.Fatalf("lookupID of document %d's id: %v", blk*metaBlock+i, idxs)
				}
			}
		}
		if _, err := s.lookupID(r.Uint64()); err != nil && verr == nil {
			t.Fatalf("lookupID failed on a verified segment: %v", err)
		}
	})
}

// TestVerifySetOffsets: sets that do not tile their section — here the
// first document's set taken for the second's, the first left empty, so
// that each still decodes — are corrupt to Verify.
func TestVerifySetOffsets(t *testing.T) {
	dir := t.TempDir()
	x, err := Create(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := &rng{s: 31}
	for i := range 2 {
		if err := x.Add(Doc{ID: fmt.Sprint(i), Text: []byte(paragraphs(r.words(200), 20))}); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	segs, _ := filepath.Glob(filepath.Join(dir, "seg-*"))
	if len(segs) != 1 {
		t.Fatalf("segments %v", segs)
	}
	data, err := os.ReadFile(segs[0])
	if err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	e := data[segHeaderLen+(secSets-1)*dirEntryLen:]
	off, length := le.Uint64(e[8:]), le.Uint64(e[16:])
	table := data[off+length-8*3 : off+length] // n + 1 = 3 offsets
	first := le.Uint64(table[8:])
	if le.Uint64(table) != 0 || first == 0 || le.Uint64(table[16:]) <= first {
		t.Fatalf("offsets % x: the test needs two sets", table)
	}
	le.PutUint64(table[8:], 0)      // the first set empty…
	le.PutUint64(table[16:], first) // …the second the first's
	resealSegment(data)
	if err := os.WriteFile(segs[0], data, 0o644); err != nil {
		t.Fatal(err)
	}
	y, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	if err := y.Verify(); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Verify: %v, want ErrCorrupt", err)
	}
}
