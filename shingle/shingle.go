package shingle

import (
	"errors"
	"fmt"
	"math/bits"
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
	kLen    = 0xBF58476D1CE4E5B9
	kFull   = 0x94D049BB133111EB
	kShort  = 0x2545F4914F6CDD1D
	kChars  = 0xA0761D6478BD642F
)

// mixChunk folds one 8-byte chunk into the token hash. It is a bijection.
func mixChunk(h uint64) uint64 {
	return bits.RotateLeft64(h*kChunk1, 31) * kChunk2
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
// the last one zero-padded, each folded in with mixChunk, then the length.
// The streaming code in Shingler computes the same value.
func hashToken(b []byte) uint64 {
	var h uint64
	n := len(b)
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
	return h ^ uint64(n)*kLen
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
	ascii     [128]byte  // fast path: output byte of ASCII letters and digits, 0 for others
	acls      [128]class // fast path: class of ASCII bytes
	seedFull  uint64
	seedShort uint64
	seedChars uint64

	// Mode of the current call.
	text     bool // write normalised text to out instead of hashing tokens
	noFast   bool // tests: send ASCII through the general path too
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

	// Shingle window over token hashes.
	ring [MaxN]uint64
	pos  int
	cnt  int
	roll uint64

	nz      *normalizer // slow path, created on first use
	runeOff []int32     // Chars: offsets of the runes of the normalised text
	chars   []byte      // Chars: normalised text
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
		cl := classOf(rune(c))
		s.acls[c] = cl
		switch {
		case 'A' <= c && c <= 'Z':
			s.ascii[c] = byte(c) + 'a' - 'A'
		case 'a' <= c && c <= 'z':
			s.ascii[c] = byte(c)
		case '0' <= c && c <= '9':
			s.ascii[c] = byte(c)
			if o.FoldDigits {
				s.ascii[c] = '0'
			}
		}
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
	s.pos, s.cnt, s.roll = 0, 0, 0
}

func (s *Shingler) finish() {
	s.endToken()
	s.endRun()
	if !s.text && s.cnt > 0 && s.cnt < s.opt.N {
		s.dst = append(s.dst, fmix64(s.roll^s.seedShort^uint64(s.cnt)))
	}
}

// emit adds a token hash to the shingle window. The window hash is
// XOR of rotl(t_j, N-1-j) over the N tokens, updated in O(1) per token,
// then finalised with the seed.
func (s *Shingler) emit(t uint64) {
	n := s.opt.N
	if s.cnt >= n {
		old := s.ring[s.pos]
		s.roll = bits.RotateLeft64(s.roll^bits.RotateLeft64(old, n-1), 1) ^ t
	} else {
		s.roll = bits.RotateLeft64(s.roll, 1) ^ t
	}
	s.ring[s.pos] = t
	s.pos++
	if s.pos == n {
		s.pos = 0
	}
	s.cnt++
	if s.cnt >= n {
		s.dst = append(s.dst, fmix64(s.roll^s.seedFull))
	}
}

// scan runs the tokenizer over text.
func (s *Shingler) scan(text []byte) {
	i := 0
	if s.text || s.noFast {
		for i < len(text) {
			i = s.general(text, i)
		}
		return
	}
	// The ASCII fast path keeps the token hash in registers.
	for i < len(text) {
		c := text[i]
		if c >= 0x80 {
			i = s.general(text, i)
			continue
		}
		if s.inRun {
			s.endRun()
		}
		if o := s.ascii[c]; o != 0 {
			if !s.inTok {
				s.inTok, s.tokStart, s.tokLen = true, i, 0
				s.h, s.w, s.wn = 0, 0, 0
			}
			s.w |= uint64(o) << (8 * s.wn)
			s.wn++
			if s.wn == 8 {
				s.h = mixChunk(s.h ^ s.w)
				s.w, s.wn = 0, 0
			}
			s.tokLen++
			s.tokCls = s.acls[c]
			i++
			continue
		}
		switch cl := s.acls[c]; cl {
		case clMidLetter, clMidNum, clMidNumLet:
			i = s.mid(text, i, i+1, cl)
		case clExtNumLet:
			s.extNumLet(i)
			i++
		default:
			s.endToken()
			i++
		}
	}
}

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
	r, size := utf8.DecodeRune(text[i:])
	if r == utf8.RuneError && size <= 1 {
		// Invalid UTF-8 separates tokens like U+FFFD would.
		s.endToken()
		s.endRun()
		return i + 1
	}
	e, p := lookup(r)
	if e.flags&s.inertFlag == 0 {
		return s.slow(text, i)
	}
	var buf [4]byte
	var b []byte
	if s.opt.StripDiacritics {
		b = entryBytes(&buf, e.s, e.sl, p)
	} else {
		b = entryBytes(&buf, e.m, e.ml, p)
	}
	return s.char(text, i, i+size, e.cls, b, false)
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
			b = zeroDigit[:]
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

var zeroDigit = [1]byte{'0'}

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
	s.emit(h ^ uint64(s.tokLen)*kLen)
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
	return h ^ uint64(len(a)+len(b))*kLen
}

// slow handles a character at raw offset i that the table cannot map on its
// own (a combining mark that may compose, a character needing canonical
// reordering, …). It rewinds to the start of the token or ideographic unit
// in progress, normalises everything up to the next hard separator as a
// whole and tokenizes the result; the return value is the offset after it.
func (s *Shingler) slow(text []byte, i int) int {
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
	if s.nz == nil {
		s.nz = newNormalizer()
	}
	span := s.nz.normalize(text[start:end], s.opt.StripDiacritics)
	s.normMode = true
	for j := 0; j < len(span); {
		r, size := utf8.DecodeRune(span[j:])
		e, _ := lookup(r)
		j = s.char(span, j, j+size, e.own, span[j:j+size], e.flags&fCombines != 0)
	}
	s.normMode = false
	return end
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
