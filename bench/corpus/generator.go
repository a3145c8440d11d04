package corpus

import (
	"strings"
	"unicode/utf8"
)

// grammar is the language-specific part of a Generator.
type grammar interface {
	// reset draws a new cast of people, organisations and places; it is
	// called at the start of every article.
	reset()
	// sentence appends one complete sentence, including its final
	// punctuation, to t.
	sentence(t *text)
	// title appends a headline (without final punctuation) to t; short
	// asks for a headline of only a few words.
	title(t *text, short bool)
	// dateline appends the wire-style dateline to t.
	dateline(t *text)
}

// Generator produces a deterministic stream of synthetic articles in one
// language. The output depends only on the language, the seed and the
// sequence of calls. A Generator is not safe for concurrent use; create one
// per goroutine.
type Generator struct {
	lang Lang
	r    *Rand
	g    grammar
	t    text
	para []byte
}

// NewGenerator returns a generator of text in lang seeded with seed. It
// panics if lang is not one of the defined constants.
func NewGenerator(lang Lang, seed uint64) *Generator {
	if !lang.valid() {
		panic("corpus: invalid language " + lang.String())
	}
	r := NewRand(seed)
	g := &Generator{lang: lang, r: r}
	g.t.lang = lang
	switch lang {
	case English:
		g.g = newEnGrammar(r)
	case French:
		g.g = newFrGrammar(r)
	case German:
		g.g = newDeGrammar(r)
	case Russian:
		g.g = newRuGrammar(r)
	case Chinese:
		g.g = newZhGrammar(r)
	}
	g.g.reset()
	return g
}

// Lang returns the generator's language.
func (g *Generator) Lang() Lang { return g.lang }

// Sentence returns one sentence, ending with its final punctuation. It uses
// the names of the current article (the one most recently generated, or an
// initial cast for a new Generator).
func (g *Generator) Sentence() string {
	g.t.reset()
	g.g.sentence(&g.t)
	g.t.capFirst(0)
	return string(g.t.b)
}

func (g *Generator) sentSep() string {
	if g.lang == Chinese {
		return ""
	}
	return " "
}

// paraLen draws the number of sentences of a paragraph: news paragraphs are
// short, mostly one to three sentences.
func (g *Generator) paraLen() int {
	switch k := g.r.IntN(100); {
	case k < 25:
		return 1
	case k < 65:
		return 2
	case k < 90:
		return 3
	default:
		return 4
	}
}

// Paragraph returns a paragraph of one to four sentences.
func (g *Generator) Paragraph() string {
	n := g.paraLen()
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(g.sentSep())
		}
		b.WriteString(g.Sentence())
	}
	return b.String()
}

func (g *Generator) headline(short bool) string {
	g.t.reset()
	g.g.title(&g.t, short)
	g.t.capFirst(0)
	return string(g.t.b)
}

func (g *Generator) datelineText() string {
	g.t.reset()
	g.g.dateline(&g.t)
	return string(g.t.b)
}

