package index

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/minhash"

	"github.com/mimeo-dedup/mimeo/internal/testrand"
)

// rng is splitmix64 for deterministic tests.
type rng struct{ s uint64 }

func (r *rng) next() uint64 { return testrand.SplitMix64(&r.s) }

func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// words returns n random words; distinct calls share almost none.
func (r *rng) words(n int) []string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("w%x", r.next()%1e9)
	}
	return w
}

func TestChooseBanding(t *testing.T) {
	for _, tc := range []struct {
		k   int
		t   float64
		fnw float64
	}{{128, 0.5, 1}, {128, 0.5, 4}, {128, 0.8, 1}, {128, 0.3, 4}, {64, 0.5, 1}, {256, 0.7, 2}} {
		b, err := ChooseBanding(tc.k, tc.t, tc.fnw, 0)
		if err != nil {
			t.Fatal(err)
		}
		if b.Bands*b.Rows > tc.k {
			t.Errorf("k=%d t=%v: %s uses more than k slots", tc.k, tc.t, b)
		}
		// The curve must separate: well above t most pairs are found, well
		// below t few.
		hi, lo := min(tc.t+0.2, 0.99), max(tc.t-0.25, 0.01)
		if p := b.Probability(hi); p < 0.9 {
			t.Errorf("k=%d t=%v %s: P(candidate | J=%.2f) = %.3f, want ≥ 0.9", tc.k, tc.t, b, hi, p)
		}
		if p := b.Probability(lo); p > 0.5 {
			t.Errorf("k=%d t=%v %s: P(candidate | J=%.2f) = %.3f, want ≤ 0.5", tc.k, tc.t, b, lo, p)
		}
		// A larger weight on false negatives never lowers recall at t.
		b1, _ := ChooseBanding(tc.k, tc.t, 1, 0)
		if tc.fnw > 1 && b.Probability(tc.t) < b1.Probability(tc.t)-1e-9 {
			t.Errorf("fnWeight %v lowered P(candidate | J=t)", tc.fnw)
		}
	}
	if _, err := ChooseBanding(128, 1, 1, 0); err == nil {
		t.Error("threshold 1 accepted")
	}
	if b, _ := ChooseBanding(128, 0.5, 4, 8); b.Bands > 8 {
		t.Errorf("maxBands 8 gave %s", b)
	}
}

func TestBandTable(t *testing.T) {
	var tb bandTable
	r := &rng{s: 1}
	want := map[uint64][]uint32{}
	var keys []uint64
	for doc := range uint32(20000) {
		var key uint64
		if len(keys) > 0 && r.intn(3) == 0 {
			key = keys[r.intn(len(keys))] // a repeated key
		} else {
			key = r.next()
			keys = append(keys, key)
		}
		tb.insert(key, doc)
		want[key] = append(want[key], doc)
	}
	for _, key := range keys {
		var got []uint32
		n := tb.find(key, func(d uint32) { got = append(got, d) })
		if n != len(got) || !slices.Equal(got, want[key]) {
			t.Fatalf("key %x: got %v, want %v (in insertion order)", key, got, want[key])
		}
	}
	if n := tb.find(12345, func(uint32) {}); n != 0 {
		t.Errorf("absent key found %d documents", n)
	}
	if 4*tb.n > 3*len(tb.slots) {
		t.Errorf("load %d/%d above 3/4", tb.n, len(tb.slots))
	}
}

func extract(t testing.TB, e *Featurizer, text string) *Features {
	t.Helper()
	f := new(Features)
	e.Extract([]byte(text), "", f)
	return f
}

