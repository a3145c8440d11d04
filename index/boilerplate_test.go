package index

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestSite(t *testing.T) {
	for url, want := range map[string]string{
		"https://www.Example.com/news/a-1":   "example.com",
		"http://news.example.co.uk:8080/x?y": "news.example.co.uk",
		"https://user@host.org#frag":         "host.org",
		"example.com/path":                   "",
		"":                                   "",
		"https://[::1]:443/a":                "[::1]",
		"/amp?via=https://partner.example/x": "",
		"1http://bad-scheme.example/":        "",
		"://no-scheme.example/":              "",
		"svn+ssh://repo.example/x":           "repo.example",
	} {
		if got := Site(url); got != want {
			t.Errorf("Site(%q) = %q, want %q", url, got, want)
		}
	}
}

func TestBoilerplate(t *testing.T) {
	template := func(site string) (head, foot string) {
		return fmt.Sprintf("Home | News | Sports | %s\nTrending now\n", site),
			fmt.Sprintf("\nCopyright 2026 %s. All rights reserved.\nPrivacy policy | Terms\n", site)
	}
	r := &rng{s: 9}
	para := func() string { return strings.Join(r.words(40), " ") }
	wire := []string{para(), para(), para()} // a wire story, syndicated
	b := NewBoilerplate(3, 0)
	type doc struct{ site, text string }
	var docs []doc
	for s := range 5 {
		site := fmt.Sprintf("site%d.example", s)
		head, foot := template(site)
		// The wire story once per site, local stories several times.
		docs = append(docs, doc{site, head + strings.Join(wire, "\n") + foot})
		for range 4 {
			docs = append(docs, doc{site, head + para() + "\n" + para() + foot})
		}
	}
	// The same local page published three more times on one site: an
	// exact repeat is counted once.
	repeat := docs[1]
	for range 3 {
		docs = append(docs, repeat)
	}
	for _, d := range docs {
		b.Observe(d.site, []byte(d.text))
	}
	for _, d := range docs[:5] {
		out, removed := b.Strip(nil, d.site, []byte(d.text))
		got := string(out)
		if strings.Contains(got, "Copyright") || strings.Contains(got, "Trending") || strings.Contains(got, "Privacy") {
			t.Errorf("%s: template left in %q", d.site, got)
		}
		if removed != 4 {
			t.Errorf("%s: removed %d lines, want 4", d.site, removed)
		}
	}
	out, _ := b.Strip(nil, docs[0].site, []byte(docs[0].text))
	for _, p := range wire {
		if !strings.Contains(string(out), p) {
			t.Errorf("wire paragraph removed from %q", out)
		}
	}
	// The repeated local page's paragraphs stay: 4 copies, counted once.
	out, _ = b.Strip(nil, repeat.site, []byte(repeat.text))
	if !strings.Contains(string(out), strings.Split(repeat.text, "\n")[2]) {
		t.Error("an exactly repeated page lost its own text")
	}
	if n := b.Lines(); n != 4*5 {
		t.Errorf("%d boilerplate lines, want 20 (4 per site)", n)
	}
	// Unknown site: untouched.
	if out, n := b.Strip(nil, "", []byte(docs[0].text)); n != 0 || string(out) != docs[0].text {
		t.Error("text without a site was changed")
	}
	if !b.IsBoilerplate("site0.example", []byte("  COPYRIGHT 2026 site0.example. All rights reserved. ")) {
		t.Error("case and surrounding space should not matter")
	}
}

func TestBloomGrows(t *testing.T) {
	var f bloom
	f.init(100)
	fresh := 0
	for k := range uint64(5000) {
		if f.addNew(k * 0x9E3779B97F4A7C15) {
			fresh++
		}
	}
	// Each chained filter adds up to 1 % false positives.
	if fresh < 4750 || len(f.filters) < 2 {
		t.Errorf("%d of 5000 distinct keys new, %d filters", fresh, len(f.filters))
	}
	for k := range uint64(5000) {
		if f.addNew(k * 0x9E3779B97F4A7C15) {
			t.Fatalf("key %d forgotten", k)
		}
	}
}

