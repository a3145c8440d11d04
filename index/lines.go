package index

import "bytes"

// Defaults of the short-line filter (DedupOptions.MinLineWords and
// MinContentWords).
const (
	DefaultMinLineWords    = 10
	DefaultMinContentWords = 10
)

// StripShortLines appends to dst the lines of text that hold at least
// minLineWords words (runs of non-space bytes), when those lines hold at
// least minContentWords words in all; otherwise it appends text unchanged.
//
// On a web page the story is written in paragraphs, while navigation,
// lists of other headlines, bylines, share buttons and footers are short
// lines. Keeping only the long lines removes most of that furniture even
// on a site seen once; a page without enough long lines (a list, a short
// note) is kept whole.
func StripShortLines(dst, text []byte, minLineWords, minContentWords int) []byte {
	if minLineWords <= 1 {
		return append(dst, text...)
	}
	content := 0
	for rest := text; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if n := countWords(line, minLineWords); n >= minLineWords {
			content += n
		}
	}
	if content < minContentWords || content == 0 {
		return append(dst, text...)
	}
	start := len(dst)
	for rest := text; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i+1], rest[i+1:]
		} else {
			rest = nil
		}
		if countWords(line, minLineWords) >= minLineWords {
			dst = append(dst, line...)
		}
	}
	if len(dst) > start && dst[len(dst)-1] != '\n' {
		dst = append(dst, '\n')
	}
	return dst
}

// countWords counts the words of line; once it reaches limit it counts on
// only if the caller needs the total (it always does here, cheaply).
func countWords(line []byte, _ int) int {
	n := 0
	in := false
	for _, c := range line {
		space := c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}
