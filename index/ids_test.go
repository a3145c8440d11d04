package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestGetAndReplace checks Get and Contains in memory, in segments and
// after Compact, and that adding an id again replaces its document: the
// old text is no longer found, the new one is, once.
func TestGetAndReplace(t *testing.T) {
	c := newStoryCorpus(31, 40, 1)
	dir := t.TempDir()
	x := openT(t, dir, Options{})
	defer func() { x.Close() }()
	for i := range 30 {
		if err := x.Add(Doc{ID: c.ids[i], URL: fmt.Sprint("https://a.example/", i), Text: c.texts[i]}); err != nil {
			t.Fatal(err)
		}
		if i == 14 {
			if err := x.Flush(); err != nil {
				t.Fatal(err)
			}
		}
	}
	check := func(stage string, want map[string]string) {
		t.Helper()
		for id, url := range want {
			d, ok, err := x.Get(id)
			if err != nil || !ok || d.ID != id || d.URL != url || d.Text != nil {
				t.Errorf("%s: Get(%s) = %+v, %v, %v; want its URL %s", stage, id, d, ok, err, url)
			}
		}
		for _, id := range []string{"absent", c.ids[35]} {
			if ok, err := x.Contains(id); ok || err != nil {
				t.Errorf("%s: Contains(%s) = %v, %v for an id never added", stage, id, ok, err)
			}
		}
	}
	want := map[string]string{}
	for i := range 30 {
		want[c.ids[i]] = fmt.Sprint("https://a.example/", i)
	}
	check("memory and a segment", want)

	// Replace one document of the segment and one in memory by other
	// texts under the same ids.
	for _, i := range []int{3, 20} {
		if err := x.Add(Doc{ID: c.ids[i], URL: "https://b.example/new", Text: c.texts[30+i%10]}); err != nil {
			t.Fatal(err)
		}
		want[c.ids[i]] = "https://b.example/new"
	}
	replaced := func(stage string) {
		t.Helper()
		check(stage, want)
		for _, i := range []int{3, 20} {
			old, err := x.Query(c.texts[i])
			if err != nil {
				t.Fatal(err)
			}
			if slices.ContainsFunc(old, func(h Hit) bool { return h.ID == c.ids[i] && h.Similarity == 1 }) {
				t.Errorf("%s: the replaced text of %s is still found", stage, c.ids[i])
			}
			hits, err := x.Query(c.texts[30+i%10])
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, h := range hits {
				if h.ID == c.ids[i] {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s: the new text of %s found %d times", stage, c.ids[i], n)
			}
		}
		n := 0
		x.Walk(func(d Doc) error {
			n++
			return nil
		})
		if n != 30 {
			t.Errorf("%s: Walk sees %d documents, want 30", stage, n)
		}
	}
	replaced("replaced")
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	replaced("flushed")
	if err := x.Compact(); err != nil {
		t.Fatal(err)
	}
	if st := x.Stats(); st.Documents != 30 {
		t.Errorf("after Compact %d documents, want 30", st.Documents)
	}
	replaced("compacted")
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	x = openT(t, dir, Options{})
	replaced("reopened")
	if err := x.Verify(); err != nil {
		t.Fatal(err)
	}
}

// TestGetEarlierSegments checks that Get finds the documents of segments
// written before the ids section (version 2), from their metadata.
func TestGetEarlierSegments(t *testing.T) {
	dir := t.TempDir()
	untar(t, filepath.Join("..", "testdata", "compat", "index-m4-s2.tar.gz"), dir)
	o, err := ReadOptions(dir)
	if err != nil {
		t.Fatal(err)
	}
	x, err := Open(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var ids []string
	if err := x.Walk(func(d Doc) error { ids = append(ids, d.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(ids) < 100 {
		t.Fatalf("%d documents", len(ids))
	}
	for _, id := range ids {
		if d, ok, err := x.Get(id); !ok || err != nil || d.ID != id {
			t.Fatalf("Get(%s) = %+v, %v, %v", id, d, ok, err)
		}
	}
	if ok, err := x.Contains("no such id"); ok || err != nil {
		t.Errorf("Contains of an absent id: %v, %v", ok, err)
	}
}

// TestReplaceDuringFlush checks that a replacement made while a Flush
// writes — its document in memory, after what the Flush records — is not
// recorded half: the manifest keeps the old document until the new one is
// durable, so that reopening (as after a crash) finds the id, and so does
// Rollback. The same for a Compact that overlaps it.
func TestReplaceDuringFlush(t *testing.T) {
	c := newStoryCorpus(33, 12, 0)
	for _, compact := range []bool{false, true} {
		dir := t.TempDir()
		x := overlapWrite(t, c, dir, compact, func(x *Index) {
			if err := x.Add(Doc{ID: "a", URL: "new", Text: c.texts[7]}); err != nil {
				t.Error(err)
			}
		})
		if d, ok, err := x.Get("a"); !ok || err != nil || d.URL != "new" {
			t.Fatalf("compact %v: the writer's Get(a) = %+v, %v, %v; want the new one", compact, d, ok, err)
		}
		y, err := OpenReadOnly(dir)
		if err != nil {
			t.Fatal(err)
		}
		if d, ok, err := y.Get("a"); !ok || err != nil || d.URL != "" {
			t.Errorf("compact %v: what is durable holds a = %+v, %v, %v; want the old one", compact, d, ok, err)
		}
		y.Close()
		if err := x.Rollback(); err != nil {
			t.Fatal(err)
		}
		if d, ok, _ := x.Get("a"); !ok || d.URL != "" {
			t.Errorf("compact %v: after Rollback a = %+v, %v; want the old one", compact, d, ok)
		}
		// Replaced again, and flushed: the new one only.
		x.Add(Doc{ID: "a", URL: "newer", Text: c.texts[8]})
		if err := x.Flush(); err != nil {
			t.Fatal(err)
		}
		x.Close()
		z, err := OpenReadOnly(dir)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		z.Walk(func(d Doc) error {
			if d.ID == "a" {
				n++
				if d.URL != "newer" {
					t.Errorf("compact %v: a is %+v after the flush", compact, d)
				}
			}
			return nil
		})
		if n != 1 {
			t.Errorf("compact %v: %d documents a, want 1", compact, n)
		}
		z.Close()
	}
}

// overlapWrite makes an index in dir holding "a" in a segment and five
// documents in memory, then runs a Flush (a Compact with compact) during
// whose write overlap runs, as another goroutine's calls would.
func overlapWrite(t *testing.T, c *storyCorpus, dir string, compact bool, overlap func(x *Index)) *Index {
	t.Helper()
	x := openT(t, dir, Options{})
	if err := x.Add(Doc{ID: "a", Text: c.texts[0]}); err != nil {
		t.Fatal(err)
	}
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < 6; i++ {
		x.Add(Doc{ID: c.ids[i], Text: c.texts[i]})
	}
	x.afterWrite = func() {
		x.afterWrite = nil
		overlap(x)
	}
	var err error
	if compact {
		err = x.Compact()
	} else {
		err = x.Flush()
	}
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestDeleteAfterReplaceDuringFlush checks that a Delete made after a
// replacement, both while a Flush or Compact writes, is recorded by it:
// the id is gone from what is durable, and after Rollback.
func TestDeleteAfterReplaceDuringFlush(t *testing.T) {
	c := newStoryCorpus(34, 12, 0)
	for _, compact := range []bool{false, true} {
		dir := t.TempDir()
		x := overlapWrite(t, c, dir, compact, func(x *Index) {
			x.Add(Doc{ID: "a", URL: "new", Text: c.texts[7]})
			x.Delete("a")
		})
		y, err := OpenReadOnly(dir)
		if err != nil {
			t.Fatal(err)
		}
		if d, ok, _ := y.Get("a"); ok {
			t.Errorf("compact %v: durable after the Delete: %+v", compact, d)
		}
		y.Close()
		x.Rollback()
		if d, ok, _ := x.Get("a"); ok {
			t.Errorf("compact %v: after Rollback: %+v", compact, d)
		}
		x.Close()
	}
}

// TestReplacePastUnreadableSegment checks that an Add replaces an id held
// in a sound segment though a newer segment's ids table cannot be read
// (which Verify reports): the newer one is passed over, not the lookup
// given up.
func TestReplacePastUnreadableSegment(t *testing.T) {
	c := newStoryCorpus(35, 14, 0)
	dir := t.TempDir()
	x := openT(t, dir, Options{})
	x.Add(Doc{ID: "a", Text: c.texts[0]})
	for i := 1; i < 10; i++ {
		x.Add(Doc{ID: c.ids[i], Text: c.texts[i]})
	}
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	x.Add(Doc{ID: c.ids[10], Text: c.texts[10]})
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	if st := x.Stats(); st.Segments != 2 {
		t.Fatalf("%d segments, want 2", st.Segments)
	}
	newest := x.segs[1]
	at := newest.Sections()[5].Offset // the ids table's first byte, its checksum not fixed
	path := newest.Name()
	x.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[at] ^= 0xFF
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	y := openT(t, dir, Options{})
	defer y.Close()
	if err := y.Add(Doc{ID: "a", URL: "new", Text: c.texts[12]}); err != nil {
		t.Fatalf("Add past an unreadable segment: %v", err)
	}
	hits, err := y.Query(c.texts[0])
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(hits, func(h Hit) bool { return h.ID == "a" && h.Similarity == 1 }) {
		t.Error("the replaced document of a is still found")
	}
	if err := y.Verify(); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Verify: %v, want ErrCorrupt", err)
	}
}
