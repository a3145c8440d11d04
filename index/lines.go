package index

import (
	"bytes"
)

// Defaults of the short-line filter (Options.MinLineWords and
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
	dst, _ = clean(dst, text, minLineWords, minContentWords, DefaultListRun, siteLines{}, nil)
	return dst
}

// DefaultListRun is the default of Options.ListRun.
const DefaultListRun = 3

// lineInfo describes a line of a page for clean.
type lineInfo struct {
	start, end int  // in the text, the line feed included
	words      int  // up to minLineWords
	sentence   bool // ends as a sentence does
	blank      bool
}

// clean appends text to dst without the boilerplate lines of site (when bp
// is not nil), without the lines of lists (runs of listRun or more
// consecutive lines none of which ends as a sentence does: menus, lists of
// headlines, a breadcrumb above a title and a date), and without the
// lines shorter than minLineWords words — the last two only when
// minLineWords > 1 and the page has paragraphs: lines of more than 100
// bytes, and at least minContentWords words in the lines kept. lines is
// scratch space, returned for reuse.
func clean(dst, text []byte, minLineWords, minContentWords, listRun int, bp siteLines, lines []lineInfo) ([]byte, []lineInfo) {
	filter := minLineWords > 1
	if !filter && bp.b == nil {
		return append(dst, text...), lines
	}
	lines = lines[:0]
	longest := 0
	for off := 0; off < len(text); {
		line, _ := nextLine(text[off:])
		li := lineInfo{start: off, end: off + len(line)}
		off = li.end
		longest = max(longest, len(line))
		if filter {
			li.words = countWords(line, minLineWords)
			li.blank = li.words == 0
			li.sentence = endsSentence(line)
		}
		lines = append(lines, li)
	}
	if len(bp.keys) != len(lines) {
		bp.keys = nil // not this text's: hash the lines
	}
	paragraphs := filter && longest > wrapWidth
	// The lines of runs of non-sentences, blank lines between them
	// included: they are dropped (marked as blank-free non-words).
	if paragraphs && listRun > 0 {
		for i := 0; i < len(lines); {
			if lines[i].blank || lines[i].sentence {
				i++
				continue
			}
			j, n := i, 0
			for k := i; k < len(lines) && !lines[k].sentence; k++ {
				if !lines[k].blank {
					n++
					j = k + 1
				}
			}
			if n >= listRun {
				for k := i; k < j; k++ {
					lines[k].words = -1
				}
			}
			i = j
		}
	}
	start := len(dst)
	content := 0
	for n, li := range lines {
		line := text[li.start:li.end]
		if filter {
			if li.words < minLineWords && (paragraphs || li.words >= 0) {
				continue
			}
		}
		if bp.lineAt(n, line) {
			continue
		}
		content += max(li.words, 0)
		if filter {
			dst = appendLine(dst, line)
		} else {
			dst = append(dst, line...)
		}
	}
	if !filter || (content >= minContentWords && content > 0 && paragraphs) {
		return dst, lines
	}
	// Not enough long lines, or text wrapped at a fixed width (wire copy,
	// mail, plain-text archives), where every line of a paragraph is
	// short: keep the short lines too, and the lists.
	dst = dst[:start]
	for n, li := range lines {
		line := text[li.start:li.end]
		if !bp.lineAt(n, line) {
			dst = append(dst, line...)
		}
	}
	return dst, lines
}

// endsSentence reports whether a line ends as a sentence does: with '.',
// '!', '?', '…' or a CJK full stop, then perhaps closing quotes or brackets
// (and spaces before them, as French sets them), then white space.
func endsSentence(line []byte) bool {
	i := len(line) - 1
	for i >= 0 && (line[i] == ' ' || line[i] == '\t' || line[i] == '\n' || line[i] == '\r') {
		i--
	}
	for i >= 0 {
		c := line[i]
		switch {
		case c == '.' || c == '!' || c == '?':
			return true
		case c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ':
			i--
		case c >= 0x80:
			// A multi-byte character: … ends a sentence; closing quotes
			// (” ’ ») may follow one.
			j := i
			for j > 0 && line[j]&0xC0 == 0x80 {
				j--
			}
			switch string(line[j : i+1]) {
			case "…":
				return true
			case "”", "’", "»", "」", "』", "\u00a0", "\u202f":
				i = j - 1 // a closing quote, or the space before one
			case "。", "！", "？":
				return true
			default:
				return false
			}
		default:
			return false
		}
	}
	return false
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