func TestDedupClusters(t *testing.T) {
	o := Options{}
	e, err := NewFeaturizer(o)
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewDedup(o)
	if err != nil {
		t.Fatal(err)
	}
	r := &rng{s: 2}
	story := r.words(600)
	other := r.words(600)
	edited := slices.Clone(story)
	for i := 0; i < len(edited); i += 40 {
		edited[i] = "changed"
	}
	docs := []struct {
		text   string
		center uint32
	}{
		{strings.Join(story, " "), 0},                             // 0: the story
		{strings.Join(other, " "), 1},                             // 1: unrelated
		{strings.Join(story[:200], " ") + " read more", 0},        // 2: truncated copy (contained)
		{"brand " + strings.Join(story, " ") + " footer text", 0}, // 3: wrapped copy
		{strings.Join(edited, " "), 0},                            // 4: edited copy
		{strings.Join(r.words(80), " "), 5},                       // 5: short unrelated
		{strings.Join(other[:300], " "), 1},                       // 6: truncated copy of 1
		{"", 7},                                                   // 7: empty
		{"", 8},                                                   // 8: empty again: not clustered
		{strings.Join(slices.Concat(story[:30], other[:30], r.words(40)), " "), 9}, // 9: a digest of excerpts
	}
	for i, tc := range docs {
		doc, _, err := d.Add(extract(t, e, tc.text))
		if err != nil {
			t.Fatal(err)
		}
		if doc != uint32(i) {
			t.Errorf("doc %d: number %d", i, doc)
		}
	}
	want := [][]uint32{{0, 2, 3, 4}, {1, 6}}
	if got := d.Cluster(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("clusters %v, want %v", got, want)
	}
	for i, tc := range docs {
		// Doc 0 (the story) and doc 3 (the wrapped copy) match all four
		// and tie on edges; the larger, 3, is the center.
		want := tc.center
		if want == 0 {
			want = 3
		}
		if c := d.Center(uint32(i)); c != want {
			t.Errorf("doc %d: center %d, want %d", i, c, want)
		}
	}
	m := d.Estimate(2, 0)
	if m.Containment < 0.8 || m.Similarity > 0.5 {
		t.Errorf("truncated copy: %+v, want high containment and low Jaccard", m)
	}
	if len(d.Pairs()) < 4 {
		t.Errorf("%d verified pairs, want at least 4", len(d.Pairs()))
	}
}

// TestDedupNoChaining builds A, B, C with J(A,B) and J(B,C) above the
// threshold but nothing shared by A and C. C must not join A's cluster
// through B.
func TestDedupNoChaining(t *testing.T) {
	o := Options{Containment: -1}
	e, _ := NewFeaturizer(o)
	d, _ := NewDedup(o)
	r := &rng{s: 3}
	w := r.words(1200)
	a := strings.Join(w[0:600], " ")
	b := strings.Join(w[300:900], " ")  // J(A,B) = 300/900 = 0.33
	c := strings.Join(w[600:1200], " ") // J(B,C) = 0.33, J(A,C) = 0
	for _, text := range []string{a, b, c} {
		d.Add(extract(t, e, text))
	}
	d.Cluster()
	// B matches both, but A and C have nothing to do with each other: B
	// bridges two groups and takes only the closer (A and C nearly tie).
	// The other stays alone: never in A's cluster.
	ca, cb, cc := d.Center(0), d.Center(1), d.Center(2)
	if cb != 1 || (ca == 1) == (cc == 1) || ca != 1 && ca != 0 || cc != 1 && cc != 2 {
		t.Errorf("centers %d %d %d, want B (1) the center of one of A and C, the other alone", ca, cb, cc)
	}
	e2, _ := NewFeaturizer(o)
	d2, _ := NewDedup(o)
	d2.Add(extract(t, e2, a))
	d2.Add(extract(t, e2, c))
	if got := d2.Cluster(); len(got) != 0 {
		t.Errorf("A and C clustered without B: %v", got)
	}
}

