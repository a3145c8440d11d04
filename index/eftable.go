package index

import (
	"encoding/binary"
	"errors"
	"math/bits"
)

// An efTable is one band of a segment on disk: n entries, each a document's
// fpBits-bit key fingerprint and the document's index (w bits), sorted by
// fingerprint then index; the fingerprints Elias–Fano coded.
//
// With u = bits.Len(n-1) high bits and l = fpBits-u low bits per
// fingerprint,
// the table holds, as little-endian 64-bit words:
//
//	lows     n × l bits: the low bits of each fingerprint, in order
//	upper    n + 2^u bits: for the i-th fingerprint with high part h, bit
//	         h+i is set; the others are clear (2^u zeros, the k-th of them
//	         closes the run of fingerprints whose high part is k)
//	samples  ceil(2^u / efSample) uint32 positions: of zero 0, efSample,
//	         2·efSample, … in upper (two to a word)
//	docs     n × w bits: each fingerprint's document index
//
// and each array is padded with one zero word, so that a packed field can
// always be read with one unaligned 8-byte load. A lookup reads a sample,
// scans about 2·efSample bits of upper, and reads the lows and docs of the
// fingerprint's run: a few cache lines. Per document the table takes
// 2 + l bits for the fingerprint and w for the index, about 30 bits, where
// a plain (fingerprint, index) pair takes 64; the fingerprint is kept whole,
// so that segments can be merged.
type efTable struct {
	n, u, l, w           int
	lows, upper, samples []byte
	docs                 []byte
	// sec, when set, is the section holding the table at offset base:
	// every read is checked against its checksums first.
	sec  *section
	base int
}

// errEFInconsistent reports an efTable whose structure is broken.
var errEFInconsistent = errors.New("inconsistent band table")

// efSample is the spacing of the select samples, in zeros of upper.
const efSample = 64

// fpBits is the width of the key fingerprints of a band table. A lookup
// meets a document with another key under the same fingerprint with
// probability n/2^fpBits per band — one extra signature to verify every few
// queries at ten million documents — and a table can hold up to 2^fpBits
// entries.
const fpBits = 28

// fingerprint reduces a 64-bit band key to fpBits bits.
func fingerprint(key uint64) uint32 { return uint32(fold32(key) >> (32 - fpBits)) }

// efLayout returns the size in bytes of each array of an efTable of n
// entries with w-bit indexes, in the order lows, upper, samples, docs.
func efLayout(n, w int) (u, l int, sizes [4]int) {
	if n > 1 {
		u = bits.Len(uint(n - 1))
	}
	l = fpBits - u
	words := func(nbits int) int { return (nbits+63)/64 + 1 }
	zeros := 1 << u
	sizes[0] = 8 * words(n*l)
	sizes[1] = 8 * words(n+zeros)
	sizes[2] = 8 * words(32*((zeros+efSample-1)/efSample))
	sizes[3] = 8 * words(n*w)
	return u, l, sizes
}

// efSize returns the size in bytes of an efTable of n entries with w-bit
// indexes.
func efSize(n, w int) int {
	_, _, s := efLayout(n, w)
	return s[0] + s[1] + s[2] + s[3]
}

