package index

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// untar extracts a .tar.gz of plain files into dir.
func untar(t *testing.T, archive, dir string) {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(h.Name)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestOpenVersion3Index: an index an earlier revision wrote (manifest
// version 3 without the Sets option, segments of version 1, a site model
// whose line keys are hashed as version 1 of its file has them) opens with
// the options it was built with, its documents are found, its site model
// still knows each site's furniture, and it takes new documents.
func TestOpenVersion3Index(t *testing.T) {
	dir := t.TempDir()
	untar(t, filepath.Join("..", "testdata", "compat", "index-v3.tar.gz"), dir)
	o, err := ReadOptions(dir)
	if err != nil {
		t.Fatal(err)
	}
	if o.Sets >= 0 || o.SiteModel != DefaultBoilerplateDocs {
		t.Errorf("options read: Sets %d, SiteModel %d; want no sets, the default site model", o.Sets, o.SiteModel)
	}
	x, err := Open(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	type record struct{ ID, URL, Text string }
	var recs []record
	f, err := os.Open(filepath.Join("..", "testdata", "sample", "news.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	if st := x.Stats(); st.Documents != len(recs) || len(recs) < 100 {
		t.Fatalf("%d documents in the index, %d in the sample", st.Documents, len(recs))
	}
	// furnished counts the pages on which model knows a line as their
	// site's furniture.
	furnished := func(model *Boilerplate) int {
		n := 0
		for _, r := range recs {
			if slices.ContainsFunc(bytes.Split([]byte(r.Text), []byte("\n")), func(line []byte) bool {
				return model.IsBoilerplate(Site(r.URL), line)
			}) {
				n++
			}
		}
		return n
	}
	for _, r := range recs {
		hits, err := x.QueryDoc(Doc{URL: r.URL, Text: []byte(r.Text)})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(hits, func(h Hit) bool { return h.ID == r.ID }) {
			t.Errorf("%s is not found in the index", r.ID)
		}
	}
	before := furnished(x.SiteModel())
	// Most pages of the sample are of sites with three pages or more.
	if before < len(recs)/2 {
		t.Errorf("the site model knows furniture on %d of %d pages", before, len(recs))
	}
	if err := x.Add(Doc{ID: "new", URL: recs[0].URL, Text: []byte(recs[0].Text + "\nA paragraph the new page adds to the story.")}); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	y, err := Open(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	if st := y.Stats(); st.Documents != len(recs)+1 {
		t.Errorf("%d documents after one more, want %d", st.Documents, len(recs)+1)
	}
	if after := furnished(y.SiteModel()); after < before {
		t.Errorf("after reopening the model knows furniture on %d pages, before on %d", after, before)
	}
}
