package align

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// lcs is the obviously correct length of a longest common subsequence.
func lcs(a, b []int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// check verifies that segs is a valid script turning a into b and that it
// is shortest (its equal runs form an LCS).
func check(t *testing.T, a, b []int, segs []Segment) {
	t.Helper()
	ai, bi, same := 0, 0, 0
	for i, s := range segs {
		if s.A0 != ai || s.B0 != bi {
			t.Fatalf("segment %d %+v does not continue at (%d, %d)", i, s, ai, bi)
		}
		switch s.Kind {
		case Equal:
			if s.A1-s.A0 != s.B1-s.B0 || !slices.Equal(a[s.A0:s.A1], b[s.B0:s.B1]) {
				t.Fatalf("segment %d %+v is not equal", i, s)
			}
			same += s.A1 - s.A0
		case Delete:
			if s.B1 != s.B0 {
				t.Fatalf("delete %+v consumes B", s)
			}
		case Insert:
			if s.A1 != s.A0 {
				t.Fatalf("insert %+v consumes A", s)
			}
		}
		if i > 0 && segs[i-1].Kind == s.Kind {
			t.Fatalf("adjacent segments of one kind at %d", i)
		}
		ai, bi = s.A1, s.B1
	}
	if ai != len(a) || bi != len(b) {
		t.Fatalf("script ends at (%d, %d), want (%d, %d)", ai, bi, len(a), len(b))
	}
	if want := lcs(a, b); same != want {
		t.Fatalf("script keeps %d equal tokens, the LCS has %d: %v → %v: %+v", same, want, a, b, segs)
	}
}

func TestDiffAgainstLCS(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for it := range 5000 {
		alpha := 2 + r.IntN(6)
		a := make([]int, r.IntN(30))
		for i := range a {
			a[i] = r.IntN(alpha)
		}
		b := slices.Clone(a)
		for range r.IntN(8) { // edits of a, or a fresh b
			switch i := r.IntN(len(b) + 1); r.IntN(3) {
			case 0:
				b = slices.Insert(b, i, r.IntN(alpha))
			case 1:
				if i < len(b) {
					b = slices.Delete(b, i, i+1)
				}
			case 2:
				if i < len(b) {
					b[i] = r.IntN(alpha)
				}
			}
		}
		if it%5 == 0 {
			b = make([]int, r.IntN(30))
			for i := range b {
				b[i] = r.IntN(alpha)
			}
		}
		check(t, a, b, Diff(a, b))
	}
}

func TestDiffExamples(t *testing.T) {
	words := func(s ...string) []string { return s }
	got := Diff(words("the", "port", "approved", "a", "plan"), words("breaking", "the", "port", "approved", "a", "big", "plan"))
	want := []Segment{{Insert, 0, 0, 0, 1}, {Equal, 0, 4, 1, 5}, {Insert, 4, 4, 5, 6}, {Equal, 4, 5, 6, 7}}
	if !slices.Equal(got, want) {
		t.Errorf("Diff = %+v, want %+v", got, want)
	}
	if got := Diff([]int{}, []int{}); len(got) != 0 {
		t.Errorf("empty: %v", got)
	}
	if got := Diff([]int{1, 2}, []int{}); !slices.Equal(got, []Segment{{Delete, 0, 2, 0, 0}}) {
		t.Errorf("all deleted: %v", got)
	}
}

func TestDiffLarge(t *testing.T) {
	// 20,000 tokens with a truncation and scattered edits must align
	// (linear space; a quadratic table would need 400M cells).
	r := rand.New(rand.NewPCG(3, 4))
	a := make([]int, 20000)
	for i := range a {
		a[i] = r.IntN(5000)
	}
	b := slices.Clone(a[:15000])
	for i := 0; i < len(b); i += 500 {
		b[i] = -1
	}
	segs := Diff(a, b)
	same := 0
	for _, s := range segs {
		if s.Kind == Equal {
			same += s.A1 - s.A0
		}
	}
	if same != 15000-30 {
		t.Errorf("%d equal tokens, want %d", same, 15000-30)
	}
}

func BenchmarkDiff(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	x := make([]int, 1000)
	for i := range x {
		x[i] = r.IntN(800)
	}
	y := slices.Concat([]int{-1, -2, -3}, x[:700], []int{-4}, x[700:900])
	b.ReportAllocs()
	for b.Loop() {
		Diff(x, y)
	}
	_ = fmt.Sprint
}
