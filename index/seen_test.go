package index

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestSeenDoc: the crawler's question, asked of an index. A copy of a
// story is seen in it; a page that merely contains a story is not; a
// digest that quotes the leads of several indexed stories — similar enough
// to one of their teasers to match it — is not either, being a
// compilation; and an estimate that clears the rule by less than its
// uncertainty does not make a page seen.
func TestSeenDoc(t *testing.T) {
	r := &rng{s: 21}
	x, err := Create(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var stories [][]string
	var leads []string
	for i := range 4 {
		w := r.words(400)
		stories = append(stories, w)
		if err := x.Add(Doc{ID: fmt.Sprintf("story%d", i), Text: []byte(paragraphs(w, 30))}); err != nil {
			t.Fatal(err)
		}
		lead := paragraphs(w[:120], 30)
		leads = append(leads, lead)
		if err := x.Add(Doc{ID: fmt.Sprintf("teaser%d", i), Text: []byte(lead)}); err != nil {
			t.Fatal(err)
		}
	}
	seenIn := func(text string) []string {
		seen, err := x.SeenDoc(Doc{Text: []byte(text)})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range seen {
			ids = append(ids, h.ID)
		}
		return ids
	}
	if ids := seenIn(paragraphs(stories[0], 30) + "\nA line the copy adds about the local angle of the story, which the original lacks.\n"); len(ids) == 0 || ids[0] != "story0" {
		t.Errorf("a copy of story 0 seen in %v, want story0 first", ids)
	}
	if ids := seenIn(paragraphs(stories[1][:210], 30)); !slices.Contains(ids, "story1") || slices.ContainsFunc(ids, func(id string) bool { return id != "story1" && id != "teaser1" }) {
		t.Errorf("a truncated copy of story 1 seen in %v, want story1 (and its teaser)", ids)
	}
	// Containing a story, beginning otherwise, is not being its copy (one
	// that begins as a teaser does and holds most of it is a version of
	// it: TestVersionThatBeginsAlike).
	wide := paragraphs(r.words(600), 30) + "\n" + paragraphs(stories[2][:90], 30)
	if ids := seenIn(wide); len(ids) != 0 {
		t.Errorf("a page quoting story 2's lead after much else is seen in %v", ids)
	}
	// A digest: story 0's lead of four lines and a line of each other
	// story — more than half of it teaser 0, which it matches, but a
	// compilation of four stories.
	digest := leads[0]
	for _, w := range stories[1:] {
		digest += paragraphs(w[:30], 30)
	}
	hits, err := x.Query([]byte(digest))
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].ID != "teaser0" || hits[0].Similarity < 0.45 || hits[0].Containment >= mostlyShare {
		t.Fatalf("the digest's hits %+v: the test needs it to match teaser 0 firmly, below mostlyShare", hits)
	}
	if ids := seenIn(digest); len(ids) != 0 {
		t.Errorf("a digest is seen in %v", ids)
	}
}

// paragraphs joins words into lines of n words, each ending a sentence.
func paragraphs(words []string, n int) string {
	var b strings.Builder
	for i := 0; i < len(words); i += n {
		b.WriteString(strings.Join(words[i:min(i+n, len(words))], " "))
		b.WriteString(".\n")
	}
	return b.String()
}

