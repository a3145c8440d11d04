package index

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/index/internal/segment"
)

// openingCorpus makes a story and pages that hold much of it: a truncated
// copy under another site's dateline, a copy with a local paragraph above
// its dateline, and a page of another story — its own dated lead, then a
// long paragraph of the first story, as a truncated copy that carries
// another story's paragraph is.
func openingCorpus(seed uint64) (story, truncated, localTop, foreign []byte) {
	r := rand.New(rand.NewPCG(seed, 3))
	sentence := func() string {
		w := make([]string, 13+r.IntN(5))
		for i := range w {
			b := make([]byte, 3+r.IntN(6))
			for j := range b {
				b[j] = byte('a' + r.IntN(26))
			}
			w[i] = string(b)
		}
		return strings.Join(w, " ") + "."
	}
	para := func(n int) string {
		var s []string
		for range n {
			s = append(s, sentence())
		}
		return strings.Join(s, " ")
	}
	var paras []string
	for range 16 {
		paras = append(paras, para(3))
	}
	lead := "LINDALE (Wire) — " + paras[0]
	story = []byte(strings.Join(append([]string{lead}, paras[1:]...), "\n"))
	truncated = []byte("LINDALE, Brand Land (Copier) — " + paras[0] + "\n" + paras[1] + "\n" + paras[2])
	localTop = []byte(para(2) + "\n" + "LINDALE (Local Daily) — " + paras[0] + "\n" + paras[1] + "\n" + paras[2])
	foreign = []byte("MARMOOR (Other Wire) — " + sentence() + "\n" + paras[3] + " " + paras[4] + " " + paras[5])
	return
}

// TestOpeningRule checks that a page counts as inside another only when
// its opening is — in a scan's exact pass (Dedup.ResolveOpenings) and in
// the index alike: a truncated copy and a copy with a local paragraph
// above its dateline are inside their story, a page of another story that
// carries a long paragraph of it is not, though most of it is inside.
func TestOpeningRule(t *testing.T) {
	story, truncated, localTop, foreign := openingCorpus(1)
	e, _ := NewFeaturizer(Options{})
	e.KeepHashes(true)
	type doc struct {
		name string
		text []byte
		want bool
	}
	docs := []doc{{"truncated", truncated, true}, {"local paragraph on top", localTop, true}, {"another story's page", foreign, false}}
	storySet, storyLead := e.HashesLead(story, "", nil)
	storySet = slices.Clone(storySet)
	for _, d := range docs {
		set, lead := e.HashesLead(d.text, "", nil)
		m := ExactMatch(set, storySet)
		if m.Similarity >= DefaultJaccard || m.Containment < DefaultContainment+0.1 {
			t.Fatalf("%s: similarity %.2f, containment %.2f: not a containment case", d.name, m.Similarity, m.Containment)
		}
		dd, _ := NewDedup(Options{})
		dd.DeferUncertain(true)
		var f Features
		e.Extract(story, "", &f)
		dd.Add(&f)
		e.Extract(d.text, "", &f)
		dd.Add(&f)
		dd.ResolveOpenings(1, 0, m, OpeningInside(lead, storySet), OpeningInside(storyLead, set))
		if len(dd.Undecided()) != 1 {
			t.Fatalf("%s: %d pairs set aside, want the one decided by containment alone", d.name, len(dd.Undecided()))
		}
		if got := len(dd.Pairs()) == 1; got != d.want {
			t.Errorf("scan: %s inside the story: %v, want %v (opening %.2f inside)", d.name, got, d.want, OpeningInside(lead, storySet))
		}
	}
	x := openT(t, t.TempDir(), Options{})
	defer x.Close()
	if err := x.Add(Doc{ID: "story", Text: story}); err != nil {
		t.Fatal(err)
	}
	for _, stage := range []string{"memory", "flushed"} {
		if stage == "flushed" {
			if err := x.Flush(); err != nil {
				t.Fatal(err)
			}
		}
		for _, d := range docs {
			seen, err := x.SeenDoc(Doc{Text: d.text})
			if err != nil {
				t.Fatal(err)
			}
			if got := len(seen) == 1; got != d.want {
				t.Errorf("index, %s: %s seen in the story: %v, want %v", stage, d.name, got, d.want)
			}
		}
	}
	// The other way: the story queried against an index of the pages —
	// its containment of the foreign page is the page's, whose opening
	// the index keeps with its set.
	y := openT(t, t.TempDir(), Options{})
	defer y.Close()
	for _, d := range docs {
		if err := y.Add(Doc{ID: d.name, Text: d.text}); err != nil {
			t.Fatal(err)
		}
	}
	hits, err := y.Query(story)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hits {
		got = append(got, h.ID)
	}
	slices.Sort(got)
	if want := []string{"local paragraph on top", "truncated"}; !slices.Equal(got, want) {
		t.Errorf("the story's hits: %v, want %v", got, want)
	}
}

