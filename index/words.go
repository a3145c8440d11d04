package index

import (
	"encoding/binary"
	"math/bits"
)

// Words, as the short-line filter, passage keys and openings count them,
// are runs of bytes above ' ' (control characters separate words too;
// bytes from 0x80, UTF-8, are word bytes). The functions here find them
// with bit masks of up to 64 bytes at a time: a byte-at-a-time loop pays
// a mispredicted branch at every word's edge.

// wordMask returns the bytes of b[:min(len(b), 64)] above ' ' as bits (bit
// j for b[j]); the bits past len(b) are clear.
func wordMask(b []byte) uint64 {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	b = b[:min(len(b), 64)]
	var m uint64
	i := 0
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		w := ((x &^ high) + (0x80-0x21)*ones | x) & high // bit 7: above ' '
		m |= (w >> 7 * 0x0102040810204080 >> 56) << i
	}
	for ; i < len(b); i++ {
		if b[i] > ' ' {
			m |= 1 << i
		}
	}
	return m
}

// countWords counts the words of line.
func countWords(line []byte, _ int) int {
	n := 0
	prev := uint64(0) // 1 if the byte before the block is a word byte
	for len(line) > 0 {
		m := wordMask(line)
		n += bits.OnesCount64(m &^ (m<<1 | prev))
		if len(line) < 64 {
			break
		}
		prev = m >> 63
		line = line[64:]
	}
	return n
}

// firstWords returns the first n words of line (up to the end of the
// n-th, or of its last word if it has fewer) and how many words it has,
// counted up to max(n, upTo).
func firstWords(line []byte, n, upTo int) (first []byte, words int) {
	want := max(n, upTo)
	end := -1 // unknown yet
	prev := uint64(0)
	for base := 0; base < len(line) && words < want; base += 64 {
		m := wordMask(line[base:])
		starts := m &^ (m<<1 | prev)
		c := bits.OnesCount64(starts)
		if words < n && words+c >= n {
			s := starts
			for k := n - words - 1; k > 0; k-- {
				s &= s - 1
			}
			p := bits.TrailingZeros64(s)
			if gap := ^m &^ (1<<p - 1); gap != 0 && base+bits.TrailingZeros64(gap) <= len(line) {
				end = base + bits.TrailingZeros64(gap)
			} else { // the word goes on into the next block
				end = base + 64
				for end < len(line) && line[end] > ' ' {
					end++
				}
			}
		}
		words += c
		prev = m >> 63
	}
	words = min(words, want)
	switch {
	case n == 0:
		end = 0
	case end < 0: // fewer than n words: up to the end of the last
		end = len(line)
		for end > 0 && line[end-1] <= ' ' {
			end--
		}
	}
	return line[:end], words
}

// lastWords returns the last n words of line (from the start of the n-th
// word from its end, or of its first word if it has fewer).
func lastWords(line []byte, n int) []byte {
	if n <= 0 {
		return line[len(line):]
	}
	start, words := len(line), 0
	for hi := len(line); hi > 0; hi -= 64 {
		lo := max(0, hi-64)
		m := wordMask(line[lo:hi])
		prev := uint64(0)
		if lo > 0 && line[lo-1] > ' ' {
			prev = 1
		}
		starts := m &^ (m<<1 | prev)
		c := bits.OnesCount64(starts)
		if words+c >= n {
			s := starts
			for k := n - words - 1; k > 0; k-- {
				s &^= 1 << (63 - bits.LeadingZeros64(s))
			}
			return line[lo+63-bits.LeadingZeros64(s):]
		}
		if c > 0 {
			start = lo + bits.TrailingZeros64(starts)
		}
		words += c
	}
	return line[start:]
}
