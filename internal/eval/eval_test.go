package eval

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// want is a hand-computed expectation; fractions are written as such so
// that the arithmetic can be checked against the comments.
type want struct {
	tp, fp, fn            int64
	docs, tcl, pcl        int
	precision, recall, f1 float64
	ari                   float64
}

func TestCompareHand(t *testing.T) {
	tests := []struct {
		name             string
		truth, predicted Assignment
		want             want
	}{
		{
			// Contingency (rows truth X,Y; columns 1,2,3): X = 2 1 0, Y = 0 1 2.
			// Σ C(nij,2) = 2; Σ C(ai,2) = 3+3 = 6; Σ C(bj,2) = 1+1+1 = 3;
			// C(6,2) = 15; expected = 6·3/15 = 1.2; max = (6+3)/2 = 4.5;
			// ARI = (2−1.2)/(4.5−1.2) = 0.8/3.3 = 8/33.
			name:      "split three ways",
			truth:     Assignment{"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Y", "f": "Y"},
			predicted: Assignment{"a": "1", "b": "1", "c": "2", "d": "2", "e": "3", "f": "3"},
			want:      want{tp: 2, fp: 1, fn: 4, docs: 6, tcl: 2, pcl: 3, precision: 2.0 / 3, recall: 2.0 / 6, f1: 4.0 / 9, ari: 8.0 / 33},
		},
		{
			// Σ C(nij,2) = 1; A = 1+1 = 2; B = 1; C(4,2) = 6; expected = 2/6;
			// max = 1.5; ARI = (1−1/3)/(1.5−1/3) = (2/3)/(7/6) = 4/7.
			name:      "one cluster split",
			truth:     Assignment{"a": "0", "b": "0", "c": "1", "d": "1"},
			predicted: Assignment{"a": "0", "b": "0", "c": "1", "d": "2"},
			want:      want{tp: 1, fp: 0, fn: 1, docs: 4, tcl: 2, pcl: 3, precision: 1, recall: 0.5, f1: 2.0 / 3, ari: 4.0 / 7},
		},
		{
			// Σ C(nij,2) = 0; A = B = 2; expected = 4/6; max = 2;
			// ARI = (0−2/3)/(2−2/3) = −1/2.
			name:      "crossed",
			truth:     Assignment{"a": "0", "b": "0", "c": "1", "d": "1"},
			predicted: Assignment{"a": "0", "b": "1", "c": "0", "d": "1"},
			want:      want{tp: 0, fp: 2, fn: 2, docs: 4, tcl: 2, pcl: 2, precision: 0, recall: 0, f1: 0, ari: -0.5},
		},
		{
			// Contingency X = 2 2, Y = 1 1: Σ C(nij,2) = 2; A = 6+1 = 7;
			// B = 3+3 = 6; expected = 42/15 = 2.8; max = 6.5;
			// ARI = (2−2.8)/(6.5−2.8) = −0.8/3.7 = −8/37.
			// F1 = 2·(1/3)(2/7)/(1/3+2/7) = (4/21)/(13/21) = 4/13.
			name:      "unbalanced, worse than chance",
			truth:     Assignment{"a": "X", "b": "X", "c": "X", "d": "X", "e": "Y", "f": "Y"},
			predicted: Assignment{"a": "1", "b": "1", "e": "1", "c": "2", "d": "2", "f": "2"},
			want:      want{tp: 2, fp: 4, fn: 5, docs: 6, tcl: 2, pcl: 2, precision: 1.0 / 3, recall: 2.0 / 7, f1: 4.0 / 13, ari: -8.0 / 37},
		},
		{
			// c is only in predicted (a singleton of the truth), and the
			// clusterings agree: A = B = 1, C(3,2) = 3, expected = 1/3,
			// max = 1, index = 1, ARI = 1.
			name:      "singletons omitted on both sides",
			truth:     Assignment{"a": "X", "b": "X"},
			predicted: Assignment{"a": "1", "b": "1", "c": "2"},
			want:      want{tp: 1, fp: 0, fn: 0, docs: 3, tcl: 2, pcl: 2, precision: 1, recall: 1, f1: 1, ari: 1},
		},
		{
			// A = 1, B = 3, C(3,2) = 3: expected = 1, max = 2, index = 1,
			// ARI = 0.
			name:      "singleton merged into cluster",
			truth:     Assignment{"a": "X", "b": "X"},
			predicted: Assignment{"a": "1", "b": "1", "c": "1"},
			want:      want{tp: 1, fp: 2, fn: 0, docs: 3, tcl: 2, pcl: 1, precision: 1.0 / 3, recall: 1, f1: 0.5, ari: 0},
		},
		{
			// A = 3+1 = 4, B = 0: expected = 0, max = 2, ARI = 0.
			name:      "all singletons predicted",
			truth:     Assignment{"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Y"},
			predicted: Assignment{},
			want:      want{tp: 0, fp: 0, fn: 4, docs: 5, tcl: 2, pcl: 5, precision: 1, recall: 0, f1: 0, ari: 0},
		},
		{
			// A = C(4,2) = 6 = all, B = 0: expected = 0, max = 3, ARI = 0.
			name:      "one true cluster, singletons predicted",
			truth:     Assignment{"a": "X", "b": "X", "c": "X", "d": "X"},
			predicted: Assignment{"a": "1", "b": "2", "c": "3", "d": "4"},
			want:      want{tp: 0, fp: 0, fn: 6, docs: 4, tcl: 1, pcl: 4, precision: 1, recall: 0, f1: 0, ari: 0},
		},
		{
			name:      "both all singletons",
			truth:     Assignment{"a": "1", "b": "2", "c": "3"},
			predicted: nil,
			want:      want{docs: 3, tcl: 3, pcl: 3, precision: 1, recall: 1, f1: 1, ari: 1},
		},
		{
			name:      "both one cluster",
			truth:     Assignment{"a": "X", "b": "X", "c": "X"},
			predicted: Assignment{"a": "1", "b": "1", "c": "1"},
			want:      want{tp: 3, docs: 3, tcl: 1, pcl: 1, precision: 1, recall: 1, f1: 1, ari: 1},
		},
		{
			name:      "one document",
			truth:     Assignment{"a": "X"},
			predicted: Assignment{"a": "1"},
			want:      want{docs: 1, tcl: 1, pcl: 1, precision: 1, recall: 1, f1: 1, ari: 1},
		},
		{
			name: "empty",
			want: want{precision: 1, recall: 1, f1: 1, ari: 1},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkScores(t, Compare(tc.truth, tc.predicted), tc.want)
		})
	}
}

