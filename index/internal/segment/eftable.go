package segment

import (
	"encoding/binary"
	"errors"
	"math/bits"
)

// An efTable is one band of a segment on disk: n entries, each a document's
// FPBits-bit key fingerprint and the document's index (w bits), sorted by
// fingerprint then index; the fingerprints Elias–Fano coded.
//
// With u = bits.Len(n-1) high bits and l = FPBits-u low bits per
// fingerprint, the table holds, as little-endian 64-bit words:
//
//	samples  ceil(2^u / efSample) uint32 positions: of zero 0, efSample,
//	         2·efSample, … in upper (two to a word)
//	upper    n + 2^u bits: for the i-th fingerprint with high part h, bit
//	         h+i is set; the others are clear (2^u zeros, the k-th of them
//	         closes the run of fingerprints whose high part is k)
//	entries  n × (l+w) bits: each entry's low fingerprint bits, then its
//	         document index
//
// and each array is padded with one zero word, so that a packed field can
// always be read with one unaligned 8-byte load. A lookup reads a sample,
// scans about two words of upper and reads the entries of the
// fingerprint's run: three cache misses where the table is not cached (the
// samples, 1/16 bit per entry, mostly are). Per entry the table takes
// 2 + l bits for the fingerprint and w for the index, about 30 bits, where a
// plain (fingerprint, index) pair takes 64; the fingerprint is kept whole,
// so that segments can be merged.
type efTable struct {
	n, u, l, w              int
	samples, upper, entries []byte
	// sec, when set, is the section holding the table at offset base:
	// every read is checked against its checksums first.
	sec  *section
	base int
}

// errEFInconsistent reports an efTable whose structure is broken.
var errEFInconsistent = errors.New("inconsistent band table")

// efSample is the spacing of the select samples, in zeros of upper.
const efSample = 64

// FPBits is the width of the key fingerprints of a band table. A lookup
// meets a document with another key under the same fingerprint with
// probability n/2^FPBits per band — one extra signature to verify every few
// queries at ten million documents — and a table can hold up to 2^FPBits
// entries.
const FPBits = 28

// Fingerprint reduces a 64-bit band key to FPBits bits.
func Fingerprint(key uint64) uint32 { return uint32(fold32(key) >> (32 - FPBits)) }

// efLayout returns the size in bytes of each array of an efTable of n
// entries with w-bit indexes, in the order samples, upper, entries.
func efLayout(n, w int) (u, l int, sizes [3]int) {
	if n > 1 {
		u = bits.Len(uint(n - 1))
	}
	l = FPBits - u
	words := func(nbits int) int { return (nbits+63)/64 + 1 }
	zeros := 1 << u
	sizes[0] = 8 * words(32*((zeros+efSample-1)/efSample))
	sizes[1] = 8 * words(n+zeros)
	sizes[2] = 8 * words(n*(l+w))
	return u, l, sizes
}

// efSize returns the size in bytes of an efTable of n entries with w-bit
// indexes.
func efSize(n, w int) int {
	_, _, s := efLayout(n, w)
	return s[0] + s[1] + s[2]
}

// appendEF encodes entries, each fingerprint<<32 | document index, sorted,
// with fingerprints below 2^FPBits and indexes below 2^w, as an efTable of
// at most 2^FPBits entries.
func appendEF(dst []byte, entries []uint64, w int) []byte {
	n := len(entries)
	u, l, sizes := efLayout(n, w)
	start := len(dst)
	dst = append(dst, make([]byte, sizes[0]+sizes[1]+sizes[2])...)
	buf := dst[start:]
	samples := buf[:sizes[0]]
	upper := buf[sizes[0] : sizes[0]+sizes[1]]
	ents := buf[sizes[0]+sizes[1]:]
	lowMask := uint64(1)<<l - 1
	for i, e := range entries {
		fp := e >> 32
		putBits(ents, i*(l+w), l+w, fp&lowMask|(e&0xFFFFFFFF)<<l)
		pos := int(fp>>l) + i
		upper[pos>>3] |= 1 << (pos & 7)
	}
	// Sample every efSample-th zero.
	zero, total := 0, n+1<<u
	for w := 0; w*64 < total; w++ {
		word := ^binary.LittleEndian.Uint64(upper[w*8:])
		if rest := total - w*64; rest < 64 {
			word &= uint64(1)<<rest - 1
		}
		for word != 0 {
			b := bits.TrailingZeros64(word)
			word &= word - 1
			if zero%efSample == 0 {
				binary.LittleEndian.PutUint32(samples[4*(zero/efSample):], uint32(w*64+b))
			}
			zero++
		}
	}
	return dst
}

