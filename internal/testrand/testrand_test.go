package testrand

import "testing"

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
