package extract

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/net/html/atom"
)

// Selection parameters (Readability's, unless noted).
const (
	minScoredChars = 25  // a block scores its containers from this length
	topCandidates  = 5   // candidates compared for a common ancestor
	minAncestorHit = 3   // …that must share it
	siblingMin     = 10  // a sibling container is included from this score
	siblingShare   = 0.3 // …or from this share of the top score
	sameClassBonus = 0.2 // …of which this share is granted to one with the top's class
	longPara       = 80  // a sibling paragraph this long is included if link-poor
	headlineBonus  = 25  // for an <article> that holds the headline
	listingFactor  = 0.5 // for a container of several <article>s

	goodChars       = 80   // a block this long…
	goodLinkDensity = 0.25 // …and this link-poor is certainly text (boilerpipe, jusText)
	maxTrim         = 300  // most characters trimmed before the first or after the last such block

	// A best container with less prose than minProse characters yields
	// to one scoring proseShare of it with twice its prose (not
	// Readability's).
	minProse   = 200
	proseShare = 0.5
)

// appendMain selects the main text of the scanned page and appends it.
func (e *Extractor) appendMain(dst []byte) []byte {
	nb := len(e.blocks)
	e.cum = grow(e.cum, nb+1)
	e.cumLk = grow(e.cumLk, nb+1)
	var c, l int32
	for i := range e.blocks {
		e.cum[i], e.cumLk[i] = c, l
		c += e.blocks[i].chars
		l += e.blocks[i].linkChars
	}
	e.cum[nb], e.cumLk[nb] = c, l
	e.keep = growBool(e.keep, nb)
	e.markBlocks()

	// Honour all boilerplate marks; if that leaves too little text (the
	// article was inside a marked element), retry with fewer marks and
	// keep the longest selection.
	// Readers' comments are never the article, however long they are
	// beside a short one: their marks stay.
	e.headRegion = false
	got := e.selectMain(bMarked | bClass | bHidden | bComment)
	for _, ignore := range [...]uint8{bMarked | bHidden | bComment, bHidden | bComment} {
		// A short article found where the headline is, with prose (a
		// brief, a truncated copy), is the article: what more the marks
		// hide — a cookie notice, a newsletter box — is not.
		if got >= int32(e.opt.MinChars) || got > 0 && e.headRegion {
			break
		}
		e.keep2 = append(e.keep2[:0], e.keep...)
		headRegion := e.headRegion
		if got2 := e.selectMain(ignore); got2 > got {
			got = got2
		} else {
			copy(e.keep, e.keep2) // and what is known of the selection kept
			e.headRegion = headRegion
		}
	}

	if got == 0 {
		// No paragraph worth scoring: the page is short, and all its text
		// that is not boilerplate is its main text.
		maxLD := float32(e.opt.MaxLinkDensity)
		for i := range e.blocks {
			b := &e.blocks[i]
			e.keep[i] = b.flags&(bMarked|bClass|bHidden|bComment) == 0 && linkDensity(b.chars, b.linkChars) <= maxLD
		}
	}
	e.trim()
	h := e.headline(e.firstKept())
	if h >= 0 && !e.keep[h] {
		dst = e.appendBlock(dst, &e.blocks[h])
	} else if h == -1 && len(e.title) > 0 {
		dst = append(dst, trimSiteName(e.title)...)
		dst = append(dst, '\n')
	}
	for i := range e.blocks {
		if e.keep[i] {
			dst = e.appendBlock(dst, &e.blocks[i])
		}
	}
	return dst
}

func grow(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n, n+n/4)
	}
	return s[:n]
}

func growBool(s []bool, n int) []bool {
	if cap(s) < n {
		s = make([]bool, n, n+n/4)
	}
	s = s[:n]
	clear(s)
	return s
}

// chars returns the characters and link characters of blocks[i:j].
func (e *Extractor) chars(i, j int32) (c, l int32) {
	return e.cum[j] - e.cum[i], e.cumLk[j] - e.cumLk[i]
}

func linkDensity(c, l int32) float32 {
	if c == 0 {
		return 0
	}
	return float32(l) / float32(c)
}

// isParagraph reports whether a block-level element holds text rather than
// containers.
func isParagraph(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Li, atom.Dd, atom.Dt, atom.Pre, atom.Td, atom.Th, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Figcaption, atom.Caption, atom.Address:
		return true
	}
	return false
}

// tagScore is Readability's initial score of a container by its tag.
func tagScore(a atom.Atom) float32 {
	switch a {
	case atom.Div, atom.Article, atom.Main, atom.Section:
		return 5
	case atom.Pre, atom.Td, atom.Blockquote:
		return 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		return -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		return -5
	}
	return 0
}

