package index

import (
	"cmp"
	"fmt"
	"slices"
)

// Graph is what Dedup's clustering decides on, apart from the LSH tables
// that found the pairs: each document's b-bit signature and size, the
// verified pairs (edges), the pairs that share a passage without matching
// (quotes, with the passage key that found each, 0 when unknown), the
// pairs decided on exact values with the openings weighed, and the
// documents marked as compilations. A Graph can be cut into the connected
// components of its edges and quotes (Components, Sub), and a Dedup built
// from each (NewDedupGraph) clusters its documents as the whole would:
// nothing Cluster, KeepOriginal, Qualifies or Covers looks at crosses a
// component. That is how a distributed run clusters (issue #12): each
// component on one worker, with the same answer as one scan.
type Graph struct {
	Cards  []uint32 // distinct shingles of each document (estimated)
	Words  []uint64 // b-bit signatures, WordsPerDoc words a document
	Edges  []uint64 // verified pairs, a<<32 | b with a < b
	Quotes []Quote
	Exact  []ExactPair
	Marked []uint32 // documents marked as compilations (MarkCompilation)
}

// Quote is a pair of documents A < B that share a passage (found by Key,
// 0 when unknown) without being near-duplicates.
type Quote struct {
	A, B uint32
	Key  uint64
}

// ExactPair is a pair A < B decided on its exact values: Match (A's share
// in B as Containment), and when the openings were weighed (Opened) the
// share of A's opening inside B (AOpen) and of B's inside A (negative:
// unknown).
type ExactPair struct {
	A, B         uint32
	Match        Match
	Opened       bool
	AOpen, BOpen float32
}

// WordsPerDoc returns how many words of Graph.Words a document's
// signature takes under o.
func (o Options) WordsPerDoc() (int, error) {
	o, err := o.withDefaults()
	if err != nil {
		return 0, err
	}
	return (o.Recipe.K + 64/o.Bits - 1) / (64 / o.Bits), nil
}

// Graph returns the documents and pairs d clusters on, in d's numbering:
// a copy, which later calls to d do not change.
func (d *Dedup) Graph() Graph {
	g := Graph{
		Cards: slices.Clone(d.card),
		Words: slices.Clone(d.words),
		Edges: slices.Clone(d.edges),
	}
	slices.Sort(g.Edges)
	g.Quotes = make([]Quote, len(d.quotes))
	for i, q := range d.quotes {
		g.Quotes[i] = Quote{A: uint32(q >> 32), B: uint32(q), Key: d.quoteKey[i]}
	}
	for k, m := range d.exact {
		p := ExactPair{A: uint32(k >> 32), B: uint32(k), Match: m, AOpen: -1, BOpen: -1}
		if op, ok := d.opens[k]; ok {
			p.Opened, p.AOpen, p.BOpen = true, op[0], op[1]
		}
		g.Exact = append(g.Exact, p)
	}
	slices.SortFunc(g.Exact, func(a, b ExactPair) int { return cmp.Or(cmp.Compare(a.A, b.A), cmp.Compare(a.B, b.B)) })
	for doc := range d.marked {
		g.Marked = append(g.Marked, doc)
	}
	slices.Sort(g.Marked)
	return g
}

