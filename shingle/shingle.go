package shingle

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind selects what a shingle is made of.
type Kind uint8

const (
	// Words makes shingles of N consecutive tokens (the default).
	Words Kind = iota
	// Chars makes shingles of N consecutive characters of the normalised
	// text, spaces between tokens included.
	Chars
)

// String returns "words" or "chars".
func (k Kind) String() string {
	switch k {
	case Words:
		return "words"
	case Chars:
		return "chars"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Defaults and limits of Options.N.
const (
	DefaultWordN = 5  // tokens per shingle for Words
	DefaultCharN = 9  // characters per shingle for Chars
	MaxN         = 64 // the largest N accepted
)

// Options configure a Shingler. The zero value means word 5-shingles,
// seed 0, digits and diacritics kept.
//
// Every field changes the hashes produced, so an index must record all of
// them (see the index package's recipe).
type Options struct {
	Kind Kind
	// N is the shingle length in tokens (Words) or characters (Chars);
	// 0 means DefaultWordN or DefaultCharN.
	N int
	// Seed keys the shingle hash. Different seeds give unrelated hashes.
	Seed uint64
	// FoldDigits maps every decimal digit to '0', so that numbers of the
	// same length match ("2024" ~ "1999").
	FoldDigits bool
	// StripDiacritics removes nonspacing marks after canonical
	// decomposition ("café" ~ "cafe", "Ärger" ~ "arger").
	StripDiacritics bool
}

// ErrOptions reports invalid Options.
var ErrOptions = errors.New("shingle: invalid options")

func (o Options) withDefaults() (Options, error) {
	switch o.Kind {
	case Words:
		if o.N == 0 {
			o.N = DefaultWordN
		}
	case Chars:
		if o.N == 0 {
			o.N = DefaultCharN
		}
	default:
		return o, fmt.Errorf("%w: unknown kind %d", ErrOptions, o.Kind)
	}
	if o.N < 1 || o.N > MaxN {
		return o, fmt.Errorf("%w: N = %d, want 1 to %d", ErrOptions, o.N, MaxN)
	}
	return o, nil
}

// String describes the shingle kind and size as ParseSpec accepts it,
// e.g. "words:5".
func (o Options) String() string {
	o, err := o.withDefaults()
	if err != nil {
		return "invalid"
	}
	return o.Kind.String() + ":" + strconv.Itoa(o.N)
}

// ParseSpec parses "words:N", "chars:N", "words" or "chars" and sets Kind
// and N of o, leaving the other fields alone.
func ParseSpec(spec string, o Options) (Options, error) {
	kind, num, hasNum := strings.Cut(spec, ":")
	switch kind {
	case "words", "word", "w":
		o.Kind = Words
	case "chars", "char", "c":
		o.Kind = Chars
	default:
		return o, fmt.Errorf("%w: shingle spec %q: want words:N or chars:N", ErrOptions, spec)
	}
	o.N = 0
	if hasNum {
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 || n > MaxN {
			return o, fmt.Errorf("%w: shingle spec %q: N must be 1 to %d", ErrOptions, spec, MaxN)
		}
		o.N = n
	}
	return o.withDefaults()
}

// Hash constants: odd multipliers with well-mixed bits.
const (
	kChunk1 = 0x9E3779B97F4A7C15
	kChunk2 = 0xD6E8FEB86659FD93
	kFinish = 0xBF58476D1CE4E5B9
	kFull   = 0x94D049BB133111EB
	kShort  = 0x2545F4914F6CDD1D
	kChars  = 0xA0761D6478BD642F
)

// mixChunk folds one 8-byte chunk into the token hash. It is a bijection.
func mixChunk(h uint64) uint64 {
	return bits.RotateLeft64(h*kChunk1, 31) * kChunk2
}

// finish turns a window hash into a shingle hash keyed by seed: one
// multiply and a shift spread the XOR of rotated token hashes (already well
// mixed) over all 64 bits.
func finish(roll, seed uint64) uint64 {
	x := (roll ^ seed) * kFinish
	return x ^ x>>29
}

// fmix64 is the MurmurHash3 finaliser: a bijection with full avalanche.
func fmix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// hashToken is the token hash: the bytes in little-endian 8-byte chunks,
// the last one zero-padded, each folded in with mixChunk. Tokens never
// contain a zero byte, so the padding cannot make two tokens alike. The
// streaming code in Shingler computes the same value.
func hashToken(b []byte) uint64 {
	var h uint64
	for len(b) >= 8 {
		h = mixChunk(h ^ le64(b))
		b = b[8:]
	}
	if len(b) > 0 {
		var w uint64
		for i := len(b) - 1; i >= 0; i-- {
			w = w<<8 | uint64(b[i])
		}
		h = mixChunk(h ^ w)
	}
	return h
}

func le64(b []byte) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// A Shingler turns text into normalised tokens and hashed shingles. It keeps
// scratch buffers between calls, so that a warmed-up Shingler allocates
// nothing; it is not safe for concurrent use (use one per goroutine).
//
// Its methods never panic on any input, valid UTF-8 or not.
type Shingler struct {
	opt       Options
	inertFlag uint8
	acls      [128]class // fast path: class of ASCII bytes
	seedFull  uint64
	seedShort uint64
	seedChars uint64

	// Mode of the current call.
	text     bool // write normalised text to out instead of hashing tokens
	noFast   bool // tests: send ASCII through the general path too
	noBlock  bool // tests: use the byte-wise ASCII path instead of blocks
	normMode bool // processing already-normalised bytes of a slow span

	out []byte   // text mode output
	sp  bool     // text mode: the next token needs a space before it
	dst []uint64 // hash mode output

	// The token being built.
	inTok    bool
	tokCls   class // class of its last word character, or clExtNumLet
	tokStart int   // raw offset of its first character
	tokOut   int   // text mode: len(out) when it started
	tokLen   int   // bytes of normalised text in it
	gap      bool  // a character was dropped since the last one kept
	h, w     uint64
	wn       uint // bytes waiting in w

	// The ideographic run being built: units are a character and its marks.
	inRun     bool
	units     int // units in the run
	prevU     []byte
	curU      []byte
	unitStart int  // raw offset of curU
	unitOut   int  // text mode: len(out) when curU started
	unitGap   bool // gap before curU

	toks []uint64 // hash mode: the token hashes of the document

	nz      *normalizer // slow path, created on first use
	spanBuf []byte      // slow path: a span normalised character by character
	// The last combining mark the general path took as it is (inlineMark):
	// the raw offset after it (-1: none) and its combining class.
	markAt  int
	markCCC uint8

	slowSpans int     // spans sent through x/text (tests)
	runeOff   []int32 // Chars: offsets of the runes of the normalised text
	chars     []byte  // Chars: normalised text
}

// New returns a Shingler for the options.
func New(o Options) (*Shingler, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	s := &Shingler{opt: o, inertFlag: fInert}
	if o.StripDiacritics {
		s.inertFlag = fInertStrip
	}
	for c := range 128 {
		s.acls[c] = classOf(rune(c))
	}
	s.seedFull = fmix64(o.Seed ^ kFull)
	s.seedShort = fmix64(o.Seed ^ kShort)
	s.seedChars = fmix64(o.Seed ^ kChars)
	return s, nil
}

// Options returns the options in effect, defaults filled in.
func (s *Shingler) Options() Options { return s.opt }

// AppendHashes appends the hashes of the shingles of text to dst and returns
// the extended slice. Repeated shingles are appended each time they occur.
//
// A text with at least one token but fewer than N (fewer than N characters
// for Chars) yields exactly one shingle, made of all of it, whose hash
// differs from every N-token shingle's. A text without tokens yields none.
func (s *Shingler) AppendHashes(dst []uint64, text []byte) []uint64 {
	if s.opt.Kind == Chars {
		return s.appendCharHashes(dst, text)
	}
	s.begin(false)
	s.dst = dst
	s.scan(text)
	s.finish()
	dst, s.dst = s.dst, nil
	return dst
}

// AppendNormalized appends the normalised form of text to dst: its tokens
// separated by single spaces, an ideographic run written as one token. Words
// shingles of the result equal those of text, and normalising it again
// changes nothing.
func (s *Shingler) AppendNormalized(dst, text []byte) []byte {
	s.begin(true)
	s.out = dst
	s.scan(text)
	s.finish()
	dst, s.out = s.out, nil
	return dst
}

func (s *Shingler) begin(text bool) {
	s.text = text
	s.sp = false
	s.inTok, s.inRun = false, false
	s.prevU, s.curU = s.prevU[:0], s.curU[:0]
	s.toks = s.toks[:0]
}

func (s *Shingler) finish() {
	s.endToken()
	s.endRun()
	if !s.text {
		s.dst = appendShingles(s.dst, s.toks, s.opt.N, s.seedFull, s.seedShort)
	}
}

// emit records a token hash.
func (s *Shingler) emit(t uint64) { s.toks = append(s.toks, t) }

// appendShingles appends the hash of every window of n consecutive token
// hashes: XOR of rotl(t_j, n-1-j) over the window, updated in O(1) per
// token, then keyed with seed by finish. Fewer than n tokens make one
// shingle of all of them, keyed with short and their number.
func appendShingles(dst, toks []uint64, n int, seed, short uint64) []uint64 {
	if len(toks) == 0 {
		return dst
	}
	var roll uint64
	if len(toks) < n {
		for _, t := range toks {
			roll = bits.RotateLeft64(roll, 1) ^ t
		}
		return append(dst, fmix64(roll^short^uint64(len(toks))))
	}
	for _, t := range toks[:n-1] {
		roll = bits.RotateLeft64(roll, 1) ^ t
	}
	dst = slices.Grow(dst, len(toks)-n+1)
	out := dst[len(dst) : len(dst)+len(toks)-n+1]
	old := toks[:len(toks)-n+1]
	for i, t := range toks[n-1:] {
		roll = bits.RotateLeft64(roll, 1) ^ t
		out[i] = finish(roll, seed)
		roll ^= bits.RotateLeft64(old[i], n-1)
	}
	return dst[:len(dst)+len(out)]
}

// scan runs the tokenizer over text.
func (s *Shingler) scan(text []byte) {
	i := 0
	s.markAt = -1
	if s.text || s.noFast {
		for i < len(text) {
			i = s.general(text, i)
		}
		return
	}
	for i < len(text) {
		if !s.inTok && !s.inRun && !s.noBlock {
			if i = s.scanBlocks(text, i); i >= len(text) {
				break
			}
		}
		// The block path gave up on the next 64 bytes (non-ASCII, '_', a
		// very long token, the end of the text): take them byte by byte,
		// then try blocks again at the next boundary between tokens.
		limit := i + 64
		for i < len(text) && (i < limit || s.inTok || s.inRun) {
			if text[i] >= 0x80 {
				i = s.general(text, i)
				continue
			}
			if s.inRun {
				s.endRun()
			}
			i = s.scanASCII(text, i, limit)
		}
	}
}

// scanASCII is the byte-wise fast path: from text[i], an ASCII byte, it
// tokenizes ASCII text with the whole state in registers, consuming runs of
// letters and digits eight bytes at a time, and returns where the general
// path must take over (a non-ASCII byte, or a case it leaves to the general
// code), len(text), or the first offset at or after limit where no token
// is open.
func (s *Shingler) scanASCII(text []byte, i, limit int) int {
	var (
		inTok    = s.inTok
		h, w, wn = s.h, s.w, s.wn
		tl       = s.tokLen
		tokStart = s.tokStart
		tokCls   = s.tokCls
		toks     = s.toks
		fold     = s.opt.FoldDigits
	)
	for i < len(text) {
		c := text[i]
		if c >= 0x80 || (i >= limit && !inTok) {
			break
		}
		cl := s.acls[c]
		if cl == clLetter || cl == clDigit {
			if !inTok {
				inTok, tokStart, tl = true, i, 0
				h, w, wn = 0, 0, 0
			}
			for {
				var x uint64
				if i+8 <= len(text) {
					x = le64(text[i:])
				} else {
					for j := len(text) - 1; j >= i; j-- {
						x = x<<8 | uint64(text[j])
					}
				}
				// wordBlock (shingle_test.go, where it is checked against
				// a byte-by-byte reference), inlined by hand: too big for
				// the compiler to inline.
				y := x &^ high
				lower := y | 0x20*ones
				letter := (lower + (0x80-'a')*ones) &^ (lower + (0x7F-'z')*ones)
				digit := (y + (0x80-'0')*ones) &^ (y + (0x7F-'9')*ones)
				word := (letter | digit) &^ x & high
				k := bits.TrailingZeros64(^word&high) >> 3
				v := x | 0x20*ones
				if fold {
					v &^= (digit &^ x & high) >> 7 * 0x0F
				}
				if k < 8 {
					v &= 1<<(8*k) - 1
				}
				// Append the k bytes of v at byte wn of w; mix a full w.
				w |= v << (8 * wn)
				if wn+uint(k) >= 8 {
					h = mixChunk(h ^ w)
					w = v >> (8 * (8 - wn)) // what did not fit (0 if wn = 0)
					wn = wn + uint(k) - 8
				} else {
					wn += uint(k)
				}
				tl += k
				i += k
				if k < 8 {
					break
				}
			}
			tokCls = s.acls[text[i-1]]
			continue
		}
		if cl >= clMidLetter && cl <= clMidNumLet && inTok && midJoins(cl, tokCls) {
			if i+1 >= len(text) || text[i+1] >= 0x80 {
				break // the general code looks ahead past ASCII
			}
			if s.acls[text[i+1]] == tokCls {
				i++ // drop the mid character; the token goes on
				continue
			}
		}
		if cl == clExtNumLet {
			break
		}
		// A separator, or a mid character that does not join.
		if inTok {
			inTok = false
			if tl > 0 {
				t := h
				if wn > 0 {
					t = mixChunk(t ^ w)
				}
				toks = append(toks, t)
			}
		}
		i++
	}
	s.inTok = inTok
	s.h, s.w, s.wn, s.tokLen = h, w, wn, tl
	s.tokStart, s.tokCls = tokStart, tokCls
	s.toks = toks
	if i < len(text) && text[i] < 0x80 && (i < limit || inTok) {
		// Left to the general code: one character.
		return s.general(text, i)
	}
	return i
}

// movemask gathers bit 7 of each byte of x into bits 0..7 (byte 0 → bit 0).
func movemask(x uint64) uint64 {
	return ((x >> 7) & ones) * 0x0102040810204080 >> 56
}

// scanBlocks is the block fast path for ASCII text. It classifies 64 bytes
// at a time into bit masks (letters, digits, mid characters that join) and
// walks the tokens with bit operations, so that no step waits for the length
// of the previous token. It starts and stops only between tokens: a token
// that reaches the end of a block is left for the next block. It returns
// where the byte path must take over: at a block that holds a non-ASCII
// byte or '_' or one long token, or near the end of the text.
func (s *Shingler) scanBlocks(text []byte, i int) int {
	toks, fold := s.toks, s.opt.FoldDigits
	for i+65 <= len(text) {
		blk := text[i : i+65 : i+65]
		word, visible, ok := blockMasks((*[64]byte)(blk))
		if !ok {
			break // non-ASCII or '_'
		}
		// The byte after the block decides only whether a mid character
		// at its end joins. A non-ASCII byte counts as a letter: a token
		// it might join is then left to the next round (the byte path).
		c64 := clLetter
		if blk[64] < 0x80 {
			c64 = s.acls[blk[64]]
		}
		w64 := uint64(0)
		if c64 == clLetter || c64 == clDigit {
			w64 = 1
		}
		// Non-word bytes with word bytes on both sides may be joining mid
		// characters ("U.S", "don't", "3,000").
		joined := uint64(0)
		for cand := visible &^ word & (word << 1) & (word>>1 | w64<<63); cand != 0; cand &= cand - 1 {
			p := bits.TrailingZeros64(cand)
			cl, prev, next := s.acls[blk[p]], s.acls[blk[p-1]], c64
			if p < 63 {
				next = s.acls[blk[p+1]]
			}
			if midJoins(cl, prev) && next == prev {
				joined |= 1 << p
			}
		}
		tok := word | joined
		starts := tok &^ (tok << 1)
		ends := tok &^ (tok >> 1)
		stride := 64
		if tok>>63 != 0 {
			// The last token may go on past the block: leave it.
			last := 63 - bits.LeadingZeros64(starts)
			if last == 0 {
				break // one token fills the block
			}
			stride = last
			starts &= 1<<last - 1
		}
		for starts != 0 {
			a := bits.TrailingZeros64(starts)
			e := bits.TrailingZeros64(ends) + 1
			starts &= starts - 1
			ends &= ends - 1
			var t uint64
			switch {
			case joined>>a&(1<<(e-a)-1) != 0:
				t = hashJoined(blk[a:e], fold)
			case e-a <= 8 && !fold && i+a+8 <= len(text):
				// Most tokens: one chunk.
				x := le64(text[i+a:]) | 0x20*ones
				t = mixChunk(x & (1<<(8*(e-a)) - 1))
			default:
				t = hashASCII(text[i+a:], e-a, fold)
			}
			toks = append(toks, t)
		}
		i += stride
	}
	s.toks = toks
	return i
}

// blockMasks classifies 64 ASCII bytes: bit p of word is set if b[p] is
// an ASCII letter or digit, of visible if b[p] is above ' '. ok is false if
// a byte is not ASCII or is '_', which the block path leaves to the byte
// path.
func blockMasks(b *[64]byte) (word, visible uint64, ok bool) {
	var bad uint64
	for q := 0; q < 64; q += 8 {
		v := binary.LittleEndian.Uint64(b[q : q+8])
		lower := v | 0x20*ones
		l := (lower + (0x80-'a')*ones) &^ (lower + (0x7F-'z')*ones)
		d := (v + (0x80-'0')*ones) &^ (v + (0x7F-'9')*ones)
		u := v ^ '_'*ones
		bad |= v | ^(u+0x7F*ones)&^u
		word |= movemask((l|d)&^v&high) << q
		visible |= movemask((v+(0x80-0x21)*ones)&high) << q
	}
	return word, visible, bad&high == 0
}

// hashASCII returns hashToken of the first n bytes of b, all ASCII letters
// and digits, lower-cased and (if fold) with digits folded to '0'.
func hashASCII(b []byte, n int, fold bool) uint64 {
	var h uint64
	for {
		var x uint64
		if len(b) >= 8 {
			x = le64(b)
		} else {
			for j := len(b) - 1; j >= 0; j-- {
				x = x<<8 | uint64(b[j])
			}
		}
		x |= 0x20 * ones
		if fold {
			d := (x + (0x80-'0')*ones) &^ (x + (0x7F-'9')*ones) & high
			x &^= d >> 7 * 0x0F
		}
		if n <= 8 {
			return mixChunk(h ^ x&(1<<(8*n)-1))
		}
		h = mixChunk(h ^ x)
		b, n = b[8:], n-8
	}
}

// hashJoined returns hashToken of the letters and digits of b, lower-cased
// and (if fold) with digits folded: the token of a run with joining mid
// characters in it, which are dropped.
func hashJoined(b []byte, fold bool) uint64 {
	var h, w uint64
	var wn uint
	for _, c := range b {
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case '0' <= c && c <= '9':
			if fold {
				c = '0'
			}
		case c < 'a' || c > 'z':
			continue
		}
		w |= uint64(c) << (8 * wn)
		if wn++; wn == 8 {
			h, w, wn = mixChunk(h^w), 0, 0
		}
	}
	if wn > 0 {
		h = mixChunk(h ^ w)
	}
	return h
}

// SWAR constants: one byte value repeated in every byte of a word.
const (
	ones = 0x0101010101010101
	high = 0x8080808080808080
)

// midJoins reports whether a mid character of class mid may join a token
// whose last word character has class last.
func midJoins(mid, last class) bool {
	switch mid {
	case clMidLetter:
		return last == clLetter
	case clMidNum:
		return last == clDigit
	case clMidNumLet:
		return last == clLetter || last == clDigit
	}
	return false
}

// mid handles a mid character at raw offset i (next is the offset after
// it) and returns where to continue.
func (s *Shingler) mid(text []byte, i, next int, cl class) int {
	s.endRun()
	if s.inTok && midJoins(cl, s.tokCls) {
		nc, j, slow := s.nextClass(text, next)
		if slow {
			return s.slow(text, j)
		}
		if nc == s.tokCls {
			s.gap = true
			return j // the mid and anything attached to it are dropped
		}
	}
	s.endToken()
	return next
}

// nextClass returns the class of the first character at or after raw offset
// j that is not a mark or format control, and its offset. slow reports that
// a character on the way needs the slow path. In normalised text a
// character that may combine backwards reports clSep: it cannot join.
func (s *Shingler) nextClass(text []byte, j int) (cl class, at int, slow bool) {
	if s.normMode {
		for j < len(text) {
			r, size := utf8.DecodeRune(text[j:])
			e, _ := lookup(r)
			if e.own != clExtend && e.own != clFormat {
				if e.flags&fCombines != 0 {
					return clSep, j, false
				}
				return e.own, j, false
			}
			j += size
		}
		return clSep, j, false
	}
	for j < len(text) {
		c := text[j]
		if c < 0x80 {
			return s.acls[c], j, false
		}
		r, size := utf8.DecodeRune(text[j:])
		if r == utf8.RuneError && size <= 1 {
			return clSep, j, false
		}
		e, _ := lookup(r)
		if e.flags&s.inertFlag == 0 {
			return clSep, j, true
		}
		if e.cls != clExtend && e.cls != clFormat {
			return e.cls, j, false
		}
		j += size
	}
	return clSep, j, false
}

// general handles the character at raw offset i without the ASCII fast path
// and returns the offset after it.
func (s *Shingler) general(text []byte, i int) int {
	r, size := decodeRune(text, i)
	if r == utf8.RuneError && size <= 1 {
		// Invalid UTF-8 separates tokens like U+FFFD would.
		s.endToken()
		s.endRun()
		return i + 1
	}
	e, p := lookup(r)
	if e.flags&s.inertFlag == 0 {
		if !s.inlineMark(e, i) {
			return s.slow(text, i)
		}
		s.markAt, s.markCCC = i+size, e.ccc
		return s.char(text, i, i+size, clExtend, text[i:i+size], false)
	}
	u, l := e.m, e.ml
	if s.opt.StripDiacritics {
		u, l = e.s, e.sl
	}
	// Fast lanes for hashing the common characters: a letter or digit
	// that maps to at most four bytes, and an ideograph.
	if !s.text && l != lenExpansion {
		switch {
		case e.cls == clLetter || (e.cls == clDigit && !s.opt.FoldDigits):
			if s.inRun {
				s.endRun()
			}
			if !s.inTok {
				s.startToken(i)
			}
			s.feedPacked(u, uint(l))
			s.tokCls, s.gap = e.cls, false
			return s.letters(text, i+size)
		case e.cls == clIdeo:
			s.endToken()
			var buf [4]byte
			s.ideo(i, entryBytes(&buf, u, l, p))
			s.gap = false
			return i + size
		}
	}
	var buf [4]byte
	return s.char(text, i, i+size, e.cls, entryBytes(&buf, u, l, p), false)
}

// letters continues the token in progress with the non-ASCII letters and
// digits at raw offset i that the fast lane of general takes (inert, their
// mapping at most four bytes), without going back to the scan loop for
// each (Cyrillic, Greek, accented Latin words), and returns the offset of
// the first character it leaves to the loop.
func (s *Shingler) letters(text []byte, i int) int {
	strip, fold := s.opt.StripDiacritics, s.opt.FoldDigits
	for i+1 < len(text) {
		if c := text[i]; c < 0xC2 || c >= 0xF0 {
			return i // ASCII, four-byte or invalid: the loop's
		}
		r, size := decodeRune(text, i)
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		e, _ := lookup(r)
		if e.flags&s.inertFlag == 0 || !(e.cls == clLetter || e.cls == clDigit && !fold) {
			return i
		}
		u, l := e.m, e.ml
		if strip {
			u, l = e.s, e.sl
		}
		if l == lenExpansion {
			return i
		}
		s.feedPacked(u, uint(l))
		s.tokCls = e.cls
		i += size
	}
	return i
}

// inlineMark reports whether the combining mark of entry e at raw offset
// i may join the token or unit in progress as it is, without the slow
// path: it is its own normal form, composes with nothing before it, and
// follows a character of a canonical combining class no higher than its
// own (a mark taken so at markAt, else a character of class 0: what the
// general path maps on its own ends in one, and anything else went
// through the slow path up to a separator). The text so far then passes
// the NFKC quick check with the answer Yes, and so does it with the mark
// (see normal): normalising it leaves the mark after the mapped text. Not
// after a gap (a dropped character), where char treats a mark that may
// combine differently, nor when diacritics are stripped.
func (s *Shingler) inlineMark(e *entry, i int) bool {
	if s.opt.StripDiacritics || s.gap || e.cls != clExtend || e.flags&(fSame|fMaybe) != fSame {
		return false
	}
	prev := uint8(0)
	if s.markAt == i {
		prev = s.markCCC
	}
	return e.ccc >= prev
}

// decodeRune is utf8.DecodeRune(text[i:]) with the two- and three-byte
// sequences of most scripts decoded inline.
func decodeRune(text []byte, i int) (rune, int) {
	if c := text[i]; c >= 0xC2 && c < 0xE0 {
		if i+1 < len(text) && text[i+1]&0xC0 == 0x80 {
			return rune(c&0x1F)<<6 | rune(text[i+1]&0x3F), 2
		}
	} else if c >= 0xE1 && c < 0xF0 && c != 0xED {
		if i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 {
			return rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F), 3
		}
	}
	return utf8.DecodeRune(text[i:])
}

