package wire

import (
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// makeCopies publishes the copies of story i on distinct sites.
func (g *generator) makeCopies(i int) {
	r := g.r
	n := r.between(g.cfg.CopiesMin, max(g.cfg.CopiesMax, 0))
	if n == 0 {
		return
	}
	// A partial Fisher-Yates shuffle of the site indexes.
	idx := make([]int, len(g.sites))
	for k := range idx {
		idx[k] = k
	}
	for k := range n {
		j := k + r.IntN(len(idx)-k)
		idx[k], idx[j] = idx[j], idx[k]
		s := g.sites[idx[k]]
		kind := g.copyKind(i)
		t := g.times[i].Add(g.delay())
		text := g.copyText(kind, s, i, t)
		if kind == Template || kind == Combined {
			g.templated[s] = true
		}
		g.docs = append(g.docs, draft{site: s, t: t, title: g.stories[i].Title, text: text, kind: kind, story: i})
	}
}

// copyKind draws the kind of a copy of story i.
func (g *generator) copyKind(i int) Kind {
	for {
		k := g.r.IntN(100)
		for _, w := range copyKindWeights {
			if k < w.pct {
				if w.kind == Truncated && len(g.stories[i].Paragraphs) < 2 {
					break // nothing to cut: draw again
				}
				return w.kind
			}
			k -= w.pct
		}
	}
}

// delay returns how long after the original a copy appears: minutes to
// days.
func (g *generator) delay() time.Duration {
	r := g.r
	var m int
	switch k := r.IntN(100); {
	case k < 30:
		m = r.between(3, 59)
	case k < 75:
		m = r.between(60, 12*60)
	default:
		m = r.between(12*60, 96*60)
	}
	return time.Duration(m)*time.Minute + time.Duration(r.IntN(60))*time.Second
}

// copyText renders a copy of story i of the given kind on site s.
func (g *generator) copyText(kind Kind, s *Site, i int, t time.Time) string {
	r := g.r
	st := &g.stories[i]
	switch kind {
	case Verbatim:
		return st.Text()
	case Brand:
		return plain(g.brandTitle(s, st.Title), g.storyBlocks(g.brandDateline(s, i, false), st.Paragraphs))
	case Template:
		blocks := g.storyBlocks(st.Dateline, st.Paragraphs)
		if r.chance(40) {
			blocks = append(blocks, g.credits[i])
		}
		return g.page(s, t, g.copyAuthor(s, i), st.Title, blocks, i)
	case Truncated:
		k := g.truncLen(st, 250)
		blocks := append(g.storyBlocks(st.Dateline, st.Paragraphs[:k]), pick(r, truncMarkers))
		return plain(st.Title, blocks)
	case Local:
		blocks := g.storyBlocks(st.Dateline, st.Paragraphs)
		return plain(st.Title, g.insertLocal(blocks, s, t))
	case Edited:
		return plain(st.Title, g.storyBlocks(st.Dateline, g.edit(st.Paragraphs)))
	case Combined:
		return g.combined(s, i, t)
	}
	panic("wire: not a copy kind: " + kind.String())
}

// combined renders a realistic web copy of story i: branded and inside the
// site's template, often also edited, truncated, with a local paragraph
// and with headline links inside the text.
func (g *generator) combined(s *Site, i int, t time.Time) string {
	r := g.r
	st := &g.stories[i]
	paras := st.Paragraphs
	if r.chance(40) {
		paras = g.edit(paras)
	}
	marker := ""
	if len(paras) >= 2 && r.chance(15) {
		paras = paras[:g.truncLen(st, 500)]
		marker = pick(r, truncMarkers)
	}
	title := g.brandTitle(s, st.Title)
	blocks := g.storyBlocks(g.brandDateline(s, i, true), paras)
	if r.chance(35) {
		blocks = g.insertLocal(blocks, s, t)
	}
	if len(blocks) >= 3 && r.chance(35) {
		for range r.between(1, 2) {
			at := r.between(1, len(blocks)-1)
			link := s.tmpl.readAlso + " " + g.headline(s, i, t)
			blocks = append(blocks[:at], append([]string{link}, blocks[at:]...)...)
		}
	}
	if marker != "" {
		blocks = append(blocks, marker)
	} else if r.chance(40) {
		blocks = append(blocks, g.credits[i])
	}
	return g.page(s, t, g.copyAuthor(s, i), title, blocks, i)
}

// copyAuthor returns the author shown on a copy of story i.
func (g *generator) copyAuthor(s *Site, i int) string {
	wire := g.wireOf(i).wireName
	switch g.r.IntN(6) {
	case 0:
		return "By " + wire
	case 1:
		return wire
	case 2:
		return "From " + wire
	case 3:
		return s.Brand + " staff and wire services"
	case 4:
		return "Staff and agencies"
	}
	return ""
}

// wireOf returns the wire service of story i.
func (g *generator) wireOf(i int) *Site {
	for _, w := range g.wires {
		if w.Host == g.stories[i].Wire {
			return w
		}
	}
	panic("wire: story without a wire service")
}

// truncLen returns how many paragraphs a truncated copy keeps: one to
// three, fewer than the story has, and enough for at least minBytes of
// text where that allows.
func (g *generator) truncLen(st *Story, minBytes int) int {
	n := len(st.Paragraphs)
	k := min(g.r.between(1, 3), n-1)
	size := len(st.Title) + len(st.Dateline)
	for _, p := range st.Paragraphs[:k] {
		size += len(p)
	}
	for k < min(3, n-1) && size < minBytes {
		size += len(st.Paragraphs[k])
		k++
	}
	return k
}

// brandTitle injects the site's brand or a spam word into a headline.
func (g *generator) brandTitle(s *Site, title string) string {
	r := g.r
	switch k := r.IntN(4); {
	case k < 2:
		return title + s.tmpl.titleSep + s.Brand
	case k == 2:
		return pick(r, spamPrefixes) + title
	default:
		return pick(r, spamPrefixes) + title + s.tmpl.titleSep + s.Brand
	}
}

// brandDateline injects the site's brand into the dateline of story i; if
// mayKeep, the dateline is sometimes left unchanged.
func (g *generator) brandDateline(s *Site, i int, mayKeep bool) string {
	r := g.r
	dl := g.stories[i].Dateline
	wire := "(" + g.wireOf(i).wireName + ")"
	k := r.IntN(100)
	if !mayKeep {
		k = k * 80 / 100
	}
	switch {
	case k < 45:
		return strings.Replace(dl, wire, "("+s.Brand+")", 1)
	case k < 65:
		return strings.Replace(dl, wire, "("+s.Brand+"/"+wire[1:], 1)
	case k < 80:
		city, _, _ := strings.Cut(dl, ", ")
		return city + " (" + s.Brand + ") -"
	}
	return dl
}

// insertLocal adds a locally written paragraph at the start, in the
// middle or at the end of the blocks.
func (g *generator) insertLocal(blocks []string, s *Site, t time.Time) []string {
	r := g.r
	p := g.fill(pick(r, localTemplates), s, t)
	if r.chance(50) {
		p += " " + g.local.Sentence()
	}
	at := len(blocks)
	switch k := r.IntN(100); {
	case k < 35:
		at = 0
	case k < 65 && len(blocks) >= 2:
		at = r.between(1, len(blocks)-1)
	}
	out := make([]string, 0, len(blocks)+1)
	out = append(out, blocks[:at]...)
	out = append(out, p)
	return append(out, blocks[at:]...)
}

// edit returns a copy of paras with 2–8 % of the words changed (synonyms,
// typos, changed numbers), each word at most once, and half of the time
// two adjacent sentences swapped. Words are the space-separated fields of
// the paragraphs, so the multiset of words changes in exactly the edited
// positions.
func (g *generator) edit(paras []string) []string {
	r := g.r
	words := make([][]string, len(paras))
	total := 0
	for i, p := range paras {
		words[i] = strings.Split(p, " ")
		total += len(words[i])
	}
	want := max(1, int(math.Round(float64(total*r.between(20, 80))/1000)))
	changed := make(map[[2]int]bool, want)
	for try := 0; len(changed) < want && try < 100*want; try++ {
		n := r.IntN(total)
		pi := 0
		for n >= len(words[pi]) {
			n -= len(words[pi])
			pi++
		}
		if changed[[2]int{pi, n}] {
			continue
		}
		if w, ok := g.editWord(words[pi][n]); ok {
			words[pi][n] = w
			changed[[2]int{pi, n}] = true
		}
	}
	out := make([]string, len(paras))
	for i := range words {
		out[i] = strings.Join(words[i], " ")
	}
	if r.chance(50) {
		var multi []int
		for i, p := range out {
			if len(sentenceEnds(p)) > 0 {
				multi = append(multi, i)
			}
		}
		if len(multi) > 0 {
			i := pick(r, multi)
			out[i] = swapSentences(out[i], r)
		}
	}
	return out
}

// editWord changes one word: a synonym, a typo or a changed number. It
// reports false if the word offers none of these.
func (g *generator) editWord(w string) (string, bool) {
	r := g.r
	// Separate the punctuation around the word.
	start, end := 0, len(w)
	for start < end {
		c, n := utf8.DecodeRuneInString(w[start:])
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			break
		}
		start += n
	}
	for end > start {
		c, n := utf8.DecodeLastRuneInString(w[start:end])
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			break
		}
		end -= n
	}
	pre, core, post := w[:start], w[start:end], w[end:]
	if core == "" {
		return "", false
	}
	// Editors mostly choose other words and correct figures; typos are
	// rarer, so a word that only allows a typo is often passed over.
	if strings.ContainsAny(core, "0123456789") {
		if r.chance(60) {
			return pre + changeNumber(core, r) + post, true
		}
		return "", false
	}
	if syn, ok := synonyms[strings.ToLower(core)]; ok {
		s := pick(r, syn)
		if c := core[0]; c >= 'A' && c <= 'Z' {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		return pre + s + post, true
	}
	if c := core[0]; c >= 'a' && c <= 'z' && r.chance(20) {
		if t, ok := typo(core, r); ok {
			return pre + t + post, true
		}
	}
	return "", false
}

