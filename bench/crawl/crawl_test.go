package crawl

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

const shared = "../../../shared/data"

func TestGenerate(t *testing.T) {
	if _, err := os.Stat(shared + "/article-extraction-benchmark"); err != nil {
		t.Skip("../shared/data is absent")
	}
	cfg := DefaultConfig(shared)
	cfg.Stories = 20
	c, err := Generate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if c.Templates < 100 {
		t.Errorf("only %d usable templates of 181", c.Templates)
	}
	if len(c.Pages) != 20*cfg.Copies {
		t.Errorf("%d pages, want %d", len(c.Pages), 20*cfg.Copies)
	}
	kinds := map[string]int{}
	byLabel := map[string][]Page{}
	for _, p := range c.Pages {
		kinds[p.Kind]++
		byLabel[p.Label] = append(byLabel[p.Label], p)
		if !bytes.Contains(p.HTML, []byte("</p>\n<p>")) && p.Kind != "truncated" {
			t.Errorf("%s: the story was not placed in template %s", p.ID, p.Template)
		}
	}
	for _, k := range []string{"copy", "branded", "truncated"} {
		if kinds[k] == 0 {
			t.Errorf("no %s pages: %v", k, kinds)
		}
	}
	for label, ps := range byLabel {
		hosts := map[string]bool{}
		for _, p := range ps {
			h := strings.Split(p.URL, "/")[2]
			if hosts[h] {
				t.Errorf("%s: two copies on %s", label, h)
			}
			hosts[h] = true
		}
	}
	var warc, truth bytes.Buffer
	if err := c.WriteWARC(&warc, true); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteTruth(&truth); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(truth.String(), "\n"); n != len(c.Pages) {
		t.Errorf("%d truth lines", n)
	}
	// Deterministic.
	c2, _ := Generate(cfg)
	if !bytes.Equal(c2.Pages[3].HTML, c.Pages[3].HTML) {
		t.Error("same config, different pages")
	}
}

// TestRenderTitle: the story's headline replaces the template's in the
// page's <title>, which keeps the site's name, and the titles of an svg
// sprite's icons are neither part of it nor emptied.
func TestRenderTitle(t *testing.T) {
	body := "The committee said on Tuesday that the old bridge over the river would close for repairs in the spring, and that a ferry would run in its place."
	page := `<html><head><title>Old Bridge To Close — Example News</title><meta property="og:title" content="Old Bridge To Close"></head><body>` +
		`<svg style="display:none"><symbol id="icon-mail"><title>icon mail</title><path d="M0"></path></symbol></svg>` +
		`<h1>Old Bridge To Close</h1><div class="article-body"><p>` + body + `</p></div></body></html>`
	tpl := parseTemplate("0123456789abcdef", "https://news.example/x", []byte(page), body)
	out := string(tpl.Render("Ferry Service Begins", []string{"A new story's only paragraph, long enough to be the article of the page."}))
	if !strings.Contains(out, "<title>Ferry Service Begins — Example News</title>") {
		t.Errorf("page title not replaced as a whole:\n%s", out)
	}
	if !strings.Contains(out, "<title>icon mail</title>") {
		t.Errorf("the svg icon's title changed:\n%s", out)
	}
}

// TestRenderSiteTitle: a page whose <title> is only the site's name has
// its og:title as the headline; the site's name stays wherever it is.
func TestRenderSiteTitle(t *testing.T) {
	body := "The committee said on Tuesday that the old bridge over the river would close for repairs in the spring, and that a ferry would run in its place."
	page := `<html><head><title>Example News</title><meta property="og:title" content="Old Bridge To Close">` +
		`<meta property="og:site_name" content="Example News"></head><body>` +
		`<div class="logo">Example News</div><h1>Old Bridge To Close</h1><div class="article-body"><p>` + body + `</p></div></body></html>`
	tpl := parseTemplate("0123456789abcdef", "https://news.example/x", []byte(page), body)
	out := string(tpl.Render("Ferry Service Begins", []string{"A new story's only paragraph, long enough to be the article of the page."}))
	for _, want := range []string{`content="Ferry Service Begins"`, `<h1>Ferry Service Begins</h1>`, `content="Example News"`, `<div class="logo">Example News</div>`} {
		if !strings.Contains(out, want) {
			t.Errorf("rendered page lacks %s:\n%s", want, out)
		}
	}
}

// TestRenderHeadlineVariant: a page whose h1 and og:title are a shorter
// headline than its <title> has both replaced.
func TestRenderHeadlineVariant(t *testing.T) {
	body := "The committee said on Tuesday that the old bridge over the river would close for repairs in the spring, and that a ferry would run in its place."
	page := `<html><head><title>Old Bridge Over the Grey River To Close - Example News</title><meta property="og:title" content="Old Bridge To Close"></head><body>` +
		`<h1>Old Bridge To Close</h1><div class="article-body"><p>` + body + `</p></div></body></html>`
	tpl := parseTemplate("0123456789abcdef", "https://news.example/x", []byte(page), body)
	out := string(tpl.Render("Ferry Service Begins", []string{"A new story's only paragraph, long enough to be the article of the page."}))
	if strings.Contains(out, "Old Bridge") {
		t.Errorf("the old headline is left:\n%s", out)
	}
	for _, want := range []string{`<title>Ferry Service Begins - Example News</title>`, `content="Ferry Service Begins"`, `<h1>Ferry Service Begins</h1>`} {
		if !strings.Contains(out, want) {
			t.Errorf("rendered page lacks %s:\n%s", want, out)
		}
	}
}