// feedPacked appends l ≤ 4 bytes, packed little-endian in u, to the token
// hash (hash mode only).
func (s *Shingler) feedPacked(u uint32, l uint) {
	wn := s.wn
	s.w |= uint64(u) << (8 * wn)
	if wn+l >= 8 {
		s.h = mixChunk(s.h ^ s.w)
		s.w = uint64(u) >> (8 * (8 - wn))
		wn -= 8
	}
	s.wn = wn + l
	s.tokLen += int(l)
}

func entryBytes(buf *[4]byte, u uint32, l uint8, p *page) []byte {
	if l == lenExpansion {
		return p.exp[u]
	}
	buf[0], buf[1], buf[2], buf[3] = byte(u), byte(u>>8), byte(u>>16), byte(u>>24)
	return buf[:l]
}

// char handles one character of class cl spanning text[i:next], whose
// normalised bytes are b, and returns where to continue. combines reports
// that the character may compose with a preceding one; it is only ever true
// for already-normalised text, whose characters the fast path never maps.
//
// A character dropped inside a token or run (a format control, a joining
// mid character or connector) leaves a gap. A combining character right
// after a gap would compose with the text before the gap once the gap is
// gone, so it may not join: a mark is dropped, a letter, digit or
// ideograph starts a new token or run. This keeps normalisation idempotent.
func (s *Shingler) char(text []byte, i, next int, cl class, b []byte, combines bool) int {
	switch cl {
	case clLetter, clDigit:
		s.endRun()
		if s.inTok && s.gap && combines {
			s.endToken()
		}
		if !s.inTok {
			s.startToken(i)
		}
		if cl == clDigit && s.opt.FoldDigits {
			// One '0' per digit: a compatibility character may stand
			// for several ("⑲" is "19").
			b = zeroDigits[:min(utf8.RuneCount(b), len(zeroDigits))]
		}
		s.feed(b)
		s.tokCls = cl
		s.gap = false
	case clIdeo:
		s.endToken()
		if s.inRun && s.gap && combines {
			s.endRun()
		}
		s.ideo(i, b)
		s.gap = false
	case clMidLetter, clMidNum, clMidNumLet:
		return s.mid(text, i, next, cl)
	case clExtNumLet:
		s.endRun()
		s.extNumLet(i)
	case clExtend:
		switch {
		case s.gap && combines:
		case s.inTok && s.tokLen > 0:
			s.feed(b)
		case s.inRun && len(s.curU) > 0:
			s.curU = append(s.curU, b...)
			if s.text {
				s.out = append(s.out, b...)
			}
		}
	case clFormat:
		// Invisible: neither text nor a boundary.
		s.gap = s.gap || s.inTok || s.inRun
	default:
		s.endToken()
		s.endRun()
	}
	return next
}

