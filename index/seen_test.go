package index

import (
	"fmt"
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
	x, err := Create(t.TempDir(), DedupOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var stories [][]string
	var leads []string
	for i := range 4 {
		w := r.words(400)
		stories = append(stories, w)
		x.Add(Doc{ID: fmt.Sprintf("story%d", i), Text: []byte(paragraphs(w, 30))})
		lead := paragraphs(w[:120], 30)
		leads = append(leads, lead)
		x.Add(Doc{ID: fmt.Sprintf("teaser%d", i), Text: []byte(lead)})
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
	if ids := seenIn(paragraphs(stories[1][:210], 30)); len(ids) == 0 {
		t.Error("a truncated copy of story 1 is not seen")
	}
	// Containing a story is not being its copy.
	wide := paragraphs(stories[2][:90], 30) + "\n" + paragraphs(r.words(600), 30)
	if ids := seenIn(wide); len(ids) != 0 {
		t.Errorf("a page quoting story 2's lead among much else is seen in %v", ids)
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
