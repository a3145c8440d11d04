package wire

import (
	"strings"
	"testing"
	"time"

	"github.com/mimeo-dedup/mimeo/bench/corpus"
)

// blocks splits a text into its blank-line separated blocks.
func blocks(text string) []string { return strings.Split(text, "\n\n") }

// storyBlocksOf returns the blocks of a story text: title, dateline with
// the first paragraph, other paragraphs.
func storyBlocksOf(s *Story) []string { return blocks(s.Text()) }

// year returns the year of a document's date in its own time zone.
func year(t *testing.T, d *Doc) int {
	tm, err := time.Parse(time.RFC3339, d.Date)
	if err != nil {
		t.Fatal(err)
	}
	return tm.Year()
}

func siteOf(c *Corpus, host string) *Site {
	for i := range c.Sites {
		if c.Sites[i].Host == host {
			return &c.Sites[i]
		}
	}
	return nil
}

func TestKindStructure(t *testing.T) {
	t.Run("default", func(t *testing.T) { checkStructure(t, defaultCorpus(t)) })
	t.Run("few copies", func(t *testing.T) {
		checkStructure(t, Generate(Config{Seed: 99, Stories: 150, CopiesMin: 1, CopiesMax: 3, Sites: 5}))
	})
}

func checkStructure(t *testing.T, c *Corpus) {
	// Every paragraph of every wire story, to recognise quoted text.
	paraStory := map[string]int{}
	for i := range c.Stories {
		for _, p := range c.Stories[i].Paragraphs {
			if j, dup := paraStory[p]; dup && j != i {
				t.Fatalf("stories %d and %d share the paragraph %q", j, i, p)
			}
			paraStory[p] = i
		}
	}
	// Sites that carry templated copies.
	templated := map[string]*Doc{}
	for i := range c.Docs {
		if d := &c.Docs[i]; d.Kind == Template || d.Kind == Combined {
			templated[d.Site] = d
		}
	}
	var editShares []float64
	for i := range c.Docs {
		d := &c.Docs[i]
		site := siteOf(c, d.Site)
		var st *Story
		if d.Story >= 0 {
			st = &c.Stories[d.Story]
		}
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("%s (%v, story %d, %s): "+format+"\n%s", append([]any{d.ID, d.Kind, d.Story, d.Site}, append(args, d.Text)...)...)
		}
		switch d.Kind {
		case Original:
			if !strings.Contains(d.Text, "\n\n"+st.Text()+"\n\n(Reporting by ") || !strings.HasSuffix(d.Text, site.footerFor(year(t, d))) ||
				!strings.HasPrefix(d.Text, site.tmpl.header+"\n\n") {
				fail("not the story in the wire's page")
			}
			if !strings.HasSuffix(st.Dateline, "("+site.Brand+") -") {
				fail("dateline %q does not name the wire", st.Dateline)
			}

		case Verbatim:
			if d.Text != st.Text() {
				fail("not the story text")
			}

		case Brand:
			got, want := blocks(d.Text), storyBlocksOf(st)
			if len(got) != len(want) || strings.Join(got[2:], "\n\n") != strings.Join(want[2:], "\n\n") {
				fail("body changed")
			}
			if got[0] == want[0] || !strings.Contains(got[0], st.Title) {
				fail("title %q not branded", got[0])
			}
			if !strings.Contains(got[1], "("+site.Brand) || !strings.HasSuffix(got[1], st.Paragraphs[0]) {
				fail("dateline not branded")
			}

		case Template:
			if !strings.HasPrefix(d.Text, site.tmpl.header+"\n\n") || !strings.HasSuffix(d.Text, site.footerFor(year(t, d))) {
				fail("not in the site's template")
			}
			if !strings.Contains(d.Text, "\n\n"+st.Text()+"\n\n") {
				fail("story text not contiguous in the page")
			}

		case Truncated:
			got := blocks(d.Text)
			marker := got[len(got)-1]
			k := len(got) - 2 // blocks: title, k paragraphs, marker
			if !contains(truncMarkers, marker) || k < 1 || k > 3 || k >= len(st.Paragraphs) {
				fail("marker %q, %d paragraphs of %d", marker, k, len(st.Paragraphs))
			}
			want := (&Story{Title: st.Title, Dateline: st.Dateline, Paragraphs: st.Paragraphs[:k]}).Text()
			if strings.Join(got[:k+1], "\n\n") != want {
				fail("not a prefix of the story")
			}

		case Local:
			got, want := blocks(d.Text), storyBlocksOf(st)
			if len(got) != len(want)+1 {
				fail("%d blocks, want %d", len(got), len(want)+1)
			}
			ok := false
			for skip := 1; skip < len(got); skip++ {
				rest := append(append([]string(nil), got[:skip]...), got[skip+1:]...)
				if strings.Join(rest, "\n\n") == st.Text() {
					ok = true
					if _, quoted := paraStory[got[skip]]; quoted {
						fail("the local paragraph is a wire paragraph")
					}
				}
			}
			if !ok {
				fail("not the story with one paragraph added")
			}

		case Edited:
			got, want := blocks(d.Text), storyBlocksOf(st)
			if len(got) != len(want) || got[0] != st.Title || !strings.HasPrefix(got[1], st.Dateline+" ") {
				fail("structure changed")
			}
			changed, total := wordDiff(st.Text(), d.Text), len(strings.Fields(strings.Join(st.Paragraphs, " ")))
			share := float64(changed) / float64(total)
			editShares = append(editShares, share)
			if changed < 1 || share > 0.08+0.5/float64(total) {
				fail("%d of %d words changed (%.1f%%)", changed, total, 100*share)
			}

		case Combined:
			if !strings.HasPrefix(d.Text, site.tmpl.header+"\n\n") || !strings.HasSuffix(d.Text, site.footerFor(year(t, d))) {
				fail("not in the site's template")
			}
			title := ""
			for _, b := range blocks(d.Text) {
				if strings.Contains(b, st.Title) {
					title = b
					break
				}
			}
			if title == "" || title == st.Title || !(strings.Contains(title, site.Brand) || hasSpamPrefix(title)) {
				fail("no branded title")
			}

		case SameTemplate:
			if !strings.HasPrefix(d.Text, site.tmpl.header+"\n\n") || !strings.HasSuffix(d.Text, site.footerFor(year(t, d))) {
				fail("not in the site's template")
			}
			cp := templated[d.Site]
			if cp == nil {
				fail("no templated copy on the same site")
			}
			if !strings.HasPrefix(cp.Text, site.tmpl.header+"\n\n") || !strings.HasSuffix(cp.Text, site.footerFor(year(t, cp))) {
				fail("template differs from the copy %s", cp.ID)
			}
			for _, b := range blocks(d.Text) {
				if _, ok := paraStory[b]; ok {
					fail("quotes a wire paragraph: %q", b)
				}
				if len(b) > 200 && strings.Contains(cp.Text, "\n\n"+b+"\n\n") && !strings.Contains(site.tmpl.header+site.tmpl.footer, b) {
					fail("shares a body block with %s: %q", cp.ID, b)
				}
			}

		case Digest:
			from := map[int]bool{}
			for _, b := range blocks(d.Text) {
				if s, ok := paraStory[b]; ok {
					from[s] = true
				}
			}
			if len(from) < 3 || len(from) > 6 || len(from) != len(d.Sources) {
				fail("quotes paragraphs of %d stories, sources %v", len(from), d.Sources)
			}
			for _, s := range d.Sources {
				if !from[s] {
					fail("source %d not quoted", s)
				}
				if strings.Contains(d.Text, c.Stories[s].Text()) {
					fail("contains all of story %d", s)
				}
			}

		case FollowUp:
			if len(d.Sources) != 1 {
				fail("sources %v", d.Sources)
			}
			src := &c.Stories[d.Sources[0]]
			n := 0
			for _, p := range src.Paragraphs {
				if strings.Contains(d.Text, p) {
					n++
				}
			}
			if n != 1 || d.Site != src.Wire {
				fail("contains %d paragraphs of its source (want 1); source on %s", n, src.Wire)
			}
			if strings.Contains(d.Text, src.Title) {
				fail("repeats the source's title")
			}
		}
	}
	mean := 0.0
	for _, s := range editShares {
		mean += s
	}
	mean /= float64(len(editShares))
	t.Logf("Edited copies: on average %.2f%% of words changed", 100*mean)
	if len(editShares) >= 50 && (mean < 0.03 || mean > 0.07) {
		t.Errorf("Edited copies change %.2f%% of words on average; want about 5%% (uniform in 2–8%%)", 100*mean)
	}
}