// TestDedupOneStorysNeighbours: the copies of one story that do not match
// each other are still one story's, and its original takes them all — two
// parts of it (a truncated copy and an excerpt from further on, which
// share nothing), and two copies edited apart that share less than the
// match rule asks but much more than two stories do.
func TestDedupOneStorysNeighbours(t *testing.T) {
	r := &rng{s: 5}
	w := r.words(1000)
	story := strings.Join(w, " ")
	// An edited version, a word in 12 changed: 0.58 of it is inside the
	// story; two parts of it that overlap a little share 0.2–0.3.
	ed := slices.Clone(w)
	for i := 6; i < len(ed); i += 12 {
		ed[i] = r.words(1)[0]
	}
	for _, tc := range []struct {
		name   string
		copies []string
	}{
		{"parts", []string{strings.Join(w[:250], " "), strings.Join(w[600:800], " ")}},
		{"edited apart", []string{strings.Join(ed[:500], " "), strings.Join(ed[350:], " ")}},
	} {
		o := Options{}
		e, _ := NewFeaturizer(o)
		d, _ := NewDedup(o)
		d.Add(extract(t, e, story))
		for _, c := range tc.copies {
			d.Add(extract(t, e, c))
		}
		if m := d.Estimate(1, 2); max(m.Containment, m.Contained) >= 0.45 || d.Estimate(1, 2).Similarity >= 0.3 {
			t.Fatalf("%s: the copies match each other (%+v): the test needs two that do not", tc.name, m)
		}
		got := d.Cluster()
		if len(got) != 1 || len(got[0]) != 1+len(tc.copies) {
			t.Errorf("%s: clusters %v, want the story with all its copies", tc.name, got)
		}
		for i := range tc.copies {
			if c := d.Center(uint32(1 + i)); c != 0 {
				t.Errorf("%s: copy %d has center %d, want the story (0)", tc.name, i, c)
			}
		}
	}
}

// TestDedupDigestOfTeasers: a digest quoting the leads of four stories,
// each lead also published alone as a teaser of its story, holds every
// teaser whole — but the teasers are parts of stories elsewhere, so the
// digest is a compilation, not the whole they come from: each teaser goes
// with its story and the digest stays alone.
func TestDedupDigestOfTeasers(t *testing.T) {
	r := &rng{s: 6}
	o := Options{}
	e, _ := NewFeaturizer(o)
	d, _ := NewDedup(o)
	var leads []string
	for range 4 {
		w := r.words(500)
		d.Add(extract(t, e, strings.Join(w, " "))) // the story: 0, 2, 4, 6
		lead := strings.Join(w[:150], " ")
		d.Add(extract(t, e, lead)) // its teaser: 1, 3, 5, 7
		leads = append(leads, lead)
	}
	digest, _, _ := d.Add(extract(t, e, strings.Join(leads, "\n")))
	for i := uint32(1); i < digest; i += 2 {
		if m := d.Estimate(i, digest); m.Containment < 0.8 {
			t.Fatalf("teaser %d inside the digest: %+v, want whole", i, m)
		}
	}
	want := [][]uint32{{0, 1}, {2, 3}, {4, 5}, {6, 7}}
	if got := d.Cluster(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("clusters %v, want %v (each teaser with its story, the digest alone)", got, want)
	}
}

func TestDedupOrderIndependentOfBatching(t *testing.T) {
	// The same documents added through two Dedups give the same clusters:
	// there is no hidden state beyond the order of addition.
	r := &rng{s: 4}
	var texts []string
	base := r.words(400)
	for i := range 200 {
		if i%3 == 0 {
			texts = append(texts, strings.Join(base[i%50:i%50+300], " "))
		} else {
			texts = append(texts, strings.Join(r.words(300), " "))
		}
	}
	var results [2][][]uint32
	for run := range 2 {
		e, _ := NewFeaturizer(Options{})
		d, _ := NewDedup(Options{})
		for _, text := range texts {
			d.Add(extract(t, e, text))
		}
		results[run] = d.Cluster()
	}
	if !slices.EqualFunc(results[0], results[1], slices.Equal) {
		t.Error("two identical runs differ")
	}
	if len(results[0]) != 1 || len(results[0][0]) != 67 {
		t.Errorf("clusters %v, want one of 67 shifted excerpts", results[0])
	}
}

