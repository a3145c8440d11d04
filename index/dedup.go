package index

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/mimeo-dedup/mimeo/index/internal/segment"
	"github.com/mimeo-dedup/mimeo/minhash"
)

// Defaults of Options, chosen on the labelled evaluation corpus (see
// docs/EVALUATION.md).
const (
	DefaultJaccard      = 0.3
	DefaultContainment  = 0.45
	DefaultMinContained = 10
	DefaultBits         = 8
	DefaultLeadShingles = 24
	DefaultLeadK        = 16
	DefaultMaxBands     = 16
	DefaultKeyCap       = 16
)

// Options configure how near-duplicates are found — the recipe, the
// candidates (bands, passages), the match rule and what a page is cleaned
// of — for a Dedup and an Index alike: an Index keeps its options in its
// directory, and a Dedup given the same ones decides pairs as the Index
// does. The zero value means the defaults.
type Options struct {
	// Recipe determines the signatures.
	Recipe Recipe
	// Jaccard is the estimated Jaccard similarity at or above which two
	// documents are near-duplicates.
	Jaccard float64
	// Containment is the estimated containment (the share of one
	// document's shingles found in the other) at or above which two
	// documents are near-duplicates, when the contained one has at least
	// MinContained distinct shingles; negative disables containment.
	Containment  float64
	MinContained int
	// Banding of the full signature for candidate generation; zero
	// chooses it from Jaccard.
	Banding Banding
	// Bits kept per slot for verification (b-bit MinHash), 1 to 32.
	Bits int
	// LeadShingles is how many leading shingles form the lead signature, a
	// second candidate source that finds truncated copies and copies with
	// extras after the story; negative disables it. LeadK is its number of
	// slots.
	LeadShingles int
	LeadK        int
	// KeyCap caps the documents stored under one band key: a copy of a
	// story that already has KeyCap copies under a key is not stored
	// there again (it is still found through them).
	KeyCap int
	// MinLineWords: lines with fewer words are ignored when the longer
	// lines hold at least MinContentWords words (see StripShortLines);
	// negative disables the filter.
	MinLineWords    int
	MinContentWords int
	// ListRun: on the same pages, runs of ListRun or more consecutive
	// lines none of which ends as a sentence does — lists of headlines,
	// menus, a breadcrumb above a title and a date — are ignored too (see
	// StripShortLines); negative disables it. Default 3.
	ListRun int
	// Passages: 1 makes candidates of documents that share a paragraph
	// (Features.Passages), whatever else they hold — an excerpt inside a
	// long page, a story a digest quotes; negative disables it. Default 1.
	Passages int
	// SiteModel, for an Index: the number of documents of one site (see
	// Site) a line must appear in to be that site's furniture in the
	// index's site model, which the documents added teach (see Boilerplate
	// and Index.Add); negative: no model. Default DefaultBoilerplateDocs.
	// Dedup does not use it: a scan learns its model in a pass of its own.
	SiteModel int
	// Sets, for an Index: 1 keeps each document's shingle set (about 270
	// bytes a news page), on which a query decides its close calls (see
	// Hit.Verified); negative keeps none, and close calls are decided on
	// the estimates. Default 1. Dedup does not use it.
	Sets int
}

// CompactOptions returns the options of a compact index: 2-bit slots and
// 10×2 full bands (with the 6×2 lead bands) store 99 bytes per document of
// signatures and band tables at ten million documents instead of 219, for
// about 1.6 points less F1 on labelled syndication data (0.958–0.965
// instead of 0.974–0.981; docs/EVALUATION.md), and without passage keys
// (Passages -1), which would add about 30 bytes a document of text, and
// without shingle sets (Sets -1; about 270 bytes a news page). Set other
// fields on the result as needed; the CLI's equivalent is --bits 2 --bands
// 10x2 --passages off --sets off.
func CompactOptions() Options {
	return Options{Bits: 2, Banding: Banding{Bands: 10, Rows: 2}, Passages: -1, Sets: -1}
}

// onOff normalises an option that is on (1, the default: 0) or off
// (negative: -1).
func onOff(name string, v int) (int, error) {
	switch {
	case v == 0:
		return 1, nil
	case v < 0:
		return -1, nil
	case v > 1:
		return v, fmt.Errorf("index: %s %d: want 1 (on) or negative (off)", name, v)
	}
	return v, nil
}

func (o Options) withDefaults() (Options, error) {
	var err error
	if o.Recipe, err = o.Recipe.Normalize(); err != nil {
		return o, err
	}
	if o.Jaccard == 0 {
		o.Jaccard = DefaultJaccard
	}
	if !(o.Jaccard > 0 && o.Jaccard <= 1) {
		return o, fmt.Errorf("index: Jaccard threshold %v must be in (0, 1]", o.Jaccard)
	}
	if o.Containment == 0 {
		o.Containment = DefaultContainment
	}
	if o.Containment > 1 {
		return o, fmt.Errorf("index: containment threshold %v must be at most 1", o.Containment)
	}
	if o.MinContained == 0 {
		o.MinContained = DefaultMinContained
	}
	if o.MinContained < 0 || o.MinContained > maxOption {
		return o, fmt.Errorf("index: MinContained %d must be positive", o.MinContained)
	}
	if o.Bits == 0 {
		o.Bits = DefaultBits
	}
	if o.Bits < 1 || o.Bits > 32 {
		return o, fmt.Errorf("index: %d bits per slot, want 1 to 32", o.Bits)
	}
	if o.Banding == (Banding{}) {
		t := min(o.Jaccard, 0.99)
		if o.Banding, err = ChooseBanding(o.Recipe.K, t, 4, DefaultMaxBands); err != nil {
			return o, err
		}
	}
	if o.Banding.Bands < 1 || o.Banding.Rows < 1 || o.Banding.Bands*o.Banding.Rows > o.Recipe.K {
		return o, fmt.Errorf("index: banding %s does not fit %d slots", o.Banding, o.Recipe.K)
	}
	if o.LeadShingles == 0 {
		o.LeadShingles = DefaultLeadShingles
	}
	if o.LeadK == 0 {
		o.LeadK = DefaultLeadK
	}
	if o.KeyCap == 0 {
		o.KeyCap = DefaultKeyCap
	}
	if o.MinLineWords == 0 {
		o.MinLineWords = DefaultMinLineWords
	}
	if o.MinContentWords == 0 {
		o.MinContentWords = DefaultMinContentWords
	}
	if o.ListRun == 0 {
		o.ListRun = DefaultListRun
	}
	if o.SiteModel == 0 {
		o.SiteModel = DefaultBoilerplateDocs
	}
	if o.Passages, err = onOff("Passages", o.Passages); err != nil {
		return o, err
	}
	if o.Sets, err = onOff("Sets", o.Sets); err != nil {
		return o, err
	}
	// Negative disables: one value for it, as the manifest stores it.
	o.LeadShingles = max(o.LeadShingles, -1)
	o.MinLineWords = max(o.MinLineWords, -1)
	o.ListRun = max(o.ListRun, -1)
	o.SiteModel = max(o.SiteModel, -1)
	// Thresholds to the millionth, as the manifest stores them, so that
	// options compare as values.
	o.Jaccard = math.Round(o.Jaccard*1e6) / 1e6
	if o.Containment < 0 {
		o.Containment = -1
	} else {
		o.Containment = math.Round(o.Containment*1e6) / 1e6
	}
	switch {
	case o.LeadShingles > maxOption:
		return o, fmt.Errorf("index: LeadShingles %d is too large", o.LeadShingles)
	case o.LeadK < 1 || o.LeadK > 1024:
		return o, fmt.Errorf("index: LeadK %d must be 1 to 1024", o.LeadK)
	case o.KeyCap < 1 || o.KeyCap > 1<<20:
		return o, fmt.Errorf("index: KeyCap %d must be 1 to %d", o.KeyCap, 1<<20)
	case o.SiteModel > maxOption:
		return o, fmt.Errorf("index: SiteModel %d is too large", o.SiteModel)
	case o.MinLineWords > maxOption || o.MinContentWords < 0 || o.MinContentWords > maxOption || o.ListRun > maxOption:
		return o, fmt.Errorf("index: MinLineWords %d, MinContentWords %d out of range", o.MinLineWords, o.MinContentWords)
	}
	return o, nil
}

// LeadBanding is the banding of the lead signature (none when LeadShingles
// is negative): copies that keep the beginning of a story have nearly
// identical leads.
func (o Options) LeadBanding() Banding {
	if o.LeadShingles < 0 || o.LeadK < 1 {
		return Banding{}
	}
	rows := min(2, o.LeadK)
	return Banding{Bands: min(max(o.LeadK/rows, 1), 6), Rows: rows}
}

