package index

import (
	"encoding/binary"
	"errors"
	"math"
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
	// setMaxShingles bounds the sets the index keeps: a document with more
	// distinct shingles (a whole book) keeps none, and its close calls are
	// decided on the estimate.
	setMaxShingles = 1 << 16
	setPhi         = 0x9E3779B97F4A7C15
)

// errSet reports a malformed encoded set.
var errSet = errors.New("malformed shingle set")

// setBits returns the fingerprint width for a set of m distinct hashes.
func setBits(m int) int {
	p := min(max(13-bits.Len(uint(m)), setMinP), setMaxP)
	return bits.Len(uint(m)) + p
}

// appendSet appends the encoded set of hashes (in any order, repeats
// allowed), m distinct ones, to dst; nothing for an empty set or one of
// more than setMaxShingles. scratch is reused for the fingerprints and
// returned.
func appendSet(dst []byte, hashes, lead []uint64, m int, scratch []uint64) ([]byte, []uint64) {
	if m == 0 || m > setMaxShingles || len(hashes) == 0 {
		return dst, scratch
	}
	u := setBits(m)
	fps := scratch[:0]
	for _, h := range hashes {
		fps = append(fps, (h*setPhi)>>(64-u))
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
	if len(lead) < minOpening {
		return dst, fps
	}
	// The opening: a bit for each fingerprint, set for those of the lead.
	at := len(dst)
	dst = append(dst, make([]byte, (len(fps)+7)/8)...)
	for _, h := range lead {
		if k, ok := slices.BinarySearch(fps, (h*setPhi)>>(64-u)); ok {
			dst[at+k/8] |= 1 << (k % 8)
		}
	}
	return dst, fps
}

// rice is the number of low bits of each gap for m' fingerprints of u bits.
func rice(u, m int) int { return max(u-bits.Len(uint(m)), 0) }

// setReader decodes an encoded set.
type setReader struct {
	opening []byte // the opening's bitmap, nil if the set has none (after each)
	data    []byte
	pos     int // bit position in data
	u, m    int
	r       int
}

func newSetReader(data []byte) (setReader, error) {
	if len(data) < 2 {
		return setReader{}, errSet
	}
	u := int(data[0])
	m, k := binary.Uvarint(data[1:])
	// The widths a writer gives: setBits of its count of the shingles (an
	// estimate, Signature.Card, close to the fingerprints' number m': u
	// is bits.Len(m') + 3 or more), at most setBits(setMaxShingles). At
	// least bits.Len(m') + 1 keeps the false-match rate m'/2^u below
	// one half, so that setMatch's correction stays finite.
	if k <= 0 || m == 0 || m > setMaxShingles || u < bits.Len64(m)+1 || u > setBits(setMaxShingles) {
		return setReader{}, errSet
	}
	return setReader{data: data, pos: 8 * (1 + k), u: u, m: int(m), r: rice(u, int(m))}, nil
}

// each calls fn with the fingerprints in increasing order. Bits are read
// through a 64-bit buffer: buf holds n of them, the next at its low end,
// and at takes the next byte.
func (s *setReader) each(fn func(fp uint64)) error {
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
	prev, limit := uint64(0), uint64(1)<<s.u
	r := s.r
	for i := range s.m {
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
				return errSet
			}
			q += uint64(n)
			buf, n = 0, 0
			if q > limit {
				return errSet
			}
		}
		if n < r {
			refill()
			if n < r {
				return errSet
			}
		}
		low := buf & (1<<r - 1)
		buf >>= r
		n -= r
		if q > limit>>r {
			return errSet
		}
		f := prev + (q<<r | low)
		if i > 0 {
			f++
		}
		if f < prev || f >= limit {
			return errSet
		}
		prev = f
		fn(f)
	}
	// The zero padding of the last byte of the gaps, then nothing or
	// the opening's bitmap: a bit for each fingerprint, the last byte's
	// unused bits zero.
	if buf&(1<<(n%8)-1) != 0 {
		return errSet
	}
	at -= n / 8 // bytes loaded into the buffer beyond the gaps
	switch rest := data[at:]; len(rest) {
	case 0:
	case (s.m + 7) / 8:
		if s.m%8 != 0 && rest[len(rest)-1]>>(s.m%8) != 0 {
			return errSet
		}
		s.opening = rest
	default:
		return errSet
	}
	return nil
}

