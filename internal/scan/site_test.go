package scan

import (
	"context"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gencorpus "github.com/mimeo-dedup/mimeo/bench/corpus"
	"github.com/mimeo-dedup/mimeo/internal/input"
)

// TestSiteFromMarkup: HTML pages without URLs (files) learn their site's
// furniture from what their markup says of the site (its canonical link,
// stylesheets: extract.Extractor.Site). An author box inside the article,
// on every page of one site, keeps a copy of one paragraph of a story from
// being contained in the story published on another site, unless the
// site model strips it: with the markup the copy is found, in one scan
// with one worker or several, with all the page's text extracted
// (--extract all: the navigation and footer are furniture too) and in
// EachDoc; without it, it is not.
func TestSiteFromMarkup(t *testing.T) {
	g := gencorpus.NewGenerator(gencorpus.English, 21)
	var arts []gencorpus.Article
	for range 6 {
		arts = append(arts, g.Article(2500, 4000))
	}
	const box = "Jane Doe is a senior correspondent who has covered city hall, the courts and the state legislature for the Example Gazette since the spring of 2009, and she writes the weekly column on local politics."
	page := func(site, css string, a gencorpus.Article, paras []string, author bool) string {
		var b strings.Builder
		fmt.Fprintf(&b, `<html><head><title>%s</title><link rel="canonical" href="https://%s/news/%d"><link rel="stylesheet" href="%s"></head><body>`,
			html.EscapeString(a.Title), site, len(paras), css)
		fmt.Fprintf(&b, `<nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>%s</h1>`, html.EscapeString(a.Title))
		for _, p := range paras {
			b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
		}
		if author {
			b.WriteString("<p>" + box + "</p>")
		}
		b.WriteString("</article><footer>© All rights reserved.</footer></body></html>")
		return b.String()
	}
	build := func(markup bool) []input.Input {
		dir := t.TempDir()
		write := func(name, s string) {
			if !markup {
				for _, tag := range []string{`<link rel="canonical"`, `<link rel="stylesheet"`} {
					if i := strings.Index(s, tag); i >= 0 {
						s = s[:i] + s[i+strings.IndexByte(s[i:], '>')+1:]
					}
				}
			}
			if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		// The Gazette: four stories with the author box, and a copy of the
		// first paragraph of story 0.
		for i := 1; i <= 4; i++ {
			write(fmt.Sprintf("gazette-%d.html", i), page("www.gazette.example", "/static/gazette.css?v=3", arts[i], arts[i].Paragraphs, true))
		}
		write("gazette-copy.html", page("www.gazette.example", "/static/gazette.css?v=3", arts[0], arts[0].Paragraphs[:1], true))
		// The Tribune: story 0 whole, and story 5.
		write("tribune-0.html", page("tribune.example", "https://tribune.example/t.css", arts[0], arts[0].Paragraphs, false))
		write("tribune-5.html", page("tribune.example", "https://tribune.example/t.css", arts[5], arts[5].Paragraphs, false))
		ins, err := input.Expand([]string{dir})
		if err != nil {
			t.Fatal(err)
		}
		return ins
	}
	together := func(o outcome) bool {
		a, b := slices.Index(o.ids, "gazette-copy.html"), slices.Index(o.ids, "tribune-0.html")
		for _, cl := range o.clusters {
			if slices.Contains(cl, uint32(a)) && slices.Contains(cl, uint32(b)) {
				return true
			}
		}
		return false
	}
	base := func(o outcome) outcome {
		for i, id := range o.ids {
			o.ids[i] = filepath.Base(id)
		}
		return o
	}
	ins := build(true)
	for _, cfg := range []Config{{Jobs: 1}, {Jobs: 2}, {Jobs: 1, CacheBytes: -1}, {Jobs: 2, CacheBytes: -1}, {Jobs: 1, Extract: ExtractAll}} {
		cfg.Inputs, cfg.Boilerplate, cfg.Exact = ins, true, true
		o := base(run(t, cfg))
		if len(o.ids) != 7 || !together(o) {
			t.Errorf("-j %d, cache %d, pages with site markup: %d pages, the copy of one paragraph not with its story (clusters %v)", cfg.Jobs, cfg.CacheBytes, len(o.ids), o.clusters)
		}
		for _, cl := range o.clusters {
			if len(cl) != 2 {
				t.Errorf("-j %d, cache %d: a cluster of %d pages: %v", cfg.Jobs, cfg.CacheBytes, len(cl), o.clusters)
			}
		}
	}
	if o := base(run(t, Config{Inputs: build(false), Jobs: 1, Boilerplate: true, Exact: true})); len(o.ids) != 7 || together(o) {
		t.Errorf("pages without site markup: the copy of one paragraph found anyway (%d pages, clusters %v): the test proves nothing", len(o.ids), o.clusters)
	}
	// EachDoc, which a distributed run reads with, names the sites so.
	sites := map[string]string{}
	cfg := Config{Inputs: ins, Boilerplate: true}
	var res Result
	for i := range ins {
		err := EachDoc(context.Background(), cfg, &res, i, func(d *Doc, text []byte, lines []uint64, site string) error {
			sites[filepath.Base(d.ID)] = site
			if site == "" || len(lines) == 0 {
				t.Errorf("EachDoc: %s has site %q and %d line keys", d.ID, site, len(lines))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(sites) != 7 || sites["gazette-1.html"] != sites["gazette-copy.html"] || sites["tribune-0.html"] != sites["tribune-5.html"] || sites["gazette-1.html"] == sites["tribune-0.html"] {
		t.Errorf("EachDoc's sites: %v", sites)
	}
}