// TestSeenDigestOfOneLongLead: a digest whose first quote is the long lead
// of one indexed story — about half of it, its opening too — and whose
// other quotes are the short leads of three more, each a tenth of it, is
// news: a compilation, told by its small shares of the other stories —
// a short lead is a few shingles of the digest, which the sets'
// fingerprints measure roughly (here 0.07–0.14 for an exact 0.10), so a
// share counts with its uncertainty — as a scan's exact pass tells it
// (internal/scan's TestDigestOfOneLongLead).
func TestSeenDigestOfOneLongLead(t *testing.T) {
	r := &rng{s: 23}
	x := openT(t, t.TempDir(), Options{})
	defer x.Close()
	digest := []string{"Your morning briefing for " + r.words(1)[0]}
	var first string
	for i := range 4 {
		title := strings.Join(r.words(6), " ")
		lead := strings.Join(r.words(11), " ") + "."
		if i == 0 {
			lead = strings.Join(r.words(40), " ") + "."
		}
		text := title + "\n" + strings.ToUpper(r.words(1)[0]) + " (Wire) — " + lead + "\n" + paragraphs(r.words(440), 40)
		if i == 0 {
			first = text
		}
		if err := x.Add(Doc{ID: fmt.Sprintf("story%d", i), Text: []byte(text)}); err != nil {
			t.Fatal(err)
		}
		digest = append(digest, title, lead)
	}
	for _, tc := range []struct {
		name string
		text string
		want bool
	}{{"a copy of the first story", first + "A line the copy adds about the local angle of the story.\n", true},
		{"the digest", strings.Join(digest, "\n"), false}} {
		seen, err := x.SeenDoc(Doc{Text: []byte(tc.text)})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(seen) > 0; got != tc.want {
			t.Errorf("%s seen: %v (%+v), want %v", tc.name, got, seen, tc.want)
		}
	}
	hits, err := x.Query([]byte(strings.Join(digest, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].ID != "story0" {
		t.Errorf("the digest's hits %+v, want story0 first: the test needs it to match the first story", hits)
	}
	// Seen says why: the digest is a compilation of the index's stories,
	// the copy is not.
	for _, tc := range []struct {
		text        string
		compilation bool
	}{{strings.Join(digest, "\n"), true}, {first, false}} {
		r, err := x.Seen(x.DocFeatures(Doc{Text: []byte(tc.text)}))
		if err != nil || r.Compilation != tc.compilation {
			t.Errorf("Seen: compilation %v (%v), want %v", r.Compilation, err, tc.compilation)
		}
	}
	// A scan of a batch holding the digest and a copy of the first story,
	// but not the stories it quotes, clusters the two unless told the
	// digest is a compilation.
	for _, marked := range []bool{false, true} {
		e, _ := NewFeaturizer(Options{})
		e.KeepHashes(true)
		d, _ := NewDedup(Options{})
		d.DeferUncertain(true) // decided on exact values, as a scan does
		var sets, leads [2][]uint64
		for i, text := range []string{first + "A line the copy adds.\n", strings.Join(digest, "\n")} {
			var f Features
			e.Extract([]byte(text), "", &f)
			if _, _, err := d.Add(&f); err != nil {
				t.Fatal(err)
			}
			slices.Sort(f.Hashes)
			sets[i], leads[i] = slices.Compact(f.Hashes), f.Lead
		}
		for _, p := range d.Undecided() {
			d.ResolveSets(p.A, p.B, sets[p.A], sets[p.B], leads[p.A], leads[p.B])
		}
		if marked {
			d.MarkCompilation(1)
		}
		if got := d.Cluster(); (len(got) == 0) != marked {
			t.Errorf("marked %v: clusters %v", marked, got)
		}
	}
}

// TestSeenNeedsMargin: without shingle sets, a hit counts as seen only
// when its estimate clears the rule by a standard error (seenSigmas):
// copies edited until their estimated similarity lies just above the
// threshold match their story in Query, yet are not seen in it, while
// copies well above it are.
func TestSeenNeedsMargin(t *testing.T) {
	r := &rng{s: 29}
	o := Options{Sets: -1, Containment: -1} // similarity alone, estimated
	x := openT(t, t.TempDir(), o)
	defer x.Close()
	story := r.words(600)
	if err := x.Add(Doc{ID: "story", Text: []byte(paragraphs(story, 30))}); err != nil {
		t.Fatal(err)
	}
	opt, _ := o.withDefaults()
	margin, clear := 0, 0
	for trial := range 200 {
		// Every n-th word changed: n from 4 (similarity about 0.3) to 12.
		n := 4 + trial%9
		w := slices.Clone(story)
		for i := trial % n; i < len(w); i += n {
			w[i] = r.words(1)[0]
		}
		text := []byte(paragraphs(w, 30))
		hits, err := x.Query(text)
		if err != nil {
			t.Fatal(err)
		}
		seen, err := x.SeenDoc(Doc{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 {
			continue
		}
		h := hits[0]
		m := Match{Similarity: h.Similarity, Containment: h.Containment, Contained: h.Contained}
		lo, _ := estimateBoundsSigma(m, h.Sig.Card, h.Sig.Card, opt.Recipe.K, seenSigmas)
		wantSeen := lo.Similarity >= opt.Jaccard
		if (len(seen) > 0) != wantSeen {
			t.Fatalf("trial %d: similarity %.3f (lower bound %.3f): seen %v", trial, h.Similarity, lo.Similarity, len(seen) > 0)
		}
		switch {
		case len(seen) > 0:
			clear++
		case h.Similarity >= opt.Jaccard:
			margin++ // a match by Query's rule, not seen
		}
	}
	if margin == 0 || clear == 0 {
		t.Fatalf("%d matches not seen (within the margin), %d seen: want both", margin, clear)
	}
}

// TestSeenInsideAnotherStory: a page inside an indexed page that opens with
// none of it — a copy of another story that carries this one's first
// paragraphs — is news, or its story would be lost; a page inside a story
// the index holds twice is seen however it begins (an excerpt); and a
// truncated copy, which begins as its story does, is seen.
func TestSeenInsideAnotherStory(t *testing.T) {
	r := &rng{s: 41}
	x, err := Create(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	other, story := r.words(300), r.words(400)
	// The carrier: the other story's opening, then the first 120 words of
	// the story.
	carrier := paragraphs(other, 30) + "\n" + paragraphs(story[:120], 30)
	long := r.words(600)
	for _, d := range []Doc{
		{ID: "carrier", Text: []byte(carrier)},
		{ID: "long", Text: []byte(paragraphs(long, 30))},
		{ID: "long-copy", Text: []byte(paragraphs(long, 30) + "\nA line the copy adds about the local angle of the story, which the original lacks.")},
	} {
		if err := x.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	seenIn := func(text string) []string {
		res, err := x.Seen(x.DocFeatures(Doc{Text: []byte(text)}))
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Seen {
			ids = append(ids, h.ID)
		}
		return ids
	}
	// The story's own opening paragraphs, as a short copy of it: inside
	// the carrier, which begins with the other story.
	if ids := seenIn(paragraphs(story[:110], 30)); len(ids) != 0 {
		t.Errorf("a short copy of the story carried by another is seen in %v", ids)
	}
	// An excerpt from the middle of a story the index holds twice.
	if ids := seenIn(paragraphs(long[240:330], 30)); !slices.Contains(ids, "long") || !slices.Contains(ids, "long-copy") {
		t.Errorf("an excerpt of a story held twice is seen in %v, want both copies", ids)
	}
	// A truncated copy of the carrier itself begins as it does.
	if ids := seenIn(paragraphs(other, 30) + "\n" + paragraphs(story[:30], 30)); !slices.Contains(ids, "carrier") {
		t.Errorf("a truncated copy of the carrier is seen in %v", ids)
	}
}
