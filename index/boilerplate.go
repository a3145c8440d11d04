package index

import (
	"bytes"
	"encoding/binary"
	"maps"
	"math/bits"
	"slices"
	"strings"

	"github.com/cespare/xxhash/v2"
)

// DefaultBoilerplateDocs is how many different documents of one site a line
// must appear in to count as that site's boilerplate.
const DefaultBoilerplateDocs = 3

// Boilerplate learns which lines of text are a site's furniture —
// navigation, "Related" and "Trending" lists, footers — and removes them.
//
// A line is boilerplate on a site when it appears in at least MinDocs
// different documents of that site. Counting per site is what keeps a
// syndicated story intact: its paragraphs recur in every copy, but each
// copy is on a different site. Exact repeats of a document on one site are
// counted once, so a story published twice on one site does not turn its
// own lines into boilerplate. Documents without a site are left alone.
//
// First sightings of a (site, line) pair go to a Bloom filter; pairs seen
// again are counted exactly. Memory is about 1.25 bytes per distinct line
// plus the repeated ones, so the model scales to crawls.
//
// Observe every document first, then Strip them; Observe is not safe for
// concurrent use, Strip is (it only reads).
type Boilerplate struct {
	minDocs  int
	seenDocs map[uint64]struct{} // (site, text) hashes already counted
	bloom    bloom
	counts   map[uint64]uint32 // (site, line) pairs seen twice or more
	counted  []uint64          // a filter of the keys of counts (see maybeCounted)
	scratch  []uint64
	// legacy: the keys are hashed as a model file of version 1 has them
	// (passageKey), not in two lanes (lineKey).
	legacy bool
}

// NewBoilerplate returns an empty model. minDocs ≤ 0 means
// DefaultBoilerplateDocs; expectedLines sizes the Bloom filter (it grows
// when exceeded).
func NewBoilerplate(minDocs, expectedLines int) *Boilerplate {
	if minDocs <= 0 {
		minDocs = DefaultBoilerplateDocs
	}
	b := &Boilerplate{
		minDocs:  minDocs,
		seenDocs: make(map[uint64]struct{}),
		counts:   make(map[uint64]uint32),
	}
	b.bloom.init(max(expectedLines, 1<<16))
	return b
}

