package shingle

import (
	"math/bits"
	"math/rand/v2"
	"testing"
)

// wordBlock returns the number n of leading ASCII letters and digits in
// the eight bytes of x (first byte lowest) and those bytes normalised:
// letters lower-cased, digits folded to '0' if fold, bytes from n on zero.
func wordBlock(x uint64, fold bool) (n int, norm uint64) {
	y := x &^ high // clear bit 7 so that the additions below cannot carry
	lower := y | 0x20*ones
	letter := (lower + (0x80-'a')*ones) &^ (lower + (0x7F-'z')*ones)
	digit := (y + (0x80-'0')*ones) &^ (y + (0x7F-'9')*ones)
	word := (letter | digit) &^ x & high
	n = bits.TrailingZeros64(^word&high) >> 3
	// Letters and digits both have bit 5 set once lower-cased: digits
	// already do, so OR-ing 0x20 into every byte lower-cases the run.
	norm = x | 0x20*ones
	if fold {
		norm &^= (digit &^ x & high) >> 7 * 0x0F
	}
	if n < 8 {
		norm &= 1<<(8*n) - 1
	}
	return n, norm
}

// wordBlockRef is wordBlock one byte at a time.
func wordBlockRef(x uint64, fold bool) (n int, norm uint64) {
	for ; n < 8; n++ {
		c := byte(x >> (8 * n))
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z':
		case c >= '0' && c <= '9':
			if fold {
				c = '0'
			}
		default:
			return n, norm
		}
		norm |= uint64(c) << (8 * n)
	}
	return n, norm
}

// TestWordBlock checks the SWAR word scan that AppendHashes inlines
// against the byte-by-byte reference: on random words, on words of
// letters, digits and their neighbours in ASCII, and on every byte value
// in every position.
func TestWordBlock(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	edge := []byte("09AZaz@[`{/:\x00\x7f\x80\xff -_.'")
	check := func(x uint64) {
		for _, fold := range []bool{false, true} {
			n, v := wordBlock(x, fold)
			rn, rv := wordBlockRef(x, fold)
			if n != rn || v != rv {
				t.Fatalf("wordBlock(%#016x, %v) = %d, %#x; want %d, %#x", x, fold, n, v, rn, rv)
			}
		}
	}
	for range 200000 {
		check(r.Uint64())
		var x uint64
		for k := range 8 {
			var c byte
			if r.IntN(4) == 0 {
				c = edge[r.IntN(len(edge))]
			} else {
				c = "abcXYZ019"[r.IntN(9)]
			}
			x |= uint64(c) << (8 * k)
		}
		check(x)
	}
	for pos := range 8 {
		for c := range 256 {
			check(0x6161616161616161&^(0xFF<<(8*pos)) | uint64(c)<<(8*pos))
		}
	}
}