var zeroDigits = [8]byte{'0', '0', '0', '0', '0', '0', '0', '0'}

func (s *Shingler) extNumLet(i int) {
	if !s.inTok {
		s.startToken(i)
	}
	s.tokCls = clExtNumLet
	s.gap = true
}

func (s *Shingler) startToken(i int) {
	s.inTok, s.tokStart, s.tokLen, s.gap = true, i, 0, false
	s.h, s.w, s.wn = 0, 0, 0
	s.tokOut = len(s.out)
}

// feed appends normalised bytes to the token.
func (s *Shingler) feed(b []byte) {
	if s.text {
		if s.tokLen == 0 && s.sp {
			s.out = append(s.out, ' ')
		}
		s.out = append(s.out, b...)
		s.tokLen += len(b)
		return
	}
	for _, c := range b {
		s.w |= uint64(c) << (8 * s.wn)
		s.wn++
		if s.wn == 8 {
			s.h = mixChunk(s.h ^ s.w)
			s.w, s.wn = 0, 0
		}
	}
	s.tokLen += len(b)
}

func (s *Shingler) endToken() {
	if !s.inTok {
		return
	}
	s.inTok = false
	if s.tokLen == 0 {
		return
	}
	if s.text {
		s.sp = true
		return
	}
	h := s.h
	if s.wn > 0 {
		h = mixChunk(h ^ s.w)
	}
	s.emit(h)
}

