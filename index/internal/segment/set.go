package segment

import (
	"encoding/binary"
	"errors"
	"math/bits"
	"slices"
)

// Shingle sets: what lets the index decide a close call on (nearly) exact
// values. A b-bit signature of 128 slots estimates the containment of a
// short page in a long one through their Jaccard similarity, which is
// small — an 80-shingle truncated copy inside a 900-shingle story (exact
// containment 0.96) is estimated anywhere from 0.2 to 0.8. The index keeps
// each document's shingle set as fingerprints, Golomb–Rice coded: a query,
// which has its own shingles, counts how many of them the document's set
// holds, and corrects for the fingerprints' false matches. The count is
// exact for the shingles the two share; only the false matches, a known
// small rate, are estimated.
//
// A set of m distinct shingle hashes is stored as m' ≤ m distinct
// fingerprints of u bits — (h · φ) >> (64 − u), u = bits.Len(m) + p(m) —
// where p falls from 8 bits for sets of up to 31 shingles to 4 for 512 and
// more: a short document's set costs little and must be near exact (all of
// it may be the question), a long one's false matches matter only in
// proportion. Encoded: u (byte), m' (uvarint), then the m' sorted
// fingerprints as gaps (the first from zero, each next less one), each a
// unary quotient (q one bits, a zero bit) and r low bits, r = u −
// bits.Len(m'), bits packed from the low end of each byte; the last byte
// padded with zeros.

const (
	setMaxP = 8
	setMinP = 4
	// MaxSetShingles bounds the sets the index keeps: a document with more
	// distinct shingles (a whole book) keeps none, and its close calls are
	// decided on the estimate.
	MaxSetShingles = 1 << 16
	// SetPhi is the odd multiplier whose products' top bits are a set's
	// fingerprints.
	SetPhi = 0x9E3779B97F4A7C15
	// MinOpening is the fewest shingles of an opening a set records: a
	// shorter lead gets no bitmap.
	MinOpening = 4
)

// ErrSet reports a malformed encoded set.
var ErrSet = errors.New("malformed shingle set")

// SetBits returns the fingerprint width for a set of m distinct hashes.
func SetBits(m int) int {
	p := min(max(13-bits.Len(uint(m)), setMinP), setMaxP)
	return bits.Len(uint(m)) + p
}

// AppendSet appends the encoded set of hashes (in any order, repeats
// allowed), m distinct ones, to dst; nothing for an empty set or one of
// more than MaxSetShingles. scratch is reused for the fingerprints and
// returned.
func AppendSet(dst []byte, hashes, lead []uint64, m int, scratch []uint64) ([]byte, []uint64) {
	if m == 0 || m > MaxSetShingles || len(hashes) == 0 {
		return dst, scratch
	}
	u := SetBits(m)
	fps := scratch[:0]
	for _, h := range hashes {
		fps = append(fps, (h*SetPhi)>>(64-u))
	}
	slices.Sort(fps)
	fps = slices.Compact(fps)
	r := rice(u, len(fps))
	dst = append(dst, byte(u))
	dst = binary.AppendUvarint(dst, uint64(len(fps)))
	var acc uint64 // bits not yet written, from the low end
	n := 0         // how many
	put := func(v uint64, w int) {
		for w > 0 {
			take := min(w, 64-n)
			acc |= (v & (1<<take - 1)) << n
			n += take
			v >>= take % 64
			w -= take
			for n >= 8 {
				dst = append(dst, byte(acc))
				acc >>= 8
				n -= 8
			}
		}
	}
	prev := uint64(0)
	for i, f := range fps {
		gap := f - prev
		if i > 0 {
			gap--
		}
		prev = f
		for q := gap >> r; q > 0; q -= min(q, 32) {
			put(1<<min(q, 32)-1, int(min(q, 32)))
		}
		put(0, 1)
		put(gap, r)
	}
	if n > 0 {
		dst = append(dst, byte(acc))
	}
	if len(lead) < MinOpening {
		return dst, fps
	}
	// The opening: a bit for each fingerprint, set for those of the lead.
	at := len(dst)
	dst = append(dst, make([]byte, (len(fps)+7)/8)...)
	for _, h := range lead {
		if k, ok := slices.BinarySearch(fps, (h*SetPhi)>>(64-u)); ok {
			dst[at+k/8] |= 1 << (k % 8)
		}
	}
	return dst, fps
}