func TestDedupKeyCap(t *testing.T) {
	o := Options{KeyCap: 4}
	e, _ := NewFeaturizer(o)
	d, _ := NewDedup(o)
	text := strings.Join((&rng{s: 5}).words(300), " ")
	f := extract(t, e, text)
	for i := range 100 {
		if _, n, _ := d.Add(f); n != min(i, 16*4) && n < 4 {
			t.Fatalf("copy %d matched %d earlier copies", i, n)
		}
	}
	if got := d.Cluster(); len(got) != 1 || len(got[0]) != 100 {
		t.Errorf("100 identical copies: clusters %v", got)
	}
	for i := range d.tables {
		if d.tables[i].n > 4 {
			t.Errorf("band %d holds %d documents under one key, cap 4", i, d.tables[i].n)
		}
	}
}

func TestDedupOptions(t *testing.T) {
	for _, o := range []Options{
		{Jaccard: 1.5}, {Containment: 2}, {Bits: 33}, {Banding: Banding{Bands: 100, Rows: 2}},
		{Recipe: Recipe{K: -1}},
	} {
		if _, err := NewDedup(o); err == nil {
			t.Errorf("NewDedup(%+v) accepted", o)
		}
	}
	d, _ := NewDedup(Options{})
	o := d.Options()
	if o.Banding.Bands*o.Banding.Rows > 128 || math.Abs(o.Banding.Threshold()-DefaultJaccard) > 0.2 {
		t.Errorf("default banding %s (threshold %.2f) for J = %v", o.Banding, o.Banding.Threshold(), DefaultJaccard)
	}
	e, _ := NewFeaturizer(Options{Bits: 16})
	if _, _, err := d.Add(extract(t, e, "some text here")); err == nil {
		t.Error("features of another configuration accepted")
	}
}

// TestBandTableFindInsert checks the one-walk find-and-insert against a
// reference: each call sees the documents stored before it, and at most
// keyCap documents are stored under a key, the first ones.
func TestBandTableFindInsert(t *testing.T) {
	var tb bandTable
	r := &rng{s: 2}
	stored := map[uint64][]uint32{}
	var keys []uint64
	const keyCap = 3
	for doc := range uint32(30000) {
		var key uint64
		if len(keys) > 0 && r.intn(2) == 0 {
			key = keys[r.intn(len(keys))]
		} else {
			key = r.next()
			keys = append(keys, key)
		}
		var got []uint32
		n := tb.findInsert(key, doc, keyCap, func(d uint32) { got = append(got, d) })
		if n != len(got) || !slices.Equal(got, stored[key]) {
			t.Fatalf("doc %d: found %v, want %v", doc, got, stored[key])
		}
		if len(stored[key]) < keyCap {
			stored[key] = append(stored[key], doc)
		}
	}
	for _, key := range keys {
		var got []uint32
		tb.find(key, func(d uint32) { got = append(got, d) })
		if !slices.Equal(got, stored[key]) {
			t.Fatalf("key %x: stored %v, want %v", key, got, stored[key])
		}
	}
}

// TestKeepOriginal: the member kept is the version the others copy — not
// the truncated copy, not the copy with a brand and a local paragraph
// added — and with dates the earliest; it always qualifies.
func TestKeepOriginal(t *testing.T) {
	o := Options{MinLineWords: -1}
	e, _ := NewFeaturizer(o)
	d, _ := NewDedup(o)
	r := &rng{s: 9}
	story := r.words(600)
	orig := strings.Join(story, " ")
	added := "BrandName " + orig + " " + strings.Join(r.words(60), " ") // a local paragraph
	trunc := strings.Join(story[:200], " ")
	other := strings.Join(r.words(600), " ")
	docs := []string{added, trunc, orig, other}
	for _, text := range docs {
		d.Add(extract(t, e, text))
	}
	clusters := d.Cluster()
	if len(clusters) != 1 || len(clusters[0]) != 3 {
		t.Fatalf("clusters %v", clusters)
	}
	members := clusters[0] // 0 added, 1 truncated, 2 original
	if k := d.KeepOriginal(members, nil); k != 2 {
		t.Errorf("kept %d without dates, want the original (2)", k)
	}
	dates := map[uint32]int64{0: 100, 1: 50, 2: 200}
	byDate := func(doc uint32) (int64, bool) { v, ok := dates[doc]; return v, ok }
	if k := d.KeepOriginal(members, byDate); k != 1 {
		t.Errorf("kept %d with dates, want the earliest (1)", k)
	}
	// The original undated: the texts decide between it and the dated.
	delete(dates, 2)
	if k := d.KeepOriginal(members, byDate); k != 2 {
		t.Errorf("kept %d with the original undated, want it (2)", k)
	}
	for _, m := range members {
		if !d.Qualifies(members, m) && m == d.KeepOriginal(members, byDate) {
			t.Errorf("kept %d, which does not qualify", m)
		}
	}
	if d.Qualifies([]uint32{0, 1, 2, 3}, 2) {
		t.Error("an unrelated document qualifies")
	}
}