// NewDedupGraph returns a Dedup of g's documents and pairs under o, ready
// to Cluster; it has no LSH tables, and Add is refused.
func NewDedupGraph(o Options, g Graph) (*Dedup, error) {
	d, err := NewDedup(o)
	if err != nil {
		return nil, err
	}
	n := len(g.Cards)
	if len(g.Words) != n*d.wpd {
		return nil, fmt.Errorf("index: graph of %d documents has %d signature words, want %d a document", n, len(g.Words), d.wpd)
	}
	check := func(a, b uint32) error {
		if a >= b || int(b) >= n {
			return fmt.Errorf("index: graph pair %d, %d of %d documents", a, b, n)
		}
		return nil
	}
	d.card, d.words = slices.Clone(g.Cards), slices.Clone(g.Words)
	for _, e := range g.Edges {
		if err := check(uint32(e>>32), uint32(e)); err != nil {
			return nil, err
		}
	}
	d.edges = slices.Clone(g.Edges)
	for _, q := range g.Quotes {
		if err := check(q.A, q.B); err != nil {
			return nil, err
		}
		d.quotes = append(d.quotes, uint64(q.A)<<32|uint64(q.B))
		d.quoteKey = append(d.quoteKey, q.Key)
	}
	for _, p := range g.Exact {
		if err := check(p.A, p.B); err != nil {
			return nil, err
		}
		if d.exact == nil {
			d.exact = make(map[uint64]Match)
		}
		k := uint64(p.A)<<32 | uint64(p.B)
		d.exact[k] = p.Match
		if p.Opened {
			if d.opens == nil {
				d.opens = make(map[uint64][2]float32)
			}
			d.opens[k] = [2]float32{p.AOpen, p.BOpen}
		}
		for _, x := range [2]uint32{p.A, p.B} {
			if w := int(x / 64); w >= len(d.resolved) {
				d.resolved = append(d.resolved, make([]uint64, w+1-len(d.resolved))...)
			}
			d.resolved[x/64] |= 1 << (x % 64)
		}
	}
	for _, doc := range g.Marked {
		if int(doc) >= n {
			return nil, fmt.Errorf("index: graph marks document %d of %d", doc, n)
		}
		d.MarkCompilation(doc)
	}
	d.frozen = true
	return d, nil
}

// Components returns the connected components of g's edges and quotes
// with two documents or more, each sorted, ordered by their first
// document. (A document alone is clustered alone.)
func (g Graph) Components() [][]uint32 {
	n := len(g.Cards)
	parent := make([]uint32, n)
	for i := range parent {
		parent[i] = uint32(i)
	}
	find := func(x uint32) uint32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	union := func(a, b uint32) {
		ra, rb := find(a), find(b)
		switch {
		case ra < rb:
			parent[rb] = ra
		case rb < ra:
			parent[ra] = rb
		}
	}
	for _, e := range g.Edges {
		union(uint32(e>>32), uint32(e))
	}
	for _, q := range g.Quotes {
		union(q.A, q.B)
	}
	idx := make(map[uint32]int)
	var out [][]uint32
	count := make([]uint32, n)
	for i := range uint32(n) {
		count[find(i)]++
	}
	for i := range uint32(n) {
		r := find(i)
		if count[r] < 2 {
			continue
		}
		j, ok := idx[r]
		if !ok {
			j = len(out)
			idx[r] = j
			out = append(out, nil)
		}
		out[j] = append(out[j], i)
	}
	return out
}

// Sub returns the part of g that concerns docs (sorted, distinct: a
// component), its documents numbered 0, 1, … in that order; pairs with a
// document outside docs are left out, the others keep their order.
func (g Graph) Sub(docs []uint32, wordsPerDoc int) Graph {
	num := make(map[uint32]uint32, len(docs))
	s := Graph{Cards: make([]uint32, len(docs)), Words: make([]uint64, 0, len(docs)*wordsPerDoc)}
	for i, doc := range docs {
		num[doc] = uint32(i)
		s.Cards[i] = g.Cards[doc]
		s.Words = append(s.Words, g.Words[int(doc)*wordsPerDoc:int(doc+1)*wordsPerDoc]...)
	}
	both := func(a, b uint32) (uint32, uint32, bool) {
		x, okA := num[a]
		y, okB := num[b]
		return x, y, okA && okB
	}
	for _, e := range g.Edges {
		if a, b, ok := both(uint32(e>>32), uint32(e)); ok {
			s.Edges = append(s.Edges, uint64(a)<<32|uint64(b))
		}
	}
	for _, q := range g.Quotes {
		if a, b, ok := both(q.A, q.B); ok {
			s.Quotes = append(s.Quotes, Quote{A: a, B: b, Key: q.Key})
		}
	}
	for _, p := range g.Exact {
		if a, b, ok := both(p.A, p.B); ok {
			p.A, p.B = a, b
			s.Exact = append(s.Exact, p)
		}
	}
	for _, doc := range g.Marked {
		if x, ok := num[doc]; ok {
			s.Marked = append(s.Marked, x)
		}
	}
	return s
}