// classScore is the weight of a container's class, id and semantics.
func classScore(f uint16) float32 {
	var s float32
	if f&nContent != 0 {
		s += 25
	}
	if f&(nNegative|nClass) != 0 {
		s -= 25
	}
	if f&nBody != 0 {
		s += 50
	}
	if f&(nArticle|nMain) != 0 {
		s += 25
	}
	return s
}

// selectMain marks in e.keep the blocks of the main text, ignoring blocks
// with any of the ignore flags, and returns their characters.
func (e *Extractor) selectMain(ignore uint8) int32 {
	clear(e.keep)
	nodes := e.nodes
	nn := len(nodes)
	if cap(e.score) < nn {
		e.score = make([]float32, nn, nn+nn/4)
	}
	score := e.score[:nn]
	const unscored = -1e30
	for i := range score {
		score[i] = unscored
	}

	// Score the containers of each long-enough block.
	for i := range e.blocks {
		b := &e.blocks[i]
		if b.flags&ignore != 0 || b.chars < minScoredChars {
			continue
		}
		cs := 1 + float32(b.commas) + min(float32(b.chars)/100, 3)
		cs *= 1 - linkDensity(b.chars, b.linkChars)
		a := b.node
		if nodes[a].parent >= 0 && (isParagraph(nodes[a].tag) || !nodes[a].hasChildren) {
			a = nodes[a].parent // the block is a paragraph: score its container
		}
		for level := 0; a > 0 && level < 5; level++ {
			if score[a] == unscored {
				score[a] = tagScore(nodes[a].tag) + classScore(nodes[a].flags)
				if nodes[a].flags&nArticle != 0 && e.holdsHeadline(a) {
					score[a] += headlineBonus // the article, not a teaser
				}
			}
			switch level {
			case 0:
				score[a] += cs
			case 1:
				score[a] += cs / 2
			default:
				score[a] += cs / float32(level*3)
			}
			a = nodes[a].parent
		}
	}

	// Scale by link density and find the best candidates.
	var best [topCandidates]int32
	nbest := 0
	for i := 1; i < nn; i++ {
		if score[i] == unscored {
			continue
		}
		c, l := e.chars(nodes[i].first, nodes[i].end)
		score[i] *= 1 - linkDensity(c, l)
		if e.listing(int32(i)) || e.teaser(int32(i)) {
			score[i] *= listingFactor
		}
		// Insert into best, kept sorted by score.
		j := nbest
		if j < topCandidates {
			nbest++
		} else if score[i] <= score[best[j-1]] {
			continue
		} else {
			j--
		}
		for ; j > 0 && score[best[j-1]] < score[i]; j-- {
			best[j] = best[j-1]
		}
		best[j] = int32(i)
	}
	if nbest == 0 {
		return 0
	}
	top := best[0]
	rejected := int32(-1) // a best container without prose, passed over
	inside := func(x, a int32) bool { return a < x && x < nodes[a].next }
	// A brief's few paragraphs may score below a container that its
	// class or tag favours but that holds hardly any prose (a newsletter
	// box, a promotion): of the candidates scoring at least half as well
	// (any of them when the best holds no prose at all), none inside
	// another and none a list, the one with the most prose, twice the
	// best's and at least minProse (goodChars when the best has none),
	// wins.
	if g := e.prose(top, ignore); g < minProse {
		share, least := float32(proseShare), int32(minProse)
		if g == 0 {
			share, least = 0, goodChars // any prose is more
		}
		first, most := top, int32(0)
		for _, c := range best[1:nbest] {
			if score[c] < share*score[best[0]] || inside(c, first) || inside(first, c) || e.listing(c) ||
				nodes[c].tag == atom.Ul || nodes[c].tag == atom.Ol || e.teaser(c) && !e.teaser(first) {
				continue
			}
			if gc := e.prose(c, ignore); gc >= 2*g && gc >= least && gc > most {
				top, most = c, gc
			}
		}
		if top != first {
			rejected = first // neither an alternative nor a sibling below
		}
	}
	core := top // the best-scoring container

	// Several near-best candidates, none holding another, in one ancestor:
	// take the ancestor.
	var alts [topCandidates]int32
	nalt := 0
	for _, c := range best[1:nbest] {
		if c != rejected && score[c] >= 0.75*score[top] && !inside(top, c) && !inside(c, top) {
			alts[nalt] = c
			nalt++
		}
	}
	if nalt >= minAncestorHit {
		for a := nodes[top].parent; a > 0; a = nodes[a].parent {
			hits := 0
			for _, c := range alts[:nalt] {
				if inside(c, a) {
					hits++
				}
			}
			if hits >= minAncestorHit {
				if !e.listing(a) {
					top = a
				}
				break
			}
		}
	}
	// An ancestor scoring higher than the path to it holds more content.
	last := score[top]
	for a := nodes[top].parent; a > 0; a = nodes[a].parent {
		if score[a] == unscored {
			continue
		}
		if score[a] < last/3 {
			break
		}
		if score[a] > last {
			if !e.listing(a) {
				top = a
			}
			break
		}
		last = score[a]
	}
	e.headRegion = e.holdsHeadline(top) && e.prose(top, ignore) > 0
	// A container that is its parent's only content is the same as it (and
	// keeps its score).
	topScore := score[top]
	for p := nodes[top].parent; p > 0 && nodes[p].first == nodes[top].first &&
		nodes[p].end == nodes[top].end; p = nodes[top].parent {
		top = p
	}

	// The region: the top container and the siblings that score well or
	// are long link-poor paragraphs.
	threshold := max(siblingMin, siblingShare*topScore)
	var got int32
	add := func(n int32) {
		got += e.keepBlocks(n, ignore)
	}
	p := nodes[top].parent
	if p < 0 {
		add(top)
		return got
	}
	for c := p + 1; c < nodes[p].next; c = nodes[c].next {
		if c == top {
			add(c)
			continue
		}
		if c == rejected || e.listing(c) || nodes[c].flags&nArticle != 0 && nodes[top].flags&nArticle != 0 {
			continue // teasers of other articles
		}
		s := score[c]
		if s != unscored {
			if h := nodes[top].classHash; h != 0 && nodes[c].classHash == h {
				s += sameClassBonus * topScore
			}
			if s >= threshold {
				add(c)
				continue
			}
		}
		if nodes[c].hasChildren {
			continue
		}
		ch, lk := e.chars(nodes[c].first, nodes[c].end)
		ld := linkDensity(ch, lk)
		if ch > longPara && ld < 0.25 || ch > 0 && ch <= longPara && lk == 0 && e.hasSentence(nodes[c].first, nodes[c].end) {
			add(c)
		}
	}
	// Containers elsewhere with the tag and class of the best one and a
	// good score: an article body that the markup splits in parts.
	if h := nodes[core].classHash; h != 0 {
		for c := int32(1); c < int32(nn); c++ {
			if c == top || inside(c, top) {
				c = nodes[c].next - 1
				continue
			}
			if nodes[c].classHash != h || nodes[c].tag != nodes[core].tag || inside(top, c) ||
				score[c] == unscored || score[c] < threshold || e.listing(c) {
				continue
			}
			add(c)
			c = nodes[c].next - 1
		}
	}
	return got
}