// TestKeepOriginalOverPart: a truncated copy that adds a little of its own
// (a dateline, a foreign paragraph) is only mostly inside the original —
// less than the original's whole is inside it — and is still the part:
// undated, the original is kept.
func TestKeepOriginalOverPart(t *testing.T) {
	o := Options{MinLineWords: -1}
	e, _ := NewFeaturizer(o)
	d, _ := NewDedup(o)
	r := &rng{s: 10}
	story := r.words(600)
	part := "GRALMOUTH Brand India " + strings.Join(story[:150], " ") + " " + strings.Join(r.words(90), " ")
	d.Add(extract(t, e, part))
	d.Add(extract(t, e, strings.Join(story, " ")))
	if m := d.Estimate(0, 1); m.Containment < 0.5 || m.Containment > 0.8 || m.Contained > 0.4 {
		t.Fatalf("the part inside the original: %+v, want 0.5–0.8 of it, little the other way", m)
	}
	clusters := d.Cluster()
	if len(clusters) != 1 {
		t.Fatalf("clusters %v", clusters)
	}
	if k := d.KeepOriginal(clusters[0], nil); k != 1 {
		t.Errorf("kept %d, want the original (1)", k)
	}
}

// TestExactMatch checks ExactMatch against the minhash package's exact
// measures on random sets.
func TestExactMatch(t *testing.T) {
	r := &rng{s: 21}
	for range 200 {
		var a, b []uint64
		for range r.intn(300) {
			a = append(a, r.next()%500)
		}
		for range r.intn(300) {
			b = append(b, r.next()%500)
		}
		want := Match{Similarity: minhash.ExactJaccard(a, b), Containment: minhash.ExactContainment(a, b), Contained: minhash.ExactContainment(b, a)}
		slices.Sort(a)
		slices.Sort(b)
		got := ExactMatch(slices.Compact(a), slices.Compact(b))
		if math.Abs(got.Similarity-want.Similarity) > 1e-12 || math.Abs(got.Containment-want.Containment) > 1e-12 || math.Abs(got.Contained-want.Contained) > 1e-12 {
			t.Fatalf("ExactMatch = %+v, want %+v", got, want)
		}
	}
}