// TestSetOpening checks the opening a set keeps: its bitmap marks exactly
// the lead's fingerprints, a damaged bitmap is an error.
func TestSetOpening(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	h := randomSet(r, 300)
	lead := slices.Clone(h[100:140])
	enc, fps := segment.AppendSet(nil, h, lead, len(h), nil)
	rd, err := segment.NewSetReader(enc)
	if err != nil {
		t.Fatal(err)
	}
	var got []uint64 // the fingerprints, in order
	if err := rd.Each(func(f uint64) { got = append(got, f) }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, fps) || rd.Opening == nil {
		t.Fatalf("%d fingerprints decoded of %d, opening %v", len(got), len(fps), rd.Opening != nil)
	}
	inLead := map[uint64]bool{}
	for _, x := range lead {
		inLead[(x*segment.SetPhi)>>(64-rd.Bits)] = true
	}
	marked := 0
	for k, f := range got {
		bit := rd.Opening[k/8]&(1<<(k%8)) != 0
		if bit != inLead[f] {
			t.Fatalf("fingerprint %d: marked %v, of the lead %v", k, bit, inLead[f])
		}
		if bit {
			marked++
		}
	}
	if marked != len(lead) {
		t.Fatalf("%d fingerprints marked, want the lead's %d", marked, len(lead))
	}
	// The query holding half the lead finds half the document's opening.
	_, _, _, docOpening, _, err := setMatch(newSetQuery(h[:120], nil), enc, uint32(len(h)), nil)
	if err != nil || docOpening != 0.5 {
		t.Fatalf("document's opening inside the query: %.3f, want 0.5 (%v)", docOpening, err)
	}
	for _, bad := range [][]byte{enc[:len(enc)-1], append(slices.Clone(enc), 0)} {
		if rd, err := segment.NewSetReader(bad); err == nil && rd.Each(func(uint64) {}) == nil {
			t.Errorf("a set of %d bytes with a damaged opening decoded", len(bad))
		}
	}
}

// TestFullerCopy checks that a fuller version of a truncated copy — one
// that begins as the copy does — stands for it whatever the dates: the
// scan keeps it over the earlier copy, and the index takes it as seen in
// the copy; a follow-up that quotes a brief whole under its own lead is
// neither.
func TestFullerCopy(t *testing.T) {
	story, truncated, _, _ := openingCorpus(2)
	e0, _ := NewFeaturizer(Options{})
	r := rand.New(rand.NewPCG(9, 9))
	var own []string
	for range 30 {
		w := make([]string, 15)
		for i := range w {
			w[i] = string(rune('a'+r.IntN(26))) + string(rune('a'+r.IntN(26))) + string(rune('a'+r.IntN(26))) + string(rune('a'+r.IntN(26)))
		}
		own = append(own, strings.Join(w, " ")+".")
	}
	brief := truncated // a short story of its own
	followUp := []byte("MARMOOR (Wire) — " + strings.Join(own[:3], " ") + "\n" + string(brief) + "\n" + strings.Join(own[3:], " "))
	if m := ExactMatch(slices.Clone(e0.Hashes(followUp, "")), e0.Hashes(brief, "")); m.Similarity >= DefaultJaccard || m.Contained < partShare {
		t.Fatalf("the follow-up: similarity %.2f, the brief %.2f inside it: not the case to test", m.Similarity, m.Contained)
	}

	e, _ := NewFeaturizer(Options{})
	e.KeepHashes(true)
	keep := func(first, second []byte) int {
		dd, _ := NewDedup(Options{})
		dd.DeferUncertain(true)
		var sets, leads [2][]uint64
		for i, text := range [][]byte{first, second} {
			var f Features
			e.Extract(text, "", &f)
			dd.Add(&f)
			h, l := e.HashesLead(text, "", nil)
			sets[i], leads[i] = slices.Clone(h), l
		}
		for _, p := range dd.Undecided() {
			dd.ResolveSets(p.A, p.B, sets[p.A], sets[p.B], leads[p.A], leads[p.B])
		}
		// The first is dated earlier.
		return int(dd.KeepOriginal([]uint32{0, 1}, func(doc uint32) (int64, bool) { return int64(doc), true }))
	}
	if k := keep(truncated, story); k != 1 {
		t.Errorf("an earlier truncated copy kept over the story it begins")
	}
	if k := keep(brief, followUp); k != 0 {
		t.Errorf("a later follow-up kept over the brief it quotes")
	}
	x := openT(t, t.TempDir(), Options{})
	defer x.Close()
	if err := x.Add(Doc{ID: "truncated", Text: truncated}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		text []byte
		want bool
	}{{"the fuller story", story, true}, {"a follow-up quoting it whole", followUp, false}} {
		seen, err := x.SeenDoc(Doc{Text: tc.text})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(seen) > 0; got != tc.want {
			t.Errorf("%s seen in the indexed copy: %v, want %v", tc.name, got, tc.want)
		}
	}
}