// prose returns the characters of node n's long, link-poor blocks (as
// goodChars and goodLinkDensity define them) without the ignore flags.
func (e *Extractor) prose(n int32, ignore uint8) int32 {
	nd := &e.nodes[n]
	var g int32
	for i := nd.first; i < nd.end; i++ {
		b := &e.blocks[i]
		if b.flags&ignore == 0 && b.chars >= goodChars && linkDensity(b.chars, b.linkChars) <= goodLinkDensity {
			g += b.chars
		}
	}
	return g
}

// keepBlocks marks the blocks of node n that belong to the main text and
// returns their characters.
func (e *Extractor) keepBlocks(n int32, ignore uint8) int32 {
	nd := &e.nodes[n]
	maxLD := float32(e.opt.MaxLinkDensity)
	var got int32
	for i := nd.first; i < nd.end; i++ {
		b := &e.blocks[i]
		ld := linkDensity(b.chars, b.linkChars)
		if b.flags&ignore != 0 || ld > maxLD {
			continue
		}
		e.keep[i] = true
		got += b.chars
	}
	return got
}

// hasSentence reports whether the text of blocks[i:j] has or ends with a
// full stop (Readability's test for a short sibling paragraph).
func (e *Extractor) hasSentence(i, j int32) bool {
	t := bytes.TrimRight(e.text[e.blocks[i].start:e.blocks[j-1].end], " \n")
	return len(t) > 0 && (t[len(t)-1] == '.' || bytes.Contains(t, []byte(". ")))
}

