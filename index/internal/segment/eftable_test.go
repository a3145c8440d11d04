package segment

import (
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"
)

// efEntries draws n sorted entries: fingerprints from a universe of the
// given size (small universes force runs of equal fingerprints).
func efEntries(r *rand.Rand, n int, universe uint64) []uint64 {
	e := make([]uint64, n)
	for i := range e {
		e[i] = r.Uint64N(universe)<<32 | uint64(i)
	}
	slices.Sort(e)
	return e
}

// TestEFTable checks lookups and iteration against the sorted entries, for
// sizes around the powers of two where the split of high and low bits
// changes.
func TestEFTable(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 63, 64, 65, 127, 128, 129, 1000, 4096, 4097, 20000} {
		for _, universe := range []uint64{1, 7, 1 << 12, 1 << FPBits} {
			entries := efEntries(r, n, universe)
			w := 0
			if n > 1 {
				w = bits.Len(uint(n - 1))
			}
			buf := appendEF([]byte{0xAA}, entries, w) // at an odd offset
			if len(buf)-1 != efSize(n, w) {
				t.Fatalf("n=%d: %d bytes, efSize %d", n, len(buf)-1, efSize(n, w))
			}
			tab := openEF(buf[1:], n, w)
			var got []uint64
			if !tab.each(func(fp, idx uint32) { got = append(got, uint64(fp)<<32|uint64(idx)) }) {
				t.Fatalf("n=%d universe=%d: each reports an inconsistent table", n, universe)
			}
			if !slices.Equal(got, entries) && !(n == 0 && got == nil) {
				t.Fatalf("n=%d universe=%d: each returned other entries", n, universe)
			}
			// Every present fingerprint, and absent ones next to them.
			probes := map[uint32]bool{0: true, 1<<FPBits - 1: true}
			for _, e := range entries {
				fp := uint32(e >> 32)
				probes[fp], probes[fp+1], probes[fp-1] = true, true, true
			}
			for range 50 {
				probes[r.Uint32()>>(32-FPBits)] = true
			}
			for fp := range probes {
				var want, have []uint32
				for _, e := range entries {
					if uint32(e>>32) == fp {
						want = append(want, uint32(e))
					}
				}
				if err := tab.find(fp, func(idx uint32) { have = append(have, idx) }); err != nil {
					t.Fatalf("n=%d universe=%d fp=%#x: %v", n, universe, fp, err)
				}
				if !slices.Equal(have, want) {
					t.Fatalf("n=%d universe=%d fp=%#x: found %v, want %v", n, universe, fp, have, want)
				}
			}
		}
	}
}

// TestEFTableBits checks the size of the coding: about 2 + l + u bits per
// document.
func TestEFTableBits(t *testing.T) {
	for _, n := range []int{1 << 10, 1000000} {
		u, l, _ := efLayout(n, bits.Len(uint(n-1)))
		perDoc := float64(8*efSize(n, u)) / float64(n)
		if want := float64(2+l+u) + 1; perDoc > want {
			t.Errorf("n=%d: %.2f bits per document, want at most %.0f", n, perDoc, want)
		}
	}
}

// TestEFTableGarbage checks that lookups in arbitrary bytes never read out
// of bounds.
func TestEFTableGarbage(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 5, 100, 1000} {
		w := bits.Len(uint(n))
		buf := make([]byte, efSize(n, w))
		for trial := range 200 {
			for i := range buf {
				buf[i] = byte(r.Uint32())
			}
			if trial%2 == 0 { // mostly set bits: long runs
				for i := range buf {
					buf[i] |= 0xF7
				}
			}
			tab := openEF(buf, n, w)
			for range 20 {
				tab.find(r.Uint32(), func(uint32) {})
			}
			tab.each(func(uint32, uint32) {})
		}
	}
}

// TestSortEntries checks the radix sort against slices.Sort.
func TestSortEntries(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	var scratch []uint64
	for _, n := range []int{0, 1, 255, 256, 1000, 70000} {
		for _, mask := range []uint64{^uint64(0), 0xFFFF, 0xFFFFFFF_0000FFFF, 0xFFFFFFF_00000000} {
			e := make([]uint64, n)
			for i := range e {
				e[i] = r.Uint64() & mask
			}
			want := slices.Clone(e)
			slices.Sort(want)
			scratch = sortEntries(e, scratch, 0)
			if !slices.Equal(e, want) {
				t.Fatalf("n=%d mask=%#x: not sorted", n, mask)
			}
			// Entries in index order (low 32 bits increasing) need only
			// the fingerprint passes.
			for i := range e {
				e[i] = r.Uint64()&mask&^0xFFFFFFFF | uint64(i)
			}
			want = slices.Clone(e)
			slices.Sort(want)
			scratch = sortEntries(e, scratch, 32)
			if !slices.Equal(e, want) {
				t.Fatalf("n=%d mask=%#x, in index order: not sorted", n, mask)
			}
		}
	}
}
