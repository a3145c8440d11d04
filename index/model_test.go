package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// siteCorpus is pages of sites whose template carries prose furniture —
// a newsletter box, a paragraph about the site, a footer — of sentence
// lines that the list filter keeps: per site, distinct local stories, and
// one wire story copied on every site.
type sitePage struct {
	doc   Doc
	story int // -1: a local story of its site
}

func siteCorpus(sites, perSite int, seed uint64) (pages []sitePage, wire string) {
	r := &rng{s: seed}
	sentence := func(n int) string { return strings.Join(r.words(n), " ") + "." }
	wire = sentence(60) + "\n" + sentence(55) + "\n" + sentence(50)
	for s := range sites {
		site := fmt.Sprintf("https://site%d.example/news/", s)
		head := "Subscribe to our newsletter and get the day's news in your inbox every morning, free of charge and without advertising.\n"
		foot := "\n" + sentence(30) + "\n" + sentence(25) + "\nThis site is run by volunteers who believe that local journalism matters to the life of every town.\n"
		for i := range perSite {
			body, story := sentence(40)+"\n"+sentence(35), -1
			if i == perSite/2 {
				body, story = wire, 0
			}
			pages = append(pages, sitePage{Doc{ID: fmt.Sprintf("s%d-%d", s, i), URL: fmt.Sprintf("%s%d", site, i), Text: []byte(head + body + foot)}, story})
		}
	}
	return pages, wire
}