// Features are what clustering needs of one document. A Featurizer fills
// them; they may be computed concurrently and then added to a Dedup in
// order.
type Features struct {
	Shingles int               // shingles of the text, repeats included
	Sig      minhash.Signature // full signature (Card included)
	Bits     minhash.BBit      // Sig with Bits bits per slot
	Keys     []uint64          // band keys: full bands, then lead bands
	// Passages are keys of the text's long lines (paragraphs): of their
	// first and last words, a consistent sample of them. Two documents
	// that share a paragraph likely share one, whatever else they hold:
	// the candidates for containment that bands of a whole signature miss
	// (an excerpt of a long story, a story a digest quotes). Their number
	// varies.
	Passages []uint64
	// Hashes are the shingle hashes signed (unsorted, repeats included)
	// when the Featurizer keeps them (KeepHashes): sorted and without
	// repeats, the set ExactMatch compares, as Hashes returns it.
	Hashes []uint64
	// Lead is the document's opening, kept with Hashes: the distinct
	// hashes of its first leadShingles shingles after the dateline the
	// first of its first openingLines lines to have one starts with (a
	// copy's dateline is the copying site's), else of its first paragraph
	// (and the next when the first is short). A page counts
	// as inside another only when most of its opening is (see leadShare):
	// a truncated copy or an excerpt begins inside its story; a copy
	// carrying a long paragraph of another story, a follow-up quoting an
	// older one's background, a digest's later quotes do not.
	Lead []uint64
	// Set is the shingle set an Index keeps of the document, to decide
	// close calls on (see EncodeSet); nil: AddFeatures encodes Hashes, and
	// a document added without either is decided on its signature alone.
	Set []byte
}

// Featurizer computes Features. It is not safe for concurrent use: make one
// per goroutine.
type Featurizer struct {
	opt    Options
	signer *Signer
	lead   *minhash.Hasher
	leadS  minhash.Signature
	lines  []byte
	info   []lineInfo
	bp     *Boilerplate
	keep   bool
}

// KeepHashes makes Extract keep the shingle hashes in Features.Hashes, for
// a caller that compares documents exactly later without extracting them
// again.
func (e *Featurizer) KeepHashes(on bool) { e.keep = on }

// SetBoilerplate makes Extract remove the lines bp learned as boilerplate
// of the document's site. bp must not be changed afterwards; it may be
// shared by many Extractors.
func (e *Featurizer) SetBoilerplate(bp *Boilerplate) { e.bp = bp }