// wordDiff returns how many whitespace-separated words of a are missing
// from b, counted as multisets.
func wordDiff(a, b string) int {
	n := map[string]int{}
	for _, w := range strings.Fields(a) {
		n[w]++
	}
	for _, w := range strings.Fields(b) {
		n[w]--
	}
	d := 0
	for _, c := range n {
		d += max(c, 0)
	}
	return d
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hasSpamPrefix(title string) bool {
	for _, p := range spamPrefixes {
		if strings.HasPrefix(title, p) {
			return true
		}
	}
	return false
}

func TestShortStoriesOnLongTemplates(t *testing.T) {
	// Some SameTemplate pages are mostly template: the hard case for
	// similarity on whole pages.
	c := defaultCorpus(t)
	n, mostly := 0, 0
	for i := range c.Docs {
		d := &c.Docs[i]
		if d.Kind != SameTemplate {
			continue
		}
		n++
		s := siteOf(c, d.Site)
		if furniture := len(s.tmpl.header) + len(s.tmpl.footer); 2*furniture > len(d.Text) {
			mostly++
		}
	}
	t.Logf("%d of %d SameTemplate pages are more than half header and footer", mostly, n)
	if mostly < n/20 {
		t.Errorf("only %d of %d SameTemplate pages are mostly template", mostly, n)
	}
}

func TestEditPrimitives(t *testing.T) {
	g := &generator{r: rng{corpus.NewRand(1)}}
	for range 2000 {
		for _, w := range []string{"said,", "\"Company", "7,875", "26.3%", "€23.3", "2008.", "3", "0", "economy's"} {
			got, ok := g.editWord(w)
			if ok && (got == w || strings.Contains(got, " ")) {
				t.Fatalf("editWord(%q) = %q", w, got)
			}
		}
	}
	if got := changeNumber("7", g.r); got == "7" || got == "0" {
		t.Errorf("changeNumber(7) = %q", got)
	}
	p := `First one. "Second," he said. Third? Fourth!`
	if ends := sentenceEnds(p); len(ends) != 3 {
		t.Fatalf("sentenceEnds = %v", ends)
	}
	for range 100 {
		q := swapSentences(p, g.r)
		if q == p || wordDiff(p, q) != 0 || len(q) != len(p) {
			t.Fatalf("swapSentences(%q) = %q", p, q)
		}
	}
}
