package shingle

import (
	"bytes"
	"slices"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// class is the word-break class of a normalised character, a tailoring of
// the Word_Break property of Unicode Standard Annex #29 (see the package
// documentation for the differences).
type class uint8

const (
	clSep       class = iota // separator: dropped, ends a token
	clLetter                 // ALetter, Hebrew_Letter, Hangul and other alphabetic letters
	clDigit                  // Numeric (general category Nd)
	clIdeo                   // Han, Hiragana, Katakana and Thai-like scripts: one unit per character
	clMidLetter              // joins letter·letter, then dropped
	clMidNum                 // joins digit·digit, then dropped
	clMidNumLet              // joins letter·letter and digit·digit, then dropped
	clExtNumLet              // connector punctuation ('_'): joins anything, then dropped
	clExtend                 // combining marks: belong to the preceding character
	clFormat                 // invisible format controls: ignored
)

// classOf returns the word-break class of r, a character of normalised text.
func classOf(r rune) class {
	switch r {
	case '\'', '.', 0x2018, 0x2019, 0x2024, 0xFE52, 0xFF07, 0xFF0E:
		return clMidNumLet
	case 0x00B7, 0x0387, 0x055F, 0x05F4, 0x2027, 0xFE13, 0xFE55, 0xFF1A:
		// MidLetter without U+003A COLON: "10:30" and "note:see" split.
		return clMidLetter
	case ',', ';', 0x037E, 0x0589, 0x060C, 0x060D, 0x066C, 0x07F8, 0x2044,
		0xFE10, 0xFE14, 0xFE50, 0xFE54, 0xFF0C, 0xFF1B:
		return clMidNum
	}
	if r < 0x80 {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
			return clLetter
		case '0' <= r && r <= '9':
			return clDigit
		case r == '_':
			return clExtNumLet
		}
		return clSep
	}
	switch {
	case unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me):
		return clExtend
	case unicode.Is(unicode.Cf, r):
		return clFormat
	case unicode.Is(unicode.Nd, r):
		return clDigit
	case unicode.Is(unicode.Pc, r):
		return clExtNumLet
	case r == 0x30FC: // KATAKANA-HIRAGANA PROLONGED SOUND MARK (Lm, script Common)
		return clIdeo
	case unicode.In(r, unicode.L, unicode.Nl):
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana,
			unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) {
			return clIdeo
		}
		return clLetter
	}
	return clSep
}

// isWordClass reports whether c carries text into a token.
func isWordClass(c class) bool { return c == clLetter || c == clDigit }

// Entry flags.
const (
	fInert      = 1 << iota // the fast path may map this rune on its own (no stripping)
	fInertStrip             // the same when diacritics are stripped
	fCombines               // the rune itself may combine with a preceding one (normalised text)
	fSame                   // the rune is its own NFKC form and case-folds to itself (see Shingler.normal)
	fMapNFKC                // the mapping is the rune's NFKC form and case-folds to itself (fSame implies it)
	fMaybe                  // NFKC_Quick_Check is Maybe: the rune may compose with a preceding one
)

// Length codes of an entry's mapping.
const (
	lenExpansion = 0xFF // the mapping is longer than one rune: see page.exp
)

// entry describes one code point: its normalised form, the same with
// diacritics stripped, its class and whether the fast path may use it.
//
// The mappings are stored as UTF-8 bytes packed little-endian into a uint32
// (m, ml) so the hot path can feed them to the token hash without decoding.
// ml == 0 means the character produces no text; ml == lenExpansion means m
// indexes page.exp.
type entry struct {
	m, s   uint32
	ml, sl uint8
	cls    class // class of the mapping (raw text)
	own    class // class of the rune itself (normalised text)
	flags  uint8
	ccc    uint8 // canonical combining class of the rune
}

// page holds the entries of 256 consecutive code points.
type page struct {
	e   [256]entry
	exp [][]byte
}

// pages is a lazily filled, immutable-once-set cache of the character
// table. Building one page costs about a millisecond; text in one script
// touches a handful. Concurrent builders of the same page compute identical
// values, so whichever store wins is correct.
var pages [(unicode.MaxRune + 1) >> 8]atomic.Pointer[page]

// lookup returns the entry of r (a valid rune) and its page.
func lookup(r rune) (*entry, *page) {
	p := pages[r>>8].Load()
	if p == nil {
		p = buildPage(r >> 8)
		if !pages[r>>8].CompareAndSwap(nil, p) {
			p = pages[r>>8].Load()
		}
	}
	return &p.e[r&0xFF], p
}

func buildPage(n rune) *page {
	p := new(page)
	nz := newNormalizer()
	for i := range p.e {
		buildEntry(p, &p.e[i], n<<8|rune(i), nz)
	}
	return p
}

// normalizer computes the definition of mimeo's character normalisation:
// NFKC, full case folding, NFKC again, and optionally NFD, removal of
// nonspacing marks (general category Mn) and NFC. The composition is applied
// until the text no longer changes (at most four rounds), which makes it
// idempotent even for the few characters whose case folding is not closed
// under NFKC. The fast path must agree with it exactly; the table below is
// built with it, and the slow path runs it on whole spans of text.
//
// Input must be valid UTF-8. A normalizer is not safe for concurrent use.
type normalizer struct {
	fold              cases.Caser
	in, a, b, c, d, e []byte
}

func newNormalizer() *normalizer { return &normalizer{fold: cases.Fold()} }