func checkScores(t *testing.T, got Scores, w want) {
	t.Helper()
	if got.TruePositives != w.tp || got.FalsePositives != w.fp || got.FalseNegatives != w.fn {
		t.Errorf("pairs tp/fp/fn = %d/%d/%d, want %d/%d/%d", got.TruePositives, got.FalsePositives, got.FalseNegatives, w.tp, w.fp, w.fn)
	}
	if got.Docs != w.docs || got.TrueClusters != w.tcl || got.PredictedClusters != w.pcl {
		t.Errorf("docs/true clusters/predicted clusters = %d/%d/%d, want %d/%d/%d", got.Docs, got.TrueClusters, got.PredictedClusters, w.docs, w.tcl, w.pcl)
	}
	for _, f := range []struct {
		name      string
		got, want float64
	}{
		{"precision", got.Precision, w.precision},
		{"recall", got.Recall, w.recall},
		{"F1", got.F1, w.f1},
		{"ARI", got.ARI, w.ari},
	} {
		if math.Abs(f.got-f.want) > 1e-12 {
			t.Errorf("%s = %.15g, want %.15g", f.name, f.got, f.want)
		}
	}
}

// bruteForce scores by enumerating every pair of documents, and computes
// ARI from the pair confusion matrix (TP, FP, FN, TN), an algebraically
// equivalent form that shares no code with Compare:
// ARI = 2(TP·TN − FN·FP) / ((TP+FN)(FN+TN) + (TP+FP)(FP+TN)).
func bruteForce(truth, predicted Assignment) Scores {
	seen := map[string]bool{}
	var ids []string
	for _, a := range []Assignment{truth, predicted} {
		for id := range a {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	same := func(a Assignment, x, y string) bool {
		lx, okx := a[x]
		ly, oky := a[y]
		return okx && oky && lx == ly
	}
	var tp, fp, fn, tn int64
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			st, sp := same(truth, ids[i], ids[j]), same(predicted, ids[i], ids[j])
			switch {
			case st && sp:
				tp++
			case sp:
				fp++
			case st:
				fn++
			default:
				tn++
			}
		}
	}
	count := func(a Assignment) int {
		labels := map[string]bool{}
		n := 0
		for _, id := range ids {
			if l, ok := a[id]; ok {
				labels[l] = true
			} else {
				n++
			}
		}
		return n + len(labels)
	}
	s := Scores{TruePositives: tp, FalsePositives: fp, FalseNegatives: fn, Docs: len(ids),
		TrueClusters: count(truth), PredictedClusters: count(predicted), Precision: 1, Recall: 1}
	if tp+fp > 0 {
		s.Precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		s.Recall = float64(tp) / float64(tp+fn)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	den := float64(tp+fn)*float64(fn+tn) + float64(tp+fp)*float64(fp+tn)
	if den == 0 {
		s.ARI = 1
	} else {
		s.ARI = 2 * (float64(tp)*float64(tn) - float64(fn)*float64(fp)) / den
	}
	return s
}

// randomAssignments draws a truth and a prediction over up to n documents
// with few labels (so that clusters are large) and random omissions.
func randomAssignments(r *rand.Rand, n int) (truth, predicted Assignment) {
	truth, predicted = Assignment{}, Assignment{}
	tl, pl := 1+r.IntN(n+1), 1+r.IntN(n+1)
	for i := range n {
		id := fmt.Sprintf("d%d", i)
		switch r.IntN(10) {
		case 0: // in neither: not a document at all
		case 1:
			truth[id] = fmt.Sprint(r.IntN(tl))
		case 2:
			predicted[id] = fmt.Sprint(r.IntN(pl))
		default:
			truth[id] = fmt.Sprint(r.IntN(tl))
			if r.IntN(4) == 0 {
				// Often agree, so that high scores are exercised too.
				predicted[id] = "t" + truth[id]
			} else {
				predicted[id] = fmt.Sprint(r.IntN(pl))
			}
		}
	}
	return truth, predicted
}

func TestCompareAgainstBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		truth, predicted := randomAssignments(r, r.IntN(70))
		got, ref := Compare(truth, predicted), bruteForce(truth, predicted)
		if !scoresClose(got, ref) {
			t.Fatalf("case %d: truth %v predicted %v:\nCompare    %v\nbruteForce %v", i, truth, predicted, got, ref)
		}
	}
}