// NewFeaturizer returns a Featurizer for the options.
func NewFeaturizer(o Options) (*Featurizer, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	s, err := o.Recipe.NewSigner()
	if err != nil {
		return nil, err
	}
	e := &Featurizer{opt: o, signer: s}
	if o.LeadShingles > 0 {
		if e.lead, err = minhash.New(minhash.Options{K: o.LeadK, Seed: o.Recipe.Seed ^ 0x1ead}); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// Clean appends to dst the text that Extract signs: text without the
// boilerplate lines of site, the lists and the short lines (see
// StripShortLines and Options).
func (e *Featurizer) Clean(dst, text []byte, site string) []byte {
	return e.clean(dst, text, e.bp.view(site, nil))
}

func (e *Featurizer) clean(dst, text []byte, v siteLines) []byte {
	if e.opt.MinLineWords <= 1 && v.b == nil {
		return append(dst, text...)
	}
	dst, e.info = clean(dst, text, e.opt.MinLineWords, e.opt.MinContentWords, e.opt.ListRun, v, e.info)
	return dst
}

// Hashes returns the shingle hashes of text as Extract signs them (after
// Clean), sorted and without repeats: the set exact similarities are
// computed on (ExactMatch). The slice is owned by the Featurizer and valid
// until its next call.
func (e *Featurizer) Hashes(text []byte, site string) []uint64 {
	e.lines = e.Clean(e.lines[:0], text, site)
	return e.set(e.lines)
}

// HashesLead is Hashes that also appends the text's opening (see
// Features.Lead) to lead.
func (e *Featurizer) HashesLead(text []byte, site string, lead []uint64) (hashes, opening []uint64) {
	e.lines = e.Clean(e.lines[:0], text, site)
	lead = e.opening(lead, e.lines) // before the set: both use the signer's buffer
	return e.set(e.lines), lead
}

// set returns the shingle hashes of cleaned text, sorted and without
// repeats, in the signer's buffer.
func (e *Featurizer) set(clean []byte) []uint64 {
	h := e.signer.Hashes(clean)
	slices.Sort(h)
	return slices.Compact(h)
}

// Shingles of a document's opening (Features.Lead), and the share of them
// another document must hold for the first to count as inside it.
const (
	leadShingles = 48
	leadShare    = 0.5
	// minOpening is the fewest shingles an opening tells by (a line of 8
	// words has 4).
	minOpening = segment.MinOpening
)

// opening appends to dst the distinct hashes of the shingles that open
// text (as cleaned), at most leadShingles of them: those of the first of
// its first openingLines lines that starts with a dateline, after the
// dateline — a story's lead, though a local paragraph or an editor's note
// may stand above it — and of the words that follow up to openingWords,
// else of its first line (its first paragraph), and
// of the next if the first is too short to tell. It uses the signer: call
// it when done with its last hashes.
func (e *Featurizer) opening(dst []uint64, text []byte) []uint64 {
	var span []byte
	rest := text
	for range openingLines {
		if len(rest) == 0 {
			break
		}
		var line []byte
		line, rest = nextLine(rest)
		if after := afterDateline(line); after != nil {
			// The lead, and when it is short the words that follow up to
			// openingWords: every shingle of a lead of a few words holds
			// an edited word. Not the whole next line: that may be
			// another story's paragraph a follow-up carries.
			span = after
			if w := countWords(after, 0); w < openingWords && len(rest) > 0 {
				next, _ := nextLine(rest)
				more, _ := firstWords(next, openingWords-w, 0)
				span = after[:len(after)+len(more)] // more follows in text
			}
			break
		}
	}
	if span == nil {
		first, more := nextLine(text)
		span = first
		if countWords(first, 0) < 16 && len(more) > 0 {
			next, _ := nextLine(more)
			span = text[:len(first)+len(next)]
		}
	}
	for _, h := range e.signer.Hashes(span[:min(len(span), leadWindow)]) {
		if len(dst) == leadShingles {
			break
		}
		if !slices.Contains(dst, h) {
			dst = append(dst, h)
		}
	}
	return dst
}

// openingLines is how many lines opening looks at for a dateline, and
// openingWords the fewest words of an opening after one when the text has
// them.
const (
	openingLines = 4
	openingWords = 16
)

// OpeningInside returns the share of an opening (Features.Lead) found in
// set (sorted, distinct: see Featurizer.Hashes), negative for an opening too
// short to tell (fewer than minOpening shingles).
func OpeningInside(lead, set []uint64) float64 {
	if len(lead) < minOpening {
		return -1
	}
	in := 0
	for _, h := range lead {
		if _, ok := slices.BinarySearch(set, h); ok {
			in++
		}
	}
	return float64(in) / float64(len(lead))
}

// leadWindow bounds the text shingled for an opening: more than enough
// words for leadShingles shingles of any recipe but a very long one.
const leadWindow = 1024

// Extract computes the features of text into f, reusing f's storage.
// site is the document's site (see Site), used to remove its boilerplate
// when the Featurizer has a model; "" for none. The model is taken to have
// observed the document (see ExtractNew).
func (e *Featurizer) Extract(text []byte, site string, f *Features) {
	e.extract(text, e.bp.view(site, nil), f)
}

// ExtractLines is Extract of a document the keys of whose lines on site
// are keys (AppendLineKeys), computed where it was read: the same
// features, without hashing its lines again to look them up in the model.
// Keys of another text are ignored (their number tells).
func (e *Featurizer) ExtractLines(text []byte, site string, keys []uint64, f *Features) {
	v := e.bp.view(site, nil)
	v.keys = keys
	e.extract(text, v, f)
}

// ExtractNew is Extract for a document the model may not have observed:
// one that it has not counts as one more document of its site, so that
// the features are those Extract gives once the model observes it — what
// a query of a page not yet added needs.
func (e *Featurizer) ExtractNew(text []byte, site string, f *Features) {
	e.extract(text, e.bp.view(site, text), f)
}

func (e *Featurizer) extract(text []byte, v siteLines, f *Features) {
	if e.opt.MinLineWords > 1 || v.b != nil {
		e.lines = e.clean(e.lines[:0], text, v)
		text = e.lines
	}
	hashes := e.signer.Hashes(text)
	f.Shingles = len(hashes)
	f.Hashes, f.Set, f.Lead = f.Hashes[:0], nil, f.Lead[:0]
	if e.keep {
		f.Hashes = append(f.Hashes, hashes...)
	}
	e.signer.mh.SignInto(&f.Sig, hashes)
	f.Bits = f.Sig.AppendBBit(f.Bits.Words, e.opt.Bits)
	f.Keys, f.Passages = f.Keys[:0], f.Passages[:0]
	if len(hashes) == 0 {
		// Nothing to index: an empty document's keys would match every
		// other empty document.
		return
	}
	f.Keys = appendBandKeys(f.Keys, f.Sig.Slots, e.opt.Banding, 0)
	if e.lead != nil {
		e.lead.SignInto(&e.leadS, hashes[:min(len(hashes), e.opt.LeadShingles)])
		f.Keys = appendBandKeys(f.Keys, e.leadS.Slots, e.opt.LeadBanding(), 0x1ead)
	}
	if e.opt.Passages > 0 {
		f.Passages = appendPassageKeys(f.Passages, text)
	}
	if e.keep {
		f.Lead = e.opening(f.Lead, text) // the signer's last use
	}
}

// Passage keys: a long line of at least passageWords words gives a key of
// its first passageEnd words, one of the first words after its dateline
// (if it has one) and one of its last. The first two are always kept —
// a digest quotes a story's lead from its start, and its share of the
// digest, small as it may be, tells a compilation — the last when its low
// bits are below passageSample of passageScale (a consistent sample, the
// same for every document).
const (
	passageWords  = 10
	passageEnd    = 8
	passageSample = 1
	passageScale  = 2
)

// maxPassages bounds the passage keys of one document (the first ones).
const maxPassages = 64

// appendPassageKeys appends the passage keys of text's lines to dst, at
// most maxPassages.
func appendPassageKeys(dst []uint64, text []byte) []uint64 {
	start := len(dst)
	for len(text) > 0 && len(dst)-start < maxPassages {
		var line []byte
		line, text = nextLine(text)
		first, words := firstWords(line, passageEnd, passageWords)
		if words < passageWords {
			continue
		}
		last := lastWords(line, passageEnd)
		var lead []byte
		if rest := afterDateline(line); rest != nil {
			lead, _ = firstWords(rest, passageEnd, passageEnd)
		}
		// The first words after a dateline key as the first words of a
		// line do: a digest quotes a story's lead without its dateline,
		// and copies change it.
		for i, part := range [3][]byte{first, last, lead} {
			k, ok := passageKey(0x9a55a6e+uint64(i%2), part)
			if ok && (i%2 == 0 || k%passageScale < passageSample) && len(dst)-start < maxPassages {
				dst = append(dst, k)
			}
		}
	}
	return dst
}

// datelineWords bounds the words of a dateline.
const datelineWords = 12

// afterDateline returns what follows the dateline that line starts with —
// "WASHINGTON (AP) — ", "LONDON, March 3 - ", "GRALMOUTH, Brand India (Wire)
// - ": a dash standing alone within the first datelineWords words, after a
// word ending with ')' or in a line whose first word begins with three
// capitals — and nil if it starts with none or too little follows.
func afterDateline(line []byte) []byte {
	// Most lines have no dash near their start: find that out fast.
	head := line[:min(len(line), 160)]
	if bytes.IndexByte(head, '-') < 0 && !bytes.Contains(head, []byte("\u2013")) && !bytes.Contains(head, []byte("\u2014")) {
		return nil
	}
	caps := len(line) >= 3
	for i := range min(3, len(line)) {
		caps = caps && line[i] >= 'A' && line[i] <= 'Z'
	}
	paren := false
	for i, words := 0, 0; i < len(line) && words < datelineWords; words++ {
		for i < len(line) && line[i] <= ' ' {
			i++
		}
		j := i
		for j < len(line) && line[j] > ' ' {
			j++
		}
		w := line[i:j]
		if len(w) == 0 {
			return nil
		}
		if isDash(w) {
			if (caps || paren) && countWords(line[j:], passageEnd) >= passageEnd {
				return line[j:]
			}
			return nil
		}
		paren = w[len(w)-1] == ')'
		i = j
	}
	return nil
}

// isDash reports whether a word is a dash: "-", "--", "–" or "—".
func isDash(w []byte) bool {
	switch string(w) {
	case "-", "--", "\u2013", "\u2014":
		return true
	}
	return false
}

// appendBandKeys hashes each band of slots into a key.
func appendBandKeys(dst []uint64, slots []uint32, b Banding, salt uint64) []uint64 {
	for i := range b.Bands {
		h := uint64(i+1)*0x9E3779B97F4A7C15 ^ salt
		for _, v := range slots[i*b.Rows : (i+1)*b.Rows] {
			h = bits.RotateLeft64((h^uint64(v))*0xBF58476D1CE4E5B9, 27)
		}
		h ^= h >> 31
		h *= 0x94D049BB133111EB
		h ^= h >> 29
		dst = append(dst, h)
	}
	return dst
}

// Match describes how a document compares with another.
type Match struct {
	Similarity  float64 // estimated Jaccard similarity
	Containment float64 // estimated share of the first document found in the second
	Contained   float64 // the reverse
}

// Score is the strongest evidence of the match: the larger of the
// similarity and the containments.
func (m Match) Score() float64 { return max(m.Similarity, m.Containment, m.Contained) }

// Pair is a verified near-duplicate pair of documents, A added before B.
type Pair struct {
	A, B uint32
	Match
}

// Dedup clusters documents into near-duplicate groups, in memory.
//
// Add each document in a fixed order: it is compared with the earlier
// documents that share an LSH band with it — of the full signature
// (similar documents) or of the lead signature (documents that share their
// first shingles, as truncated copies and copies with extras after the
// story do) — and every pair that passes verification (estimated Jaccard
// or containment above the thresholds) becomes an edge. Cluster then forms
// star clusters over the edges: documents are taken by decreasing number of
// edges (the complete original of a story matches all its copies), then
// decreasing size, then order of addition; an unassigned document becomes
// a center and takes every unassigned neighbour. Every member is therefore
// verified against its center: A~B and B~C never chain unrelated A and C.
// The result depends only on the documents and their order.
//
// A Dedup is not safe for concurrent use.
type Dedup struct {
	opt      Options
	nBands   int
	tables   []bandTable
	passages bandTable         // passage keys (see Features.Passages)
	quotes   []uint64          // pairs sharing a passage that do not match, a<<32 | b
	quoteKey []uint64          // the passage key each of quotes was found by (0: unknown)
	viaKey   map[uint64]uint64 // the passage key of a pair set aside that was found by one
	candKey  []uint64          // scratch of Add: the passage key each candidate shares (0: none found)
	pfound   []uint32          // scratch of Add
	words    []uint64          // b-bit signatures, wpd words per document
	wpd      int
	card     []uint32
	stamp    []uint32 // stamp[c] == doc+1: c already compared with doc
	edges    []uint64 // verified pairs, a<<32 | b with a < b
	cands    []uint32
	center   []uint32 // after Cluster
	sink     uint64   // keeps the prefetching reads of Add
	reserved int      // the documents Reserve made room for
	workers  int      // goroutines Cluster may use (SetWorkers)

	deferring bool                  // see DeferUncertain
	deferAll  bool                  // see DeferAll
	undecided []uint64              // pairs set aside, a<<32 | b
	exact     map[uint64]Match      // resolved pairs, a<<32 | b with a < b
	opens     map[uint64][2]float32 // resolved pairs a, b (a < b) whose openings were weighed: the share of a's opening inside b, of b's inside a (negative: unknown); a containment of an opening below leadShare does not count
	resolved  []uint64              // bit doc set: doc is in a resolved pair
	marked    map[uint32]bool       // compilations by what is known elsewhere (MarkCompilation)
	frozen    bool                  // built from a Graph: no tables to Add to
}

// NewDedup returns an empty Dedup.
func NewDedup(o Options) (*Dedup, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	lb := o.LeadBanding()
	n := o.Banding.Bands + lb.Bands
	return &Dedup{
		opt:    o,
		nBands: n,
		tables: make([]bandTable, n),
		wpd:    (o.Recipe.K + 64/o.Bits - 1) / (64 / o.Bits),
	}, nil
}

// Options returns the options in effect, defaults filled in.
func (d *Dedup) Options() Options { return d.opt }

// Reserve prepares room for n more documents, so that tables need not grow
// (and rehash) while they are added. It is only an optimisation.
func (d *Dedup) Reserve(n int) {
	total := len(d.card) + n
	for i := range d.tables {
		t := &d.tables[i]
		want := total*4/3 + 1
		if len(t.slots) >= want {
			continue
		}
		if t.n == 0 {
			t.slots = make([]uint64, max(want, minTableSize))
			continue
		}
		for len(t.slots) < want {
			t.grow()
		}
	}
	d.reserved = max(d.reserved, total)
	d.words = slices.Grow(d.words, n*d.wpd)
	d.card = slices.Grow(d.card, n)
	d.stamp = slices.Grow(d.stamp, n)
}

// passagesSample is the document at which Add sizes the passage table for
// the documents Reserve announced, from the passage keys of those before
// it: the largest table then seldom grows (and rehashes) again, and no
// room is made for keys the documents do not have.
const passagesSample = 1024

// SetWorkers lets Cluster use up to n goroutines (1, the default: none
// but the caller's) for the parts of its work each document can do alone.
// The clusters do not depend on n.
func (d *Dedup) SetWorkers(n int) { d.workers = n }

// parallelBlocks calls work on consecutive blocks of [0, n) from up to
// workers goroutines, and returns when all are done.
func parallelBlocks(n uint32, workers int, work func(lo, hi uint32)) {
	const block = 4096
	if workers <= 1 || n <= block {
		work(0, n)
		return
	}
	var next atomic.Uint64
	var wg sync.WaitGroup
	for range min(workers, int(n/block)+1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				lo := next.Add(block) - block
				if lo >= uint64(n) {
					return
				}
				work(uint32(lo), uint32(min(lo+block, uint64(n))))
			}
		}()
	}
	wg.Wait()
}