// putBits ORs the low width bits of v, width at most 57, into buf at bit
// offset off.
func putBits(buf []byte, off, width int, v uint64) {
	if width == 0 {
		return
	}
	at := off >> 3
	x := binary.LittleEndian.Uint64(buf[at:])
	x |= v << (off & 7)
	binary.LittleEndian.PutUint64(buf[at:], x)
}

// getBits reads width bits, at most 57, at bit offset off; 8 bytes from
// off/8 must lie within buf.
func getBits(buf []byte, off, width int) uint64 {
	x := binary.LittleEndian.Uint64(buf[off>>3:]) >> (off & 7)
	return x & (uint64(1)<<width - 1)
}

// openEF slices an efTable of n entries with w-bit indexes out of data,
// which must be efSize(n, w) bytes.
func openEF(data []byte, n, w int) efTable {
	u, l, s := efLayout(n, w)
	t := efTable{n: n, u: u, l: l, w: w}
	t.samples, data = data[:s[0]], data[s[0]:]
	t.upper, t.entries = data[:s[1]], data[s[1]:]
	return t
}

// check makes sure that n bytes at offset off of the table are intact;
// the arrays are consecutive: samples, upper, entries.
func (t *efTable) check(off, n int) error {
	if t.sec == nil {
		return nil
	}
	return t.sec.ensure(t.base+off, n)
}

func (t *efTable) upperAt() int   { return len(t.samples) }
func (t *efTable) entriesAt() int { return len(t.samples) + len(t.upper) }

// upperBits is the number of meaningful bits of upper.
func (t *efTable) upperBits() int { return t.n + 1<<t.u }

// entry returns entry i's low fingerprint bits and document index.
func (t *efTable) entry(i int) (low uint64, idx uint32, err error) {
	off := i * (t.l + t.w)
	if err := t.check(t.entriesAt()+off>>3, 8); err != nil {
		return 0, 0, err
	}
	v := getBits(t.entries, off, t.l+t.w)
	return v & (uint64(1)<<t.l - 1), uint32(v >> t.l), nil
}

// sample returns the position of zero number j·efSample in upper.
func (t *efTable) sample(j int) (int, error) {
	if 4*j+4 > len(t.samples) {
		return -1, errEFInconsistent
	}
	if err := t.check(4*j, 4); err != nil {
		return -1, err
	}
	return int(binary.LittleEndian.Uint32(t.samples[4*j:])), nil
}

// upperWord returns word w of upper.
func (t *efTable) upperWord(w int) (uint64, error) {
	if w < 0 || 8*w+8 > len(t.upper) {
		return 0, errEFInconsistent
	}
	if err := t.check(t.upperAt()+8*w, 8); err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint64(t.upper[8*w:]), nil
}

// select0From returns the position in upper of the rest-th zero after
// position pos (rest ≥ 1), or an error when the table is inconsistent.
func (t *efTable) select0From(pos, rest int) (int, error) {
	pos++
	total := t.upperBits()
	for pos < total {
		word, err := t.upperWord(pos >> 6)
		if err != nil {
			return -1, err
		}
		word = ^word >> (pos & 63)
		if c := bits.OnesCount64(word); c >= rest {
			for range rest - 1 {
				word &= word - 1
			}
			if p := pos + bits.TrailingZeros64(word); p < total {
				return p, nil
			}
			return -1, errEFInconsistent
		} else {
			rest -= c
		}
		pos += 64 - pos&63
	}
	return -1, errEFInconsistent
}

