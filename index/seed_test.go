package index_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/corpus"
	"github.com/mimeo-dedup/mimeo/index"
)

// seedPage reads the project's seed page (../shared/seed), or skips.
func seedPage(t *testing.T) string {
	t.Helper()
	m, _ := filepath.Glob("../../shared/seed/*.txt")
	if len(m) == 0 {
		t.Skip("../shared/seed is not here")
	}
	b, err := os.ReadFile(m[0])
	if err != nil {
		t.Skip(err)
	}
	return string(b)
}

// isStoryLine tells the seed's story paragraphs from its furniture.
func isStoryLine(l string) bool {
	return len(strings.Fields(l)) >= 15 && strings.HasSuffix(strings.TrimSpace(l), ".")
}

// TestSeedPageWithoutURLs: the seed page is a copy of the wire story its
// paragraphs hold, and two unrelated stories put into the same spam
// template — its breadcrumb, brand lines and its site-wide "Ranking" and
// "Recommendation" lists, a "Related" list of their own — are copies of
// neither the seed nor each other, with no URL to learn the site from.
func TestSeedPageWithoutURLs(t *testing.T) {
	seed := seedPage(t)
	lines := strings.Split(seed, "\n")
	var story []string
	first, last := -1, -1
	for i, l := range lines {
		if isStoryLine(l) {
			story = append(story, l)
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if len(story) < 5 {
		t.Fatalf("the seed has %d story paragraphs", len(story))
	}
	// The wire's original: the paragraphs, without the brand in the
	// dateline.
	original := strings.Join(story, "\n")
	if i := strings.Index(original, " — "); i >= 0 && i < 80 {
		original = original[i+len(" — "):]
	}
	// Unrelated stories in the seed's template: other paragraphs, and the
	// "Related" list changed (it is drawn for each page).
	g := corpus.NewGenerator(corpus.English, 7)
	fake := func(minBytes, maxBytes int) string {
		a := g.Article(minBytes, maxBytes)
		page := append([]string(nil), lines[:first]...)
		page = append(page, a.Paragraphs...)
		related := false
		for _, l := range lines[last+1:] {
			switch {
			case l == "Related":
				related = true
			case l == "Ranking":
				related = false
			case related && strings.HasPrefix(l, "- "):
				l = "- " + strings.TrimSuffix(g.Sentence(), ".")
			}
			page = append(page, l)
		}
		return strings.Join(page, "\n")
	}
	docs := []string{original, seed, fake(2500, 4000), fake(300, 600), fake(1200, 2000)}
	d, err := index.NewDedup(index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ex, _ := index.NewFeaturizer(index.Options{})
	for _, text := range docs {
		var f index.Features
		ex.Extract([]byte(text), "", &f) // no site: no URLs
		if _, _, err := d.Add(&f); err != nil {
			t.Fatal(err)
		}
	}
	matched := map[[2]uint32]index.Match{}
	for _, p := range d.Pairs() {
		matched[[2]uint32{p.A, p.B}] = p.Match
	}
	if m, ok := matched[[2]uint32{0, 1}]; !ok {
		t.Errorf("the seed page is not found a copy of its story: %+v", d.Estimate(0, 1))
	} else {
		t.Logf("seed vs original: %+v", m)
	}
	for p, m := range matched {
		if p != [2]uint32{0, 1} {
			t.Errorf("documents %d and %d matched (%+v): an unrelated story on the spam template", p[0], p[1], m)
		}
	}
	for i := 2; i < len(docs); i++ {
		t.Logf("seed vs unrelated %d: %+v", i, d.Estimate(1, uint32(i)))
	}
}