// Len returns the number of documents added.
func (d *Dedup) Len() int { return len(d.card) }

// ErrFull reports that a Dedup holds the most documents it can number.
var ErrFull = errors.New("index: too many documents (2^32 - 2)")

// Add adds a document and returns its number (0, 1, … in order of
// addition) and how many earlier documents it was verified to match.
func (d *Dedup) Add(f *Features) (doc uint32, matches int, err error) {
	if d.frozen {
		return 0, 0, fmt.Errorf("index: Add to a Dedup built from a Graph")
	}
	if len(d.card) >= math.MaxUint32-1 {
		return 0, 0, ErrFull
	}
	if len(f.Bits.Words) != d.wpd || int(f.Bits.B) != d.opt.Bits || (len(f.Keys) != d.nBands && len(f.Keys) != 0) {
		return 0, 0, fmt.Errorf("index: features of another configuration")
	}
	d.center = nil // any clustering is stale
	doc = uint32(len(d.card))
	d.words = append(d.words, f.Bits.Words...)
	d.card = append(d.card, f.Sig.Card)
	d.stamp = append(d.stamp, 0)

	d.cands = d.cands[:0]
	var sink uint64
	for i, key := range f.Keys {
		sink |= d.tables[i].touch(key)
	}
	if doc == passagesSample && d.reserved > passagesSample && d.passages.n > 0 {
		d.passages.growTo(int(uint64(d.passages.n)*uint64(d.reserved)/passagesSample*4/3 + 1))
	}
	for _, key := range f.Passages {
		sink |= d.passages.touch(key) // one table, and the largest
	}
	d.sink += sink
	// Finding the candidates of a band and inserting doc there are
	// independent of the other bands: one walk per band does both.
	for i, key := range f.Keys {
		d.tables[i].findInsert(key, doc, d.opt.KeyCap, func(c uint32) {
			if d.stamp[c] != doc+1 {
				d.stamp[c] = doc + 1
				d.cands = append(d.cands, c)
			}
		})
	}
	fromBands := len(d.cands)
	d.candKey = append(d.candKey[:0], make([]uint64, fromBands)...)
	for _, key := range f.Passages {
		// A passage that KeyCap documents already share is furniture, or
		// a story the bands find: no candidates from it (the Index does
		// the same).
		found := d.pfound[:0]
		d.passages.findInsert(key, doc, d.opt.KeyCap, func(c uint32) { found = append(found, c) })
		d.pfound = found
		if len(found) >= d.opt.KeyCap {
			continue
		}
		for _, c := range found {
			if c == doc {
				continue
			}
			if d.stamp[c] != doc+1 {
				d.stamp[c] = doc + 1
				d.cands = append(d.cands, c)
				d.candKey = append(d.candKey, key)
			} else if j := slices.Index(d.cands[:fromBands], c); j >= 0 && d.candKey[j] == 0 {
				d.candKey[j] = key // a band's candidate that shares the passage too
			}
		}
	}
	for i, c := range d.cands {
		m := d.estimate(c, doc)
		if d.deferAll || d.deferring && (d.uncertain(m, d.card[c], d.card[doc]) || d.byContainment(m, c, doc)) {
			d.undecided = append(d.undecided, uint64(c)<<32|uint64(doc))
			if d.candKey[i] != 0 {
				if d.viaKey == nil {
					d.viaKey = make(map[uint64]uint64)
				}
				d.viaKey[uint64(c)<<32|uint64(doc)] = d.candKey[i]
			}
			continue
		}
		if d.matches(c, doc, m) {
			d.edges = append(d.edges, uint64(c)<<32|uint64(doc))
			matches++
		} else if i >= fromBands {
			// They share a passage but are not near-duplicates: what
			// tells a page that quotes several stories (Cluster).
			d.quotes = append(d.quotes, uint64(c)<<32|uint64(doc))
			d.quoteKey = append(d.quoteKey, d.candKey[i])
		}
	}
	return doc, matches, nil
}

// uncertaintySigmas is how many standard errors of the MinHash estimate
// around a threshold count as uncertain (see DeferUncertain).
const uncertaintySigmas = 2

// uncertain reports whether the near-duplicate rule could decide m, the
// estimate between documents of ca and cb distinct shingles, either way
// within uncertaintySigmas standard errors of the Jaccard estimate
// (sqrt(J(1-J)/k)), carried into the containments through the sizes.
func (d *Dedup) uncertain(m Match, ca, cb uint32) bool { return d.opt.uncertain(m, ca, cb) }

// uncertain is the rule of Dedup.uncertain under o, which an Index's
// queries apply too.
func (o *Options) uncertain(m Match, ca, cb uint32) bool {
	lo, hi := estimateBounds(m, ca, cb, o.Recipe.K)
	return o.near(lo, ca, cb) != o.near(hi, ca, cb)
}

// estimateBounds returns m, the estimate between documents of ca and cb
// distinct shingles from signatures of k slots, lowered and raised by
// uncertaintySigmas standard errors of the Jaccard estimate
// (sqrt(J(1-J)/k)), carried into the containments through the sizes.
func estimateBounds(m Match, ca, cb uint32, k int) (lo, hi Match) {
	return estimateBoundsSigma(m, ca, cb, k, uncertaintySigmas)
}

// seenSigmas is how many standard errors an Index's hit must clear the
// rule by to make a page seen before (see SeenFeatures): one, since two
// kept a tenth of the spam sites' copies twice in 20-page batches (89.5 %
// of duplicates removed against 92.0 %), for a story lost in 800.
const seenSigmas = 1

// estimateBoundsSigma is estimateBounds at sigmas standard errors.
func estimateBoundsSigma(m Match, ca, cb uint32, k int, sigmas float64) (lo, hi Match) {
	j := min(max(m.Similarity, 0.02), 0.98)
	dj := sigmas * math.Sqrt(j*(1-j)/float64(k))
	bound := func(sign float64) Match {
		jj := min(max(m.Similarity+sign*dj, 0), 1)
		a, b := float64(max(ca, 1)), float64(max(cb, 1))
		// C(A in B) = J(|A|+|B|) / (|A|(1+J)), as the estimate derives it.
		return Match{Similarity: jj, Containment: min(jj*(a+b)/(a*(1+jj)), 1), Contained: min(jj*(a+b)/(b*(1+jj)), 1)}
	}
	return bound(-1), bound(1)
}

// DeferAll makes Add set aside every candidate pair, for a caller that
// decides them all on exact values (an oracle: see Resolve).
func (d *Dedup) DeferAll(on bool) { d.deferAll = on }

// DeferUncertain makes Add set aside the candidate pairs whose estimate
// lies too close to a threshold to decide (within 2 standard errors), and
// those whose estimate makes them near-duplicates by a containment alone,
// instead of deciding them on the estimate: the caller computes their
// exact similarity and containments from the documents' shingle sets, and
// the share of each one's opening inside the other, and passes them to
// ResolveOpenings (or Resolve) before Cluster. Undecided lists them. A
// pair left unresolved is not a match.
func (d *Dedup) DeferUncertain(on bool) { d.deferring = on }

