// Package eval measures how well a clustering of documents agrees with
// labelled ground truth.
//
// Both clusterings are given as an Assignment from document ID to cluster
// label. Compare scores a predicted clustering against the truth with
// pair-counting measures: every unordered pair of distinct documents is a
// positive of a clustering when the clustering puts both documents in the
// same cluster. Pairwise precision is the share of predicted positive pairs
// that are true positives, recall the share of true positive pairs that were
// predicted, F1 their harmonic mean. The adjusted Rand index (ARI) of Hubert
// and Arabie ("Comparing partitions", Journal of Classification 2, 1985)
// corrects the Rand index for the agreement expected between random
// clusterings with the same cluster sizes: 1 for identical clusterings,
// about 0 for independent ones, negative for worse than chance.
//
// All scores are computed from the contingency table of the two clusterings
// (how many documents each pair of a true and a predicted cluster share) in
// time and memory linear in the number of documents, never by enumerating
// pairs, so they are exact for millions of documents.
package eval

import (
	"fmt"
)

// Assignment maps a document ID to the label of its cluster. Documents with
// the same label are in the same cluster. A document that is absent from an
// Assignment is a cluster of its own (a singleton), so a clustering need not
// list its singletons. Labels are only compared for equality within one
// Assignment: the labels of a truth and of a prediction need not be related.
type Assignment map[string]string

// Scores holds the agreement between a predicted clustering and the truth.
// Pair counts are over unordered pairs of distinct documents.
type Scores struct {
	// Precision is TruePositives / (TruePositives + FalsePositives): the
	// share of predicted same-cluster pairs that are in the same true
	// cluster. It is 1 when no pair is predicted (nothing claimed, nothing
	// wrong).
	Precision float64 `json:"precision"`
	// Recall is TruePositives / (TruePositives + FalseNegatives): the share
	// of true same-cluster pairs that were predicted. It is 1 when the truth
	// has no such pair (nothing to find, nothing missed).
	Recall float64 `json:"recall"`
	// F1 is the harmonic mean of Precision and Recall, 0 when both are 0.
	F1 float64 `json:"f1"`
	// ARI is the adjusted Rand index of Hubert and Arabie. Its formula has a
	// zero denominator exactly when both clusterings are all singletons or
	// both put every document in one cluster (which includes fewer than two
	// documents); the clusterings are then identical and ARI is 1.
	ARI float64 `json:"ari"`

	// TruePositives counts pairs in the same cluster in both clusterings.
	TruePositives int64 `json:"true_positives"`
	// FalsePositives counts pairs in the same predicted cluster but in
	// different true clusters.
	FalsePositives int64 `json:"false_positives"`
	// FalseNegatives counts pairs in the same true cluster but in different
	// predicted clusters.
	FalseNegatives int64 `json:"false_negatives"`

	// Docs is the number of distinct document IDs in either Assignment.
	Docs int `json:"docs"`
	// TrueClusters and PredictedClusters count the clusters of each
	// clustering over all Docs, singletons included.
	TrueClusters      int `json:"true_clusters"`
	PredictedClusters int `json:"predicted_clusters"`
}

// String formats the scores on one line, for logs and reports.
func (s Scores) String() string {
	return fmt.Sprintf("precision=%.4f recall=%.4f f1=%.4f ari=%.4f (docs=%d true clusters=%d predicted clusters=%d; pairs tp=%d fp=%d fn=%d)",
		s.Precision, s.Recall, s.F1, s.ARI, s.Docs, s.TrueClusters, s.PredictedClusters,
		s.TruePositives, s.FalsePositives, s.FalseNegatives)
}

// pairs returns n choose 2.
func pairs(n int64) int64 { return n * (n - 1) / 2 }

// Compare scores the clustering predicted against truth. The documents
// scored are the union of the IDs of both; a document absent from one of
// them is a singleton there. Compare does not modify its arguments. It runs
// in time and memory linear in the number of documents.
func Compare(truth, predicted Assignment) Scores {
	// Number the clusters of each side; a document absent from a side gets
	// a fresh cluster of its own there.
	trueID := make(map[string]int, len(truth)/2+1)
	predID := make(map[string]int, len(predicted)/2+1)
	var trueSize, predSize []int64
	cluster := func(ids map[string]int, sizes *[]int64, label string) int {
		c, ok := ids[label]
		if !ok {
			c = len(*sizes)
			ids[label] = c
			*sizes = append(*sizes, 0)
		}
		(*sizes)[c]++
		return c
	}
	singleton := func(sizes *[]int64) {
		*sizes = append(*sizes, 1)
	}

	// The contingency table, sparse: only cells of documents in both
	// Assignments can hold more than one document, and cells of one
	// document contribute nothing to the pair counts.
	type cell struct{ t, p int }
	table := make(map[cell]int64)
	docs := 0
	for id, tl := range truth {
		docs++
		t := cluster(trueID, &trueSize, tl)
		pl, ok := predicted[id]
		if !ok {
			singleton(&predSize)
			continue
		}
		p := cluster(predID, &predSize, pl)
		table[cell{t, p}]++
	}
	for id, pl := range predicted {
		if _, ok := truth[id]; ok {
			continue
		}
		docs++
		cluster(predID, &predSize, pl)
		singleton(&trueSize)
	}

	var both, truePairs, predPairs int64
	for _, n := range table {
		both += pairs(n)
	}
	for _, n := range trueSize {
		truePairs += pairs(n)
	}
	for _, n := range predSize {
		predPairs += pairs(n)
	}
	return scores(both, truePairs, predPairs, int64(docs), len(trueSize), len(predSize))
}

// scores derives the Scores from the pair counts: both = pairs together in
// both clusterings, truePairs and predPairs = pairs together in each, docs
// documents in all.
func scores(both, truePairs, predPairs, docs int64, trueClusters, predClusters int) Scores {
	s := Scores{
		TruePositives:     both,
		FalsePositives:    predPairs - both,
		FalseNegatives:    truePairs - both,
		Docs:              int(docs),
		TrueClusters:      trueClusters,
		PredictedClusters: predClusters,
		Precision:         1,
		Recall:            1,
	}
	if predPairs > 0 {
		s.Precision = float64(both) / float64(predPairs)
	}
	if truePairs > 0 {
		s.Recall = float64(both) / float64(truePairs)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}

	// ARI = (index - expected) / (max - expected) with index = both,
	// expected = truePairs*predPairs/all and max = (truePairs+predPairs)/2.
	// The denominator is truePairs*(all-predPairs) + predPairs*(all-truePairs)
	// over 2*all, a sum of two non-negative terms, so it is zero exactly
	// when truePairs = predPairs = 0 or truePairs = predPairs = all: decide
	// that case on the integers, not on rounded floats.
	all := pairs(docs)
	if (truePairs == 0 && predPairs == 0) || (truePairs == all && predPairs == all) {
		s.ARI = 1
		return s
	}
	a, b, n := float64(truePairs), float64(predPairs), float64(all)
	expected := a * b / n
	s.ARI = (float64(both) - expected) / ((a+b)/2 - expected)
	return s
}