// changeNumber changes one digit of a number: never the first digit of a
// run of digits, and a lone digit only to another non-zero digit, so that
// the result is a different, well-formed number.
func changeNumber(s string, r rng) string {
	var pos []int
	for i := range len(s) {
		if isDigitAt(s, i) && (isDigitAt(s, i-1) || !isDigitAt(s, i+1)) {
			pos = append(pos, i)
		}
	}
	i := pick(r, pos)
	d := int(s[i] - '0')
	var nd int
	if isDigitAt(s, i-1) {
		nd = (d + r.between(1, 9)) % 10
	} else if nd = r.between(1, 9); nd == d {
		nd = d%9 + 1
	}
	b := []byte(s)
	b[i] = byte('0' + nd)
	return string(b)
}

func isDigitAt(s string, i int) bool { return i >= 0 && i < len(s) && s[i] >= '0' && s[i] <= '9' }

// typo misspells an ASCII word of at least four letters: two letters
// swapped, a letter dropped or a letter doubled, never the first letter.
func typo(w string, r rng) (string, bool) {
	if len(w) < 4 {
		return "", false
	}
	for i := range len(w) {
		if c := w[i] | 0x20; c < 'a' || c > 'z' {
			return "", false
		}
	}
	b := []byte(w)
	i := r.between(1, len(b)-2)
	switch r.IntN(3) {
	case 0:
		if b[i] != b[i+1] {
			b[i], b[i+1] = b[i+1], b[i]
			return string(b), true
		}
		fallthrough
	case 1:
		return string(b[:i]) + string(b[i+1:]), true
	default:
		return string(b[:i+1]) + string(b[i:]), true
	}
}

// sentenceEnds returns the positions of the spaces that separate sentences
// in a paragraph.
func sentenceEnds(p string) []int {
	var ends []int
	for i := 1; i+1 < len(p); i++ {
		if p[i] != ' ' {
			continue
		}
		prev := p[i-1]
		if prev == '"' && i >= 2 {
			prev = p[i-2]
		}
		next := p[i+1]
		if (prev == '.' || prev == '!' || prev == '?') && (next >= 'A' && next <= 'Z' || next == '"') {
			ends = append(ends, i)
		}
	}
	return ends
}

// swapSentences swaps two adjacent sentences of a paragraph.
func swapSentences(p string, r rng) string {
	ends := sentenceEnds(p)
	k := r.IntN(len(ends))
	start, end := 0, len(p)
	if k > 0 {
		start = ends[k-1] + 1
	}
	if k+1 < len(ends) {
		end = ends[k+1]
	}
	mid := ends[k]
	return p[:start] + p[mid+1:end] + " " + p[start:mid] + p[end:]
}
