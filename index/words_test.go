package index

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// The byte-at-a-time definitions the mask functions of words.go must
// agree with.

func refCountWords(line []byte) int {
	n, in := 0, false
	for _, c := range line {
		w := c > ' '
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

func refFirstWords(line []byte, n, upTo int) (first []byte, words int) {
	end := 0
	for i := 0; i < len(line) && words < max(n, upTo); {
		for i < len(line) && line[i] <= ' ' {
			i++
		}
		if i == len(line) {
			break
		}
		for i < len(line) && line[i] > ' ' {
			i++
		}
		words++
		if words <= n {
			end = i
		}
	}
	return line[:end], words
}

func refLastWords(line []byte, n int) []byte {
	start, words := len(line), 0
	for i := len(line); i > 0 && words < n; {
		for i > 0 && line[i-1] <= ' ' {
			i--
		}
		if i == 0 {
			break
		}
		for i > 0 && line[i-1] > ' ' {
			i--
		}
		words++
		start = i
	}
	return line[start:]
}

// checkWords compares the mask functions with the references on line.
func checkWords(t *testing.T, line []byte) {
	t.Helper()
	if got, want := countWords(line, 0), refCountWords(line); got != want {
		t.Fatalf("countWords(%q) = %d, want %d", line, got, want)
	}
	for _, nu := range [][2]int{{0, 0}, {1, 0}, {3, 10}, {8, 10}, {8, 8}, {10, 0}, {16, 0}, {70, 0}, {0, 12}} {
		first, words := firstWords(line, nu[0], nu[1])
		rf, rw := refFirstWords(line, nu[0], nu[1])
		if !bytes.Equal(first, rf) || words != rw || len(first) > 0 && &first[0] != &line[0] {
			t.Fatalf("firstWords(%q, %d, %d) = %q, %d, want %q, %d", line, nu[0], nu[1], first, words, rf, rw)
		}
		last, rl := lastWords(line, nu[0]), refLastWords(line, nu[0])
		if len(last) != len(rl) || !bytes.Equal(last, rl) {
			t.Fatalf("lastWords(%q, %d) = %q, want %q", line, nu[0], last, rl)
		}
	}
}

// TestWordsMatchReference checks countWords, firstWords and lastWords
// against byte-at-a-time loops on lines of every length around the
// 8- and 64-byte blocks, with words that straddle a block's edge, control
// characters, UTF-8 and runs of spaces.
func TestWordsMatchReference(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", " a ", "\n", "one two three", "  lead\tand\x01ctl\x7f é  ",
		"WASHINGTON (AP) — A federal judge on Tuesday blocked the rule, saying it went too far.\n",
	} {
		checkWords(t, []byte(s))
	}
	rng := rand.New(rand.NewPCG(7, 11))
	alphabet := []byte("abcdefgh  \t\n\x00\x1f!~\xc3\xa9")
	for range 20000 {
		line := make([]byte, rng.IntN(300))
		long := rng.IntN(4) == 0 // long words, to straddle whole blocks
		for i := range line {
			if long && rng.IntN(40) != 0 {
				line[i] = 'x'
				continue
			}
			line[i] = alphabet[rng.IntN(len(alphabet))]
		}
		checkWords(t, line)
	}
}

func FuzzWords(f *testing.F) {
	f.Add([]byte("GRALMOUTH, Brand India (Wire) - The council met on Monday to vote."))
	f.Add([]byte(" \x00" + string(bytes.Repeat([]byte("w"), 130)) + " end "))
	f.Fuzz(func(t *testing.T, line []byte) { checkWords(t, line) })
}
