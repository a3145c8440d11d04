package index

import (
	"cmp"
	"slices"

	"github.com/cespare/xxhash/v2"

	"github.com/mimeo-dedup/mimeo/minhash"
)

// The pieces of Dedup.Add and of the exact pass, for a distributed run
// (issue #12): documents are numbered by a 64-bit order (a scan's
// numbering, or any numbering in the same order); each emits its table
// keys (TableKeys), the postings of one key are gathered and turned into
// candidate pairs (KeyCandidates), a pair's candidates are merged
// (Candidate.Merge), and the pair, joined with both documents'
// signatures, is decided (Options.Decide) into what Graph holds. Done so,
// the pairs are those of one Dedup fed the documents in that order.

// TableKey names one of Dedup's LSH tables and a key in it as the table
// stores keys: band tables by their index, the passage table as -1, each
// key folded to 32 bits (two keys folded alike are one key there).
func TableKey(table int, key uint64) uint64 {
	return uint64(uint32(table+1))<<32 | fold32(key)
}

// TableKeys appends the table keys of f — one a band, then one a passage
// (in f.Passages order, repeats kept) — to dst, in the order Add looks
// them up.
func TableKeys(dst []uint64, f *Features) []uint64 {
	for i, k := range f.Keys {
		dst = append(dst, TableKey(i, k))
	}
	for _, k := range f.Passages {
		dst = append(dst, TableKey(-1, k))
	}
	return dst
}

// Posting is one document's entry under a table key: Doc its order, Pos
// the place of the key among the document's table keys (TableKeys), Key
// the passage key itself (0 for a band).
type Posting struct {
	Doc uint64
	Pos uint32
	Key uint64
}

// Candidate is a pair of documents A < B (their orders) that Add compares
// when B is added: Band when a band finds A, Pos and Key the first of B's
// passage keys that finds A (Pos is NoPassage and Key 0 when none does).
type Candidate struct {
	A, B uint64
	Band bool
	Pos  uint32
	Key  uint64
}

// NoPassage is Candidate.Pos of a pair no passage found.
const NoPassage = ^uint32(0)

// Merge combines two candidates of one pair: found by a band if either
// was, by the earlier of their passage keys.
func (c Candidate) Merge(o Candidate) Candidate {
	c.Band = c.Band || o.Band
	if o.Pos < c.Pos {
		c.Pos, c.Key = o.Pos, o.Key
	}
	return c
}

// KeyCandidates calls emit with the candidate pairs the postings of one
// table key make, as Add's tables do: the first keyCap postings in
// document order are stored; a document is compared with those stored
// before it — through a passage only while fewer than keyCap are (a line
// that many documents share is furniture, or a story the bands find). The
// postings are sorted here, by document then place.
func KeyCandidates(table uint64, postings []Posting, keyCap int, emit func(Candidate)) {
	slices.SortFunc(postings, func(a, b Posting) int {
		return cmp.Or(cmp.Compare(a.Doc, b.Doc), cmp.Compare(a.Pos, b.Pos))
	})
	passage := table>>32 == 0
	stored := make([]uint64, 0, min(len(postings), keyCap))
	for _, p := range postings {
		if !passage || len(stored) < keyCap {
			for _, c := range stored {
				if c == p.Doc {
					continue
				}
				if passage {
					emit(Candidate{A: c, B: p.Doc, Pos: p.Pos, Key: p.Key})
				} else {
					emit(Candidate{A: c, B: p.Doc, Band: true, Pos: NoPassage})
				}
			}
		}
		if len(stored) < keyCap {
			stored = append(stored, p.Doc)
		}
	}
}

// Signed is what deciding a pair needs of a document: its b-bit
// signature (Card included), and for the exact pass its shingle set
// (sorted, distinct) and opening (Features.Lead).
type Signed struct {
	Bits minhash.BBit
	Set  []uint64
	Lead []uint64
}