// appendEF encodes entries, each fingerprint<<32 | document index, sorted,
// with fingerprints below 2^fpBits and indexes below 2^w, as an efTable of
// at most 2^fpBits entries.
func appendEF(dst []byte, entries []uint64, w int) []byte {
	n := len(entries)
	u, l, sizes := efLayout(n, w)
	start := len(dst)
	dst = append(dst, make([]byte, sizes[0]+sizes[1]+sizes[2]+sizes[3])...)
	buf := dst[start:]
	lows := buf[:sizes[0]]
	upper := buf[sizes[0] : sizes[0]+sizes[1]]
	samples := buf[sizes[0]+sizes[1] : sizes[0]+sizes[1]+sizes[2]]
	docs := buf[sizes[0]+sizes[1]+sizes[2]:]
	lowMask := uint64(1)<<l - 1
	for i, e := range entries {
		fp := e >> 32
		putBits(lows, i*l, l, fp&lowMask)
		putBits(docs, i*w, w, e&0xFFFFFFFF)
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
	t.lows, data = data[:s[0]], data[s[0]:]
	t.upper, data = data[:s[1]], data[s[1]:]
	t.samples, t.docs = data[:s[2]], data[s[2]:]
	return t
}

// check makes sure that n bytes of arr (one of the table's arrays) from
// off are intact.
func (t *efTable) check(arr []byte, off, n int) error {
	if t.sec == nil {
		return nil
	}
	// Offsets within the section: the arrays are consecutive.
	at := t.base
	switch {
	case &arr[0] == &t.docs[0]:
		at += len(t.lows) + len(t.upper) + len(t.samples)
	case &arr[0] == &t.samples[0]:
		at += len(t.lows) + len(t.upper)
	case &arr[0] == &t.upper[0]:
		at += len(t.lows)
	}
	return t.sec.ensure(at+off, n)
}

// upperBits is the number of meaningful bits of upper.
func (t *efTable) upperBits() int { return t.n + 1<<t.u }

// select0 returns the position in upper of zero number k (from 0), or -1
// when the table is inconsistent.
func (t *efTable) select0(k int) (int, error) {
	j := k / efSample
	if 4*j+4 > len(t.samples) {
		return -1, errEFInconsistent
	}
	if err := t.check(t.samples, 4*j, 4); err != nil {
		return -1, err
	}
	pos := int(binary.LittleEndian.Uint32(t.samples[4*j:]))
	rest := k - j*efSample // zeros still to pass after the sampled one
	if rest == 0 {
		return pos, nil
	}
	pos++
	total := t.upperBits()
	for pos < total {
		w := pos >> 6
		if 8*w+8 > len(t.upper) {
			return -1, errEFInconsistent
		}
		if err := t.check(t.upper, 8*w, 8); err != nil {
			return -1, err
		}
		word := ^binary.LittleEndian.Uint64(t.upper[8*w:]) >> (pos & 63)
		avail := 64 - pos&63
		if c := bits.OnesCount64(word); c >= rest {
			// The rest-th zero is in this word.
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
		pos += avail
	}
	return -1, errEFInconsistent
}

// find calls fn with the index of each entry whose fingerprint is fp. It
// fails when the table is inconsistent or a checksum does not match,
// never reading out of bounds.
func (t *efTable) find(fp uint32, fn func(idx uint32)) error {
	if t.n == 0 || fp >= 1<<fpBits {
		return nil
	}
	h := int(uint64(fp) >> t.l)
	low := uint64(fp) & (uint64(1)<<t.l - 1)
	pos, i := 0, 0
	if h > 0 {
		z, err := t.select0(h - 1)
		if err != nil {
			return err
		}
		pos = z + 1
		i = pos - h
	}
	total := t.upperBits()
	checked := -1 // upper word last checked
	for ; pos < total; pos, i = pos+1, i+1 {
		if w := pos >> 6; w != checked {
			if err := t.check(t.upper, 8*w, 8); err != nil {
				return err
			}
			checked = w
		}
		if t.upper[pos>>3]>>(pos&7)&1 == 0 {
			return nil
		}
		if i < 0 || i >= t.n {
			return errEFInconsistent
		}
		if err := t.check(t.lows, (i*t.l)>>3, 8); err != nil {
			return err
		}
		lo := getBits(t.lows, i*t.l, t.l)
		if lo > low {
			return nil
		}
		if lo == low {
			if err := t.check(t.docs, (i*t.w)>>3, 8); err != nil {
				return err
			}
			fn(uint32(getBits(t.docs, i*t.w, t.w)))
		}
	}
	return errEFInconsistent
}

// each calls fn with every entry in order: the fingerprint and the document
// index. It reports false when the table is inconsistent. It does not check
// checksums: the caller checks the whole table first.
func (t *efTable) each(fn func(fp uint32, idx uint32)) bool {
	i, h := 0, 0
	total := t.upperBits()
	for pos := 0; pos < total; pos++ {
		if t.upper[pos>>3]>>(pos&7)&1 == 0 {
			h++
			continue
		}
		if i >= t.n {
			return false
		}
		fp := uint64(h)<<t.l | getBits(t.lows, i*t.l, t.l)
		fn(uint32(fp), uint32(getBits(t.docs, i*t.w, t.w)))
		i++
	}
	return i == t.n && h == 1<<t.u
}

// validate checks the structure of the table: m set bits and 2^u clear
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
