package index

import (
	"fmt"
	"slices"
	"testing"
)

// TestBatch checks that a batch's pages are checked against the index
// without each other, added at Commit as AddFeatures adds them — the same
// hits afterwards, the features reused by the caller — and that a batch
// commits once.
func TestBatch(t *testing.T) {
	c := newStoryCorpus(51, 40, 3)
	x := openT(t, t.TempDir(), Options{})
	defer x.Close()
	ref := openT(t, t.TempDir(), Options{})
	defer ref.Close()
	k := len(c.texts) / 2
	for i := range k {
		for _, y := range []*Index{x, ref} {
			if err := y.Add(Doc{ID: c.ids[i], Text: c.texts[i]}); err != nil {
				t.Fatal(err)
			}
		}
	}
	b := x.NewBatch()
	var f Features // reused, as a scan reuses its features
	e, _ := NewFeaturizer(x.Options())
	e.KeepHashes(true)
	for i := k; i < len(c.texts); i++ {
		e.Extract(c.texts[i], "", &f)
		r, err := b.Seen(&f)
		if err != nil {
			t.Fatal(err)
		}
		want, _, _ := ref.SeenFeatures(&f)
		if !slices.Equal(hitIDs(r.Seen), hitIDs(want)) {
			t.Fatalf("%s: seen in %v within the batch, %v in the index alone", c.ids[i], hitIDs(r.Seen), hitIDs(want))
		}
		if err := b.Add(c.ids[i], fmt.Sprint("https://example.com/", i), "", &f); err != nil {
			t.Fatal(err)
		}
	}
	for i := k; i < len(c.texts); i++ { // the same pages one at a time
		e.Extract(c.texts[i], "", &f)
		if err := ref.AddFeatures(c.ids[i], fmt.Sprint("https://example.com/", i), "", &f); err != nil {
			t.Fatal(err)
		}
	}
	if b.Len() != len(c.texts)-k {
		t.Fatalf("batch of %d pages, want %d", b.Len(), len(c.texts)-k)
	}
	if st := x.Stats(); st.Documents != k {
		t.Fatalf("%d documents before Commit, want %d", st.Documents, k)
	}
	if err := b.Commit(nil); err != nil {
		t.Fatal(err)
	}
	if st := x.Stats(); st.Documents != len(c.texts) || st.Pending != 0 {
		t.Fatalf("after Commit: %d documents, %d pending; want %d, 0", st.Documents, st.Pending, len(c.texts))
	}
	for i, text := range c.texts {
		got, err := x.Query(text)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := ref.Query(text)
		if len(got) != len(want) {
			t.Fatalf("%s: %d hits after the batch, %d after adding one at a time", c.ids[i], len(got), len(want))
		}
		for j := range got {
			g, w := got[j], want[j]
			if g.ID != w.ID || g.URL != w.URL || g.Similarity != w.Similarity || g.Containment != w.Containment || g.Verified != w.Verified {
				t.Fatalf("%s: hit %d %+v, one at a time %+v", c.ids[i], j, g, w)
			}
		}
	}
	if err := b.Commit(nil); err == nil {
		t.Error("a batch committed twice")
	}
	if err := b.Add("late", "", "", &f); err == nil {
		t.Error("Add to a committed batch accepted")
	}
	var bad Features
	if err := x.NewBatch().Add("bad", "", "", &bad); err == nil {
		t.Error("features of another configuration accepted")
	}
	// A failed Commit adds nothing of the batch.
	failing := x.NewBatch()
	e.Extract(c.texts[0], "", &f)
	if err := failing.Add("one more", "", "", &f); err != nil {
		t.Fatal(err)
	}
	if err := failing.Commit(NewBoilerplate(DefaultBoilerplateDocs+4, 10)); err == nil {
		t.Fatal("a batch with a site model of other options committed")
	}
	if ok, _ := x.Contains("one more"); ok || x.Stats().Documents != len(c.texts) {
		t.Errorf("after a failed Commit: the page held %v, %d documents; want none of it, %d", ok, x.Stats().Documents, len(c.texts))
	}
}
