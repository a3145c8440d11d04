package index

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
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

// TestOpenEarlierIndexes: an index an earlier revision wrote opens with
// the options it was built with, its documents are found, its site model
// still knows each site's furniture, and it takes new documents. Version
// 3: manifest without the Sets option, segments of version 1, a site model
// whose line keys are hashed as version 1 of its file has them; then
// manifest v4 with segments v2 (shingle sets), site model v2; and the
// golden index of the current formats (testdata/compat/README.md).
func TestOpenEarlierIndexes(t *testing.T) {
	for _, tc := range []struct {
		archive string
		sets    bool
	}{{"index-m3-s1.tar.gz", false}, {"index-m4-s2.tar.gz", true}, {goldenIndex, true}} {
		t.Run(tc.archive, func(t *testing.T) { testOpenEarlier(t, tc.archive, tc.sets) })
	}
}

func testOpenEarlier(t *testing.T, archive string, sets bool) {
	dir := t.TempDir()
	untar(t, filepath.Join("..", "testdata", "compat", archive), dir)
	o, err := ReadOptions(dir)
	if err != nil {
		t.Fatal(err)
	}
	if o.Sets >= 0 != sets || o.SiteModel != DefaultBoilerplateDocs {
		t.Errorf("options read: Sets %d, SiteModel %d; want sets %v, the default site model", o.Sets, o.SiteModel, sets)
	}
	x, err := Open(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	recs := sampleRecords(t)
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
	verified := 0
	for _, r := range recs {
		hits, err := x.QueryDoc(Doc{URL: r.URL, Text: []byte(r.Text)})
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(hits, func(h Hit) bool { return h.ID == r.ID })
		if i < 0 {
			t.Errorf("%s is not found in the index", r.ID)
		} else if hits[i].Verified {
			verified++
		}
	}
	// Other copies are close calls measured on the sets the index keeps.
	if qs := verified > 0; qs != sets {
		t.Errorf("%d hits measured on their sets; want some: %v", verified, sets)
	}
	before := furnished(x.SiteModel())
	// Pages a scan observes whole are counted in the model's own hash:
	// a line on every page of a new site, outside the main texts, becomes
	// furniture in an old model too.
	m := x.SiteModel().Clone()
	if m.PageKeys() != sets {
		t.Errorf("PageKeys %v on a model of %s", m.PageKeys(), archive)
	}
	line := []byte("Sign up for the Example Gazette's morning newsletter today")
	for i := range m.MinDocs() {
		text := []byte(fmt.Sprintf("Story %d of the new site, its own paragraph.", i))
		page := append(append(slices.Clone(text), '\n'), line...)
		m.ObservePage("gazette.example", text, page)
	}
	if !m.IsBoilerplate("gazette.example", line) {
		t.Errorf("a line on all %d observed pages of a site is not its furniture", m.MinDocs())
	}
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

// sampleRecord is a record of testdata/sample/news.jsonl.gz.
type sampleRecord struct{ ID, URL, Text string }

// sampleRecords reads testdata/sample/news.jsonl.gz.
func sampleRecords(t *testing.T) []sampleRecord {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "sample", "news.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var recs []sampleRecord
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r sampleRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return recs
}

// goldenIndex is the index this revision writes of the sample (manifest
// v4, segments v3, site model v2): TestGoldenIndex checks it byte for
// byte.
const goldenIndex = "index-m4-s3.tar.gz"

// buildSample writes the index of testdata/compat/README.md: the sample's
// records added one by one to a new index of the default options, closed.
func buildSample(t *testing.T, dir string) {
	t.Helper()
	x, err := Create(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range sampleRecords(t) {
		if err := x.Add(Doc{ID: r.ID, URL: r.URL, Text: []byte(r.Text)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestGoldenIndex checks that this revision writes the golden index byte
// for byte: a change of any file format, or of what is written into it
// (the recipe, the cleaning, the openings), shows here, and must come with
// a new format version or a new golden index, made with
// MIMEO_UPDATE_GOLDEN=1 go test ./index -run TestGoldenIndex (and the
// old one kept while the reader reads it).
func TestGoldenIndex(t *testing.T) {
	dir := t.TempDir()
	buildSample(t, dir)
	golden := filepath.Join("..", "testdata", "compat", goldenIndex)
	if os.Getenv("MIMEO_UPDATE_GOLDEN") == "1" {
		writeTar(t, golden, dir)
	}
	want := t.TempDir()
	untar(t, golden, want)
	names := func(d string) []string {
		ents, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range ents {
			if e.Name() != lockName {
				out = append(out, e.Name())
			}
		}
		return out
	}
	if got, w := names(dir), names(want); !slices.Equal(got, w) {
		t.Fatalf("files %v, golden %v", got, w)
	}
	for _, n := range names(dir) {
		a, _ := os.ReadFile(filepath.Join(dir, n))
		b, _ := os.ReadFile(filepath.Join(want, n))
		if !bytes.Equal(a, b) {
			i := 0
			for i < min(len(a), len(b)) && a[i] == b[i] {
				i++
			}
			t.Errorf("%s: %d bytes, golden %d; first difference at offset %d", n, len(a), len(b), i)
		}
	}
}

// writeTar writes the files of dir but the LOCK into a .tar.gz at path.
func writeTar(t *testing.T, path, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, e := range ents {
		if e.Name() == lockName {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := tw.WriteHeader(&tar.Header{Name: e.Name(), Mode: 0o644, Size: int64(len(data)), Format: tar.FormatPAX}); err != nil {
			t.Fatal(err)
		}
		tw.Write(data)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
