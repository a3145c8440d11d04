package index

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestIDTable checks idTable against a map of every hash to its documents:
// lookup returns, newest first, every document whose hash shares the top
// 32 bits with the one asked — its own documents included, repeated ids
// and colliding hashes too — and has agrees.
func TestIDTable(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for _, n := range []int{0, 1, 11, 12, 13, 100, 5000} {
		var tab idTable
		ref := map[uint64][]uint32{} // by the top 32 bits
		var hs []uint64
		for i := range n {
			var h uint64
			switch k := r.IntN(10); {
			case k == 0 && len(hs) > 0: // an id added again
				h = hs[r.IntN(len(hs))]
			case k == 1 && len(hs) > 0: // another id, the same top bits
				h = hs[r.IntN(len(hs))]&^(1<<32-1) | uint64(r.Uint32())
			case k == 2: // hashes whose top bits are 0 or all ones
				h = uint64(r.Uint32()) | uint64(r.IntN(2))*0xffffffff00000000
			default:
				h = r.Uint64()
			}
			hs = append(hs, h)
			tab.add(h, uint32(i))
			ref[h>>32] = append(ref[h>>32], uint32(i))
		}
		probes := append(slices.Clone(hs), r.Uint64(), 0, ^uint64(0))
		for _, h := range probes {
			want := slices.Clone(ref[h>>32])
			slices.Reverse(want)
			got := tab.lookup(h, nil)
			if !slices.Equal(got, want) {
				t.Fatalf("n=%d: lookup(%#x) = %v, want %v", n, h, got, want)
			}
			if tab.has(h) != (len(want) > 0) {
				t.Fatalf("n=%d: has(%#x) = %v, want %v", n, h, tab.has(h), len(want) > 0)
			}
		}
		if n > 0 && 4*tab.n > 3*len(tab.slots) {
			t.Errorf("n=%d: %d of %d slots used", n, tab.n, len(tab.slots))
		}
	}
}
