package main

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/corpus"
)

// TestExplainSiteFromMarkup: explain cleans HTML pages without URLs with
// the site model of --input as scan does, their sites named by their
// markup: a copy of one paragraph of a story, beside an author box that
// every page of its site carries, is a near-duplicate of the story on
// another site, and the HTML report aligns them without the box; without
// the markup that names the site, they are not near-duplicates.
func TestExplainSiteFromMarkup(t *testing.T) {
	g := corpus.NewGenerator(corpus.English, 23)
	var arts []corpus.Article
	for range 6 {
		arts = append(arts, g.Article(2500, 4000))
	}
	const box = "Jane Doe is a senior correspondent who has covered city hall, the courts and the state legislature for the Example Gazette since the spring of 2009, and she writes the weekly column on local politics."
	page := func(site string, markup bool, a corpus.Article, paras []string, author bool) string {
		var b strings.Builder
		b.WriteString("<html><head><title>" + html.EscapeString(a.Title) + "</title>")
		if markup {
			fmt.Fprintf(&b, `<link rel="canonical" href="https://%s/news/%d"><link rel="stylesheet" href="https://%s/site.css">`, site, len(paras), site)
		}
		b.WriteString("</head><body><article><h1>" + html.EscapeString(a.Title) + "</h1>")
		for _, p := range paras {
			b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
		}
		if author {
			b.WriteString("<p>" + box + "</p>")
		}
		b.WriteString("</article></body></html>")
		return b.String()
	}
	for _, markup := range []bool{true, false} {
		dir := t.TempDir()
		write := func(name, s string) string {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}
		for i := 1; i <= 4; i++ {
			write(fmt.Sprintf("gazette-%d.html", i), page("gazette.example", markup, arts[i], arts[i].Paragraphs, true))
		}
		cp := write("gazette-copy.html", page("gazette.example", markup, arts[0], arts[0].Paragraphs[:1], true))
		story := write("tribune-0.html", page("tribune.example", markup, arts[0], arts[0].Paragraphs, false))
		r := runCLI(t, "", "explain", "--json", "--input", dir, cp, story)
		var out explainOut
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || r.code != 0 {
			t.Fatalf("markup %v: exit %d, %v: %s %s", markup, r.code, err, r.stdout, r.stderr)
		}
		if out.Match != markup {
			t.Errorf("markup %v: explain says near-duplicates %v (%+v), want %v", markup, out.Match, out.Estimated, markup)
		}
		scan := runCLI(t, "", "scan", "-q", "--pairs", dir)
		if paired := strings.Contains(scan.stdout, "gazette-copy.html") && strings.Contains(scan.stdout, "tribune-0.html"); paired != markup || scan.code != 0 {
			t.Errorf("markup %v: scan pairs the copy and the story: %v (exit %d)", markup, paired, scan.code)
		}
		if markup {
			// The HTML report aligns the copy with the story as the scan
			// cleaned them: without the site's author box.
			report := filepath.Join(t.TempDir(), "report.html")
			if r := runCLI(t, "", "scan", "-q", "--html", report, "-o", filepath.Join(t.TempDir(), "c.jsonl"), dir); r.code != 0 {
				t.Fatalf("scan --html: exit %d: %s", r.code, r.stderr)
			}
			page := readString(t, report)
			if !strings.Contains(page, "gazette-copy.html") || len(pairRE.FindAllString(page, -1)) == 0 {
				t.Fatal("the report aligns nothing of the copy's cluster")
			}
			if strings.Contains(page, "correspondent") {
				t.Error("the report aligns the site's author box: it cleaned the pages without their site")
			}
		}
	}
}
