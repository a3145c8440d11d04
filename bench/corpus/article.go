package corpus

// Article is one generated news story.
type Article struct {
	// Title is the headline, without trailing punctuation.
	Title string
	// Dateline is the wire-style prefix of the first paragraph, such as
	// "BRACKSTON, March 3 (Newswire) -". It may be empty for very short
	// articles.
	Dateline string
	// Paragraphs holds the body; every paragraph is one or more sentences.
	Paragraphs []string
}

// Text renders the article as plain text: the title, a blank line, the
// dateline followed by a space and the first paragraph, and the remaining
// paragraphs, each preceded by a blank line. Empty parts are skipped; there
// is no trailing newline.
func (a Article) Text() string {
	return string(a.Bytes())
}

// Bytes returns Text as a byte slice.
func (a Article) Bytes() []byte {
	return a.appendTo(make([]byte, 0, a.textLen()))
}

func (a Article) appendTo(b []byte) []byte {
	start := len(b)
	sep := func() {
		if len(b) > start {
			b = append(b, "\n\n"...)
		}
	}
	if a.Title != "" {
		b = append(b, a.Title...)
	}
	if a.Dateline != "" || len(a.Paragraphs) > 0 {
		sep()
		b = append(b, a.Dateline...)
		if len(a.Paragraphs) > 0 {
			if a.Dateline != "" {
				b = append(b, ' ')
			}
			b = append(b, a.Paragraphs[0]...)
		}
	}
	for i := 1; i < len(a.Paragraphs); i++ {
		sep()
		b = append(b, a.Paragraphs[i]...)
	}
	return b
}

// textLen returns len(a.Text()) without building it.
func (a Article) textLen() int {
	n := len(a.Title)
	if a.Dateline != "" || len(a.Paragraphs) > 0 {
		if n > 0 {
			n += 2
		}
		n += len(a.Dateline)
		if len(a.Paragraphs) > 0 {
			if a.Dateline != "" {
				n++
			}
			n += len(a.Paragraphs[0])
		}
	}
	for i := 1; i < len(a.Paragraphs); i++ {
		n += 2 + len(a.Paragraphs[i])
	}
	return n
}