// Undecided returns the pairs Add set aside (see DeferUncertain), A added
// before B, with their estimates, in the order they were found.
func (d *Dedup) Undecided() []Pair {
	out := make([]Pair, len(d.undecided))
	for i, x := range d.undecided {
		a, b := uint32(x>>32), uint32(x)
		out[i] = Pair{A: a, B: b, Match: d.estimate(a, b)}
	}
	return out
}

// Resolve decides a pair set aside by Add on its exact similarity and
// containments (Containment: the share of a found in b), which Estimate, Pairs and
// Cluster report and use for the pair from then on.
func (d *Dedup) Resolve(a, b uint32, exact Match) { d.ResolveOpenings(a, b, exact, -1, -1) }

// ResolveSets decides a pair set aside by Add from the documents' shingle
// sets (sorted, distinct: Featurizer.Hashes) and openings (Features.Lead,
// Featurizer.HashesLead): on their exact values, a containment that alone
// makes the match counting only if the contained one's opening is mostly
// inside the other, a similarity below openedSimilarity only if either's
// is (see ResolveOpenings). It returns the exact values and
// the openings' shares it weighed (negative: not weighed).
func (d *Dedup) ResolveSets(a, b uint32, setA, setB, leadA, leadB []uint64) (exact Match, aLead, bLead float64) {
	exact, aLead, bLead = d.ExactSets(a, b, setA, setB, leadA, leadB)
	d.ResolveOpenings(a, b, exact, aLead, bLead)
	return exact, aLead, bLead
}

// ExactSets returns what ResolveSets decides the pair on — the exact
// values of the sets and, when a containment alone would make the match,
// the shares of each opening inside the other (negative: not weighed) —
// without deciding it. It only reads the Dedup: several goroutines may
// call it while nothing is added or resolved, and one pass ResolveOpenings
// the results in order.
func (d *Dedup) ExactSets(a, b uint32, setA, setB, leadA, leadB []uint64) (exact Match, aLead, bLead float64) {
	exact = ExactMatch(setA, setB)
	aLead, bLead = -1, -1
	if d.byContainment(exact, a, b) {
		aLead, bLead = OpeningInside(leadA, setB), OpeningInside(leadB, setA)
	}
	return exact, aLead, bLead
}

// fuller reports whether a is a fuller version of b, which is a part of it
// that begins as it does — a copy truncated from it, not a brief a
// follow-up quotes (the follow-up begins with its own lead): b mostly
// inside a, a not, and a's opening inside b. Known for the pairs decided
// on their sets (ResolveSets).
func (d *Dedup) fuller(a, b uint32) bool {
	aOpen, _, ok := d.openings(a, b)
	if !ok {
		return false
	}
	e := d.estimate(a, b)
	return e.Contained >= partShare && e.Containment < 0.5 && aOpen >= leadShare
}

// ResolveOpenings is Resolve that also weighs the documents' openings
// (Features.Lead): aLead is the share of a's opening inside b, bLead of
// b's inside a (negative: unknown). A containment counts only if the
// contained document's opening is mostly inside the other (leadShare):
// a truncated copy or an excerpt begins inside its story; a copy carrying
// a long paragraph of another story, a follow-up quoting an older story's
// background, a digest's later quotes do not begin inside them.
func (d *Dedup) ResolveOpenings(a, b uint32, exact Match, aLead, bLead float64) {
	if a > b {
		a, b = b, a
		exact.Containment, exact.Contained = exact.Contained, exact.Containment
		aLead, bLead = bLead, aLead
	}
	if d.exact == nil {
		d.exact = make(map[uint64]Match)
	}
	key := uint64(a)<<32 | uint64(b)
	if _, done := d.exact[key]; done {
		return // decided already
	}
	d.exact[key] = exact
	if aLead >= 0 || bLead >= 0 {
		if d.opens == nil {
			d.opens = make(map[uint64][2]float32)
		}
		d.opens[key] = [2]float32{float32(aLead), float32(bLead)}
	}
	for _, x := range [2]uint32{a, b} {
		if w := int(x / 64); w >= len(d.resolved) {
			d.resolved = append(d.resolved, make([]uint64, w+1-len(d.resolved))...)
		}
		d.resolved[x/64] |= 1 << (x % 64)
	}
	d.center = nil
	if d.matches(a, b, exact) {
		d.edges = append(d.edges, uint64(a)<<32|uint64(b))
	} else if exact.Containment > 0 || exact.Contained > 0 {
		d.quotes = append(d.quotes, key) // they share text, not enough
		d.quoteKey = append(d.quoteKey, d.viaKey[key])
		delete(d.viaKey, key)
	}
}

// ExactMatch returns the exact similarity and containments of two sets of
// shingle hashes, each sorted without repeats (see Featurizer.Hashes).
func ExactMatch(a, b []uint64) Match {
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	var m Match
	if u := len(a) + len(b) - inter; u > 0 {
		m.Similarity = float64(inter) / float64(u)
	} else {
		m.Similarity = 1
	}
	if len(a) > 0 {
		m.Containment = float64(inter) / float64(len(a))
	}
	if len(b) > 0 {
		m.Contained = float64(inter) / float64(len(b))
	}
	return m
}

// matches applies the near-duplicate rule to documents a and b.
func (d *Dedup) matches(a, b uint32, m Match) bool {
	return d.opt.near(d.counted(a, b, m), d.card[a], d.card[b])
}

// counted returns m, between a and b, without the containments that do not
// count: those of a document whose opening is not mostly inside the other
// (see ResolveOpenings).
func (d *Dedup) counted(a, b uint32, m Match) Match {
	aOpen, bOpen, ok := d.openings(a, b)
	if !ok {
		return m
	}
	return d.opt.countOpenings(m, aOpen, bOpen)
}

// countOpenings returns m, between documents A and B, without the
// containments that do not count: A's in B when A's opening is not mostly
// inside B (aOpen, its share there; negative: not weighed), B's in A
// likewise — below the similarity threshold, where a containment alone
// would make the match (see ResolveOpenings; an Index's queries apply the
// same rule) — and nothing at all below openedSimilarity when neither
// opening is mostly inside the other.
func (o *Options) countOpenings(m Match, aOpen, bOpen float64) Match {
	outside := func(open float64) bool { return open >= 0 && open < openedShare }
	if m.Similarity < openedSimilarity && outside(aOpen) && outside(bOpen) {
		return Match{} // neither begins inside the other: nothing counts
	}
	if o.openingOutside(m, aOpen) {
		m.Containment = 0
	}
	if o.openingOutside(m, bOpen) {
		m.Contained = 0
	}
	return m
}

// openingOutside reports whether a document's containment in another,
// between documents that match m, does not count: m is below the
// similarity threshold and the document's opening is not mostly inside
// the other (open, its share there; negative: not weighed).
func (o *Options) openingOutside(m Match, open float64) bool {
	return m.Similarity < o.Jaccard && open >= 0 && open < leadShare
}

// openings returns the shares of a's opening inside b and of b's inside a
// that ResolveOpenings weighed (negative: not weighed), and whether it
// weighed any.
func (d *Dedup) openings(a, b uint32) (aOpen, bOpen float64, ok bool) {
	if d.opens == nil || !d.isResolved(a) || !d.isResolved(b) {
		return -1, -1, false
	}
	op, ok := d.opens[uint64(min(a, b))<<32|uint64(max(a, b))]
	if !ok {
		return -1, -1, false
	}
	if a > b {
		return float64(op[1]), float64(op[0]), true
	}
	return float64(op[0]), float64(op[1]), true
}

// byContainment reports whether m, the estimate between a and b, makes
// them near-duplicates by a containment alone or by a similarity below
// openedSimilarity, which their openings must confirm (see
// ResolveOpenings).
func (d *Dedup) byContainment(m Match, a, b uint32) bool {
	return d.opt.byContainment(m, d.card[a], d.card[b])
}

// byContainment is the rule of Dedup.byContainment under o, between
// documents of ca and cb distinct shingles.
func (o *Options) byContainment(m Match, ca, cb uint32) bool {
	return m.Similarity < max(o.Jaccard, openedSimilarity) && o.near(m, ca, cb)
}

// openedSimilarity is the similarity below which two documents are
// near-duplicates only if one's opening is mostly inside the other (when
// their openings are weighed): copies of a story share its lead, while
// two short pages that share one paragraph — a copy of a story carrying
// a paragraph of another, a digest quoting a short story's copy — reach a
// middling similarity without either beginning inside the other. A copy
// whose words are edited keeps some of its opening's shingles: one
// opening with openedShare of it inside the other is enough.
const (
	openedSimilarity = 0.5
	openedShare      = 0.1
)

// Near is the near-duplicate rule: m between documents A and B of ca and
// cb distinct shingles is a match when its Jaccard similarity reaches the
// threshold, or when one contains enough of the other and that one is long
// enough for containment to mean something.
func (o Options) Near(m Match, ca, cb uint32) bool { return o.near(m, ca, cb) }