// Article returns a new article whose Text is between minBytes and maxBytes
// bytes long (inclusive). The length is aimed at a target drawn uniformly
// from that range: sentences and paragraphs are added until the target is
// reached, and the last sentence is shortened (at a word boundary where
// possible) so that the text does not exceed maxBytes. Small sizes are
// handled by using a short headline and omitting the dateline; a range
// narrower than a few bytes may force a cut inside a sentence. A negative
// minBytes is treated as 0; Article panics if maxBytes < minBytes.
func (g *Generator) Article(minBytes, maxBytes int) Article {
	if minBytes < 0 {
		minBytes = 0
	}
	if maxBytes < minBytes {
		panic("corpus: Article called with maxBytes < minBytes")
	}
	g.g.reset()
	target := minBytes + g.r.IntN(maxBytes-minBytes+1)

	var a Article
	title := g.headline(maxBytes < 400)
	if len(title) > maxBytes {
		title = cutTitle(title, maxBytes, g.lang)
	}
	a.Title = title
	n := len(title)
	if n >= target {
		return a
	}
	if d := g.datelineText(); n+2+len(d)+1+40 <= target {
		a.Dateline = d
		n += 2 + len(d)
	}

	g.para = g.para[:0]
	left := 0 // sentences still wanted in the current paragraph
	sep := g.sentSep()
	// sepCost returns the bytes that separate a new sentence from the text
	// so far.
	sepCost := func(newPara bool) int {
		switch {
		case !newPara:
			return len(sep)
		case len(a.Paragraphs) > 0 || len(g.para) > 0:
			return 2
		case a.Dateline != "":
			return 1
		case a.Title != "":
			return 2
		}
		return 0
	}
	add := func(s string, newPara bool) {
		n += sepCost(newPara) + len(s)
		if newPara {
			if len(g.para) > 0 {
				a.Paragraphs = append(a.Paragraphs, string(g.para))
				g.para = g.para[:0]
			}
			left = g.paraLen()
		} else {
			g.para = append(g.para, sep...)
		}
		g.para = append(g.para, s...)
		left--
	}

	for n < target {
		s := g.Sentence()
		newPara := left <= 0
		c := sepCost(newPara)
		if n+c+len(s) <= maxBytes {
			add(s, newPara)
			continue
		}
		// The sentence does not fit. Continuing the current paragraph
		// costs fewer separator bytes than starting a new one.
		if newPara && len(g.para) > 0 {
			newPara = false
			c = sepCost(false)
			if n+c+len(s) <= maxBytes {
				add(s, false)
				continue
			}
		}
		hi := maxBytes - n - c
		lo := minBytes - n - c
		if n >= minBytes {
			// Already long enough: add a shortened sentence only if a
			// reasonable piece of it fits.
			if cs, ok := cutSentence(s, max(lo, 24), hi, g.lang); ok {
				add(cs, newPara)
			}
			break
		}
		if hi >= 1 {
			cs, ok := cutSentence(s, lo, hi, g.lang)
			if !ok {
				cs = fitExact(s, lo, hi)
			}
			add(cs, newPara)
			break
		}
		// Not even one byte of a sentence fits after the separator:
		// pad the last piece of text instead (only for ranges a few
		// bytes wide).
		pad := strings.Repeat(".", minBytes-n)
		switch {
		case len(g.para) > 0:
			g.para = append(g.para, pad...)
		case a.Dateline != "":
			a.Dateline += pad
		default:
			a.Title += pad
		}
		n = minBytes
		break
	}
	if len(g.para) > 0 {
		a.Paragraphs = append(a.Paragraphs, string(g.para))
	}
	return a
}

// Documents returns the texts of n articles generated by
// NewGenerator(lang, seed), each between minBytes and maxBytes bytes long.
func Documents(lang Lang, n, minBytes, maxBytes int, seed uint64) [][]byte {
	g := NewGenerator(lang, seed)
	docs := make([][]byte, n)
	for i := range docs {
		docs[i] = g.Article(minBytes, maxBytes).Bytes()
	}
	return docs
}

// sentenceEnd is the full stop used when a sentence is shortened.
func sentenceEnd(lang Lang) string {
	if lang == Chinese {
		return "。"
	}
	return "."
}

// trimTail removes trailing spaces, punctuation and opening quotes left
// over after cutting a sentence.
func trimTail(s string) string {
	for len(s) > 0 {
		c, n := utf8.DecodeLastRuneInString(s)
		if strings.ContainsRune(" ,;:-—–\"'«»„“”（(，、：；", c) {
			s = s[:len(s)-n]
			continue
		}
		break
	}
	return s
}

// cutSentence shortens s at a word boundary (any character boundary for
// Chinese) and ends it with a full stop, returning the longest such
// sentence whose length is within [lo, hi].
func cutSentence(s string, lo, hi int, lang Lang) (string, bool) {
	end := sentenceEnd(lang)
	if lo < 1 {
		lo = 1
	}
	if hi < lo {
		return "", false
	}
	i := len(s)
	for i > 0 {
		var j int
		if lang == Chinese {
			_, n := utf8.DecodeLastRuneInString(s[:i])
			j = i - n
		} else {
			j = strings.LastIndexByte(s[:i], ' ')
		}
		if j <= 0 {
			break
		}
		i = j
		body := trimTail(s[:j])
		if body == "" {
			break
		}
		c := body + end
		if len(c) <= hi {
			if len(c) >= lo {
				return c, true
			}
			break
		}
	}
	return "", false
}

// fitExact returns a prefix of s, cut at a character boundary, whose length
// is within [lo, hi] (lo <= hi, 1 <= hi), padding with full stops when the
// characters are too wide to hit the range exactly.
func fitExact(s string, lo, hi int) string {
	i := min(hi, len(s))
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	p := s[:i]
	if len(p) < max(lo, 1) {
		p += strings.Repeat(".", max(lo, 1)-len(p))
	}
	return p
}

// cutTitle shortens a headline to at most max bytes, at a word boundary if
// possible.
func cutTitle(s string, max int, lang Lang) string {
	if len(s) <= max {
		return s
	}
	if lang != Chinese {
		for i := len(s); i > 0; {
			j := strings.LastIndexByte(s[:i], ' ')
			if j <= 0 {
				break
			}
			if b := trimTail(s[:j]); len(b) <= max && b != "" {
				return b
			}
			i = j
		}
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}