// ideo adds one ideographic character to the run. A unit (a character and
// its marks) is complete when the next one starts; then the bigram of the
// two units before it is emitted, so the newest bigram stays pending.
func (s *Shingler) ideo(i int, b []byte) {
	if !s.inRun {
		s.inRun, s.units, s.gap = true, 0, false
		s.prevU, s.curU = s.prevU[:0], s.curU[:0]
	}
	if len(s.curU) > 0 {
		if len(s.prevU) > 0 && !s.text {
			s.emit(hashPair(s.prevU, s.curU))
		}
		s.prevU, s.curU = s.curU, s.prevU[:0]
	}
	s.unitStart = i
	s.unitOut = len(s.out)
	s.unitGap = s.gap
	if s.text && s.units == 0 && s.sp {
		s.out = append(s.out, ' ')
	}
	s.units++
	s.curU = append(s.curU, b...)
	if s.text {
		s.out = append(s.out, b...)
	}
}

// dropUnit discards the unit in progress (the slow path redoes it). The unit
// before it becomes current again with its bigram already emitted, which an
// empty prevU records.
func (s *Shingler) dropUnit() {
	s.units--
	s.gap = s.unitGap
	s.curU, s.prevU = s.prevU, s.curU[:0]
	if s.text {
		s.out = s.out[:s.unitOut]
	}
}