// TestObservePage: a line every page of a site shows (a comment policy)
// but only a short story's main text keeps is furniture once the model
// learns from the pages' whole texts; learned from the main texts alone
// it is not. A story's own lines never are.
func TestObservePage(t *testing.T) {
	r := &rng{s: 17}
	para := func() string { return strings.Join(r.words(30), " ") + "." }
	policy := "Comments are moderated to keep an informed, civil conversation; off-topic comments will be rejected."
	menu := "Home\nNews\nSports\n"
	const site = "example.org"
	fromPages, fromMain := NewBoilerplate(3, 0), NewBoilerplate(3, 0)
	var short string
	for i := range 5 {
		story := para() + "\n" + para() + "\n" + para() + "\n"
		main := story // a long story's main text drops the policy box
		if i == 4 {
			story = para() + "\n"
			main = story + policy + "\n" // a short one keeps it
			short = main
		}
		page := menu + story + policy + "\nAll rights reserved.\n"
		fromPages.ObservePage(site, []byte(main), []byte(page))
		fromMain.Observe(site, []byte(main))
		if !fromPages.Observed(site, []byte(main)) {
			t.Fatalf("page %d: not observed by its main text", i)
		}
	}
	if !fromPages.IsBoilerplate(site, []byte(policy)) || fromMain.IsBoilerplate(site, []byte(policy)) {
		t.Errorf("policy line furniture: from pages %v, from main texts %v; want true, false",
			fromPages.IsBoilerplate(site, []byte(policy)), fromMain.IsBoilerplate(site, []byte(policy)))
	}
	if !fromPages.IsBoilerplate(site, []byte("All rights reserved.")) {
		t.Error("a footer line on every page is not furniture")
	}
	got, removed := fromPages.Strip(nil, site, []byte(short))
	if removed != 1 || strings.Contains(string(got), "Comments are moderated") || len(got) == 0 {
		t.Errorf("Strip of the short story removed %d lines, left %q; want the policy only", removed, got)
	}
	// The same document again counts for nothing more.
	before := fromPages.Lines()
	fromPages.ObservePage(site, []byte(short), []byte("x\ny\nz\n"))
	if fromPages.Lines() != before {
		t.Error("a repeat of an observed main text was counted again")
	}
	// SitePageKeys is what ObservePage counts.
	keys := SitePageKeys(nil, site, []byte(short), []byte(menu+policy+"\n"))
	want := SiteLineKeys(nil, site, []byte(menu+short))
	if len(keys) != len(want) {
		t.Errorf("SitePageKeys: %d keys, want %d (the lines of both, once)", len(keys), len(want))
	}
	for i := range keys {
		if i > 0 && keys[i] <= keys[i-1] {
			t.Fatal("SitePageKeys not sorted and distinct")
		}
	}
}

// TestLineKeysAsHashed checks that a model counting the keys computed
// where documents were read (AppendLineKeys, SiteLineKeys of the page)
// learns what one hashing their lines learns, byte for byte, and that
// features extracted with the keys are those extracted without them — on
// pages of several sites sharing a template, with blank lines, lines
// without a letter and a page text beside the main text.
func TestLineKeysAsHashed(t *testing.T) {
	r := &rng{s: 29}
	para := func() string { return strings.Join(r.words(25), " ") + "." }
	hashed, keyed := NewBoilerplate(3, 0), NewBoilerplate(3, 0)
	type doc struct {
		site       string
		text, page []byte
	}
	var docs []doc
	for i := range 40 {
		site := []string{"a.example", "b.example", "c.example", ""}[i%4]
		nav := "Home | World | Sports\n\n***\n" + site + " Ranking\nTop story of the week on " + site + "\n"
		text := []byte(nav + para() + "\n\n" + para() + "\n" + "Related: " + para() + "\n" +
			"Disclaimer: this article on " + site + " is for information only and is not advice of any kind.\n")
		page := []byte("Subscribe to " + site + " today\n---\n")
		if i%3 == 0 {
			page = nil
		}
		docs = append(docs, doc{site, text, page})
		hashed.ObservePage(site, text, page)
		keyed.ObserveLines(site, text, AppendLineKeys(nil, site, text), SiteLineKeys(nil, site, page))
	}
	if !hashed.IsBoilerplate("b.example", []byte("Disclaimer: this article on b.example is for information only and is not advice of any kind.")) {
		t.Fatal("the disclaimer is not furniture")
	}
	if a, b := encodeModel(hashed), encodeModel(keyed); !bytes.Equal(a, b) {
		t.Fatalf("models differ: %d and %d bytes", len(a), len(b))
	}
	ex, err := NewFeaturizer(Options{})
	if err != nil {
		t.Fatal(err)
	}
	ex.SetBoilerplate(hashed)
	ex.KeepHashes(true)
	var want, got Features
	for i, d := range docs {
		ex.Extract(d.text, d.site, &want)
		w := cloneFeatures(want)
		keys := AppendLineKeys(nil, d.site, d.text)
		for j, k := range [][]uint64{keys, keys[:len(keys)/2]} { // the second: not this text's, ignored
			ex.ExtractLines(d.text, d.site, k, &got)
			if !sameFeatures(w, got) {
				t.Fatalf("document %d, keys %d: features with line keys differ", i, j)
			}
		}
		if d.site != "" && len(keys) != bytes.Count(d.text, []byte("\n")) {
			t.Fatalf("document %d: %d keys for %d lines", i, len(keys), bytes.Count(d.text, []byte("\n")))
		}
	}
}

func cloneFeatures(f Features) Features {
	f.Hashes, f.Lead, f.Keys, f.Passages = slices.Clone(f.Hashes), slices.Clone(f.Lead), slices.Clone(f.Keys), slices.Clone(f.Passages)
	f.Bits.Words = slices.Clone(f.Bits.Words)
	return f
}

func sameFeatures(a, b Features) bool {
	return a.Shingles == b.Shingles && slices.Equal(a.Hashes, b.Hashes) && slices.Equal(a.Lead, b.Lead) &&
		slices.Equal(a.Keys, b.Keys) && slices.Equal(a.Passages, b.Passages) && slices.Equal(a.Bits.Words, b.Bits.Words)
}