func scoresClose(a, b Scores) bool {
	close := func(x, y float64) bool { return math.Abs(x-y) <= 1e-12 }
	return a.TruePositives == b.TruePositives && a.FalsePositives == b.FalsePositives &&
		a.FalseNegatives == b.FalseNegatives && a.Docs == b.Docs &&
		a.TrueClusters == b.TrueClusters && a.PredictedClusters == b.PredictedClusters &&
		close(a.Precision, b.Precision) && close(a.Recall, b.Recall) &&
		close(a.F1, b.F1) && close(a.ARI, b.ARI)
}

func TestCompareInvariance(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	relabel := func(a Assignment) Assignment {
		// A bijection of labels: a random, collision-free renaming.
		names := map[string]string{}
		perm := r.Perm(len(a) + 1)
		out := Assignment{}
		for id, l := range a {
			if _, ok := names[l]; !ok {
				names[l] = fmt.Sprintf("L%d", perm[len(names)])
			}
			out[id] = names[l]
		}
		return out
	}
	for i := range 500 {
		truth, predicted := randomAssignments(r, r.IntN(60))
		s := Compare(truth, predicted)

		if p := Compare(relabel(truth), relabel(predicted)); p != s {
			t.Fatalf("case %d: relabelling changed the scores:\n%v\n%v", i, s, p)
		}

		// Swapping the roles swaps precision and recall, FP and FN.
		w := Compare(predicted, truth)
		if w.Precision != s.Recall || w.Recall != s.Precision || w.FalsePositives != s.FalseNegatives ||
			w.FalseNegatives != s.FalsePositives || w.TruePositives != s.TruePositives ||
			w.TrueClusters != s.PredictedClusters || w.PredictedClusters != s.TrueClusters ||
			w.Docs != s.Docs || math.Abs(w.F1-s.F1) > 1e-15 || math.Abs(w.ARI-s.ARI) > 1e-12 {
			t.Fatalf("case %d: not symmetric:\n%v\n%v", i, s, w)
		}

		// A clustering compared with itself, under other label names, is
		// perfect.
		if p := Compare(truth, relabel(truth)); p.Precision != 1 || p.Recall != 1 || p.F1 != 1 || p.ARI != 1 ||
			p.FalsePositives != 0 || p.FalseNegatives != 0 {
			t.Fatalf("case %d: self comparison not perfect: %v", i, p)
		}

		// Predicting all singletons finds nothing.
		if p := Compare(truth, nil); p.TruePositives != 0 || p.FalsePositives != 0 || p.Precision != 1 ||
			(p.FalseNegatives > 0 && (p.Recall != 0 || p.F1 != 0)) {
			t.Fatalf("case %d: all-singletons prediction: %v", i, p)
		}
	}
}