// endRun closes the ideographic run: it emits the pending bigram, or the
// unit itself when the run has only one.
func (s *Shingler) endRun() {
	if !s.inRun {
		return
	}
	s.inRun = false
	if s.units == 0 {
		return
	}
	if s.text {
		s.sp = true
		return
	}
	switch {
	case len(s.prevU) > 0:
		s.emit(hashPair(s.prevU, s.curU))
	case s.units == 1:
		s.emit(hashToken(s.curU))
	}
}

// hashPair returns hashToken(a ‖ b) without concatenating.
func hashPair(a, b []byte) uint64 {
	if len(a) <= 4 && len(b) <= 4 {
		return mixChunk(packLE(a) | packLE(b)<<(8*len(a)))
	}
	var h, w uint64
	var wn uint
	for _, bb := range [2][]byte{a, b} {
		for _, c := range bb {
			w |= uint64(c) << (8 * wn)
			wn++
			if wn == 8 {
				h = mixChunk(h ^ w)
				w, wn = 0, 0
			}
		}
	}
	if wn > 0 {
		h = mixChunk(h ^ w)
	}
	return h
}

// slow handles a character at raw offset i that the table cannot map on its
// own (a combining mark that may compose, a character needing canonical
// reordering, …). It rewinds to the start of the token or ideographic unit
// in progress, normalises everything up to the next hard separator as a
// whole and tokenizes the result; the return value is the offset after it.
func (s *Shingler) slow(text []byte, i int) int {
	s.slowSpans++
	start := i
	switch {
	case s.inTok:
		start = s.tokStart
		s.inTok = false
		if s.text {
			s.out = s.out[:s.tokOut]
		}
	case s.inRun && len(s.curU) > 0:
		start = s.unitStart
		s.dropUnit()
	}
	end := s.hardSeparator(text, i)
	span, ok := []byte(nil), false
	if !s.opt.StripDiacritics {
		span, ok = s.normal(text[start:end])
	}
	if !ok {
		if s.nz == nil {
			s.nz = newNormalizer()
		}
		span = s.nz.normalize(text[start:end], s.opt.StripDiacritics)
	}
	s.normMode = true
	for j := 0; j < len(span); {
		r, size := utf8.DecodeRune(span[j:])
		e, _ := lookup(r)
		j = s.char(span, j, j+size, e.own, span[j:j+size], e.flags&fCombines != 0)
	}
	s.normMode = false
	return end
}