// normalize returns the normal form of src. The result aliases the
// normalizer's buffers and is valid until the next call.
func (n *normalizer) normalize(src []byte, strip bool) []byte {
	n.in = append(n.in[:0], src...)
	for range 4 {
		n.a = norm.NFKC.Append(n.a[:0], n.in...)
		n.b = n.foldAppend(n.b[:0], n.a)
		n.c = norm.NFKC.Append(n.c[:0], n.b...)
		if strip {
			n.c = n.stripMarks(n.c)
		}
		if bytes.Equal(n.c, n.in) {
			break
		}
		n.in, n.c = n.c, n.in
	}
	return n.in
}

func (n *normalizer) foldAppend(dst, src []byte) []byte {
	n.fold.Reset()
	for {
		if cap(dst)-len(dst) < len(src)+16 {
			dst = slices.Grow(dst, len(src)+16)
		}
		nDst, nSrc, err := n.fold.Transform(dst[len(dst):cap(dst)], src, true)
		dst = dst[:len(dst)+nDst]
		src = src[nSrc:]
		if err != transform.ErrShortDst {
			return dst
		}
		dst = slices.Grow(dst, 2*len(src)+16)
	}
}

// stripMarks returns NFC(removeMn(NFD(s))), reusing s's storage.
func (n *normalizer) stripMarks(s []byte) []byte {
	n.d = norm.NFD.Append(n.d[:0], s...)
	n.e = n.e[:0]
	for i := 0; i < len(n.d); {
		r, size := utf8.DecodeRune(n.d[i:])
		if !unicode.Is(unicode.Mn, r) {
			n.e = append(n.e, n.d[i:i+size]...)
		}
		i += size
	}
	return norm.NFC.Append(s[:0], n.e...)
}

func (n *normalizer) normalizeString(s string, strip bool) string {
	return string(n.normalize([]byte(s), strip))
}

// boundaryBefore reports whether r starts a normalisation segment: it has
// canonical combining class 0 and never composes with a preceding character.
func boundaryBefore(r rune) bool {
	return norm.NFC.PropertiesString(string(r)).BoundaryBefore()
}

// uniformClass returns the class shared by every rune of s, and false when
// s is empty or its runes differ in class.
func uniformClass(s string) (class, bool) {
	c, first := clSep, true
	for _, r := range s {
		rc := classOf(r)
		if first {
			c, first = rc, false
		} else if rc != c {
			return c, false
		}
	}
	return c, !first
}

func allBoundaryBefore(s string) bool {
	for _, r := range s {
		if !boundaryBefore(r) {
			return false
		}
	}
	return true
}

func buildEntry(p *page, e *entry, r rune, nz *normalizer) {
	if !utf8.ValidRune(r) { // surrogates: never produced by the decoder
		e.cls, e.own, e.flags = clSep, clSep, fInert|fInertStrip
		return
	}
	src := string(r)
	e.own = classOf(r)
	if !boundaryBefore(r) {
		e.flags |= fCombines
	}
	m := nz.normalizeString(src, false)
	if norm.NFKC.QuickSpanString(src) != len(src) {
		// Quick check No or Maybe: a lone rune that may compose with a
		// preceding one is not known to be normal on its own.
		e.flags |= fMaybe
	}
	e.ccc = norm.NFKC.PropertiesString(src).CCC()
	cls, uniform := uniformClass(m)
	if !uniform {
		// Mixed mappings such as "⑴" → "(1)" are handled by the slow path;
		// the class only guides the look-ahead after a mid character.
		if r0, _ := utf8.DecodeRuneInString(m); m != "" {
			cls = classOf(r0)
		}
	}
	e.cls = cls

	// The rune may be mapped on its own when its decomposition starts a
	// segment and the mapped text neither composes with what precedes it
	// nor can be reordered: then normalising a string of such runes is the
	// same as concatenating their mappings.
	nfkd := norm.NFKD.String(src)
	first, _ := utf8.DecodeRuneInString(nfkd)
	context := boundaryBefore(first) && allBoundaryBefore(m) && uniform
	if cls != clSep && cls != clLetter && cls != clDigit && utf8.RuneCountInString(m) != 1 {
		// A mid, ideographic or mark mapping must stay one character,
		// since the segmentation rules count characters of those classes.
		context = false
	}
	if cls == clSep {
		// Separators produce no text; only their being separators matters.
		if context {
			e.flags |= fInert | fInertStrip
		}
		return
	}
	if context {
		e.flags |= fInert
	}
	e.m, e.ml = pack(p, m)
	// Only an entry that keeps its mapping: a separator's is not kept.
	if m == norm.NFKC.String(src) && string(nz.foldAppend(nil, []byte(m))) == m {
		e.flags |= fMapNFKC
		if m == src {
			e.flags |= fSame
		}
	}

	s := nz.normalizeString(src, true)
	if context && allBoundaryBefore(s) {
		if s == "" {
			e.flags |= fInertStrip // a mark that stripping removes
		} else if sc, ok := uniformClass(s); ok && sc == cls && (utf8.RuneCountInString(s) == 1 || isWordClass(cls)) {
			e.flags |= fInertStrip
		}
	}
	e.s, e.sl = pack(p, s)
}

// pack stores s in an entry's (bytes, length) pair.
func pack(p *page, s string) (uint32, uint8) {
	if len(s) <= 4 {
		var u uint32
		for i := len(s) - 1; i >= 0; i-- {
			u = u<<8 | uint32(s[i])
		}
		return u, uint8(len(s))
	}
	p.exp = append(p.exp, []byte(s))
	return uint32(len(p.exp) - 1), lenExpansion
}