// Site returns the site of a URL: its host, lower-cased, without a "www."
// prefix or port; "" if there is none.
func Site(url string) string {
	s := url
	if i := strings.Index(s, "://"); i > 0 && isScheme(s[:i]) {
		s = s[i+3:]
	} else {
		return "" // relative, or a URL inside a relative one's query
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 && !strings.Contains(s[i:], "]") {
		s = s[:i]
	}
	s = strings.ToLower(s)
	return strings.TrimPrefix(s, "www.")
}

// isScheme reports whether s is a URL scheme: a letter, then letters,
// digits, '+', '-' or '.'.
func isScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c|0x20 && c|0x20 <= 'z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// lineKeys appends the keys of text's distinct non-empty lines on site,
// sorted, to dst.
func (b *Boilerplate) lineKeys(dst []uint64, site uint64, text []byte) []uint64 {
	return b.pageKeys(dst, site, text, nil)
}

// pageKeys is lineKeys of the lines of page and text together, sorted
// once.
func (b *Boilerplate) pageKeys(dst []uint64, site uint64, text, page []byte) []uint64 {
	for _, t := range [2][]byte{page, text} {
		for len(t) > 0 {
			var line []byte
			line, t = nextLine(t)
			if k, ok := b.key(site, line); ok {
				dst = append(dst, k)
			}
		}
	}
	slices.Sort(dst)
	return slices.Compact(dst)
}

// lineKey hashes a line with its site, ignoring surrounding white space
// (a line feed included) and ASCII case. Lines without a letter or digit
// have no key. Two lanes of 8 bytes each hash apart, so that their
// multiplications overlap. (Keys are in the site model's file: changing
// the hash changes its format.)
func lineKey(site uint64, line []byte) (uint64, bool) {
	line = bytes.TrimSpace(line)
	h0 := site ^ uint64(len(line))*0x9E3779B97F4A7C15
	h1 := h0 ^ 0x6A09E667F3BCC909
	var alnum uint64
	for len(line) >= 16 {
		x0, a0 := foldCase(binary.LittleEndian.Uint64(line))
		x1, a1 := foldCase(binary.LittleEndian.Uint64(line[8:]))
		alnum |= a0 | a1
		h0 = bits.RotateLeft64((h0^x0)*0xD6E8FEB86659FD93, 29) * 0x9E3779B97F4A7C15
		h1 = bits.RotateLeft64((h1^x1)*0xD6E8FEB86659FD93, 29) * 0x9E3779B97F4A7C15
		line = line[16:]
	}
	for len(line) > 0 {
		var x, a uint64
		x, a, line = nextChunk(line)
		alnum |= a
		h0 = bits.RotateLeft64((h0^x)*0xD6E8FEB86659FD93, 29) * 0x9E3779B97F4A7C15
	}
	h := h0 ^ bits.RotateLeft64(h1, 32)*0xBF58476D1CE4E5B9
	h ^= h >> 31
	return h, alnum != 0
}

// key is the model's key of a line on a site: lineKey, or for a model read
// from a file of version 1 the hash that version wrote.
func (b *Boilerplate) key(site uint64, line []byte) (uint64, bool) {
	if b.legacy {
		return passageKey(site, line)
	}
	return lineKey(site, line)
}

// nextChunk returns the next 8 bytes of line (fewer at its end, as the low
// bytes of a word) folded by foldCase, and the rest of line.
func nextChunk(line []byte) (x, alnum uint64, rest []byte) {
	if len(line) >= 8 {
		x, rest = binary.LittleEndian.Uint64(line), line[8:]
	} else {
		for i := len(line) - 1; i >= 0; i-- {
			x = x<<8 | uint64(line[i])
		}
	}
	x, alnum = foldCase(x)
	return x, alnum, rest
}

// foldCase lower-cases the ASCII letters of 8 bytes and returns them with
// bit 7 set in each byte that is a letter, a digit or not ASCII.
func foldCase(x uint64) (uint64, uint64) {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	// Lower-case ASCII letters: add 0x20 to bytes in 'A'..'Z'.
	y := x &^ high
	upper := (y + (0x80-'A')*ones) &^ (y + (0x7F-'Z')*ones) &^ x & high
	x += upper >> 2
	lower := x &^ high
	letter := (lower + (0x80-'a')*ones) &^ (lower + (0x7F-'z')*ones)
	digit := (lower + (0x80-'0')*ones) &^ (lower + (0x7F-'9')*ones)
	return x, (letter|digit)&^x&high | x&high
}

// passageKey hashes a passage (a line's first or last words) as lineKey
// did before it hashed in two lanes. Passage keys are in the index's
// segments, and a site model file of version 1 holds line keys so hashed:
// changing the hash changes their format.
func passageKey(salt uint64, line []byte) (uint64, bool) {
	line = bytes.TrimSpace(line)
	h := salt ^ uint64(len(line))*0x9E3779B97F4A7C15
	var alnum uint64
	for len(line) > 0 {
		var x, a uint64
		x, a, line = nextChunk(line)
		alnum |= a
		h = bits.RotateLeft64((h^x)*0xD6E8FEB86659FD93, 29) * 0x9E3779B97F4A7C15
	}
	h ^= h >> 31
	return h, alnum != 0
}

func siteHash(site string) uint64 { return xxhash.Sum64String(site) * 0x9E3779B97F4A7C15 }

// Observe counts the lines of one document of site.
func (b *Boilerplate) Observe(site string, text []byte) { b.ObservePage(site, text, nil) }

// firstSight marks the document of site known by text as observed, and
// reports the site's hash and whether the document is new (false for no
// site).
func (b *Boilerplate) firstSight(site string, text []byte) (uint64, bool) {
	if site == "" {
		return 0, false
	}
	sh := siteHash(site)
	doc := xxhash.Sum64(text) ^ sh
	if _, ok := b.seenDocs[doc]; ok {
		return sh, false
	}
	b.seenDocs[doc] = struct{}{}
	return sh, true
}

// countKeys counts one document's distinct line keys.
func (b *Boilerplate) countKeys(keys []uint64) {
	for _, k := range keys {
		if b.maybeCounted(k) {
			if n, ok := b.counts[k]; ok {
				b.counts[k] = n + 1
				continue
			}
		}
		if !b.bloom.addNew(k) {
			b.count(k) // seen once before (or a Bloom false positive)
		}
	}
}

// ObservePage is Observe for a page whose text is its main text, taken
// from a page whose whole text is page (an HTML page's visible text): it
// counts the lines of both, as lines of one document known by text. A
// site's furniture is then learned on every page that shows it — a
// comment policy, an author box — though only some pages' main texts
// keep it (those of short stories): Strip, Clean and the features of the
// main text leave it out.
func (b *Boilerplate) ObservePage(site string, text, page []byte) {
	if sh, ok := b.firstSight(site, text); ok {
		// The model's own hash (b.key), a file of version 1's too.
		b.scratch = b.pageKeys(b.scratch[:0], sh, text, page)
		b.countKeys(b.scratch)
	}
}

// PageKeys reports whether SitePageKeys and SiteLineKeys compute this
// model's keys (true for none): not for a model read from a file of
// version 1, whose keys are hashed as that version had them.
func (b *Boilerplate) PageKeys() bool { return b == nil || !b.legacy }

// ObserveKeys is Observe of a document known by its text whose lines'
// keys are keys (SitePageKeys or SiteLineKeys of site: sorted, distinct),
// computed where the document was read; only for a model whose PageKeys
// is true.
func (b *Boilerplate) ObserveKeys(site string, text []byte, keys []uint64) {
	if _, ok := b.firstSight(site, text); ok {
		b.countKeys(keys)
	}
}

// ObserveLines is ObservePage of a document of site known by text, the
// keys of whose lines are keys (AppendLineKeys of site and text, in
// order) and those of its page's lines pageKeys (SiteLineKeys of the
// page's whole text; nil for none): it counts the same lines without
// hashing them. Only for a model whose PageKeys is true.
func (b *Boilerplate) ObserveLines(site string, text []byte, keys, pageKeys []uint64) {
	if _, ok := b.firstSight(site, text); !ok {
		return
	}
	s := b.scratch[:0]
	for _, k := range keys {
		if k != 0 {
			s = append(s, k)
		}
	}
	s = append(s, pageKeys...)
	slices.Sort(s)
	s = slices.Compact(s)
	b.scratch = s
	b.countKeys(s)
}

// maybeCounted tells by a filter of the keys of counts (b.counted: one bit
// a key, rebuilt at 16 bits a counted key when it falls below 8) whether k
// may be counted: a line whose bit is clear is not, which most lines of a
// page are not — cheaper to learn than from the map.
func (b *Boilerplate) maybeCounted(k uint64) bool {
	if len(b.counted) == 0 {
		return false
	}
	i := k % uint64(64*len(b.counted))
	return b.counted[i/64]&(1<<(i%64)) != 0
}

// count starts counting k (seen twice), growing the filter as needed.
func (b *Boilerplate) count(k uint64) {
	b.counts[k] = 2
	if 8*len(b.counts) > 64*len(b.counted) {
		b.rebuildCounted()
		return
	}
	i := k % uint64(64*len(b.counted))
	b.counted[i/64] |= 1 << (i % 64)
}

// rebuildCounted sizes the filter for 16 bits a counted key and sets it.
func (b *Boilerplate) rebuildCounted() {
	b.counted = make([]uint64, max(16, (16*len(b.counts)+63)/64))
	m := uint64(64 * len(b.counted))
	for k := range b.counts {
		i := k % m
		b.counted[i/64] |= 1 << (i % 64)
	}
}

// IsBoilerplate reports whether line is boilerplate on site.
func (b *Boilerplate) IsBoilerplate(site string, line []byte) bool {
	if site == "" {
		return false
	}
	return b.view(site, nil).has(b.key(siteHash(site), line))
}

// Observed reports whether Observe has counted text on site (an exact
// repeat counts for nothing more).
func (b *Boilerplate) Observed(site string, text []byte) bool {
	if site == "" {
		return false
	}
	_, ok := b.seenDocs[xxhash.Sum64(text)^siteHash(site)]
	return ok
}

// MinDocs returns the number of documents of a site a line must appear in
// to be its boilerplate.
func (b *Boilerplate) MinDocs() int { return b.minDocs }

// Clone returns a copy of the model, which Observe may change while the
// original is read.
func (b *Boilerplate) Clone() *Boilerplate {
	c := &Boilerplate{
		minDocs:  b.minDocs,
		legacy:   b.legacy,
		seenDocs: maps.Clone(b.seenDocs),
		counts:   maps.Clone(b.counts),
		counted:  slices.Clone(b.counted),
		bloom:    bloom{n: b.bloom.n, cap: b.bloom.cap},
	}
	for _, fl := range b.bloom.filters {
		c.bloom.filters = append(c.bloom.filters, slices.Clone(fl))
	}
	return c
}

// siteLines is the model as one document of one site sees it: a line is
// boilerplate when need documents of the site have it — minDocs, or one
// fewer for a document the model has not observed, which counts as one
// more (so that a page is cleaned the same before and after Observe).
type siteLines struct {
	b    *Boilerplate
	sh   uint64
	need uint32
	// keys, when not nil, are the keys of the document's lines in order
	// (AppendLineKeys), computed where it was read.
	keys []uint64
}

// view returns the model as a document of site with text sees it: text
// nil means one it has observed. The zero siteLines (no model, no site, or
// nothing that can be boilerplate yet) holds no line.
func (b *Boilerplate) view(site string, text []byte) siteLines {
	if b == nil || site == "" {
		return siteLines{}
	}
	v := siteLines{b: b, sh: siteHash(site), need: uint32(b.minDocs)}
	if text != nil && !b.Observed(site, text) {
		v.need--
	}
	if len(b.counts) == 0 && v.need >= 2 {
		return siteLines{}
	}
	return v
}

// has reports whether the line of key k (ok: it has a key) is
// boilerplate.
func (v siteLines) has(k uint64, ok bool) bool {
	if v.b == nil || !ok {
		return false
	}
	var n uint32
	counted := false
	if v.b.maybeCounted(k) {
		n, counted = v.b.counts[k]
	}
	if !counted && v.need <= 1 && v.b.bloom.contains(k) {
		n = 1 // seen once
	}
	return n >= v.need
}

// line reports whether a line (with or without its line feed) is
// boilerplate.
func (v siteLines) line(line []byte) bool {
	return v.b != nil && v.has(v.b.key(v.sh, line))
}

// lineAt is line for the document's n-th line, looked up by its key in
// v.keys when it has them.
func (v siteLines) lineAt(n int, line []byte) bool {
	if v.b == nil {
		return false
	}
	if n < len(v.keys) {
		return v.has(v.keys[n], v.keys[n] != 0)
	}
	return v.line(line)
}

// AppendLineKeys appends to dst the site model's key of each line of text
// on site, in order, one a line (0 for a line that has none: one without
// a letter or digit, or, once in 2⁶⁴, a line whose key is 0): the keys
// Observe counts and Clean looks up, for ObserveLines and
// Featurizer.ExtractLines, which then need not hash the lines again. Only
// for a model whose PageKeys is true; nothing for no site.
func AppendLineKeys(dst []uint64, site string, text []byte) []uint64 {
	if site == "" {
		return dst
	}
	sh := siteHash(site)
	for len(text) > 0 {
		var line []byte
		line, text = nextLine(text)
		k, ok := lineKey(sh, line)
		if !ok {
			k = 0
		}
		dst = append(dst, k)
	}
	return dst
}

// Strip appends text without its boilerplate lines on site to dst, and
// reports how many lines it removed.
func (b *Boilerplate) Strip(dst []byte, site string, text []byte) ([]byte, int) {
	v := b.view(site, nil)
	if v.b == nil {
		return append(dst, text...), 0
	}
	removed := 0
	for len(text) > 0 {
		var line []byte
		line, text = nextLine(text)
		if v.line(line) {
			removed++
			continue
		}
		dst = append(dst, line...)
	}
	return dst, removed
}

// Lines returns how many (site, line) pairs are boilerplate.
func (b *Boilerplate) Lines() int {
	n := 0
	for _, c := range b.counts {
		if c >= uint32(b.minDocs) {
			n++
		}
	}
	return n
}

// bloom is a Bloom filter of 10 bits and 4 probes per expected key, about
// 1 % false positives at capacity; past capacity it adds another filter.
type bloom struct {
	filters [][]uint64
	n, cap  int
}

func (f *bloom) init(capacity int) {
	f.cap = capacity
	f.filters = append(f.filters, make([]uint64, (10*capacity+63)/64))
	f.n = 0
}

func (f *bloom) has(bitsets []uint64, k uint64) bool {
	m := uint64(len(bitsets) * 64)
	h1, h2 := k, k>>32|k<<32|1
	for i := range uint64(4) {
		p, _ := bits.Mul64(h1+i*h2, m) // in [0, m) without a division
		if bitsets[p/64]&(1<<(p%64)) == 0 {
			return false
		}
	}
	return true
}

// contains reports whether k was added (or is a false positive).
func (f *bloom) contains(k uint64) bool {
	for _, fl := range f.filters {
		if f.has(fl, k) {
			return true
		}
	}
	return false
}

// addNew adds k and reports whether it was absent.
func (f *bloom) addNew(k uint64) bool {
	for _, fl := range f.filters {
		if f.has(fl, k) {
			return false
		}
	}
	if f.n >= f.cap {
		f.init(2 * f.cap)
	}
	fl := f.filters[len(f.filters)-1]
	m := uint64(len(fl) * 64)
	h1, h2 := k, k>>32|k<<32|1
	for i := range uint64(4) {
		p, _ := bits.Mul64(h1+i*h2, m)
		fl[p/64] |= 1 << (p % 64)
	}
	f.n++
	return true
}

// MemoryBytes returns the memory held by the model, approximately.
func (b *Boilerplate) MemoryBytes() int {
	n := 48*len(b.counts) + 40*len(b.seenDocs)
	for _, fl := range b.bloom.filters {
		n += 8 * len(fl)
	}
	return n
}