// normal returns the normal form of span (without StripDiacritics) when
// it can be had character by character, so that the slow path need not
// run x/text over it: each character's mapping is its NFKC form and
// case-folds to itself, and the mappings put together pass the NFKC
// quick check of Unicode Standard Annex #15 (section 9) with the answer
// Yes — no mark follows one of a higher canonical combining class, and no
// character may compose with what precedes it. Then NFKC of the span is
// the mappings put together (decomposition is by character), case folding
// (by character) leaves them, and NFKC again too: they are what
// normalising the span returns. Thai tone marks and SARA AM, Arabic vowel
// signs and Devanagari viramas after their letters are so. The result is
// in s.spanBuf; ok is false when the span needs x/text.
func (s *Shingler) normal(span []byte) (out []byte, ok bool) {
	out = s.spanBuf[:0]
	last := uint8(0)
	for j := 0; j < len(span); {
		c := span[j]
		if c < 0x80 {
			if 'A' <= c && c <= 'Z' {
				return nil, false // folds
			}
			out = append(out, c)
			last = 0
			j++
			continue
		}
		r, size := decodeRune(span, j)
		if r == utf8.RuneError && size <= 1 {
			return nil, false
		}
		e, p := lookup(r)
		if e.flags&fMapNFKC == 0 {
			return nil, false
		}
		m := span[j : j+size]
		if e.flags&fSame == 0 {
			var buf [4]byte
			m = entryBytes(&buf, e.m, e.ml, p)
		}
		for k := 0; k < len(m); {
			x, xs := utf8.DecodeRune(m[k:])
			ex := e
			if k > 0 || e.flags&fSame == 0 {
				ex, _ = lookup(x)
			}
			if ex.flags&fMaybe != 0 || ex.ccc != 0 && ex.ccc < last {
				return nil, false
			}
			last = ex.ccc
			k += xs
		}
		out = append(out, m...)
		j += size
	}
	s.spanBuf = out
	return out, true
}