func (o *Options) near(m Match, ca, cb uint32) bool {
	if m.Similarity >= o.Jaccard {
		return true
	}
	if o.Containment < 0 {
		return false
	}
	mc := uint32(o.MinContained)
	return (m.Containment >= o.Containment && ca >= mc) || (m.Contained >= o.Containment && cb >= mc)
}

func (d *Dedup) bbit(doc uint32) minhash.BBit {
	w := d.words[int(doc)*d.wpd : int(doc+1)*d.wpd : int(doc+1)*d.wpd]
	return minhash.BBit{B: uint8(d.opt.Bits), K: d.opt.Recipe.K, Card: d.card[doc], Words: w}
}

func (d *Dedup) estimate(a, b uint32) Match {
	m, _ := d.estimateExact(a, b)
	return m
}

// estimateExact is estimate that also tells whether the values are exact.
func (d *Dedup) estimateExact(a, b uint32) (Match, bool) {
	if d.exact != nil && d.isResolved(a) && d.isResolved(b) {
		if a < b {
			if m, ok := d.exact[uint64(a)<<32|uint64(b)]; ok {
				return m, true
			}
		} else if m, ok := d.exact[uint64(b)<<32|uint64(a)]; ok {
			m.Containment, m.Contained = m.Contained, m.Containment
			return m, true
		}
	}
	j, ab, ba := d.bbit(a).Compare(d.bbit(b))
	return Match{Similarity: j, Containment: ab, Contained: ba}, false
}

// isResolved tells whether doc is in a pair Resolve decided: most pairs'
// documents are not, and need no look-up of the pair.
func (d *Dedup) isResolved(doc uint32) bool {
	w := int(doc / 64)
	return w < len(d.resolved) && d.resolved[w]&(1<<(doc%64)) != 0
}

// Estimate compares two added documents.
func (d *Dedup) Estimate(a, b uint32) Match { return d.estimate(a, b) }

// Card returns the estimated number of distinct shingles of doc.
func (d *Dedup) Card(doc uint32) uint32 { return d.card[doc] }

// Pairs returns the verified pairs, ordered by A then B.
func (d *Dedup) Pairs() []Pair {
	e := slices.Clone(d.edges)
	slices.Sort(e)
	out := make([]Pair, len(e))
	for i, x := range e {
		a, b := uint32(x>>32), uint32(x)
		out[i] = Pair{A: a, B: b, Match: d.estimate(a, b)}
	}
	return out
}

