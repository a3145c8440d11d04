package index

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/internal/testrand"
)

// wordsOf makes n random words.
func wordsOf(r *rand.Rand, n int) []string { return testrand.Words(r, n) }

// paragraphOf makes a paragraph of n sentences of 13 to 17 words.
func paragraphOf(r *rand.Rand, n int) string {
	var s []string
	for range n {
		s = append(s, strings.Join(wordsOf(r, 13+r.IntN(5)), " ")+".")
	}
	return strings.Join(s, " ")
}

// pairDecided adds a and b to a Dedup, decides the pairs it sets aside on
// their sets as a scan's exact pass does, and returns it.
func pairDecided(t *testing.T, a, b []byte) *Dedup {
	t.Helper()
	e, _ := NewFeaturizer(Options{})
	e.KeepHashes(true)
	dd, _ := NewDedup(Options{})
	dd.DeferUncertain(true)
	var sets, leads [2][]uint64
	for i, text := range [][]byte{a, b} {
		var f Features
		e.Extract(text, "", &f)
		if _, _, err := dd.Add(&f); err != nil {
			t.Fatal(err)
		}
		h, l := e.HashesLead(text, "", nil)
		sets[i], leads[i] = slices.Clone(h), slices.Clone(l)
	}
	for _, p := range dd.Undecided() {
		dd.ResolveSets(p.A, p.B, sets[p.A], sets[p.B], leads[p.A], leads[p.B])
	}
	return dd
}

// exactOf returns the exact match of a in b, as the default recipe shingles
// them.
func exactOf(a, b []byte) Match {
	e, _ := NewFeaturizer(Options{})
	return ExactMatch(slices.Clone(e.Hashes(a, "")), e.Hashes(b, ""))
}

// TestSharedParagraphOnly checks that two short pages of different stories
// that share one paragraph — a copy of one story carrying a paragraph of
// the other — are not near-duplicates at a middling similarity when
// neither begins inside the other, in a scan's exact pass and in the index
// alike; while an edited copy whose one-line lead holds an edited word,
// at a similarity as low, is one: its opening takes the words after its
// short lead, enough of which survive the edits.
func TestSharedParagraphOnly(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 5))
	shared := paragraphOf(r, 3)
	carrier := []byte("MARMOOR (Wire) — " + paragraphOf(r, 3) + "\n" + shared)
	story := []byte("LINDALE (Other Wire) — " + paragraphOf(r, 3) + "\n" + shared)
	m := exactOf(carrier, story)
	if m.Similarity < DefaultJaccard || m.Similarity >= openedSimilarity {
		t.Fatalf("similarity %.2f: not the case to test", m.Similarity)
	}

	// A story with a one-line lead of 9 words, and a copy with every
	// twelfth word edited, the lead's fifth among them.
	lead := wordsOf(r, 9)
	var body []string
	for range 4 {
		body = append(body, paragraphOf(r, 3))
	}
	original := []byte("PENBROOK (Wire) — " + strings.Join(lead, " ") + ".\n" + strings.Join(body, "\n"))
	words := strings.Fields(strings.Join(lead, " ") + ". " + strings.Join(body, " "))
	for i := 4; i < len(words); i += 12 {
		words[i] = "edited" + words[i]
	}
	edited := []byte("PENBROOK (Copier) — " + strings.Join(words[:9], " ") + "\n" + strings.Join(words[9:], " "))
	if m := exactOf(edited, original); m.Similarity < DefaultJaccard || m.Similarity >= openedSimilarity {
		t.Fatalf("edited copy: similarity %.2f: not the case to test", m.Similarity)
	}

	cases := []struct {
		name string
		a, b []byte
		want bool
	}{
		{"pages sharing one paragraph", carrier, story, false},
		{"edited copy", edited, original, true},
	}
	for _, c := range cases {
		if got := len(pairDecided(t, c.b, c.a).Pairs()) == 1; got != c.want {
			t.Errorf("scan: %s near-duplicates: %v, want %v", c.name, got, c.want)
		}
		x := openT(t, t.TempDir(), Options{})
		if err := x.Add(Doc{ID: "b", Text: c.b}); err != nil {
			t.Fatal(err)
		}
		for _, stage := range []string{"memory", "flushed"} {
			if stage == "flushed" {
				if err := x.Flush(); err != nil {
					t.Fatal(err)
				}
			}
			hits, err := x.Query(c.a)
			if err != nil {
				t.Fatal(err)
			}
			seen, err := x.SeenDoc(Doc{Text: c.a})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(hits) == 1; got != c.want {
				t.Errorf("index, %s: %s a hit: %v, want %v", stage, c.name, got, c.want)
			}
			if got := len(seen) == 1; got != c.want {
				t.Errorf("index, %s: %s seen: %v, want %v", stage, c.name, got, c.want)
			}
		}
		x.Close()
	}
}