// hardSeparator returns the offset of the first separator at or after i
// that the fast path maps on its own (or of invalid UTF-8, or len(text)).
// Normalisation never reaches across such a character.
func (s *Shingler) hardSeparator(text []byte, i int) int {
	for i < len(text) {
		c := text[i]
		if c < 0x80 {
			if s.acls[c] == clSep {
				return i
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		if e, _ := lookup(r); e.cls == clSep && e.flags&s.inertFlag != 0 {
			return i
		}
		i += size
	}
	return i
}

// appendCharHashes hashes character N-grams of the normalised text.
func (s *Shingler) appendCharHashes(dst []uint64, text []byte) []uint64 {
	s.chars = s.AppendNormalized(s.chars[:0], text)
	t := s.chars
	if len(t) == 0 {
		return dst
	}
	s.runeOff = s.runeOff[:0]
	for i := range string(t) {
		s.runeOff = append(s.runeOff, int32(i))
	}
	n := s.opt.N
	if len(s.runeOff) < n {
		return append(dst, fmix64(hashToken(t)^s.seedShort))
	}
	s.runeOff = append(s.runeOff, int32(len(t)))
	for i := 0; i+n < len(s.runeOff); i++ {
		dst = append(dst, fmix64(hashToken(t[s.runeOff[i]:s.runeOff[i+n]])^s.seedChars))
	}
	return dst
}

// packLE returns up to eight bytes as a little-endian integer.
func packLE(b []byte) uint64 {
	var w uint64
	for i := len(b) - 1; i >= 0; i-- {
		w = w<<8 | uint64(b[i])
	}
	return w
}
