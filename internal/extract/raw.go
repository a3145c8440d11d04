package extract

import (
	"bytes"
	"cmp"
	"io"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The x/net tokenizer reads the content of a script or style element a
// byte at a time, and on pages of the web that content is a large share of
// the page (a third of the CPU time of a scan of crawled pages). The
// extractor drops it, so it finds where the tokenizer would end the raw text
// with a byte search and lets the tokenizer's reader jump there: the
// tokenizer then sees the page without the part of the element's content it
// has not read yet, and ends the element where it would have (rawTextEnd).

// source is the tokenizer's reader of a page: a bytes.Reader that can skip
// ahead.
type source struct {
	b   []byte
	pos int
	// chunk bounds each Read (readChunk when zero), so that the tokenizer
	// never holds much of the page it has not tokenized: it would read
	// that much of each script a byte at a time (its buffer grows to the
	// longest token, and it fills all of it).
	chunk int
	// skipped counts the bytes skipped in the last page (tests).
	skipped int
}

// readChunk is the most a Read of the tokenizer returns.
const readChunk = 1 << 10

func (s *source) reset(b []byte) { s.b, s.pos = b, 0 }

func (s *source) Read(p []byte) (int, error) {
	if s.pos >= len(s.b) {
		return 0, io.EOF
	}
	if c := cmp.Or(s.chunk, readChunk); len(p) > c {
		p = p[:c]
	}
	n := copy(p, s.b[s.pos:])
	s.pos += n
	return n, nil
}

// skipRaw is called after the start tag of a raw text element whose text
// the extractor drops (a of kRaw): the reader skips to the element's end
// tag when the tokenizer has not read that far.
func (e *Extractor) skipRaw(z *html.Tokenizer, a atom.Atom) {
	if e.noSkip {
		return
	}
	// The raw text starts after the start tag, where the tokenizer is.
	at := e.rd.pos - len(z.Buffered())
	if end := rawTextEnd(e.rd.b, at, a.String(), a == atom.Script); end > e.rd.pos {
		e.rd.skipped += end - e.rd.pos
		e.rd.pos = end
	}
}

// rawTextEnd returns where the x/net tokenizer ends the raw text of element
// name that starts at b[from:]: at the first "</name" (in any case) that a
// space, '/' or '>' follows, or at the end of b. For a script it returns -1
// when "<!--" comes first, from where the tokenizer's escaping rules apply
// (a "</script>" inside the escaped text can be part of it).
//
// Removing b[p:end] from the input for any p between from and end leaves
// the tokenizer's end where it was: no end tag and no "<!--" can span the
// cut, since what follows it starts with "</" (or is the end of input).
func rawTextEnd(b []byte, from int, name string, script bool) int {
	for i := from; i < len(b); i++ {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if i+1 >= len(b) {
			break
		}
		switch b[i+1] {
		case '/':
			k := i + 2 + len(name)
			if k < len(b) && hasPrefixFold(b[i+2:k], name) && isRawEndDelim(b[k]) {
				return i
			}
		case '!':
			if script && i+3 < len(b) && b[i+2] == '-' && b[i+3] == '-' {
				return -1
			}
		}
	}
	return len(b)
}

// isRawEndDelim reports whether c ends the name of an end tag (as the
// tokenizer's readRawEndTag has it).
func isRawEndDelim(c byte) bool {
	switch c {
	case ' ', '\n', '\r', '\t', '\f', '/', '>':
		return true
	}
	return false
}
