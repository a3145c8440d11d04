package scan

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/mimeo-dedup/mimeo/index"
	"github.com/mimeo-dedup/mimeo/internal/input"
)

// Which member of a cluster to keep (Clusters).
const (
	KeepEarliest = "earliest" // the likely original: index.Dedup.KeepOriginal
	KeepFirst    = "first"    // the first in input order
	KeepLongest  = "longest"  // the longest text
)

// CheckKeep reports whether keep names a way of choosing the kept member.
func CheckKeep(keep string) error {
	if keep != KeepEarliest && keep != KeepFirst && keep != KeepLongest {
		return fmt.Errorf("keep %q: want %s, %s or %s", keep, KeepFirst, KeepLongest, KeepEarliest)
	}
	return nil
}

// Cluster is a group of near-duplicates ready for output: the decisions
// every way of running mimeo makes alike (one scan, batches through an
// index, and the distributed pipeline).
type Cluster struct {
	Members []uint32 // document numbers, in input order
	Keep    uint32   // the member kept
	// Seen are the members seen before in an index (WithIndexed), sorted;
	// Indexed the documents of the index the members match, the best
	// match of each, strongest first (by Score, then ID).
	Seen    []uint32
	Indexed []index.Hit
}

// Clusters returns the scan's clusters, each with its kept member: one
// that every other member matches (index.Dedup.Qualifies), chosen by keep:
// KeepEarliest (the likely original: earliest date, else the version the
// others add to — index.Dedup.KeepOriginal), KeepFirst in input order, or
// KeepLongest text.
func Clusters(res *Result, keep string) ([]Cluster, error) {
	if err := CheckKeep(keep); err != nil {
		return nil, err
	}
	out := make([]Cluster, len(res.Clusters))
	var times []int64
	var dated []bool
	if keep == KeepEarliest {
		times, dated = make([]int64, len(res.Docs)), make([]bool, len(res.Docs))
		for i := range res.Docs {
			if t, ok := input.ParseDate(res.Docs[i].Date); ok {
				times[i], dated[i] = t.UnixNano(), true
			}
		}
	}
	for i, g := range res.Clusters {
		var k uint32
		switch keep {
		case KeepEarliest:
			k = res.Dedup.KeepOriginal(g, func(doc uint32) (int64, bool) { return times[doc], dated[doc] })
		default:
			order := slices.Clone(g) // input order
			if keep == KeepLongest {
				slices.SortStableFunc(order, func(a, b uint32) int { return -cmp.Compare(res.Docs[a].Len, res.Docs[b].Len) })
			}
			for _, m := range order {
				if res.Dedup.Qualifies(g, m) {
					k = m
					break
				}
			}
		}
		out[i] = Cluster{Members: g, Keep: k}
	}
	return out, nil
}

// WithIndexed adds to clusters what an index knew of their documents: seen
// holds, for each document seen before in the index, the hits that make it
// so (index.Index.Seen). Each cluster gets its members seen before and the
// indexed documents they match; a document outside every cluster that the
// index saw becomes a cluster of its own. Clusters stay ordered by their
// first member.
func WithIndexed(clusters []Cluster, seen map[uint32][]index.Hit) []Cluster {
	inCluster := make(map[uint32]bool)
	for _, c := range clusters {
		for _, m := range c.Members {
			inCluster[m] = true
		}
	}
	for num := range seen {
		if !inCluster[num] && len(seen[num]) > 0 {
			clusters = append(clusters, Cluster{Members: []uint32{num}, Keep: num})
		}
	}
	slices.SortFunc(clusters, func(a, b Cluster) int { return cmp.Compare(a.Members[0], b.Members[0]) })
	for i := range clusters {
		c := &clusters[i]
		best := map[string]index.Hit{}
		for _, m := range c.Members {
			if len(seen[m]) > 0 {
				c.Seen = append(c.Seen, m)
			}
			for _, h := range seen[m] {
				if old, ok := best[h.ID]; !ok || h.Score() > old.Score() {
					best[h.ID] = h
				}
			}
		}
		for _, h := range best {
			c.Indexed = append(c.Indexed, h)
		}
		slices.SortFunc(c.Indexed, func(a, b index.Hit) int {
			return cmp.Or(-cmp.Compare(a.Score(), b.Score()), cmp.Compare(a.ID, b.ID))
		})
	}
	return clusters
}