func TestCompareLarge(t *testing.T) {
	// Pair counts beyond 32 bits: two clusters of 100,000 documents each,
	// predicted as one cluster. Enumerating the 2·10¹⁰ pairs is not an
	// option; the counts follow from the cluster sizes.
	const n = 100_000
	truth, predicted := make(Assignment, 2*n), make(Assignment, 2*n)
	for i := range 2 * n {
		id := fmt.Sprint(i)
		truth[id] = fmt.Sprint(i % 2)
		predicted[id] = "all"
	}
	s := Compare(truth, predicted)
	half := int64(n) * (n - 1) / 2
	all := int64(2*n) * (2*n - 1) / 2
	if s.TruePositives != 2*half || s.FalsePositives != all-2*half || s.FalseNegatives != 0 {
		t.Fatalf("got %v", s)
	}
	if want := float64(2*half) / float64(all); math.Abs(s.Precision-want) > 1e-15 {
		t.Errorf("precision %v, want %v", s.Precision, want)
	}
	// Truth pairs A = 2·half, predicted pairs B = all: expected = A,
	// ARI = (A − A)/((A+all)/2 − A) = 0.
	if s.ARI != 0 {
		t.Errorf("ARI = %v, want 0", s.ARI)
	}
}

func BenchmarkCompare(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	const n = 1_000_000
	truth, predicted := make(Assignment, n), make(Assignment, n)
	for i := range n {
		id := fmt.Sprintf("doc-%07d", i)
		c := r.IntN(n / 8)
		truth[id] = fmt.Sprint(c)
		if r.IntN(10) > 0 {
			predicted[id] = fmt.Sprint(c)
		} else {
			predicted[id] = fmt.Sprint(r.IntN(n / 8))
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		Compare(truth, predicted)
	}
}
