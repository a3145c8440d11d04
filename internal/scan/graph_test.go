package scan

import (
	"cmp"
	"context"
	"slices"
	"testing"

	"github.com/mimeo-dedup/mimeo/bench/wire"
	"github.com/mimeo-dedup/mimeo/index"
)

// TestClustersByComponent: the clusters of one scan are those of the
// connected components of its pairs (verified pairs and pages that share
// a passage), each clustered alone from its part of the scan's Graph —
// and so are the kept member of each cluster and whether each member is
// kept beside it. This is the cut a distributed run makes (each component
// on one worker). Over the wire benchmark and spam-site pages with and
// without URLs, dated and not.
func TestClustersByComponent(t *testing.T) {
	corpora := map[string]*wire.Corpus{
		"wire":           wire.Generate(wire.Config{Stories: 120, Seed: 5}),
		"spam, no URLs":  wire.GenerateSpam(wire.SpamConfig{Stories: 160, Seed: 6, NoURLs: true}),
		"spam, undated":  wire.GenerateSpam(wire.SpamConfig{Stories: 160, Seed: 7, UndatedRate: 0.5}),
		"spam, lists 30": wire.GenerateSpam(wire.SpamConfig{Stories: 160, Seed: 8, NoURLs: true, SiteListLines: 30}),
	}
	for name, c := range corpora {
		t.Run(name, func(t *testing.T) {
			ins := writeCorpus(t, c)
			res, err := Run(context.Background(), Config{Inputs: ins, Jobs: 1, Boilerplate: true, Exact: true})
			if err != nil {
				t.Fatal(err)
			}
			dd := res.Dedup
			undated := func(uint32) (int64, bool) { return 0, false }
			type cluster struct {
				members []uint32
				keep    uint32
				stays   []bool // Qualifies, member by member
			}
			describe := func(d *index.Dedup, members []uint32, num func(uint32) uint32) cluster {
				keep := d.KeepOriginal(members, undated)
				c := cluster{keep: num(keep)}
				for _, m := range members {
					c.members = append(c.members, num(m))
					c.stays = append(c.stays, d.Qualifies(members, m))
				}
				return c
			}
			same := func(x uint32) uint32 { return x }
			var want []cluster
			for _, m := range dd.Cluster() {
				want = append(want, describe(dd, m, same))
			}

			wpd, err := dd.Options().WordsPerDoc()
			if err != nil {
				t.Fatal(err)
			}
			g := dd.Graph()
			comps := g.Components()
			var got []cluster
			split := 0 // components that hold more than one cluster
			for _, comp := range comps {
				sub, err := index.NewDedupGraph(dd.Options(), g.Sub(comp, wpd))
				if err != nil {
					t.Fatal(err)
				}
				cl := sub.Cluster()
				if len(cl) > 1 {
					split++
				}
				for _, m := range cl {
					got = append(got, describe(sub, m, func(x uint32) uint32 { return comp[x] }))
				}
			}
			slices.SortFunc(got, func(a, b cluster) int { return cmp.Compare(a.members[0], b.members[0]) })
			largest := 0
			for _, c := range comps {
				largest = max(largest, len(c))
			}
			t.Logf("%d documents, %d components (%d with more than one cluster, the largest of %d documents), %d clusters", dd.Len(), len(comps), split, largest, len(want))
			if len(want) < 20 || split == 0 {
				t.Fatalf("%d clusters, %d components holding several: the corpus does not test the cut", len(want), split)
			}
			if len(got) != len(want) {
				t.Fatalf("%d clusters by component, want %d", len(got), len(want))
			}
			for i := range want {
				w, g := want[i], got[i]
				if !slices.Equal(w.members, g.members) || w.keep != g.keep || !slices.Equal(w.stays, g.stays) {
					t.Errorf("cluster %d by component: %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

// TestDedupGraphRefusesAdd: a Dedup built from a Graph has no LSH tables
// to add a document to, and refuses a Graph whose pairs or signatures do
// not fit its documents.
func TestDedupGraphRefusesAdd(t *testing.T) {
	o := index.Options{}
	wpd, err := o.WordsPerDoc()
	if err != nil {
		t.Fatal(err)
	}
	g := index.Graph{Cards: []uint32{40, 50}, Words: make([]uint64, 2*wpd), Edges: []uint64{1}} // 0, 1
	d, err := index.NewDedupGraph(o, g)
	if err != nil {
		t.Fatal(err)
	}
	if cl := d.Cluster(); len(cl) != 1 || !slices.Equal(cl[0], []uint32{0, 1}) {
		t.Errorf("clusters %v, want [[0 1]]", cl)
	}
	e, err := index.NewFeaturizer(o)
	if err != nil {
		t.Fatal(err)
	}
	var f index.Features
	e.Extract([]byte("some words that make a page of text for the featurizer to sign and band"), "", &f)
	if _, _, err := d.Add(&f); err == nil {
		t.Error("Add to a Dedup built from a Graph: no error")
	}
	for _, bad := range []index.Graph{
		{Cards: g.Cards, Words: g.Words[:wpd]},
		{Cards: g.Cards, Words: g.Words, Edges: []uint64{1 << 32}}, // 1, 0: not ordered
		{Cards: g.Cards, Words: g.Words, Edges: []uint64{0<<32 | 2}},
		{Cards: g.Cards, Words: g.Words, Quotes: []index.Quote{{A: 0, B: 5}}},
		{Cards: g.Cards, Words: g.Words, Exact: []index.ExactPair{{A: 1, B: 1}}},
		{Cards: g.Cards, Words: g.Words, Marked: []uint32{2}},
	} {
		if _, err := index.NewDedupGraph(o, bad); err == nil {
			t.Errorf("graph %+v: no error", bad)
		}
	}
}