// TestIndexSiteModel: an index learns each site's furniture from the
// documents added one at a time, so that different stories of one site no
// longer match through it while the wire story's copies still do; the
// model survives a Flush and a reopening, Rollback discards what it
// learned since, and an index without a model matches the furniture.
func TestIndexSiteModel(t *testing.T) {
	pages, _ := siteCorpus(4, 8, 11)
	falseHits := func(o Options) (local, wire int, x *Index) {
		dir := t.TempDir()
		x, err := Create(dir, o)
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range pages {
			hits, err := x.QueryDoc(p.doc)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hits {
				j := slices.IndexFunc(pages, func(q sitePage) bool { return q.doc.ID == h.ID })
				switch {
				case p.story >= 0 && pages[j].story == p.story:
					wire++
				case i%8 >= 3: // the site's first pages cannot know its furniture yet
					local++
				}
			}
			if err := x.Add(p.doc); err != nil {
				t.Fatal(err)
			}
		}
		return local, wire, x
	}
	local, _, x := falseHits(Options{SiteModel: -1})
	x.Close()
	if local == 0 {
		t.Fatal("without a model no page matched another story of its site: the furniture is too light to test")
	}
	local, wire, x := falseHits(Options{})
	defer x.Close()
	if local != 0 {
		t.Errorf("with the site model, %d matches of different stories of a site", local)
	}
	if wire != 0+1+2+3 {
		t.Errorf("the wire story's 4 copies found %d earlier copies, want 6", wire)
	}
	if n := x.SiteModel().Lines(); n != 4*4 {
		t.Fatalf("model learned %d lines, want the 4 furniture lines of each of 4 sites", n)
	}

	// Durable: the same answers after a reopening.
	probe := pages[len(pages)-1].doc
	probe.Text = []byte(strings.Replace(string(probe.Text), "\n", "\nA new line of the page that nothing else has in it at all.\n", 1))
	before := x.DocFeatures(probe)
	if err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	dir := x.dir
	lines := x.SiteModel().Lines()
	x.Close()
	y, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := y.SiteModel().Lines(); n != lines {
		t.Errorf("reopened: %d furniture lines, want %d", n, lines)
	}
	if after := y.DocFeatures(probe); !slices.Equal(after.Keys, before.Keys) {
		t.Error("reopened: a page's features changed")
	}
	ro, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := ro.SiteModel().Lines(); n != lines {
		t.Errorf("read-only: %d furniture lines, want %d", n, lines)
	}
	ro.Close()

	// A new site learned, then rolled back: the model is as flushed.
	more, _ := siteCorpus(6, 4, 12)
	for _, p := range more[16:] { // sites 4 and 5
		p.doc.ID += "-more"
		if err := y.Add(p.doc); err != nil {
			t.Fatal(err)
		}
	}
	if n := y.SiteModel().Lines(); n <= lines {
		t.Fatalf("two new sites taught %d lines", n-lines)
	}
	if err := y.Rollback(); err != nil {
		t.Fatal(err)
	}
	if n := y.SiteModel().Lines(); n != lines {
		t.Errorf("after Rollback: %d furniture lines, want %d", n, lines)
	}
	if err := y.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestIndexSiteModelAsScan: once an index has added a corpus one page at
// a time, it cleans each page as a scan's model learned from the whole
// corpus does (the same Observe, in the same order); and the features of
// a page before Add equal those Add gives it.
func TestIndexSiteModelAsScan(t *testing.T) {
	pages, _ := siteCorpus(3, 6, 13)
	x, err := Create(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	scanModel := NewBoilerplate(0, 0)
	for _, p := range pages {
		f := x.DocFeatures(p.doc)
		if err := x.Add(p.doc); err != nil {
			t.Fatal(err)
		}
		if g := x.DocFeatures(p.doc); !slices.Equal(f.Keys, g.Keys) {
			t.Fatalf("%s: features before Add differ from those after", p.doc.ID)
		}
		scanModel.Observe(Site(p.doc.URL), p.doc.Text)
	}
	e, _ := NewFeaturizer(x.Options())
	e.SetBoilerplate(scanModel)
	for _, p := range pages {
		var f Features
		e.Extract(p.doc.Text, Site(p.doc.URL), &f)
		if g := x.DocFeatures(p.doc); !slices.Equal(f.Keys, g.Keys) || f.Shingles != g.Shingles {
			t.Errorf("%s: the index cleans it to %d shingles, the scan's model to %d", p.doc.ID, g.Shingles, f.Shingles)
		}
	}
}

// TestModelFile: the model file round-trips, and a damaged one is
// ErrCorrupt when the index opens.
func TestModelFile(t *testing.T) {
	pages, _ := siteCorpus(3, 5, 14)
	b := NewBoilerplate(3, 0)
	for _, p := range pages {
		b.Observe(Site(p.doc.URL), p.doc.Text)
	}
	data := encodeModel(b)
	c, err := decodeModel("m", data)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(encodeModel(c), data) || c.Lines() != b.Lines() {
		t.Error("the model does not round-trip")
	}

	dir := t.TempDir()
	x, err := Create(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		x.Add(p.doc)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "sites-*.msm"))
	if len(names) != 1 {
		t.Fatalf("model files %v, want one", names)
	}
	data, err = os.ReadFile(names[0])
	if err != nil {
		t.Fatal(err)
	}
	data[40] ^= 0x10
	if err := os.WriteFile(names[0], data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a damaged model file: %v, want ErrCorrupt", err)
	}
}

// FuzzModel: decoding never panics, and what decodes encodes back to the
// same bytes.
func FuzzModel(f *testing.F) {
	pages, _ := siteCorpus(2, 4, 15)
	b := NewBoilerplate(3, 0)
	b.bloom = bloom{}
	b.bloom.init(64) // small seeds: the fuzzer is slow on large inputs
	f.Add(encodeModel(b))
	for _, p := range pages {
		b.Observe(Site(p.doc.URL), p.doc.Text)
	}
	f.Add(encodeModel(b))
	f.Add([]byte(modelMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		check := func(data []byte) {
			m, err := decodeModel("m", data)
			if err != nil {
				return
			}
			if again := encodeModel(m); !slices.Equal(again, data) {
				t.Fatal("decoded model encodes to other bytes")
			}
			m.Observe("example.com", []byte("a line\nanother line\n"))
			m.IsBoilerplate("example.com", []byte("a line"))
		}
		check(data)
		// Under a valid checksum, to reach the fields.
		if len(data) >= 12 {
			body := slices.Clone(data[:len(data)-min(len(data), 4)])
			copy(body, modelMagic)
			if len(body) >= 12 {
				body[8], body[9], body[10], body[11] = modelV1+byte(len(data)%2), 0, 0, 0
			}
			check(appendU32(body, crc(body)))
		}
	})
}

// TestIndexSiteModelConcurrent: Adds, QueryDocs, SeenDocs and Flushes
// from many goroutines (run under -race); the model learned is the one
// the same pages teach one at a time, and it is durable.
func TestIndexSiteModelConcurrent(t *testing.T) {
	pages, _ := siteCorpus(6, 12, 16)
	dir := t.TempDir()
	x, err := Create(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	const writers = 4
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(pages); i += writers {
				if err := x.Add(pages[i].doc); err != nil {
					t.Error(err)
					return
				}
				if _, err := x.QueryDoc(pages[(i*7)%len(pages)].doc); err != nil {
					t.Error(err)
				}
				if _, err := x.SeenDoc(pages[(i*5)%len(pages)].doc); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range 8 {
			if err := x.Flush(); err != nil {
				t.Error(err)
			}
			x.Stats()
		}
	}()
	wg.Wait()
	want := NewBoilerplate(0, 0)
	for _, p := range pages {
		want.Observe(Site(p.doc.URL), p.doc.Text)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	y, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	// The same furniture, line by line (the counts below it may differ by
	// a Bloom filter's false positive, which depends on the order).
	furniture := func(b *Boilerplate) []uint64 {
		var keys []uint64
		for k, c := range b.counts {
			if c >= uint32(b.minDocs) {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		return keys
	}
	if got, wantKeys := furniture(y.SiteModel()), furniture(want); !slices.Equal(got, wantKeys) || len(got) == 0 {
		t.Errorf("the index learned %d furniture lines, one at a time %d, not the same ones", len(got), len(wantKeys))
	}
}

// TestModelVersion1: a site model file of version 1 (written before line
// keys hashed in two lanes) is read with the hash it was written with — it
// still knows its site's furniture, learns on in that hash and is written
// again as version 1 — while the same keys read as version 2 would know
// nothing.
func TestModelVersion1(t *testing.T) {
	old := NewBoilerplate(3, 0)
	old.legacy = true
	furniture := "Home | World | Business | Sport | Contact us"
	for i := range 4 {
		old.Observe("example.com", []byte(fmt.Sprintf("%s\nstory number %d of the site, its own line\n", furniture, i)))
	}
	data := encodeModel(old)
	if v := binary.LittleEndian.Uint32(data[8:]); v != modelV1 {
		t.Fatalf("a legacy model written as version %d", v)
	}
	m, err := decodeModel("m", data)
	if err != nil {
		t.Fatal(err)
	}
	if !m.IsBoilerplate("example.com", []byte(furniture)) {
		t.Error("the version 1 model does not know its furniture")
	}
	m.Observe("example.com", []byte("Subscribe to our daily newsletter today\na fifth story\n"))
	m.Observe("example.com", []byte("Subscribe to our daily newsletter today\na sixth story\n"))
	m.Observe("example.com", []byte("Subscribe to our daily newsletter today\na seventh story\n"))
	if !m.IsBoilerplate("example.com", []byte("Subscribe to our daily newsletter today")) {
		t.Error("the version 1 model does not learn on")
	}
	if v := binary.LittleEndian.Uint32(encodeModel(m)[8:]); v != modelV1 {
		t.Errorf("a version 1 model written again as version %d", v)
	}
	as2 := slices.Clone(data[:len(data)-4])
	binary.LittleEndian.PutUint32(as2[8:], modelV2)
	m2, err := decodeModel("m", binary.LittleEndian.AppendUint32(as2, crc(as2)))
	if err != nil {
		t.Fatal(err)
	}
	if m2.IsBoilerplate("example.com", []byte(furniture)) {
		t.Error("version 1 keys read as version 2 still match: the test tells nothing")
	}
	if fresh := NewBoilerplate(3, 0); binary.LittleEndian.Uint32(encodeModel(fresh)[8:]) != modelV2 {
		t.Error("a new model is not written as version 2")
	}
}