// Decision is a candidate pair decided: an edge (near-duplicates), a
// quote (they share text without matching; Key the passage that found
// them, 0 if none), or nothing; Exact when it was decided on exact values
// (Pair: the values and the openings weighed).
type Decision struct {
	Edge, Quote bool
	Key         uint64
	Exact       bool
	Pair        ExactPair
}

// Decide decides candidate c between documents a and b as Add, then the
// exact pass (with exact on), do: on the estimate unless it lies too close
// to a threshold or a containment alone matches, then on the sets. o must
// have its defaults filled (Dedup.Options).
func (o Options) Decide(c Candidate, a, b *Signed, exact bool) Decision {
	j, ab, ba := a.Bits.Compare(b.Bits)
	m := Match{Similarity: j, Containment: ab, Contained: ba}
	ca, cb := a.Bits.Card, b.Bits.Card
	key := c.Key // 0 for a band's candidate that shares no passage
	if !exact || !(o.uncertain(m, ca, cb) || o.byContainment(m, ca, cb)) {
		if o.near(m, ca, cb) {
			return Decision{Edge: true}
		}
		if !c.Band {
			return Decision{Quote: true, Key: key}
		}
		return Decision{}
	}
	x := ExactMatch(a.Set, b.Set)
	aLead, bLead := -1.0, -1.0
	if o.byContainment(x, ca, cb) {
		aLead, bLead = OpeningInside(a.Lead, b.Set), OpeningInside(b.Lead, a.Set)
	}
	d := Decision{Exact: true, Pair: ExactPair{Match: x, AOpen: -1, BOpen: -1}}
	if aLead >= 0 || bLead >= 0 {
		d.Pair.Opened, d.Pair.AOpen, d.Pair.BOpen = true, float32(aLead), float32(bLead)
	}
	counted := x
	if d.Pair.Opened {
		counted = o.countOpenings(x, float64(d.Pair.AOpen), float64(d.Pair.BOpen))
	}
	switch {
	case o.near(counted, ca, cb):
		d.Edge = true
	case x.Containment > 0 || x.Contained > 0:
		d.Quote, d.Key = true, key
	}
	return d
}

// SiteDocKey is what Boilerplate.Observe counts a document of a site by:
// exact repeats on one site count once.
func SiteDocKey(site string, text []byte) uint64 { return xxhash.Sum64(text) ^ siteHash(site) }

// SiteLineKeys appends the keys of text's distinct lines on site, sorted,
// to dst: what Boilerplate.Observe counts (nil for a document without a
// site, which it does not).
func SiteLineKeys(dst []uint64, site string, text []byte) []uint64 {
	if site == "" {
		return dst
	}
	var b Boilerplate
	return b.lineKeys(dst, siteHash(site), text)
}

// SitePageKeys is SiteLineKeys of a document whose text is the main text
// of a page whose whole text is page: the keys of the lines of both, as
// Boilerplate.ObservePage counts them (page nil: SiteLineKeys).
func SitePageKeys(dst []uint64, site string, text, page []byte) []uint64 {
	if site == "" {
		return dst
	}
	var b Boilerplate
	return b.pageKeys(dst, siteHash(site), text, page)
}

// NewBoilerplateLines returns the site model of a whole corpus counted
// exactly: keys are the line keys (SiteLineKeys) found in minDocs
// documents of their site or more (distinct ones: SiteDocKey). Every
// document is taken as observed (Featurizer.Extract), as after a scan's
// first pass. A scan counts a line's first sighting in a Bloom filter,
// whose false positives (about 1 %) count a line seen twice as three times:
// the two models differ there.
func NewBoilerplateLines(minDocs int, keys []uint64) *Boilerplate {
	b := NewBoilerplate(minDocs, 0)
	for _, k := range keys {
		b.counts[k] = uint32(b.minDocs)
	}
	b.rebuildCounted()
	return b
}
