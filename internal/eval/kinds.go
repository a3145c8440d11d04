package eval

import (
	"fmt"
	"slices"
)

// KindScore is the recall of the pairs that involve documents of one kind.
type KindScore struct {
	Kind   string  `json:"kind"`
	Docs   int     `json:"docs"`  // documents of the kind
	Pairs  int64   `json:"pairs"` // true pairs with an endpoint of the kind (a pair of two such documents counts twice)
	Found  int64   `json:"found"` // those pairs placed in the same predicted cluster
	Recall float64 `json:"recall"`
}

// clusterCounts returns, for each document, how many documents of its
// true cluster are in its predicted cluster, and the size of its true
// cluster.
func clusterCounts(truth, predicted Assignment) (together, size map[string]int) {
	type cell struct{ t, p string }
	cells := make(map[cell]int)
	trueSize := make(map[string]int)
	pred := func(id string) string {
		if l, ok := predicted[id]; ok {
			return "p:" + l
		}
		return "s:" + id // a singleton
	}
	for id, l := range truth {
		cells[cell{l, pred(id)}]++
		trueSize[l]++
	}
	together = make(map[string]int, len(truth))
	size = make(map[string]int, len(truth))
	for id, l := range truth {
		together[id] = cells[cell{l, pred(id)}]
		size[id] = trueSize[l]
	}
	return together, size
}

// RecallByKind returns, for every kind in kinds, the pairwise recall of the
// true pairs that involve a document of that kind, sorted by kind. Only
// documents of truth count.
func RecallByKind(truth, predicted Assignment, kinds map[string]string) []KindScore {
	together, size := clusterCounts(truth, predicted)
	by := make(map[string]*KindScore)
	for id := range truth {
		k, ok := kinds[id]
		if !ok {
			continue
		}
		ks := by[k]
		if ks == nil {
			ks = &KindScore{Kind: k}
			by[k] = ks
		}
		ks.Docs++
		ks.Pairs += int64(size[id] - 1)
		ks.Found += int64(together[id] - 1)
	}
	out := make([]KindScore, 0, len(by))
	for _, ks := range by {
		ks.Recall = 1
		if ks.Pairs > 0 {
			ks.Recall = float64(ks.Found) / float64(ks.Pairs)
		}
		out = append(out, *ks)
	}
	slices.SortFunc(out, func(a, b KindScore) int {
		if a.Kind < b.Kind {
			return -1
		}
		if a.Kind > b.Kind {
			return 1
		}
		return 0
	})
	return out
}

// Merged counts the documents for which include(id) holds and that share a
// predicted cluster with a document of a different true label: for hard
// negatives, which must stay alone, the documents wrongly merged.
func Merged(truth, predicted Assignment, include func(id string) bool) (merged, total int) {
	predSize := make(map[string]int)
	for _, l := range predicted {
		predSize[l]++
	}
	together, _ := clusterCounts(truth, predicted)
	for id := range truth {
		if !include(id) {
			continue
		}
		total++
		l, ok := predicted[id]
		if ok && predSize[l] > together[id] {
			merged++
		}
	}
	return merged, total
}

// Kept is what a deduplicated output kept of labelled documents (see
// CountKept).
type Kept struct {
	Stories int // true labels
	Lost    int // stories none of whose documents were kept
	// LostLabels are the labels of the lost stories, sorted.
	LostLabels []string
	Dups       int // a story's documents but one, summed
	Removed    int // the documents left out of the stories that were kept
}

// CountKept counts what an output that kept the documents in kept holds
// of the documents ids, labelled by truth: a document missing from truth
// is an error.
func CountKept(truth Assignment, ids []string, kept map[string]bool) (Kept, error) {
	docs, held := make(map[string]int), make(map[string]int)
	for _, id := range ids {
		label, ok := truth[id]
		if !ok {
			return Kept{}, fmt.Errorf("document %q is not in the truth", id)
		}
		docs[label]++
		if kept[id] {
			held[label]++
		}
	}
	var k Kept
	for label, n := range docs {
		k.Stories++
		k.Dups += n - 1
		if held[label] == 0 {
			k.Lost++
			k.LostLabels = append(k.LostLabels, label)
		} else {
			k.Removed += n - held[label]
		}
	}
	slices.Sort(k.LostLabels)
	return k, nil
}
