package index

import (
	"bytes"
	"encoding/binary"
	"math/bits"
)

// Defaults of the short-line filter (DedupOptions.MinLineWords and
// MinContentWords).
const (
	DefaultMinLineWords    = 10
	DefaultMinContentWords = 10
)

// wrapWidth is the longest line, in bytes, of text taken as wrapped at a
// fixed width: a page whose lines are all this short has no paragraph
// lines to keep apart from the rest.
const wrapWidth = 100

// StripShortLines appends to dst the lines of text that hold at least
// minLineWords words (runs of non-space bytes), when those lines hold at
// least minContentWords words in all; otherwise it appends text unchanged.
//
// On a web page the story is written in paragraphs, while navigation,
// lists of other headlines, bylines, share buttons and footers are short
// lines. Keeping only the long lines removes most of that furniture even
// on a site seen once. A page without enough long lines (a list, a short
// note) or without any line over 100 bytes (text wrapped at a fixed width)
// is kept whole.
func StripShortLines(dst, text []byte, minLineWords, minContentWords int) []byte {
	return clean(dst, text, minLineWords, minContentWords, nil, 0)
}

// clean appends text to dst without the boilerplate lines of site (when bp
// is not nil) and, when minLineWords > 1 and the long lines hold at least
// minContentWords words, without the lines shorter than minLineWords words.
// It makes one pass over text, and a second only for a page without enough
// long lines.
func clean(dst, text []byte, minLineWords, minContentWords int, bp *Boilerplate, site uint64) []byte {
	filter := minLineWords > 1
	if !filter && bp == nil {
		return append(dst, text...)
	}
	start := len(dst)
	content, longest := 0, 0
	for rest := text; len(rest) > 0; {
		var line []byte
		line, rest = nextLine(rest)
		longest = max(longest, len(line))
		if filter {
			n := countWords(line, minLineWords)
			if n < minLineWords {
				continue
			}
			if bp != nil && bp.isBoilerplate(site, line) {
				continue
			}
			content += n
		} else if bp.isBoilerplate(site, line) {
			continue
		}
		dst = appendLine(dst, line)
	}
	if !filter || (content >= minContentWords && content > 0 && longest > wrapWidth) {
		return dst
	}
	// Not enough long lines, or text wrapped at a fixed width (wire copy,
	// mail, plain-text archives), where every line of a paragraph is
	// short: keep the short lines too.
	dst = dst[:start]
	for rest := text; len(rest) > 0; {
		var line []byte
		line, rest = nextLine(rest)
		if bp == nil || !bp.isBoilerplate(site, line) {
			dst = append(dst, line...)
		}
	}
	return dst
}

// nextLine splits off the first line of text, its line feed included.
func nextLine(text []byte) (line, rest []byte) {
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		return text[:i+1], text[i+1:]
	}
	return text, nil
}

// appendLine appends a line and makes sure it ends with a line feed.
func appendLine(dst, line []byte) []byte {
	dst = append(dst, line...)
	if line[len(line)-1] != '\n' {
		dst = append(dst, '\n')
	}
	return dst
}

// countWords counts the words of line: runs of bytes above ' ' (so
// control characters also separate words). It looks at eight bytes at a
// time: a word starts where a byte above ' ' follows one that is not.
func countWords(line []byte, _ int) int {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	n := 0
	prev := uint64(0) // 1 if the byte before the chunk is part of a word
	for len(line) >= 8 {
		x := binary.LittleEndian.Uint64(line)
		// Bit 7 of each byte: set if the byte is above ' ' (0x20). Bytes
		// from 0x80 are UTF-8 and count as word bytes.
		w := ((x &^ high) + (0x80-0x21)*ones | x) & high
		bitsW := w >> 7 // bit 8i set for word bytes
		starts := bitsW &^ (bitsW<<8 | prev)
		n += bits.OnesCount64(starts)
		prev = bitsW >> 56
		line = line[8:]
	}
	for _, c := range line {
		w := uint64(0)
		if c > ' ' {
			w = 1
		}
		if w == 1 && prev == 0 {
			n++
		}
		prev = w
	}
	return n
}
