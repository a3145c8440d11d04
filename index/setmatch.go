package index

import (
	"math"
	"slices"

	"github.com/mimeo-dedup/mimeo/index/internal/segment"
)

// setQuery is a query's shingles as setMatch takes them, prepared once for
// all the sets it is compared with: the products h·segment.SetPhi of its distinct
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
			p[i] = h * segment.SetPhi // a bijection: distinct hashes, distinct products
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
	rd, err := segment.NewSetReader(set)
	if err != nil {
		return Match{}, 0, -1, -1, scratch, err
	}
	shift := uint(64 - rd.Bits)
	// found: a bit for each of the set's fingerprints, set when the query
	// has it.
	words := (rd.Len + 63) / 64
	found := slices.Grow(scratch[:0], words)[:words]
	clear(found)
	query, leads := q.prods, q.lead
	hit, inLead, i, j, k := 0, 0, 0, 0, 0
	err = rd.Each(func(f uint64) {
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
	if rd.Opening != nil {
		total, in := 0, 0
		for k := range rd.Len {
			if rd.Opening[k/8]&(1<<(k%8)) != 0 {
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
	f := float64(rd.Len) / math.Ldexp(1, rd.Bits)
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
	return segment.AppendSet(dst, f.Hashes, f.Lead, int(f.Sig.Card), scratch)
}
