package eval

import (
	"reflect"
	"strings"
	"testing"
)

func TestRecallByKindAndMerged(t *testing.T) {
	// Story s: original o, copies a (template) and b (truncated); story u:
	// original p and copy c (template). n1, n2 are hard negatives.
	truth := Assignment{"o": "s", "a": "s", "b": "s", "p": "u", "c": "u", "n1": "x1", "n2": "x2"}
	kinds := map[string]string{"o": "original", "a": "template", "b": "truncated", "p": "original", "c": "template", "n1": "digest", "n2": "digest"}
	// Predicted: o, a together with n1; b alone; p, c together.
	pred := Assignment{"o": "1", "a": "1", "n1": "1", "p": "2", "c": "2"}
	got := RecallByKind(truth, pred, kinds)
	want := map[string]KindScore{
		"original":  {Kind: "original", Docs: 2, Pairs: 2 + 1, Found: 1 + 1},
		"template":  {Kind: "template", Docs: 2, Pairs: 2 + 1, Found: 1 + 1},
		"truncated": {Kind: "truncated", Docs: 1, Pairs: 2, Found: 0},
		"digest":    {Kind: "digest", Docs: 2, Pairs: 0, Found: 0},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d kinds, want %d: %+v", len(got), len(want), got)
	}
	for i, ks := range got {
		w := want[ks.Kind]
		w.Recall = 1
		if w.Pairs > 0 {
			w.Recall = float64(w.Found) / float64(w.Pairs)
		}
		if ks != w {
			t.Errorf("%s: %+v, want %+v", ks.Kind, ks, w)
		}
		if i > 0 && got[i-1].Kind >= ks.Kind {
			t.Error("not sorted by kind")
		}
	}
	merged, total := Merged(truth, pred, func(id string) bool { return strings.HasPrefix(id, "n") })
	if merged != 1 || total != 2 {
		t.Errorf("Merged = %d of %d, want 1 of 2", merged, total)
	}
}

func TestReadTruthKinds(t *testing.T) {
	a, k, err := ReadTruthKinds(strings.NewReader(`{"id":"x","label":"1","kind":"combined"}` + "\n" + `{"id":"y","label":"1"}`))
	if err != nil || len(a) != 2 || k["x"] != "combined" || len(k) != 1 {
		t.Errorf("ReadTruthKinds = %v %v %v", a, k, err)
	}
}

func TestCountKept(t *testing.T) {
	truth := Assignment{"a": "s1", "b": "s1", "c": "s1", "u": "s2", "w": "s3"}
	ids := []string{"a", "b", "c", "u", "w"}
	k, err := CountKept(truth, ids, map[string]bool{"a": true, "b": true})
	// s1 keeps two of three (one removed), s2 and s3 are lost.
	if want := (Kept{Stories: 3, Lost: 2, Dups: 2, Removed: 1, LostLabels: []string{"s2", "s3"}}); err != nil || !reflect.DeepEqual(k, want) {
		t.Fatalf("%+v, %v; want %+v", k, err, want)
	}
	if _, err := CountKept(Assignment{"a": "s1"}, ids, nil); err == nil || !strings.Contains(err.Error(), `"b"`) {
		t.Fatalf("documents missing from the truth: %v, want an error naming one", err)
	}
}