// setQuery is a query's shingles as setMatch takes them, prepared once for
// all the sets it is compared with: the products h·setPhi of its distinct
// hashes, and of its opening's (Features.Lead), each sorted. A set's
// fingerprints are the top bits of such products, so that the query's
// fingerprints of any width come in the same order.
type setQuery struct {
	prods, lead []uint64
}

// newSetQuery prepares hashes (in any order, repeats allowed) and the
// opening lead for setMatch.
func newSetQuery(hashes, lead []uint64) setQuery {
	var q setQuery
	for _, dst := range []struct {
		to  *[]uint64
		src []uint64
	}{{&q.prods, hashes}, {&q.lead, lead}} {
		p := make([]uint64, len(dst.src))
		for i, h := range dst.src {
			p[i] = h * setPhi // a bijection: distinct hashes, distinct products
		}
		slices.Sort(p)
		*dst.to = slices.Compact(p)
	}
	return q
}

// setMatch compares a query's shingles (newSetQuery) with a document's
// encoded set (of card distinct shingles): the shared shingles counted
// through the fingerprints, less the false matches expected of the
// shingles not shared, and the match that count gives. sigma is the
// standard error of the shared count, in shingles. opening is the share of
// the query's opening whose fingerprints the set holds, docOpening the
// share of the document's opening (kept with its set) the query holds;
// each negative when too short to tell or not known (see OpeningInside).
// scratch is reused and returned.
func setMatch(q setQuery, set []byte, card uint32, scratch []uint64) (m Match, sigma, opening, docOpening float64, out []uint64, err error) {
	rd, err := newSetReader(set)
	if err != nil {
		return Match{}, 0, -1, -1, scratch, err
	}
	shift := uint(64 - rd.u)
	// found: a bit for each of the set's fingerprints, set when the query
	// has it.
	words := (rd.m + 63) / 64
	found := slices.Grow(scratch[:0], words)[:words]
	clear(found)
	query, leads := q.prods, q.lead
	hit, inLead, i, j, k := 0, 0, 0, 0, 0
	err = rd.each(func(f uint64) {
		for i < len(query) && query[i]>>shift < f {
			i++
		}
		for i < len(query) && query[i]>>shift == f {
			hit++ // two shingles on one fingerprint both count
			i++
			found[k/64] |= 1 << (k % 64)
		}
		k++
		for j < len(leads) && leads[j]>>shift < f {
			j++
		}
		for j < len(leads) && leads[j]>>shift == f {
			inLead++
			j++
		}
	})
	if err != nil {
		return Match{}, 0, -1, -1, found, err
	}
	opening, docOpening = -1, -1
	if len(leads) >= minOpening {
		opening = float64(inLead) / float64(len(leads))
	}
	if rd.opening != nil {
		total, in := 0, 0
		for k := range rd.m {
			if rd.opening[k/8]&(1<<(k%8)) != 0 {
				total++
				if found[k/64]&(1<<(k%64)) != 0 {
					in++
				}
			}
		}
		if total >= minOpening {
			docOpening = float64(in) / float64(total)
		}
	}
	a, b := float64(len(query)), float64(max(card, 1))
	// A shingle the document lacks falls on one of its m' fingerprints
	// with probability f.
	f := float64(rd.m) / math.Ldexp(1, rd.u)
	inter := (float64(hit) - f*a) / (1 - f)
	inter = min(max(inter, 0), a, b)
	sigma = math.Sqrt(max(a-inter, 0)*f*(1-f)) / (1 - f)
	m = Match{Similarity: inter / (a + b - inter), Containment: inter / a, Contained: inter / b}
	return m, sigma, opening, docOpening, found, nil
}

// EncodeSet sets f.Set to the shingle set the index keeps of the document
// with its opening (from f.Hashes and f.Lead, which the Featurizer must
// have kept: see KeepHashes), for
// a caller that holds features a while before adding them and need not
// keep the hashes meanwhile. AddFeatures encodes f.Hashes itself when
// f.Set is nil.
func (f *Features) EncodeSet() { f.Set, _ = f.AppendSet(nil, nil) }

// AppendSet appends the set EncodeSet makes to dst, and returns it with
// scratch, which it reuses (nil: allocated), for a caller that keeps many
// documents' sets in one buffer.
func (f *Features) AppendSet(dst []byte, scratch []uint64) ([]byte, []uint64) {
	return appendSet(dst, f.Hashes, f.Lead, int(f.Sig.Card), scratch)
}
