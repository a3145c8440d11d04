package extract

import "unicode/utf8"

// Classes of ASCII bytes in text.
const (
	cText  uint8 = iota // printable
	cSpace              // white space: collapsed
	cDrop               // NUL and other control characters: dropped
	cComma              // ',': printable, counted
	cNL                 // '\n': white space, a line break inside <pre>
)

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case c == '\t' || c == '\f' || c == '\r' || c == ' ':
			t[c] = cSpace
		case c == '\n':
			t[c] = cNL
		case c < 0x20 || c == 0x7f:
			t[c] = cDrop
		case c == ',':
			t[c] = cComma
		}
	}
	return t
}()

// uniClass classifies a non-ASCII rune: white space to collapse, a
// character to drop, or text.
func uniClass(r rune) uint8 {
	switch r {
	case 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
		return cSpace
	case 0x200B, 0xFEFF, 0x00AD, 0x2060: // zero-width space, BOM, soft hyphen, word joiner
		return cDrop
	case utf8.RuneError: // U+FFFD marks what a decoder could not read: drop it like invalid UTF-8
		return cDrop
	case 0x3001, 0xFF0C, 0x060C: // ideographic, fullwidth and Arabic commas
		return cComma
	}
	if r >= 0x2000 && r <= 0x200A {
		return cSpace
	}
	if r < 0xA0 { // C1 controls
		return cDrop
	}
	return cText
}

// appendText adds the text of a text token to the current block, collapsing
// white space and dropping invalid UTF-8 and control characters.
func (e *Extractor) appendText(s []byte, flags uint8) {
	if e.cur.end == e.cur.start && e.cur.chars == 0 {
		// First text of a new block: remember where it starts.
		e.cur.start = int32(len(e.text))
		e.line = len(e.text)
	}
	var chars, commas int32
	for i := 0; i < len(s); {
		c := s[i]
		var cl uint8
		size := 1
		if c < utf8.RuneSelf {
			cl = asciiClass[c]
			if cl == cText || cl == cComma {
				// A run of printable ASCII.
				j := i
				for ; j < len(s); j++ {
					c := s[j]
					if c >= utf8.RuneSelf {
						break
					}
					k := asciiClass[c]
					if k == cComma {
						commas++
					} else if k != cText {
						break
					}
				}
				e.flushSpace()
				e.text = append(e.text, s[i:j]...)
				chars += int32(j - i)
				i = j
				continue
			}
		} else {
			var r rune
			r, size = utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size <= 1 {
				i++ // invalid byte: drop
				continue
			}
			cl = uniClass(r)
		}
		switch cl {
		case cSpace:
			e.space = true
		case cNL:
			if flags&fPre != 0 {
				e.lineBreak()
			} else {
				e.space = true
			}
		case cDrop:
		default:
			if cl == cComma {
				commas++
			}
			e.flushSpace()
			e.text = append(e.text, s[i:i+size]...)
			chars++
		}
		i += size
	}
	e.cur.chars += chars
	e.cur.commas += commas
	if flags&fLink != 0 {
		e.cur.linkChars += chars
	}
	e.cur.end = int32(len(e.text))
}

// flushSpace writes the pending space before the next character, unless the
// line is empty.
func (e *Extractor) flushSpace() {
	if e.space {
		if len(e.text) > e.line {
			e.text = append(e.text, ' ')
		}
		e.space = false
	}
}

// lineBreak ends the current line within the block, if it has text.
func (e *Extractor) lineBreak() {
	if len(e.text) > e.line {
		e.text = append(e.text, '\n')
		e.line = len(e.text)
	}
	e.space = false
}

// breakBlock ends the current block, recording it if it has text.
func (e *Extractor) breakBlock() {
	b := e.cur
	if b.chars > 0 {
		end := len(e.text)
		if end > int(b.start) && e.text[end-1] == '\n' {
			end-- // a trailing <br>
		}
		b.end = int32(end)
		e.text = e.text[:end]
		b.node = e.stack[len(e.stack)-1].node
		e.blocks = append(e.blocks, b)
	} else {
		e.text = e.text[:b.start]
	}
	e.cur = block{start: int32(len(e.text)), end: int32(len(e.text))}
	e.line = len(e.text)
	e.space = false
}

// appendCollapsed appends s with white space collapsed and trimmed and
// invalid UTF-8 and control characters dropped.
func appendCollapsed(dst, s []byte) []byte {
	space := false
	n0 := len(dst)
	for i := 0; i < len(s); {
		c := s[i]
		cl, size := cText, 1
		if c < utf8.RuneSelf {
			cl = asciiClass[c]
		} else {
			var r rune
			r, size = utf8.DecodeRune(s[i:])
			if r == utf8.RuneError && size <= 1 {
				i++
				continue
			}
			cl = uniClass(r)
		}
		switch cl {
		case cSpace, cNL:
			space = true
		case cDrop:
		default:
			if space && len(dst) > n0 {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return dst
}
