package index

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/mimeo-dedup/mimeo/index/internal/segment"
	"github.com/mimeo-dedup/mimeo/minhash"
)

// storyCorpus generates stories and near-duplicate copies of them: each
// copy changes a few words, and some add a paragraph or lose their end.
// docs[i] is a copy of docs[story[i]] (story[i] == i for an original).
type storyCorpus struct {
	ids   []string
	texts [][]byte
	story []int
}

func newStoryCorpus(seed uint64, stories, maxCopies int) *storyCorpus {
	r := rand.New(rand.NewPCG(seed, 77))
	vocab := make([]string, 3000)
	for i := range vocab {
		n := 3 + r.IntN(7)
		b := make([]byte, n)
		for j := range b {
			b[j] = byte('a' + r.IntN(26))
		}
		vocab[i] = string(b)
	}
	word := func() string { return vocab[int(float64(len(vocab))*r.Float64()*r.Float64())] }
	sentence := func() string {
		w := make([]string, 8+r.IntN(12))
		for i := range w {
			w[i] = word()
		}
		return strings.Join(w, " ") + "."
	}
	c := &storyCorpus{}
	for s := range stories {
		var lines []string
		for range 4 + r.IntN(8) {
			var para []string
			for range 2 + r.IntN(3) {
				para = append(para, sentence())
			}
			lines = append(lines, strings.Join(para, " "))
		}
		orig := len(c.texts)
		c.ids = append(c.ids, fmt.Sprintf("s%d", s))
		c.texts = append(c.texts, []byte(strings.Join(lines, "\n")))
		c.story = append(c.story, orig)
		for k := range r.IntN(maxCopies + 1) {
			cp := slices.Clone(lines)
			for i := range cp {
				words := strings.Fields(cp[i])
				for range len(words) / 25 {
					words[r.IntN(len(words))] = word()
				}
				cp[i] = strings.Join(words, " ")
			}
			switch r.IntN(4) {
			case 0:
				cp = append(cp, sentence()+" "+sentence())
			case 1:
				cp = cp[:max(2, len(cp)*2/3)]
			}
			c.ids = append(c.ids, fmt.Sprintf("s%d-c%d", s, k))
			c.texts = append(c.texts, []byte(strings.Join(cp, "\n")))
			c.story = append(c.story, orig)
		}
	}
	return c
}

