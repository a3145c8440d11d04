package index

import (
	"slices"
	"testing"
)

// TestChunked checks the blocked sequence against a slice.
func TestChunked(t *testing.T) {
	for _, width := range []int{1, 3} {
		c := newChunked[uint64](width)
		var want []uint64
		for i := range 3*chunkItems + 17 {
			v := make([]uint64, width)
			for j := range v {
				v[j] = uint64(i*width + j)
			}
			if width == 1 {
				c.push(v[0])
			} else {
				c.add(v)
			}
			want = append(want, v...)
		}
		if c.len() != 3*chunkItems+17 {
			t.Fatalf("width %d: len %d", width, c.len())
		}
		for _, i := range []int{0, 1, chunkItems - 1, chunkItems, 2*chunkItems + 5, c.len() - 1} {
			if !slices.Equal(c.item(i), want[i*width:(i+1)*width]) {
				t.Fatalf("width %d: item %d = %v", width, i, c.item(i))
			}
			if width == 1 && c.at(i) != want[i] {
				t.Fatalf("at %d = %d", i, c.at(i))
			}
		}
		var got []uint64
		c.values(func(v []uint64) { got = append(got, v...) })
		if !slices.Equal(got, want) {
			t.Fatalf("width %d: values differ", width)
		}
	}
}