// run returns where the entries with high part h start: the position in
// upper after zero h-1 and the entry index there.
func (t *efTable) run(h int) (pos, i int, err error) {
	if h == 0 {
		return 0, 0, nil
	}
	k := h - 1
	z, err := t.sample(k / efSample)
	if err != nil {
		return 0, 0, err
	}
	if rest := k % efSample; rest > 0 {
		if z, err = t.select0From(z, rest); err != nil {
			return 0, 0, err
		}
	}
	return z + 1, z + 1 - h, nil
}

// scan calls fn with the index of each entry of fingerprint fp, from the
// run starting at pos, entry i.
func (t *efTable) scan(fp uint32, pos, i int, fn func(idx uint32)) error {
	low := uint64(fp) & (uint64(1)<<t.l - 1)
	total := t.upperBits()
	word, have := uint64(0), -1 // upper word pos>>6, once read
	for ; pos < total; pos, i = pos+1, i+1 {
		if w := pos >> 6; w != have {
			var err error
			if word, err = t.upperWord(w); err != nil {
				return err
			}
			have = w
		}
		if word>>(pos&63)&1 == 0 {
			return nil
		}
		if i < 0 || i >= t.n {
			return errEFInconsistent
		}
		lo, idx, err := t.entry(i)
		if err != nil {
			return err
		}
		if lo > low {
			return nil
		}
		if lo == low {
			fn(idx)
		}
	}
	return errEFInconsistent
}

// find calls fn with the index of each entry whose fingerprint is fp. It
// fails when the table is inconsistent or a checksum does not match,
// never reading out of bounds.
func (t *efTable) find(fp uint32, fn func(idx uint32)) error {
	if t.n == 0 || fp >= 1<<FPBits {
		return nil
	}
	pos, i, err := t.run(int(uint64(fp) >> t.l))
	if err != nil {
		return err
	}
	return t.scan(fp, pos, i, fn)
}

// each calls fn with every entry in order: the fingerprint and the document
// index. It reports false when the table is inconsistent. It does not check
// checksums: the caller checks the whole table first.
func (t *efTable) each(fn func(fp uint32, idx uint32)) bool {
	i, h := 0, 0
	total := t.upperBits()
	lowMask := uint64(1)<<t.l - 1
	for pos := 0; pos < total; pos++ {
		if t.upper[pos>>3]>>(pos&7)&1 == 0 {
			h++
			continue
		}
		if i >= t.n || h >= 1<<t.u {
			// More entries than the count, or one after the last
			// bucket: its fingerprint would lie beyond FPBits.
			return false
		}
		v := getBits(t.entries, i*(t.l+t.w), t.l+t.w)
		fn(uint32(uint64(h)<<t.l|v&lowMask), uint32(v>>t.l))
		i++
	}
	return i == t.n && h == 1<<t.u
}

// validate checks the structure of the table: n set bits and 2^u clear
// ones in upper, no stray bits after them, and the samples where the clear
// bits are. Together with sorted entries (see each) it makes every lookup
// well defined.
func (t *efTable) validate() error {
	total := t.upperBits()
	ones, zeros := 0, 0
	for w := 0; 8*w+8 <= len(t.upper); w++ {
		word := binary.LittleEndian.Uint64(t.upper[8*w:])
		if w*64 >= total {
			if word != 0 {
				return errEFInconsistent
			}
			continue
		}
		valid := min(64, total-w*64)
		if valid < 64 && word>>valid != 0 {
			return errEFInconsistent
		}
		clearBits := ^word
		if valid < 64 {
			clearBits &= uint64(1)<<valid - 1
		}
		for clearBits != 0 {
			b := bits.TrailingZeros64(clearBits)
			clearBits &= clearBits - 1
			if zeros%efSample == 0 {
				j := zeros / efSample
				if 4*j+4 > len(t.samples) || binary.LittleEndian.Uint32(t.samples[4*j:]) != uint32(w*64+b) {
					return errEFInconsistent
				}
			}
			zeros++
		}
		ones += bits.OnesCount64(word)
	}
	if ones != t.n || zeros != 1<<t.u {
		return errEFInconsistent
	}
	return nil
}

// fold32 reduces a 64-bit band key to 32 bits, as the index's in-memory
// tables do.
func fold32(key uint64) uint64 { return (key ^ key>>32) & 0xFFFFFFFF }