func openT(t testing.TB, dir string, o Options) *Index {
	t.Helper()
	x, err := OpenOrCreate(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func hitIDs(hits []Hit) []string {
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

// TestIndexFindsCopies adds stories and checks that each copy finds its
// story, in memory, after Flush and after reopening.
func TestIndexFindsCopies(t *testing.T) {
	c := newStoryCorpus(1, 60, 3)
	dir := t.TempDir()
	x := openT(t, dir, Options{})
	originals := 0
	for i, text := range c.texts {
		if c.story[i] == i {
			if err := x.Add(Doc{ID: c.ids[i], URL: "https://example.com/" + c.ids[i], Date: "2026-01-02", Text: text}); err != nil {
				t.Fatal(err)
			}
			originals++
		}
	}
	check := func(stage string, x *Index) {
		t.Helper()
		found, copies := 0, 0
		for i, text := range c.texts {
			hits, err := x.Query(text)
			if err != nil {
				t.Fatalf("%s: %v", stage, err)
			}
			want := c.ids[c.story[i]]
			if c.story[i] == i {
				if len(hits) == 0 || hits[0].ID != want || hits[0].Similarity < 0.99 {
					t.Fatalf("%s: an indexed story does not find itself first: %+v", stage, hits)
				}
				if hits[0].URL != "https://example.com/"+want || hits[0].Date != "2026-01-02" {
					t.Fatalf("%s: metadata %q %q", stage, hits[0].URL, hits[0].Date)
				}
				continue
			}
			copies++
			if slices.Contains(hitIDs(hits), want) {
				found++
			}
			for _, h := range hits {
				if !strings.HasPrefix(want, strings.SplitN(h.ID, "-", 2)[0]) || h.ID != want {
					t.Fatalf("%s: copy of %s matched %s", stage, want, h.ID)
				}
			}
		}
		if found < copies*9/10 {
			t.Fatalf("%s: %d of %d copies found their story", stage, found, copies)
		}
	}
	check("memory", x)
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	if st := x.Stats(); st.Documents != originals || st.InMemory != 0 || st.Segments != 1 {
		t.Fatalf("after Flush: %+v", st)
	}
	check("segment", x)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	x = openT(t, dir, Options{})
	defer x.Close()
	check("reopened", x)
	if err := x.Verify(); err != nil {
		t.Fatal(err)
	}
}

// TestIndexSignature checks documents added and queried by signature:
// each finds what a query by text finds through the full bands, with the
// same estimates, and documents added either way find each other.
func TestIndexSignature(t *testing.T) {
	c := newStoryCorpus(7, 80, 3)
	dir := t.TempDir()
	x := openT(t, dir, Options{})
	signer, err := x.Options().Recipe.NewSigner()
	if err != nil {
		t.Fatal(err)
	}
	for i, text := range c.texts {
		if c.story[i] != i {
			continue
		}
		if i%2 == 0 {
			err = x.AddSignature(c.ids[i], "", "", signer.Sign(text))
		} else {
			err = x.Add(Doc{ID: c.ids[i], Text: text})
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := x.QuerySignature(minhash.Signature{Slots: make([]uint32, 64)}); err == nil {
		t.Fatal("a signature of 64 slots was accepted by an index of 128")
	}
	check := func(stage string) {
		t.Helper()
		found, copies := 0, 0
		for i, text := range c.texts {
			bySig, err := x.QuerySignature(signer.Sign(text))
			if err != nil {
				t.Fatal(err)
			}
			byText, err := x.Query(text)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range bySig {
				j := slices.IndexFunc(byText, func(g Hit) bool { return g.ID == h.ID })
				// The same estimate, unless the text's hit was measured on
				// the document's set (a close call, a match by
				// containment or at a low similarity).
				if j < 0 || !byText[j].Verified && (byText[j].Similarity != h.Similarity || byText[j].Containment != h.Containment) {
					t.Fatalf("%s: %s by signature found %+v, by text %+v", stage, c.ids[i], h, byText)
				}
			}
			want := c.ids[c.story[i]]
			if c.story[i] == i {
				if len(bySig) == 0 || bySig[0].ID != want || bySig[0].Similarity != 1 {
					t.Fatalf("%s: %s does not find itself by signature: %+v", stage, want, bySig)
				}
				continue
			}
			copies++
			if slices.Contains(hitIDs(bySig), want) {
				found++
			}
		}
		if found < copies*9/10 {
			t.Fatalf("%s: %d of %d copies found their story by signature", stage, found, copies)
		}
	}
	check("memory")
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	x = openT(t, dir, Options{})
	defer x.Close()
	check("segment")
	if err := x.Verify(); err != nil {
		t.Fatal(err)
	}
}

// TestIndexCompactOptions checks that the compact preset keeps at most 100
// bytes per document of signatures and band tables and still finds copies.
func TestIndexCompactOptions(t *testing.T) {
	c := newStoryCorpus(5, 400, 3)
	x := openT(t, t.TempDir(), CompactOptions())
	defer x.Close()
	for i, text := range c.texts {
		if c.story[i] == i {
			if err := x.Add(Doc{ID: c.ids[i], Text: text}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	st := x.Stats()
	perDoc := float64(st.SignatureBytes+st.BandBytes) / float64(st.Documents)
	t.Logf("%d documents, %.1f bytes per document of signatures and bands", st.Documents, perDoc)
	if perDoc > 100 {
		t.Errorf("%.1f bytes per document of signatures and bands", perDoc)
	}
	found, copies := 0, 0
	for i, text := range c.texts {
		if c.story[i] == i {
			continue
		}
		copies++
		hits, err := x.Query(text)
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(hitIDs(hits), c.ids[c.story[i]]) {
			found++
		}
	}
	if found < copies*9/10 {
		t.Fatalf("%d of %d copies found their story", found, copies)
	}
}

// TestIndexMatchesDedup checks, differentially, that querying each
// document against the index of the documents before it finds exactly the
// pairs Dedup verifies — with documents in memory, in many segments, and
// after compaction.
func TestIndexMatchesDedup(t *testing.T) {
	c := newStoryCorpus(2, 150, 6)
	d, err := NewDedup(Options{})
	if err != nil {
		t.Fatal(err)
	}
	e, _ := NewFeaturizer(Options{})
	for _, text := range c.texts {
		var f Features
		e.Extract(text, "", &f)
		if _, _, err := d.Add(&f); err != nil {
			t.Fatal(err)
		}
	}
	num := map[string]uint32{}
	for i, id := range c.ids {
		num[id] = uint32(i)
	}
	want := map[[2]uint32]bool{}
	for _, p := range d.Pairs() {
		want[[2]uint32{p.A, p.B}] = true
	}
	if len(want) < 100 {
		t.Fatalf("only %d pairs: the corpus is too easy", len(want))
	}
	flushes := []int{0, 1, 17, 100}
	if testing.Short() {
		flushes = []int{0, 17} // in memory, and across segments that merge
	}
	for _, flushEvery := range flushes {
		t.Run(fmt.Sprintf("flush%d", flushEvery), func(t *testing.T) {
			x := openT(t, t.TempDir(), Options{})
			defer x.Close()
			got := map[[2]uint32]bool{}
			for i, text := range c.texts {
				hits, err := x.Query(text)
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range hits {
					got[[2]uint32{num[h.ID], uint32(i)}] = true
				}
				if err := x.Add(Doc{ID: c.ids[i], Text: text}); err != nil {
					t.Fatal(err)
				}
				if flushEvery > 0 && i%flushEvery == flushEvery-1 {
					if err := x.Flush(); err != nil {
						t.Fatal(err)
					}
				}
			}
			for p := range want {
				if !got[p] {
					t.Errorf("pair %v found by Dedup, not by the index", p)
				}
			}
			for p := range got {
				if !want[p] {
					t.Errorf("pair %v found by the index, not by Dedup", p)
				}
			}
			st := x.Stats()
			if st.Documents != len(c.texts) {
				t.Fatalf("%d documents, want %d", st.Documents, len(c.texts))
			}
			if flushEvery > 0 && st.Segments > 2*bitsLenInt(len(c.texts)) {
				t.Fatalf("%d segments for %d documents: merging does not keep up", st.Segments, len(c.texts))
			}
		})
	}
}

func bitsLenInt(n int) int {
	b := 0
	for ; n > 0; n >>= 1 {
		b++
	}
	return b
}

// TestIndexDelete checks that deleted documents stop matching at once,
// stay deleted across Flush, reopening and Compact, and that a document
// added again under a deleted id is not deleted.
func TestIndexDelete(t *testing.T) {
	c := newStoryCorpus(3, 40, 0)
	dir := t.TempDir()
	x := openT(t, dir, Options{})
	for i, text := range c.texts {
		if err := x.Add(Doc{ID: c.ids[i], Text: text}); err != nil {
			t.Fatal(err)
		}
		if i == 20 {
			if err := x.Flush(); err != nil {
				t.Fatal(err)
			}
		}
	}
	// Delete one flushed and one in-memory document; re-add the first
	// with the text of another story.
	gone := []int{3, 30}
	for _, i := range gone {
		if err := x.Delete(c.ids[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Add(Doc{ID: c.ids[3], URL: "again", Text: c.texts[10]}); err != nil {
		t.Fatal(err)
	}
	check := func(stage string) {
		t.Helper()
		for i, text := range c.texts {
			hits, err := x.Query(text)
			if err != nil {
				t.Fatal(err)
			}
			ids := hitIDs(hits)
			switch i {
			case 3, 30:
				if len(ids) != 0 {
					t.Fatalf("%s: deleted document %d matches %v", stage, i, ids)
				}
			case 10:
				if !slices.Equal(ids, []string{c.ids[10], c.ids[3]}) && !slices.Equal(ids, []string{c.ids[3], c.ids[10]}) {
					t.Fatalf("%s: story 10 matches %v, want itself and the re-added %s", stage, ids, c.ids[3])
				}
			default:
				if !slices.Equal(ids, []string{c.ids[i]}) {
					t.Fatalf("%s: document %d matches %v", stage, i, ids)
				}
			}
		}
	}
	check("memory")
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	check("flushed")
	x.Close()
	x = openT(t, dir, Options{})
	defer x.Close()
	check("reopened")
	before := x.Stats()
	if err := x.Compact(); err != nil {
		t.Fatal(err)
	}
	check("compacted")
	after := x.Stats()
	// Merging on Flush already dropped the deleted documents; Compact
	// forgets the deletions.
	if after.Segments != 1 || after.Documents != len(c.texts)-1 || before.Deletions != 2 || after.Deletions != 0 {
		t.Fatalf("compaction: before %+v, after %+v", before, after)
	}
	// Numbers stay consistent: deleting and adding after compaction.
	if err := x.Delete(c.ids[10]); err != nil {
		t.Fatal(err)
	}
	if err := x.Add(Doc{ID: c.ids[10], URL: "third", Text: c.texts[11]}); err != nil {
		t.Fatal(err)
	}
	hits, err := x.Query(c.texts[11])
	if err != nil {
		t.Fatal(err)
	}
	if ids := hitIDs(hits); !slices.Equal(ids, []string{c.ids[10], c.ids[11]}) {
		t.Fatalf("after delete and re-add: %v", ids)
	}
	if err := x.Verify(); err != nil {
		t.Fatal(err)
	}
}

// TestIndexRecipe checks that an index opened with other options is an
// error, and that ReadOptions and OpenReadOnly use the stored ones.
func TestIndexRecipe(t *testing.T) {
	dir := t.TempDir()
	o := Options{Bits: 4, Jaccard: 0.5}
	x := openT(t, dir, o)
	x.Add(Doc{ID: "a", Text: newStoryCorpus(4, 1, 0).texts[0]})
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	x.Close()
	for _, other := range []Options{{}, {Bits: 4}, {Bits: 4, Jaccard: 0.5, Recipe: Recipe{K: 64}}, {Bits: 4, Jaccard: 0.5, KeyCap: 3}} {
		if _, err := Open(dir, other); !errors.Is(err, ErrRecipe) {
			t.Errorf("Open with %+v: %v, want ErrRecipe", other, err)
		}
	}
	got, err := ReadOptions(dir)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := o.withDefaults()
	if !sameOptions(got, want) {
		t.Fatalf("ReadOptions: %s, want %s", describe(got), describe(want))
	}
	x = openT(t, dir, got)
	x.Close()
}

// TestIndexLock checks that a second writer gets ErrLocked while readers
// open the index freely.
func TestIndexLock(t *testing.T) {
	dir := t.TempDir()
	x := openT(t, dir, Options{})
	text := newStoryCorpus(5, 1, 0).texts[0]
	x.Add(Doc{ID: "a", Text: text})
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: %v, want ErrLocked", err)
	}
	r, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	hits, err := r.Query(text)
	if err != nil || len(hits) != 1 || hits[0].ID != "a" {
		t.Fatalf("read-only query: %v %v", hits, err)
	}
	if err := r.Add(Doc{ID: "b", Text: text}); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("Add to a read-only index: %v", err)
	}
	x.Close()
	y := openT(t, dir, Options{}) // the lock is released
	y.Close()
}

// TestIndexConcurrent runs adds, queries, deletes, flushes and compactions
// at once (run it with -race) and then checks every document.
func TestIndexConcurrent(t *testing.T) {
	c := newStoryCorpus(6, 200, 0)
	x := openT(t, t.TempDir(), Options{})
	defer x.Close()
	var wg sync.WaitGroup
	const writers = 4
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(c.texts); i += writers {
				if err := x.Add(Doc{ID: c.ids[i], Text: c.texts[i]}); err != nil {
					t.Error(err)
					return
				}
				if i%10 == 0 {
					if err := x.Delete(c.ids[i]); err != nil {
						t.Error(err)
					}
				}
				if _, err := x.Query(c.texts[(i*7)%len(c.texts)]); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 12 {
			var err error
			if i%4 == 3 {
				err = x.Compact()
			} else {
				err = x.Flush()
			}
			if err != nil {
				t.Error(err)
			}
			x.Stats()
		}
	}()
	wg.Wait()
	check := func(stage string) {
		for i, text := range c.texts {
			hits, err := x.Query(text)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			if i%10 != 0 {
				want = []string{c.ids[i]}
			}
			if got := hitIDs(hits); !slices.Equal(got, want) {
				t.Fatalf("%s: document %d matches %v, want %v", stage, i, got, want)
			}
		}
	}
	check("concurrent")
	if err := x.Compact(); err != nil {
		t.Fatal(err)
	}
	check("compacted")
	if st := x.Stats(); st.Documents != len(c.texts)-20 {
		t.Fatalf("%+v", st)
	}
}

// TestIndexOrphans checks that the files of ours a crash leaves behind are
// removed (recognised by exact name and first bytes), and nothing else.
func TestIndexOrphans(t *testing.T) {
	dir := t.TempDir()
	x := openT(t, dir, Options{})
	x.Add(Doc{ID: "a", Text: newStoryCorpus(7, 1, 0).texts[0]})
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	x.Close()
	ours := map[string]string{
		"seg-000099.mms":     segment.Magic + "partial",
		"seg-000100.mms.tmp": "",
		"seg-000101.mms.tmp": segment.Magic,
		"MANIFEST.tmp":       manifestMagic + "partial",
	}
	foreign := map[string]string{
		"seg-000102.mms":     "someone's file",
		"seg-1.mms":          segment.Magic,
		"seg-000103.mms.bak": segment.Magic,
		"MANIFEST.old":       manifestMagic,
		"notes.txt":          "",
	}
	for _, m := range []map[string]string{ours, foreign} {
		for name, content := range m {
			os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
		}
	}
	os.Symlink(filepath.Join(dir, "notes.txt"), filepath.Join(dir, "seg-000104.mms"))
	x = openT(t, dir, Options{})
	defer x.Close()
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"LOCK", "MANIFEST", "seg-000001.mms", "seg-000104.mms"}
	for name := range foreign {
		want = append(want, name)
	}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Fatalf("files after reopening: %v, want %v", names, want)
	}
}
