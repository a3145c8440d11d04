package wire

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// shingles returns the set of word 5-grams of text under a simple
// reference tokenizer: lower-cased maximal runs of letters and digits. A
// text of fewer than five tokens has one shingle of all its tokens.
func shingles(text string) map[string]struct{} {
	toks := strings.FieldsFunc(strings.ToLower(text), func(c rune) bool {
		return !unicode.IsLetter(c) && !unicode.IsDigit(c)
	})
	set := make(map[string]struct{}, len(toks))
	if len(toks) == 0 {
		return set
	}
	if len(toks) < 5 {
		set[strings.Join(toks, " ")] = struct{}{}
		return set
	}
	for i := 0; i+5 <= len(toks); i++ {
		set[strings.Join(toks[i:i+5], " ")] = struct{}{}
	}
	return set
}

// overlap returns the Jaccard similarity of two shingle sets and the
// containment of the smaller in the larger, |A ∩ B| / min(|A|, |B|).
func overlap(a, b map[string]struct{}) (jaccard, containment float64) {
	if len(a) > len(b) {
		a, b = b, a
	}
	inter := 0
	for s := range a {
		if _, ok := b[s]; ok {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 1, 1
	}
	return float64(inter) / float64(union), float64(inter) / float64(max(len(a), 1))
}

// dist summarises a sample.
type dist []float64

func (d dist) quantile(q float64) float64 {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[int(q*float64(len(s)-1))]
}

func (d dist) below(x float64) float64 {
	n := 0
	for _, v := range d {
		if v < x {
			n++
		}
	}
	return float64(n) / float64(len(d))
}

func (d dist) String() string {
	return fmt.Sprintf("n=%d p10=%.3f median=%.3f p90=%.3f", len(d), d.quantile(0.1), d.quantile(0.5), d.quantile(0.9))
}

// TestSimilarity shows that the task is not trivial: plain Jaccard
// similarity misses many copies that containment still finds, and hard
// negatives overlap with the stories they quote.
func TestSimilarity(t *testing.T) {
	c := defaultCorpus(t)
	sh := make([]map[string]struct{}, len(c.Docs))
	for i := range c.Docs {
		sh[i] = shingles(c.Docs[i].Text)
	}
	byKind := map[Kind][2]dist{}
	var ctr, cfull dist
	for i, d := range c.Docs {
		if !d.Kind.IsCopy() {
			continue
		}
		j, ct := overlap(sh[i], sh[c.Stories[d.Story].Original])
		v := byKind[d.Kind]
		v[0], v[1] = append(v[0], j), append(v[1], ct)
		byKind[d.Kind] = v
		if d.Kind == Combined {
			trunc := false
			for _, m := range truncMarkers {
				trunc = trunc || strings.Contains(d.Text, "\n\n"+m+"\n\n")
			}
			if trunc {
				ctr = append(ctr, ct)
			} else {
				cfull = append(cfull, ct)
			}
		}
	}
	for _, k := range Kinds() {
		if v, ok := byKind[k]; ok {
			t.Logf("%-10s vs original: Jaccard %v, J<0.5 %.1f%%; containment %v, C<0.5 %.1f%%",
				k, v[0], 100*v[0].below(0.5), v[1], 100*v[1].below(0.5))
		}
	}

	t.Logf("Combined truncated: containment %v; not truncated: %v", ctr, cfull)
	// The thresholds below are design targets of the default corpus (a
	// fixed seed, so the figures are exact, not estimates): they fail if a
	// change makes the copies trivially similar or hopelessly different.
	comb, trunc := byKind[Combined], byKind[Truncated]
	if share := comb[0].below(0.5); share < 0.3 {
		t.Errorf("only %.1f%% of Combined copies have Jaccard < 0.5 with their original; want ≥ 30%% that plain Jaccard misses", 100*share)
	}
	if med, high := comb[1].quantile(0.5), 1-comb[1].below(0.5); med < 0.7 || high < 0.8 {
		t.Errorf("containment of Combined copies: median %.3f, share ≥ 0.5 %.1f%%; want median ≥ 0.7 and share ≥ 80%%", med, 100*high)
	}
	if share, p10 := trunc[0].below(0.5), trunc[1].quantile(0.1); share < 0.8 || p10 < 0.8 {
		t.Errorf("Truncated copies: Jaccard < 0.5 for %.1f%%, containment p10 %.3f; want ≥ 80%% and ≥ 0.8", 100*share, p10)
	}
	var missed, found int
	for i := range comb[0] {
		if comb[0][i] < 0.5 {
			missed++
			if comb[1][i] >= 0.5 {
				found++
			}
		}
	}
	t.Logf("Combined copies with Jaccard < 0.5: %d of %d; of these, %d (%.1f%%) have containment ≥ 0.5",
		missed, len(comb[0]), found, 100*float64(found)/float64(max(missed, 1)))
	if float64(found) < 0.6*float64(missed) {
		t.Errorf("containment ≥ 0.5 for only %d of the %d Combined copies that Jaccard misses; want ≥ 60%%", found, missed)
	}

	// Hard negatives: their overlap with what they quote or share.
	var digest, follow dist
	for i, d := range c.Docs {
		for _, s := range d.Sources {
			_, ct := overlap(sh[i], sh[c.Stories[s].Original])
			if d.Kind == Digest {
				digest = append(digest, ct)
			} else {
				follow = append(follow, ct)
			}
		}
	}
	t.Logf("Digest vs each quoted story's original: containment %v", digest)
	t.Logf("FollowUp vs its source's original: containment %v", follow)

	// Pairs of SameTemplate pages on one site: different stories, same
	// furniture.
	bySite := map[string][]int{}
	for i, d := range c.Docs {
		if d.Kind == SameTemplate {
			bySite[d.Site] = append(bySite[d.Site], i)
		}
	}
	var sameJ, sameC dist
	for _, ids := range bySite {
		for a := 0; a < len(ids) && a < 30; a++ {
			for b := a + 1; b < len(ids) && b < 30; b++ {
				j, ct := overlap(sh[ids[a]], sh[ids[b]])
				sameJ, sameC = append(sameJ, j), append(sameC, ct)
			}
		}
	}
	t.Logf("SameTemplate pairs on one site: Jaccard %v, J≥0.3 %.1f%%; containment %v", sameJ, 100*(1-sameJ.below(0.3)), sameC)
	if sameC.quantile(0.9) < 0.2 {
		t.Errorf("SameTemplate pages share too little furniture: containment p90 %.3f", sameC.quantile(0.9))
	}
}
