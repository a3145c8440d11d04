package index

import (
	"fmt"
	"html"
	"slices"
	"strings"
	"testing"

	htmltext "github.com/mimeo-dedup/mimeo/internal/extract"
)

// htmlPage puts a siteCorpus page into an HTML template of its site: a
// canonical link and a stylesheet of the site, navigation outside the
// article, the page's lines as the article's paragraphs.
func htmlPage(p sitePage, site int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<html><head><title>Page %s</title><link rel="canonical" href="https://www.site%d.example/news/%s"><link rel="stylesheet" href="/static/site%d.css?v=7"></head><body>`,
		p.doc.ID, site, p.doc.ID, site)
	b.WriteString(`<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/about">About us</a></li></ul></nav><article>`)
	for _, line := range strings.Split(strings.TrimSpace(string(p.doc.Text)), "\n") {
		b.WriteString("<p>" + html.EscapeString(line) + "</p>\n")
	}
	b.WriteString(`</article><footer>Copyright the site.</footer></body></html>`)
	return []byte(b.String())
}

// TestIndexHTMLPages: a Doc given as HTML is reduced to its main text as a
// scan reduces it, and is on the site its URL names or, without one, its
// markup: added one page at a time, pages without URLs learn their sites'
// furniture as pages with URLs do, so that different stories of a site do
// not match through it while the wire story's copies do — text without a
// URL has no site and matches through it.
func TestIndexHTMLPages(t *testing.T) {
	pages, _ := siteCorpus(4, 8, 31)
	ex := htmltext.New(htmltext.Options{})
	run := func(doc func(i int, p sitePage) Doc) (local, wire int, x *Index) {
		x, err := Create(t.TempDir(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range pages {
			d := doc(i, p)
			hits, err := x.QueryDoc(d)
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
			r, err := x.CheckAndAdd(t.Context(), d, CheckOptions{Add: AddAlways})
			if err != nil || !r.Added {
				t.Fatal(err, r.Added)
			}
		}
		return local, wire, x
	}
	texts := func(i int, p sitePage) Doc {
		return Doc{ID: p.doc.ID, Text: ex.AppendText(nil, htmlPage(p, i/8))}
	}
	local, _, x := run(texts)
	x.Close()
	if local == 0 {
		t.Fatal("text without URLs: no page matched another story of its site; the furniture is too light to test")
	}
	for name, doc := range map[string]func(int, sitePage) Doc{
		"HTML with URLs":    func(i int, p sitePage) Doc { return Doc{ID: p.doc.ID, URL: p.doc.URL, HTML: htmlPage(p, i/8)} },
		"HTML without URLs": func(i int, p sitePage) Doc { return Doc{ID: p.doc.ID, HTML: htmlPage(p, i/8)} },
	} {
		local, wire, x := run(doc)
		if local != 0 || wire != 0+1+2+3 {
			t.Errorf("%s: %d matches of different stories of a site, want none; the wire story's copies found %d earlier ones, want 6", name, local, wire)
		}
		// The furniture of the main texts, and the navigation and the
		// footer of the pages' whole texts: 4 + 4 lines a site.
		if n := x.SiteModel().Lines(); n != 4*(4+4) {
			t.Errorf("%s: the model learned %d lines, want %d", name, n, 4*(4+4))
		}
		x.Close()
	}
	// With a URL, an HTML page gives the features of its main text.
	x, err := Create(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for i, p := range pages[:12] {
		if err := x.Add(Doc{ID: p.doc.ID, URL: p.doc.URL, HTML: htmlPage(p, i/8)}); err != nil {
			t.Fatal(err)
		}
	}
	p := pages[12]
	page := htmlPage(p, 1)
	fromHTML := x.DocFeatures(Doc{URL: p.doc.URL, HTML: page})
	fromText := x.DocFeatures(Doc{URL: p.doc.URL, Text: ex.AppendText(nil, page)})
	if !slices.Equal(fromHTML.Keys, fromText.Keys) || fromHTML.Shingles != fromText.Shingles || len(fromHTML.Keys) == 0 {
		t.Error("an HTML page's features differ from those of its main text")
	}
	// Text wins over HTML when a Doc has both.
	both := x.DocFeatures(Doc{URL: p.doc.URL, Text: []byte("Another text altogether, with words of its own that the page does not have."), HTML: page})
	if slices.Equal(both.Keys, fromHTML.Keys) {
		t.Error("a Doc with Text and HTML: the HTML was read")
	}
}
