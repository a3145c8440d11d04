package testrand

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestSplitMix64 checks the published reference sequence of seed 0
// (Vigna's splitmix64.c).
func TestSplitMix64(t *testing.T) {
	var s uint64
	for i, want := range []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f} {
		if got := SplitMix64(&s); got != want {
			t.Fatalf("value %d: %#x, want %#x", i, got, want)
		}
	}
}

// TestWords checks the words' length, letters and determinism.
func TestWords(t *testing.T) {
	a := Words(rand.New(rand.NewPCG(1, 2)), 200)
	b := Words(rand.New(rand.NewPCG(1, 2)), 200)
	if len(a) != 200 || !slices.Equal(a, b) {
		t.Fatalf("%d words, the same seed gives the same: %v", len(a), slices.Equal(a, b))
	}
	for _, w := range a {
		if len(w) < 3 || len(w) > 8 || strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" {
			t.Fatalf("word %q", w)
		}
	}
	if s := Sentence(rand.New(rand.NewPCG(1, 2)), 3); s != strings.Join(a[:3], " ")+"." {
		t.Errorf("Sentence %q, words %v", s, a[:3])
	}
}
