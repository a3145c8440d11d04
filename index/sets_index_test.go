package index

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/mimeo-dedup/mimeo/index/internal/segment"
)

// shortInLong makes long stories and truncated copies of them: each copy
// is a story's first paragraph, its last sentence and one of its own,
// about a twelfth of it — the case a b-bit
// signature estimates worst (the containment of a short page in a long one
// through their small Jaccard similarity).
func shortInLong(seed uint64, n int) (long, short [][]byte) {
	r := rand.New(rand.NewPCG(seed, 9))
	word := func() string {
		b := make([]byte, 3+r.IntN(7))
		for j := range b {
			b[j] = byte('a' + r.IntN(26))
		}
		return string(b)
	}
	for range n {
		var sentences []string
		for range 60 {
			w := make([]string, 12+r.IntN(6))
			for i := range w {
				w[i] = word()
			}
			sentences = append(sentences, strings.Join(w, " ")+".")
		}
		var paras []string
		for i := 0; i < len(sentences); i += 3 {
			paras = append(paras, strings.Join(sentences[i:i+3], " "))
		}
		long = append(long, []byte(strings.Join(paras, "\n")))
		own := make([]string, 30)
		for i := range own {
			own[i] = word()
		}
		short = append(short, []byte(paras[0]+"\n"+sentences[59]+" "+strings.Join(own, " ")+"."))
	}
	return long, short
}

// TestIndexVerifiesCloseCalls checks that the index decides close calls
// on the shingle sets it keeps: truncated copies a tenth of their story's
// length, queried against the stories, are found with their exact
// containment (within the sets' false-match error) and seen in their
// story, in memory, after Flush and after Compact; and that the estimates
// alone miss many of them (else the test would test nothing).
func TestIndexVerifiesCloseCalls(t *testing.T) {
	long, short := shortInLong(1, 60)
	e, _ := NewFeaturizer(Options{})
	exact := make([]Match, len(short))
	for i := range short {
		exact[i] = ExactMatch(slices.Clone(e.Hashes(short[i], "")), e.Hashes(long[i], ""))
		if exact[i].Containment < 0.55 {
			t.Fatalf("copy %d: exact containment %.3f", i, exact[i].Containment)
		}
	}
	check := func(x *Index, stage string) (found, verified int) {
		t.Helper()
		for i, text := range short {
			hits, err := x.Query(text)
			if err != nil {
				t.Fatal(err)
			}
			j := slices.IndexFunc(hits, func(h Hit) bool { return h.ID == fmt.Sprint("long", i) })
			if j < 0 {
				t.Logf("%s: copy %d (exact containment %.3f) not found", stage, i, exact[i].Containment)
				continue
			}
			found++
			if h := hits[j]; h.Verified {
				verified++
				if d := h.Containment - exact[i].Containment; math.Abs(d) > 0.08 {
					t.Errorf("%s: copy %d: containment %.3f measured on the sets, %.3f exact", stage, i, h.Containment, exact[i].Containment)
				}
			}
			if seen, err := x.SeenDoc(Doc{Text: text}); err != nil || !slices.ContainsFunc(seen, func(h Hit) bool { return h.ID == fmt.Sprint("long", i) }) {
				t.Errorf("%s: copy %d is not seen in its story (%v)", stage, i, err)
			}
		}
		return found, verified
	}
	x := openT(t, t.TempDir(), Options{})
	defer x.Close()
	bare := openT(t, t.TempDir(), Options{Sets: -1}) // keeps no sets
	defer bare.Close()
	noHashes := openT(t, t.TempDir(), Options{}) // given none
	defer noHashes.Close()
	for i, text := range long {
		if err := x.Add(Doc{ID: fmt.Sprint("long", i), Text: text}); err != nil {
			t.Fatal(err)
		}
		if err := bare.Add(Doc{ID: fmt.Sprint("long", i), Text: text}); err != nil {
			t.Fatal(err)
		}
		f := noHashes.Features(text)
		f.Hashes = nil
		if err := noHashes.AddFeatures(fmt.Sprint("long", i), "", "", f); err != nil {
			t.Fatal(err)
		}
	}
	for _, stage := range []string{"memory", "flushed", "compacted"} {
		switch stage {
		case "flushed":
			if err := x.Flush(); err != nil {
				t.Fatal(err)
			}
		case "compacted":
			if err := x.Compact(); err != nil {
				t.Fatal(err)
			}
		}
		// A copy whose estimate lies far below the rule (an unlucky
		// signature: one in sixty here) is not a close call: the scan
		// misses it too.
		if found, verified := check(x, stage); found < len(short)*95/100 || verified < found*9/10 {
			t.Errorf("%s: %d of %d copies found, %d on the sets", stage, found, len(short), verified)
		}
	}
	if err := x.Verify(); err != nil {
		t.Fatal(err)
	}
	if st := x.Stats(); st.SetBytes == 0 {
		t.Errorf("no bytes of sets in %d bytes", st.FileBytes)
	}
	for _, y := range []*Index{bare, noHashes} {
		if err := y.Flush(); err != nil {
			t.Fatal(err)
		}
		found := 0
		for i, text := range short {
			hits, err := y.Query(text)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hits {
				if h.Verified {
					t.Fatalf("a hit verified in an index without sets")
				}
				if h.ID == fmt.Sprint("long", i) {
					found++
				}
			}
		}
		if found > len(short)*9/10 {
			t.Fatalf("on their estimates alone %d of %d copies are found: no close calls to test", found, len(short))
		}
		t.Logf("found on the estimates alone: %d of %d", found, len(short))
		// The offsets of the empty sets of documents given no hashes.
		if st := y.Stats(); st.SetBytes > int64(8*(len(long)+1)) || y == bare && st.SetBytes != 0 {
			t.Errorf("an index without sets holds %d bytes of them", st.SetBytes)
		}
	}
}

// TestSegmentVersion1 checks that segments written before the sets (format
// version 1) are read, queried on their estimates, and merged with newer
// ones into a segment whose old documents have no set.
func TestSegmentVersion1(t *testing.T) {
	long, short := shortInLong(2, 20)
	dir := t.TempDir()
	x := openT(t, dir, Options{})
	x.segVersion = segment.V1
	for i, text := range long[:10] {
		if err := x.Add(Doc{ID: fmt.Sprint("long", i), Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	x = openT(t, dir, Options{})
	defer x.Close()
	if st := x.Stats(); st.Segments != 1 || st.SetBytes != 0 || st.Documents != 10 {
		t.Fatalf("version 1 segment: %+v", st)
	}
	for i, text := range long[10:] {
		if err := x.Add(Doc{ID: fmt.Sprint("long", 10+i), Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	for _, stage := range []string{"mixed", "compacted"} {
		if stage == "compacted" {
			if err := x.Compact(); err != nil {
				t.Fatal(err)
			}
		}
		verified := 0
		for i, text := range short {
			hits, err := x.Query(text)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hits {
				if h.ID != fmt.Sprint("long", i) || !h.Verified {
					continue
				}
				if i < 10 {
					t.Errorf("%s: copy %d verified on a set its version 1 segment has not", stage, i)
				}
				verified++
			}
		}
		if verified < len(short)-10 {
			t.Errorf("%s: %d of the %d newer stories' close calls decided on their sets", stage, verified, len(short)-10)
		}
	}
	if err := x.Verify(); err != nil {
		t.Fatal(err)
	}
}