// trim drops labels such as "Advertisement" from the selection, and short
// blocks (bylines, dates, "Share this", "1 comment") before the first and
// after the last long, link-poor block, as jusText's context-sensitive
// classification drops short blocks next to boilerplate.
func (e *Extractor) trim() {
	first, last := -1, -1
	for i, k := range e.keep {
		if !k {
			continue
		}
		b := &e.blocks[i]
		if b.chars <= maxLabelLen && isAdLabel(e.text[b.start:b.end]) {
			e.keep[i] = false
			continue
		}
		if b.chars >= goodChars && linkDensity(b.chars, b.linkChars) <= goodLinkDensity {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return
	}
	// Only a few short blocks that are not sentences: a table or list of
	// short items is content.
	var total, lead, trail int32
	for i, k := range e.keep {
		if !k {
			continue
		}
		c := e.blocks[i].chars
		total += c
		switch {
		case i < first && e.trimmable(i):
			lead += c
		case i > last && e.trimmable(i):
			trail += c
		}
	}
	if lead <= maxTrim && lead*4 <= total {
		for i := 0; i < first; i++ {
			if e.keep[i] && e.trimmable(i) {
				e.keep[i] = false
			}
		}
	}
	if trail <= maxTrim && trail*4 <= total {
		for i := last + 1; i < len(e.keep); i++ {
			if e.keep[i] && e.trimmable(i) {
				e.keep[i] = false
			}
		}
	}
}

// trimmable reports whether block i may be trimmed from the edge of the
// main text: it is neither a heading nor a sentence.
func (e *Extractor) trimmable(i int) bool {
	b := &e.blocks[i]
	return !isHeading(e.nodes[b.node].tag) && !endsSentence(e.text[b.start:b.end])
}

// endsSentence reports whether t ends with a full stop, question mark,
// exclamation mark or ellipsis, perhaps followed by closing quotes or
// brackets.
func endsSentence(t []byte) bool {
	for len(t) > 0 {
		r, n := utf8.DecodeLastRune(t)
		switch r {
		case '"', '\'', '”', '’', '»', ')', ']':
			t = t[:len(t)-n]
			continue
		case '.', '!', '?', '…', '。', '！', '？':
			return true
		}
		return false
	}
	return false
}

// maxLabelLen is the length of the longest label isAdLabel knows.
const maxLabelLen = 40

// isAdLabel reports whether t is the label of an advertisement, or the
// link to the rest of a story ("Read more…").
func isAdLabel(t []byte) bool {
	var buf [maxLabelLen * 2]byte
	if len(t) > len(buf) {
		return false
	}
	l := buf[:len(t)]
	copy(l, t)
	switch string(lowerASCII(l)) {
	case "advertisement", "advertisements", "advertising", "advert", "ad", "ads", "sponsored",
		"sponsored content", "anzeige", "werbung", "publicité", "publicidad", "pubblicità",
		"reklama", "story continues below advertisement", "article continues below advertisement",
		"continue reading below", "scroll to continue with content", "- advertisement -",
		"— advertisement —", "advertisement:",
		// The link to the rest of a teaser or a truncated copy.
		"read more", "read more…", "read more...", "read more »", "read more >", "continue reading",
		"continue reading…", "read the full story", "read full story", "read the full article",
		"read full article", "full story", "more…":
		return true
	}
	return false
}

// markBlocks sets the flags of the blocks from the marks of the nodes that
// hold them. A node marked as boilerplate that holds at least half of the
// page's long, link-poor text and the headline, or holds a <main> or
// itemprop=articleBody element, is a wrapper of the article, not
// boilerplate: its mark is ignored. It also sets e.head.
func (e *Extractor) markBlocks() {
	nodes := e.nodes
	nn, nb := len(nodes), len(e.blocks)
	e.artCum = grow(e.artCum, nn+1)
	e.mainCum = grow(e.mainCum, nn+1)
	var arts, mains int32
	for i := range nodes {
		e.artCum[i], e.mainCum[i] = arts, mains
		if nodes[i].flags&nArticle != 0 {
			arts++
		}
		if nodes[i].flags&(nMain|nBody) != 0 {
			mains++
		}
	}
	e.artCum[nn], e.mainCum[nn] = arts, mains
	e.goodCum = grow(e.goodCum, nb+1)
	var good int32
	for i := range e.blocks {
		e.goodCum[i] = good
		b := &e.blocks[i]
		if b.chars >= goodChars && linkDensity(b.chars, b.linkChars) <= goodLinkDensity {
			good += b.chars
		}
	}
	e.goodCum[nb] = good

	if cap(e.eff) < nn {
		e.eff = make([]uint16, nn, nn+nn/4)
	}
	e.eff = e.eff[:nn]
	eff := e.eff
	eff[0] = 0
	for i := 1; i < nn; i++ {
		eff[i] = eff[nodes[i].parent] | nodes[i].flags&(nHidden|nComment)
	}
	e.head = e.headline(-1)
	e.markTeasers()
	for i := 1; i < nn; i++ {
		nd := &nodes[i]
		own := nd.flags & (nMarked | nClass | nHidden | nComment)
		if own&(nMarked|nClass) != 0 {
			g := e.goodCum[nd.end] - e.goodCum[nd.first]
			if good > 0 && 2*g >= good && (e.head < 0 || e.holdsHeadline(int32(i))) ||
				e.mainCum[nd.next]-e.mainCum[i+1] > 0 {
				own &^= nMarked | nClass
			}
		}
		eff[i] = eff[nd.parent] | own
	}
	for i := range e.blocks {
		b := &e.blocks[i]
		f := eff[b.node]
		b.flags = 0
		if f&nMarked != 0 {
			b.flags |= bMarked
		}
		if f&nClass != 0 {
			b.flags |= bClass
		}
		if f&nHidden != 0 {
			b.flags |= bHidden
		}
		if f&nComment != 0 {
			b.flags |= bComment
		}
	}
}

// firstKept returns the first kept block, or len(e.blocks).
func (e *Extractor) firstKept() int32 {
	for i, k := range e.keep {
		if k {
			return int32(i)
		}
	}
	return int32(len(e.blocks))
}

// headline returns the block of the page's headline, or -1: an h1 that is
// not hidden and either is not a link or is most of the page title,
// preferring one that matches the title, is not a link and comes before or
// at block first (the start of the main text; -1 to ignore this rule).
func (e *Extractor) headline(first int32) int32 {
	best, bestRank := int32(-1), 0
	for i := range e.blocks {
		b := &e.blocks[i]
		if e.nodes[b.node].tag != atom.H1 || e.eff[b.node]&nHidden != 0 {
			continue
		}
		t := e.text[b.start:b.end]
		titled := len(e.title) > 0 && bytes.Contains(e.title, t)
		rank := 0
		switch {
		case linkDensity(b.chars, b.linkChars) < 0.5:
			rank++
		case !titled || 2*len(t) < len(e.title):
			continue // a linked logo, or the site name in the title
		}
		if titled {
			rank += 2
		}
		if first >= 0 && int32(i) <= first {
			rank++
		}
		if rank > bestRank {
			best, bestRank = int32(i), rank
		}
	}
	return best
}

// listing reports whether node n holds two or more <article> elements: it
// is a list of teasers rather than an article.
func (e *Extractor) listing(n int32) bool {
	return e.artCum[e.nodes[n].next]-e.artCum[n+1] >= 2
}

// teaser reports whether node n is inside (or is) the teaser of another
// story: when an <article> holds the headline, another <article> among
// others (inside a listing), as in a "More in …" list, whose excerpt
// would outscore a short article. (Where no <article> holds the headline,
// the article may be one of several without being a teaser.)
func (e *Extractor) teaser(n int32) bool { return e.teasers[n]&tTeaser != 0 }

// Bits of e.teasers.
const (
	tListed uint8 = 1 << iota // inside a listing
	tTeaser                   // inside a teaser
)

// markTeasers sets e.teasers, once e.head is known.
func (e *Extractor) markTeasers() {
	nodes := e.nodes
	if cap(e.teasers) < len(nodes) {
		e.teasers = make([]uint8, len(nodes), len(nodes)+len(nodes)/4)
	}
	t := e.teasers[:len(nodes)]
	e.teasers = t
	clear(t)
	headed := false
	for i := 1; i < len(nodes) && !headed; i++ {
		headed = nodes[i].flags&nArticle != 0 && e.holdsHeadline(int32(i))
	}
	if !headed {
		return
	}
	for i := 1; i < len(nodes); i++ {
		p := nodes[i].parent
		f := t[p]
		if p > 0 && e.listing(p) {
			f |= tListed
		}
		if nodes[i].flags&nArticle != 0 {
			if e.holdsHeadline(int32(i)) {
				f &^= tListed // the article: what it holds is a teaser only in a listing of its own
			} else if f&tListed != 0 {
				f |= tTeaser
			}
		}
		t[i] = f
	}
}

// holdsHeadline reports whether node n holds the headline block e.head.
func (e *Extractor) holdsHeadline(n int32) bool {
	return e.head >= 0 && e.nodes[n].first <= e.head && e.head < e.nodes[n].end
}

// trimSiteName removes a site name from a title: the part after the last
// " | ", " - " or " — " when the part before it is longer.
func trimSiteName(t []byte) []byte {
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: "} {
		if i := bytes.LastIndex(t, []byte(sep)); i > len(t)-i {
			return t[:i]
		}
	}
	return t
}