// TestDigestOfShortCopyIsNews checks that a digest that quotes a short
// story's copy whole (without its dateline), among quotes of other stories, is similar to the
// copy but adds to it: the copy does not cover it (Dedup.Covers), so a
// scan's dedup output keeps both, and the index does not take the digest
// for seen in the copy.
func TestDigestOfShortCopyIsNews(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 5))
	quote := paragraphOf(r, 2)
	brief := "LINDALE (Wire) — " + quote
	digest := []byte("Your morning briefing\n" + paragraphOf(r, 1) + "\n" + quote + "\n" + paragraphOf(r, 1))
	m := exactOf(digest, []byte(brief))
	if m.Similarity < DefaultJaccard || m.Containment >= 0.5 || m.Contained < partShare {
		t.Fatalf("similarity %.2f, %.2f of the digest in the brief, %.2f of the brief in it: not the case to test", m.Similarity, m.Containment, m.Contained)
	}
	dd := pairDecided(t, []byte(brief), digest)
	if len(dd.Pairs()) != 1 {
		t.Fatalf("the brief and the digest that quotes it whole: %d pairs, want 1", len(dd.Pairs()))
	}
	if dd.Covers(0, 1) {
		t.Errorf("the brief covers the digest")
	}
	if !dd.Covers(1, 0) {
		t.Errorf("the digest does not cover the brief it quotes whole")
	}
	x := openT(t, t.TempDir(), Options{})
	defer x.Close()
	if err := x.Add(Doc{ID: "brief", Text: []byte(brief)}); err != nil {
		t.Fatal(err)
	}
	hits, err := x.Query(digest)
	if err != nil {
		t.Fatal(err)
	}
	seen, err := x.SeenDoc(Doc{Text: digest})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || len(seen) != 0 {
		t.Errorf("the digest: %d hits, seen in %d, want a hit that does not make it seen", len(hits), len(seen))
	}
}

