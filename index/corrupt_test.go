package index

import (
	"errors"
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