// TestDeferUncertain: a short text whose exact containment in a long one
// is well below the threshold, but whose estimate is near it, is set aside
// and decided on its exact values; clear matches and clear non-matches are
// decided at once.
func TestDeferUncertain(t *testing.T) {
	o := Options{MinLineWords: -1}
	e, _ := NewFeaturizer(o)
	r := &rng{s: 5}
	long := r.words(3000)
	mixed := append(slices.Clone(long[:30]), r.words(60)...) // its first third is the start of long
	texts := []string{strings.Join(long, " "), strings.Join(mixed, " "), strings.Join(long[:2900], " "), strings.Join(r.words(500), " ")}
	var sets [][]uint64
	d, _ := NewDedup(o)
	d.DeferUncertain(true)
	for _, text := range texts {
		d.Add(extract(t, e, text))
		sets = append(sets, slices.Clone(e.Hashes([]byte(text), "")))
	}
	und := d.Undecided()
	setAside := false
	for _, p := range und {
		if p.A == 0 && p.B == 2 {
			t.Errorf("a clear match (a 97 %% copy) was set aside: %+v", p)
		}
		setAside = setAside || p.A == 0 && p.B == 1
	}
	if !setAside {
		t.Fatalf("the short text a third inside the long one was not set aside: %v (estimate %+v)", und, d.Estimate(1, 0))
	}
	for _, p := range und {
		d.Resolve(p.A, p.B, ExactMatch(sets[p.A], sets[p.B]))
	}
	got := d.Cluster()
	if len(got) != 1 || !slices.Equal(got[0], []uint32{0, 2}) {
		t.Errorf("clusters %v, want [[0 2]]", got)
	}
	if m := d.Estimate(0, 1); math.Abs(m.Contained-ExactMatch(sets[1], sets[0]).Containment) > 1e-12 {
		t.Errorf("Estimate after Resolve %+v is not the exact value", m)
	}
	// Without deferral the same pairs are decided on their estimates.
	d2, _ := NewDedup(o)
	for _, text := range texts {
		d2.Add(extract(t, e, text))
	}
	if len(d2.Undecided()) != 0 {
		t.Error("pairs set aside without DeferUncertain")
	}
}

// TestExtractEmptyAfterLong: features reused for a document without a
// shingle after one with many carry none of the first one's keys — its
// passage keys had stayed, and made candidates of an empty page.
func TestExtractEmptyAfterLong(t *testing.T) {
	e, err := NewFeaturizer(Options{})
	if err != nil {
		t.Fatal(err)
	}
	e.KeepHashes(true)
	long := strings.Repeat("A long line of words that makes a paragraph with its first and last words keyed for the passages.\n", 3)
	var f Features
	e.Extract([]byte(long), "", &f)
	if len(f.Passages) == 0 || len(f.Keys) == 0 || len(f.Lead) == 0 {
		t.Fatalf("the long text: %d passage keys, %d band keys, %d opening hashes", len(f.Passages), len(f.Keys), len(f.Lead))
	}
	e.Extract([]byte("-- * --"), "", &f)
	if f.Shingles != 0 || len(f.Passages) != 0 || len(f.Keys) != 0 || len(f.Lead) != 0 || len(f.Hashes) != 0 {
		t.Errorf("an empty document after it: %d shingles, %d passage keys, %d band keys, %d opening hashes, %d hashes",
			f.Shingles, len(f.Passages), len(f.Keys), len(f.Lead), len(f.Hashes))
	}
}

// TestEdgeEstimates: the estimates Cluster caches per edge are those of
// estimate, in both directions.
func TestEdgeEstimates(t *testing.T) {
	o := Options{}
	e, err := NewFeaturizer(o)
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewDedup(o)
	if err != nil {
		t.Fatal(err)
	}
	r := &rng{s: 7}
	var stories [][]string
	for range 6 {
		stories = append(stories, r.words(300+r.intn(400)))
	}
	for i := range 120 {
		s := stories[i%len(stories)]
		cut := len(s)/3 + r.intn(len(s)-len(s)/3)
		w := slices.Concat(r.words(r.intn(30)), s[:cut], r.words(r.intn(60)))
		if i%7 == 0 { // a digest of two
			w = slices.Concat(w[:len(w)/2], stories[(i+1)%len(stories)][:80])
		}
		if _, _, err := d.Add(extract(t, e, strings.Join(w, " "))); err != nil {
			t.Fatal(err)
		}
	}
	start, adj := d.adjacency()
	n := len(d.card)
	if len(adj) < 200 {
		t.Fatalf("only %d edge entries: the test needs more", len(adj))
	}
	est := d.edgeEstimates(start, adj)
	for z := range uint32(n) {
		for k := start[z]; k < start[z+1]; k++ {
			if want := d.estimate(adj[k], z); est[k] != want {
				t.Fatalf("edge %d-%d: cached %+v, estimate %+v", adj[k], z, est[k], want)
			}
		}
	}
}