// TestCompilationNotJoinedByFurniture checks that a digest quoting three
// stories is a compilation though a page that shares a line with it also
// shares the furniture of two of the stories' copies (its share of the
// digest is no real one): such pages do not join the stories into one
// group, after which the digest would pass for a copy of its longest quote.
func TestCompilationNotJoinedByFurniture(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 5))
	line := func(n int) string { return strings.Join(wordsOf(r, n), " ") }
	lines := func(k, n int) string {
		var s []string
		for range k {
			s = append(s, line(n))
		}
		return strings.Join(s, "\n")
	}
	leads := []string{line(110), line(40), line(40)}
	var stories []string
	for i, l := range leads {
		stories = append(stories, fmt.Sprintf("CITY%d (Wire) — %s\n%s", i, l, lines(4, 40)))
	}
	listA, listB, shared := lines(12, 12), lines(12, 12), line(12)
	copyA := strings.Replace(stories[0], "(Wire)", "(Copier A)", 1) + "\n" + listA
	copyB := strings.Replace(stories[1], "(Wire)", "(Copier B)", 1) + "\n" + listB
	page := listA + "\n" + listB + "\n" + shared + "\n" + lines(2, 30)
	digest := "Morning briefing\n" + strings.Join(leads, "\n") + "\n" + shared
	docs := append(slices.Clone(stories), copyA, copyB, page, digest)
	const dig = 6

	e, _ := NewFeaturizer(Options{})
	e.KeepHashes(true)
	dd, _ := NewDedup(Options{})
	dd.DeferUncertain(true)
	var sets, opens [][]uint64
	for _, text := range docs {
		var f Features
		e.Extract([]byte(text), "", &f)
		if _, _, err := dd.Add(&f); err != nil {
			t.Fatal(err)
		}
		h, l := e.HashesLead([]byte(text), "", nil)
		sets, opens = append(sets, slices.Clone(h)), append(opens, slices.Clone(l))
	}
	for _, p := range dd.Undecided() {
		dd.ResolveSets(p.A, p.B, sets[p.A], sets[p.B], opens[p.A], opens[p.B])
	}
	if m := dd.Estimate(dig, 0); m.Containment < DefaultContainment || m.Containment >= quotedShare+mostlyShare-quotedShare {
		t.Fatalf("%.2f of the digest inside its first story: not the case to test", m.Containment)
	}
	for _, s := range []uint32{3, 4} {
		if m := dd.Estimate(5, s); max(m.Containment, m.Contained) < linkShare {
			t.Fatalf("the page and copy %d share %.2f, %.2f: not the case to test", s, m.Containment, m.Contained)
		}
	}
	if m := dd.Estimate(dig, 5); m.Containment >= quotedShare {
		t.Fatalf("%.2f of the digest inside the page: not the case to test", m.Containment)
	}
	dd.Cluster()
	if c := dd.Center(dig); c == dd.Center(0) || c == dd.Center(3) {
		t.Errorf("the digest is in its first story's cluster (center %d): taken for a copy, not a compilation", c)
	}
	if dd.Center(0) != dd.Center(3) {
		t.Errorf("the first story and its copy are apart (centers %d, %d)", dd.Center(0), dd.Center(3))
	}
	// An index of the other pages takes the digest for a compilation too.
	x := openT(t, t.TempDir(), Options{})
	defer x.Close()
	for i, text := range docs[:dig] {
		if err := x.Add(Doc{ID: fmt.Sprint(i), Text: []byte(text)}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := x.Seen(x.Features([]byte(digest)))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Compilation || len(res.Seen) != 0 {
		t.Errorf("index: the digest a compilation %v, seen in %d, want a compilation seen in none", res.Compilation, len(res.Seen))
	}
}

// TestCoversAgreesWithSeen checks that a scan's dedup output and an index
// decide alike a page similar to another that adds its own text, in the
// band where its containment too reaches the threshold (0.45–0.5): where
// the scan keeps it (Covers fails), the index does not take it for seen,
// and the other way round.
func TestCoversAgreesWithSeen(t *testing.T) {
	found, news := 0, 0
	for seed := range uint64(80) {
		r := rand.New(rand.NewPCG(seed, 15))
		quote := paragraphOf(r, 2)
		brief := "LINDALE (Wire) — " + quote
		digest := []byte("Your morning briefing\n" + paragraphOf(r, 2) + "\n" + quote)
		m := exactOf(digest, []byte(brief))
		if m.Similarity < DefaultJaccard || m.Containment < DefaultContainment || m.Containment >= 0.5 {
			continue
		}
		found++
		dd := pairDecided(t, []byte(brief), digest)
		covered := len(dd.Pairs()) == 1 && dd.Covers(0, 1)
		x := openT(t, t.TempDir(), Options{})
		if err := x.Add(Doc{ID: "brief", Text: []byte(brief)}); err != nil {
			t.Fatal(err)
		}
		seen, err := x.SeenDoc(Doc{Text: digest})
		if err != nil {
			t.Fatal(err)
		}
		x.Close()
		if covered != (len(seen) > 0) {
			t.Errorf("seed %d (similarity %.2f, containment %.2f): covered by the brief %v, seen in %d", seed, m.Similarity, m.Containment, covered, len(seen))
		}
		if !covered {
			news++
		}
	}
	// Some are estimated above 0.5, where no opening is weighed: both
	// take them for copies.
	if found < 3 || news == 0 {
		t.Fatalf("%d pages in the band, %d decided as adding their own: not the case to test", found, news)
	}
}

// TestVersionThatBeginsAlike checks that a copy which carries a paragraph
// of its own and holds half or more of the kept copy — itself truncated
// and carrying a paragraph of another story — is covered by it when each
// begins inside the other: the kept copy stands for their story, so a
// scan's dedup output drops the fuller one and the index takes it for
// seen. A page holding less than half of it stays news.
func TestVersionThatBeginsAlike(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 8))
	var p []string
	for range 7 {
		p = append(p, paragraphOf(r, 2))
	}
	lead := "LINDALE (Wire) — " + p[0]
	kept := []byte(lead + "\n" + p[1] + "\n" + paragraphOf(r, 2))                          // truncated, another story's paragraph
	version := []byte(lead + "\n" + strings.Join(p[1:6], "\n") + "\n" + paragraphOf(r, 2)) // fuller, a local paragraph
	little := []byte(lead + "\n" + strings.Join(p[2:7], "\n") + "\n" + paragraphOf(r, 3))  // holds a third of it
	for _, tc := range []struct {
		name     string
		text     []byte
		min, max float64 // the kept copy's share inside it
		want     bool
	}{{"the fuller version", version, 0.5, partShare, true}, {"a page holding a third", little, 0, 0.5, false}} {
		m := exactOf(kept, tc.text)
		if m.Containment < tc.min || m.Containment >= tc.max || m.Contained >= DefaultContainment || m.Similarity >= DefaultJaccard {
			t.Fatalf("%s: %.2f of the kept copy inside it, %.2f of it inside, similarity %.2f: not the case to test", tc.name, m.Containment, m.Contained, m.Similarity)
		}
		dd := pairDecided(t, kept, tc.text)
		if got := dd.Covers(0, 1); got != tc.want {
			t.Errorf("%s covered by the kept copy: %v, want %v", tc.name, got, tc.want)
		}
		x := openT(t, t.TempDir(), Options{})
		if err := x.Add(Doc{ID: "kept", Text: kept}); err != nil {
			t.Fatal(err)
		}
		seen, err := x.SeenDoc(Doc{Text: tc.text})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(seen) > 0; got != tc.want {
			t.Errorf("%s seen in the indexed copy: %v, want %v", tc.name, got, tc.want)
		}
		x.Close()
	}
}