// Cluster forms the star clusters (see Dedup) and returns them: each a
// list of document numbers in increasing order, the clusters ordered by
// their first document; only clusters of two or more are returned. After
// Cluster, Center reports each document's center.
func (d *Dedup) Cluster() [][]uint32 {
	n := len(d.card)
	start, adj := d.adjacency()
	deg := func(i uint32) uint32 { return start[i+1] - start[i] }
	est := d.edgeEstimates(start, adj)
	// A member must be a near-duplicate of its center or contained in
	// it: a page that merely contains the center (a digest quoting it)
	// is not its copy. A compilation — a page that contains documents
	// that have nothing to do with each other, as a digest of several
	// stories does — joins, or takes, only a story that most of it is.
	// holds[z] counts
	// the documents z could take.
	// A document whose neighbours fall into groups that have nothing to
	// do with each other (no edge, no neighbour in common but it) bridges
	// them — a copy of one story that carries a paragraph of another —
	// and takes members from its closest group only.
	compilation, outside := d.compilations(start, adj, est)
	holds := make([]uint32, n)
	// member tells whether z takes m, its neighbour at adj[k].
	member := func(z uint32, k uint32) bool {
		m := adj[k]
		if outside[z] != nil && outside[z][m] {
			return false
		}
		e := est[k]
		switch {
		case compilation[m]:
			// A compilation joins only a story that most of it is.
			return e.Containment >= mostlyShare && d.card[m] >= uint32(d.opt.MinContained)
		case compilation[z]:
			// And takes only one: a brief it quotes whole is similar to
			// it (0.4 for a digest half of which is the brief) without
			// being its copy.
			return e.Contained >= mostlyShare && d.card[z] >= uint32(d.opt.MinContained)
		}
		return e.Similarity >= d.opt.Jaccard ||
			d.opt.Containment >= 0 && e.Containment >= d.opt.Containment && d.card[m] >= uint32(d.opt.MinContained)
	}
	for z := range uint32(n) {
		for k := start[z]; k < start[z+1]; k++ {
			if member(z, k) {
				holds[z]++
			}
		}
	}
	order := make([]uint32, 0, n)
	for i := range uint32(n) {
		if deg(i) > 0 {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(a, b uint32) int {
		return cmp.Or(-cmp.Compare(holds[a], holds[b]), -cmp.Compare(deg(a), deg(b)),
			-cmp.Compare(d.card[a], d.card[b]), cmp.Compare(a, b))
	})
	const none = math.MaxUint32
	center := make([]uint32, n)
	for i := range center {
		center[i] = none
	}
	for _, z := range order {
		if center[z] != none {
			continue
		}
		center[z] = z
		for k := start[z]; k < start[z+1]; k++ {
			if m := adj[k]; center[m] == none && member(z, k) {
				center[m] = z
			}
		}
	}
	size := make(map[uint32]int)
	for i, c := range center {
		if c == none {
			center[i] = uint32(i)
		} else {
			size[c]++
		}
	}
	d.center = center
	idx := make(map[uint32]int)
	var out [][]uint32
	for doc, c := range center {
		if size[c] < 2 {
			continue
		}
		i, ok := idx[c]
		if !ok {
			i = len(out)
			idx[c] = i
			out = append(out, make([]uint32, 0, size[c]))
		}
		out[i] = append(out[i], uint32(doc))
	}
	return out
}

// adjacency returns the edges in compressed rows, each edge in both
// directions: doc z's neighbours are adj[start[z]:start[z+1]], sorted.
func (d *Dedup) adjacency() (start, adj []uint32) {
	n := len(d.card)
	start = make([]uint32, n+1)
	for _, e := range d.edges {
		start[e>>32+1]++
		start[uint32(e)+1]++
	}
	for i := range n {
		start[i+1] += start[i]
	}
	adj = make([]uint32, 2*len(d.edges))
	fill := slices.Clone(start[:n])
	for _, e := range d.edges {
		a, b := uint32(e>>32), uint32(e)
		adj[fill[a]] = b
		fill[a]++
		adj[fill[b]] = a
		fill[b]++
	}
	for i := range n {
		slices.Sort(adj[start[i]:start[i+1]])
	}
	return start, adj
}

// edgeEstimates returns, for each entry of the compressed rows start and
// adj (each row sorted), the estimate of its document against the row's:
// est[k] = estimate(adj[k], z) for k in row z. Each edge is compared once;
// its other direction is the same values with the containments swapped.
func (d *Dedup) edgeEstimates(start, adj []uint32) []Match {
	est := make([]Match, len(adj))
	for z := range uint32(len(start) - 1) {
		for k := start[z]; k < start[z+1]; k++ {
			m := adj[k]
			if m < z {
				row := adj[start[m]:start[m+1]]
				if j, ok := slices.BinarySearch(row, z); ok {
					e := est[start[m]+uint32(j)]
					e.Containment, e.Contained = e.Contained, e.Containment
					est[k] = e
					continue
				}
			}
			est[k] = d.estimate(m, z)
		}
	}
	return est
}

// MarkCompilation makes Cluster take doc for a compilation whatever its
// partners here: it quotes unrelated stories known elsewhere — an index's
// (SeenResult.Compilation) — which a scan of a batch does not hold.
func (d *Dedup) MarkCompilation(doc uint32) {
	if d.marked == nil {
		d.marked = make(map[uint32]bool)
	}
	d.marked[doc] = true
	d.center = nil
}

// maxGroupNeighbours bounds the neighbours of one document that
// compilations sorts into groups; a document with more is taken as one
// story's (a story copied that often is linked all over).
const maxGroupNeighbours = 24

// Shares of a document that make it a compilation (see compilations).
const (
	quotedShare = 0.1  // a group holds at least this much of it…
	mostlyShare = 0.6  // …and none this much
	quotedPair  = 0.45 // (of two groups, none this much)
	// A neighbour this much inside a document is a part of it (a
	// truncated copy, an excerpt).
	partShare = 0.8
	// Two partners of a document this much inside one another are of one
	// story, matched or not.
	linkShare = 0.2
)

// compiled decides a compilation by the groups of its partners: real of
// them hold a real share of it (quotedShare, raised by its uncertainty),
// sure of them without that help, and the largest holds most. Three
// groups or more quote different stories, as a digest does, unless one
// holds most of it; two may be a copy that carries a paragraph of another
// story, and make a compilation only when each holds a real share as
// measured (a story's truncated copy and one page that quotes a few of
// its shingles are two groups whose second share is only possibly real)
// and neither holds much of it.
func compiled(real, sure int, most float64) bool {
	return real >= 3 && most < mostlyShare || real == 2 && sure == 2 && most < quotedPair
}

// compilations looks at each document's partners — its neighbours, and
// the documents it shares a passage with without matching them — and
// sorts them into groups: two partners are in one group when an edge
// joins them or they have a neighbour in common other than the document;
// parts and copies of one story are, as its other copies link them.
//
// It reports, for each document z, whether z is a compilation: two groups
// or more each hold a real share of it (quotedShare) and none holds most
// of it (mostlyShare) — it quotes different stories, as a digest does,
// while a story's copies hold most of it whoever else quotes it. And, when
// z's neighbours fall into two groups or more, the neighbours outside the
// group most similar to z (by total estimated Jaccard similarity), which z
// does not take as members: it bridges them, as a copy of one story that
// carries a paragraph of another does. start and adj are the edges in
// compressed rows, each row sorted.
func (d *Dedup) compilations(start, adj []uint32, est []Match) (compilation []bool, outside []map[uint32]bool) {
	n := len(d.card)
	compilation = make([]bool, n)
	outside = make([]map[uint32]bool, n)
	row := func(x uint32) []uint32 { return adj[start[x]:start[x+1]] }
	// linked tells by the graph: an edge or a common neighbour.
	linked := func(a, b, z uint32) bool {
		ra, rb := row(a), row(b)
		if _, ok := slices.BinarySearch(ra, b); ok {
			return true
		}
		// A common neighbour other than z (both rows sorted).
		for i, j := 0, 0; i < len(ra) && j < len(rb); {
			switch {
			case ra[i] < rb[j]:
				i++
			case ra[i] > rb[j]:
				j++
			default:
				if ra[i] != z {
					return true
				}
				i++
				j++
			}
		}
		return false
	}
	// near tells by the texts: much of one inside the other, below the
	// match rule — copies of one story edited apart still share most of
	// their text; two stories share little.
	// An estimate counts lowered by one standard error: a short page's
	// b-bit estimate of what it shares with a long one runs high (0.23
	// for an exact 0.10 seen), and a false link joins two of a digest's
	// stories into one group, which hides the digest — a page is rather
	// kept as news than lost.
	near := func(a, b uint32) bool {
		e, exact := d.estimateExact(a, b)
		if !exact {
			e, _ = estimateBoundsSigma(e, d.card[a], d.card[b], d.opt.Recipe.K, 1)
		}
		return max(e.Containment, e.Contained) >= linkShare
	}
	// The documents each shares a passage with, beside its neighbours.
	// A partner found by a passage key carries the key: partners that
	// share one line of z are one part of it, however unrelated they are
	// otherwise — pages of different stories that share a line of
	// furniture with z (an editor's note, a list's item) are not stories
	// z quotes.
	type quote struct {
		doc uint32
		key uint64
	}
	quoted := make(map[uint32][]quote)
	for i, q := range d.quotes {
		a, b := uint32(q>>32), uint32(q)
		quoted[a] = append(quoted[a], quote{b, d.quoteKey[i]})
		quoted[b] = append(quoted[b], quote{a, d.quoteKey[i]})
	}
	// In the documents' order, whatever the order the pairs were found
	// in: a distributed run finds them in another (Graph).
	for _, qs := range quoted {
		slices.SortFunc(qs, func(x, y quote) int { return cmp.Or(cmp.Compare(x.doc, y.doc), cmp.Compare(x.key, y.key)) })
	}
	// Each document's verdict depends only on the graph and the
	// estimates: blocks of documents on d.workers goroutines, each with
	// its own scratch.
	work := func(lo, hi uint32) {
		var parent [2 * maxGroupNeighbours]int
		find := func(i int) int {
			for parent[i] != i {
				parent[i] = parent[parent[i]]
				i = parent[i]
			}
			return i
		}
		group := func(z uint32, nb []uint32, keys []uint64) int {
			for i := range nb {
				parent[i] = i
			}
			groups := len(nb)
			for i := range keys {
				for j := i + 1; j < len(keys); j++ {
					if keys[i] != 0 && keys[i] == keys[j] && find(i) != find(j) {
						parent[find(i)] = find(j)
						groups--
					}
				}
			}
			// The graph first; the texts (slower) only between the groups it
			// leaves: the same groups.
			for _, byText := range []bool{false, true} {
				for i := range nb {
					for j := i + 1; j < len(nb) && groups > 1; j++ {
						if find(i) == find(j) {
							continue
						}
						if byText && near(nb[i], nb[j]) || !byText && linked(nb[i], nb[j], z) {
							parent[find(i)] = find(j)
							groups--
						}
					}
				}
			}
			return groups
		}
		var partners []uint32
		var pkeys []uint64
		var shares, sharesHi []float64
		for z := lo; z < hi; z++ {
			nb := row(z)
			if len(nb) > maxGroupNeighbours {
				continue
			}
			// A compilation: by the shares of z its partners' groups hold.
			// A document whose neighbours are all parts of it — truncated
			// copies, excerpts — and have no neighbours it has not is the
			// whole they come from, however little they have in common with
			// each other. (A digest's quotes are each the part of a story
			// elsewhere too.)
			whole := true
			for i, m := range nb {
				if est[start[z]+uint32(i)].Containment < partShare {
					whole = false
					break
				}
				for _, x := range row(m) {
					if _, ok := slices.BinarySearch(nb, x); !ok && x != z {
						whole = false
						break
					}
				}
			}
			if whole {
				continue
			}
			partners = append(partners[:0], nb...)
			pkeys = pkeys[:0]
			for range nb {
				pkeys = append(pkeys, 0)
			}
			for _, q := range quoted[z] {
				if len(partners) < 2*maxGroupNeighbours && !slices.Contains(partners, q.doc) {
					partners = append(partners, q.doc)
					pkeys = append(pkeys, q.key)
				}
			}
			partners, pkeys = dropFurniture(z, partners, pkeys, len(nb), linked)
			// A group's share is its partners' largest: a partner that holds
			// most of z, or fewer than two that hold a real share of it, rule
			// a compilation out whatever the groups — most documents, spared
			// the grouping.
			// Whether a share is a real one is told by the share raised by
			// one standard error when it is estimated: a short quote of a
			// long story is a few slots of its signature (a page is rather
			// kept as news than lost; an Index does the same).
			// Only the partners with a real share are grouped: pages that
			// share a line of furniture with z, one another and each of its
			// stories' copies would join the stories into one group.
			shares, sharesHi = shares[:0], sharesHi[:0]
			possible, real := true, 0
			for i, m := range partners {
				e, exact := d.estimateExact(z, m)
				hi := e.Containment
				if !exact {
					_, up := estimateBoundsSigma(e, d.card[z], d.card[m], d.opt.Recipe.K, 1)
					hi = max(hi, up.Containment)
				}
				if e.Containment >= mostlyShare {
					possible = false
				}
				if hi >= quotedShare {
					partners[real], pkeys[real] = m, pkeys[i]
					shares, sharesHi = append(shares, e.Containment), append(sharesHi, hi)
					real++
				}
			}
			partners, pkeys = partners[:real], pkeys[:real]
			if possible && real >= 2 && group(z, partners, pkeys) >= 2 {
				share, shareHi := make(map[int]float64), make(map[int]float64)
				for i := range partners {
					r := find(i)
					share[r] = max(share[r], shares[i])
					shareHi[r] = max(shareHi[r], sharesHi[i])
				}
				real, sure, most := groupShares(share, shareHi)
				// Two groups may be a copy carrying a paragraph of another
				// story; three or more, or two that each hold little of it,
				// are quotes.
				compilation[z] = compiled(real, sure, most)
			}
			// A bridge: by its neighbours alone.
			if len(nb) < 2 || group(z, nb, nil) < 2 {
				continue
			}
			// The closest group holds the most of z, then is the most
			// similar to it in all.
			type score struct{ share, sim float64 }
			scores := make(map[int]score)
			for i := range nb {
				e := est[start[z]+uint32(i)]
				e.Containment, e.Contained = e.Contained, e.Containment // z inside m
				sc := scores[find(i)]
				scores[find(i)] = score{max(sc.share, e.Containment), sc.sim + e.Similarity}
			}
			best, bestRoot := score{}, -1
			for root, sc := range scores {
				if c := cmp.Or(cmp.Compare(sc.share, best.share), cmp.Compare(sc.sim, best.sim)); bestRoot < 0 || c > 0 || c == 0 && root < bestRoot {
					best, bestRoot = sc, root
				}
			}
			out := make(map[uint32]bool)
			for i, m := range nb {
				if find(i) != bestRoot {
					out[m] = true
				}
			}
			outside[z] = out
		}
	}
	parallelBlocks(uint32(n), d.workers, work)
	for z := range d.marked {
		if int(z) < n {
			compilation[z] = true
		}
	}
	return compilation, outside
}

// groupShares counts, of a document's groups of partners, those whose
// share of it (raised by a standard error: shareHi) is a real one, those
// whose share is one as measured, and the largest share: what compiled
// weighs.
func groupShares(share, shareHi map[int]float64) (real, sure int, most float64) {
	for r, sh := range share {
		if shareHi[r] >= quotedShare {
			real++
		}
		if sh >= quotedShare {
			sure++
		}
		most = max(most, sh)
	}
	return real, sure, most
}

// Covers reports whether a cluster's kept member keep covers its member m:
// m is similar to it or contained in it, so that an output without m loses
// nothing keep does not hold. A member that merely contains keep — a
// follow-up that quotes a brief whole, a page that adds a story to it —
// adds to it, as an Index's SeenFeatures takes it: it is news. But a
// version of keep is covered: half or more of keep inside it, each one's
// opening inside the other (weighed on their sets) — the story's fuller
// copy beside a truncated one that carries another story's paragraph, a
// copy with a local paragraph beside one without. keep stands for their
// story; the rest of the version is what copies add.
//
// So does a member similar to keep that lies mostly outside it and whose
// opening is not inside it (when their openings were weighed): a digest
// that quotes the lead of keep, a short story's copy, among others.
func (d *Dedup) Covers(keep, m uint32) bool {
	e := d.counted(m, keep, d.estimate(m, keep)) // Containment: the share of m inside keep
	o := &d.opt
	if e.Similarity >= o.Jaccard {
		mOpen, _, ok := d.openings(m, keep)
		return !ok || !addsOwn(e.Containment, mOpen)
	}
	if o.Containment >= 0 && e.Containment >= o.Containment && d.card[m] >= uint32(o.MinContained) {
		return true
	}
	if o.Containment >= 0 && e.Contained >= o.Containment && d.card[keep] >= uint32(o.MinContained) {
		mOpen, kOpen, ok := d.openings(m, keep)
		return ok && versionOf(e.Contained, mOpen, kOpen)
	}
	return false
}

// versionShare is the share of a page that a version of it holds.
const versionShare = 0.5

// versionOf reports whether a page that holds share of another — open of
// its opening inside the other, otherOpen of the other's inside it
// (negative: not weighed) — is a version of it: half of it or more, each
// beginning inside the other. The other stands for their story
// (Dedup.Covers, Index.Seen).
func versionOf(share, open, otherOpen float64) bool {
	return share >= versionShare && open >= leadShare && otherOpen >= leadShare
}

// addsOwn reports whether a document similar to another, share of it
// inside the other and its opening's share open there (negative: not
// weighed), is news beside it: it lies mostly outside the other and
// begins outside it.
func addsOwn(share, open float64) bool {
	return share < 0.5 && open >= 0 && open < openedShare
}

// Qualifies reports whether every other member of a cluster matches doc
// by the near-duplicate rule, so that doc may stand for the cluster: the
// similarity and containment reported against it are matches. A star's
// center always qualifies.
func (d *Dedup) Qualifies(members []uint32, doc uint32) bool {
	for _, m := range members {
		if m != doc && !d.matches(m, doc, d.estimate(m, doc)) {
			return false
		}
	}
	return true
}

// KeepOriginal returns the member of a cluster most likely to be the
// original that the others copy, among the members that qualify (see
// Qualifies). Of two members, the earlier is the original when both have
// a date (date returns a member's time in any unit that orders, and
// whether it has one; nil means none has). Otherwise their texts decide:
// one that is mostly inside the other while the other is not mostly inside
// it is a part — a truncated copy, an excerpt — and the other is the
// original; of two that are mostly inside each other, the one more inside
// the other is the version the other adds to (a brand, a local paragraph,
// furniture), not the one with more text. Then a dated member goes before
// an undated one, then the first.
func (d *Dedup) KeepOriginal(members []uint32, date func(doc uint32) (int64, bool)) uint32 {
	when := func(x uint32) (int64, bool) {
		if date == nil {
			return 0, false
		}
		return date(x)
	}
	const mostly = 0.5
	// better reports whether a is more likely the original than b.
	better := func(a, b uint32) bool {
		// A fuller version of a copy that begins as it does is more of
		// the original than the copy, whatever their dates.
		if d.fuller(a, b) {
			return true
		}
		if d.fuller(b, a) {
			return false
		}
		ta, oka := when(a)
		tb, okb := when(b)
		if oka && okb && ta != tb {
			return ta < tb
		}
		e := d.estimate(a, b) // Containment: the share of a inside b
		switch {
		case e.Containment == e.Contained:
		case e.Containment >= mostly && e.Contained >= mostly:
			// Mostly inside each other: the one more inside the other is
			// the version the other adds to.
			return e.Containment > e.Contained
		default:
			// The one more inside the other is a part of it (a truncated
			// copy, an excerpt, a copy with another story's paragraph).
			return e.Containment < e.Contained
		}
		if oka != okb {
			return oka
		}
		return a < b
	}
	best := members[0]
	for _, m := range members[1:] {
		if better(m, best) {
			best = m
		}
	}
	if d.Qualifies(members, best) {
		return best
	}
	// The next best that qualifies: the star's center does.
	rest := slices.Clone(members)
	slices.SortStableFunc(rest, func(a, b uint32) int {
		switch {
		case a == b:
			return 0
		case better(a, b):
			return -1
		}
		return 1
	})
	for _, m := range rest {
		if d.Qualifies(members, m) {
			return m
		}
	}
	return members[0] // not reached for a star
}

// Center returns the center of doc's cluster (doc itself for a singleton).
// It panics if Cluster has not been called since the last Add.
func (d *Dedup) Center(doc uint32) uint32 {
	if d.center == nil {
		panic("index: Center called before Cluster")
	}
	return d.center[doc]
}

// MemoryBytes returns the memory held for the documents added: band tables,
// b-bit signatures, edges and per-document arrays (capacity, not length).
func (d *Dedup) MemoryBytes() int {
	n := 8*cap(d.words) + 4*cap(d.card) + 4*cap(d.stamp) + 8*cap(d.edges) + 16*cap(d.quotes) + 8*cap(d.undecided)
	for i := range d.tables {
		n += d.tables[i].bytes()
	}
	return n + d.passages.bytes()
}

// furnitureGroups is how many unrelated groups of pages sharing one line
// with a document make the line furniture (see dropFurniture).
const furnitureGroups = 3

// dropFurniture removes from a document z's partners (the first nb its
// neighbours, the rest found by the passage keys in keys) those found by a
// line that pages of furnitureGroups groups or more share with z, no two
// of them linked (an edge or a neighbour in common other than z): a line
// shared by unrelated pages — a site's disclaimer, an editor's note, an
// item of a site-wide list — is furniture, not a story z quotes, while a
// story's lead that a digest quotes is shared with the story's copies,
// which are linked. It returns the partners and keys left, in order.
func dropFurniture(z uint32, partners []uint32, keys []uint64, nb int, linked func(a, b, z uint32) bool) ([]uint32, []uint64) {
	var drop []uint64
	var roots [2 * maxGroupNeighbours]int
	for i := nb; i < len(keys); i++ {
		k := keys[i]
		if k == 0 || slices.Contains(drop, k) || slices.Index(keys[nb:], k) < i-nb {
			continue // unknown, or a key already weighed
		}
		// The groups of the partners found by k, by the graph.
		var idx []int
		for j := i; j < len(keys); j++ {
			if keys[j] == k {
				idx = append(idx, j)
			}
		}
		if len(idx) < furnitureGroups {
			continue
		}
		groups := 0
		for a := range idx {
			roots[a] = -1
			for b := range a {
				if linked(partners[idx[a]], partners[idx[b]], z) {
					roots[a] = b
					break
				}
			}
			if roots[a] < 0 {
				groups++ // joins no earlier one (a lower bound, enough)
			}
		}
		if groups >= furnitureGroups {
			drop = append(drop, k)
		}
	}
	if len(drop) == 0 {
		return partners, keys
	}
	n := 0
	for i := range partners {
		if i < nb || !slices.Contains(drop, keys[i]) {
			partners[n], keys[n] = partners[i], keys[i]
			n++
		}
	}
	return partners[:n], keys[:n]
}