// rice is the number of low bits of each gap for m' fingerprints of u bits.
func rice(u, m int) int { return max(u-bits.Len(uint(m)), 0) }

// SetReader decodes an encoded set.
type SetReader struct {
	// Opening is the opening's bitmap, a bit for each fingerprint in
	// order, nil if the set has none; known after Each.
	Opening []byte
	Bits    int // u, the fingerprints' width
	Len     int // m', the number of fingerprints
	data    []byte
	pos     int // bit position in data
	r       int
}

// NewSetReader reads the header of the encoded set data; ErrSet if it is
// malformed.
func NewSetReader(data []byte) (SetReader, error) {
	if len(data) < 2 {
		return SetReader{}, ErrSet
	}
	u := int(data[0])
	m, k := binary.Uvarint(data[1:])
	// The widths a writer gives: SetBits of its count of the shingles (an
	// estimate, Signature.Card, close to the fingerprints' number m': u
	// is bits.Len(m') + 3 or more), at most SetBits(MaxSetShingles). At
	// least bits.Len(m') + 1 keeps the false-match rate m'/2^u below
	// one half, so that setMatch's correction stays finite.
	if k <= 0 || m == 0 || m > MaxSetShingles || u < bits.Len64(m)+1 || u > SetBits(MaxSetShingles) {
		return SetReader{}, ErrSet
	}
	return SetReader{data: data, pos: 8 * (1 + k), Bits: u, Len: int(m), r: rice(u, int(m))}, nil
}

// Each calls fn with the fingerprints in increasing order. Bits are read
// through a 64-bit buffer: buf holds n of them, the next at its low end,
// and at takes the next byte.
func (s *SetReader) Each(fn func(fp uint64)) error {
	data := s.data
	at := s.pos >> 3 // the header ends on a byte
	var buf uint64
	n := 0
	refill := func() {
		if at+8 <= len(data) {
			buf |= binary.LittleEndian.Uint64(data[at:]) << n
			at += (63 - n) >> 3
			n |= 56
			return
		}
		for n <= 56 && at < len(data) {
			buf |= uint64(data[at]) << n
			at++
			n += 8
		}
	}
	prev, limit := uint64(0), uint64(1)<<s.Bits
	r := s.r
	for i := range s.Len {
		// The quotient: one bits up to a zero bit.
		var q uint64
		for {
			if n < 57 {
				refill()
			}
			ones := bits.TrailingZeros64(^buf)
			if ones < n {
				q += uint64(ones)
				buf >>= ones + 1
				n -= ones + 1
				break
			}
			if n == 0 {
				return ErrSet
			}
			q += uint64(n)
			buf, n = 0, 0
			if q > limit {
				return ErrSet
			}
		}
		if n < r {
			refill()
			if n < r {
				return ErrSet
			}
		}
		low := buf & (1<<r - 1)
		buf >>= r
		n -= r
		if q > limit>>r {
			return ErrSet
		}
		f := prev + (q<<r | low)
		if i > 0 {
			f++
		}
		if f < prev || f >= limit {
			return ErrSet
		}
		prev = f
		fn(f)
	}
	// The zero padding of the last byte of the gaps, then nothing or
	// the opening's bitmap: a bit for each fingerprint, the last byte's
	// unused bits zero.
	if buf&(1<<(n%8)-1) != 0 {
		return ErrSet
	}
	at -= n / 8 // bytes loaded into the buffer beyond the gaps
	switch rest := data[at:]; len(rest) {
	case 0:
	case (s.Len + 7) / 8:
		if s.Len%8 != 0 && rest[len(rest)-1]>>(s.Len%8) != 0 {
			return ErrSet
		}
		s.Opening = rest
	default:
		return ErrSet
	}
	return nil
}
