package extract

import (
	"bytes"

	"golang.org/x/net/html"
)

// attrs is what the extractor reads from a start tag's attributes.
type attrs struct {
	flags     uint16 // nClass, nHidden, nContent, nNegative, nArticle, nMain, nBody, nComment
	classHash uint32
	href      bool
}

// Word classes for class and id values.
const (
	wBoiler   uint8 = 1 << iota // names boilerplate: marks the element
	wContent                    // names content: keeps the element
	wNegative                   // weakly suggests boilerplate: lowers the score
	wHidden                     // a class name that hides the element
	wWeak                       // a generic content word ("content", "main"): content only alone
)

// A pattern is looked for anywhere in a lower-cased class or id value.
type pattern struct {
	s    string
	word uint8
}

// patterns are substrings of class and id values. Short or ambiguous words
// are matched as whole tokens instead (see tokenWord).
var patterns = []pattern{
	// Boilerplate.
	{"sidebar", wBoiler}, {"footer", wBoiler}, {"header", wBoiler}, {"masthead", wBoiler},
	{"comment", wBoiler}, {"disqus", wBoiler}, {"related", wBoiler}, {"recommend", wBoiler},
	{"trending", wBoiler}, {"popular", wBoiler}, {"mostread", wBoiler}, {"most-read", wBoiler},
	{"most_read", wBoiler}, {"more-stories", wBoiler}, {"share", wBoiler}, {"sharing", wBoiler},
	{"social", wBoiler}, {"cookie", wBoiler}, {"consent", wBoiler}, {"gdpr", wBoiler},
	{"newsletter", wBoiler}, {"subscri", wBoiler}, {"signup", wBoiler}, {"sign-up", wBoiler},
	{"advert", wBoiler}, {"adslot", wBoiler}, {"ad-slot", wBoiler}, {"adunit", wBoiler},
	{"ad-unit", wBoiler}, {"ad-container", wBoiler}, {"ad-wrap", wBoiler}, {"sponsor", wBoiler},
	{"promo", wBoiler}, {"breadcrumb", wBoiler}, {"navbar", wBoiler}, {"navigation", wBoiler},
	{"menu", wBoiler}, {"toolbar", wBoiler}, {"pagination", wBoiler}, {"pager", wBoiler},
	{"outbrain", wBoiler}, {"taboola", wBoiler}, {"popup", wBoiler}, {"modal", wBoiler},
	{"widget", wBoiler}, {"skiplink", wBoiler}, {"skip-link", wBoiler}, {"copyright", wBoiler},
	{"login", wBoiler}, {"caption", wBoiler}, {"credit", wBoiler}, {"byline", wBoiler},
	// Content: the article itself, and generic words that name content
	// only when no boilerplate word is with them ("related-content").
	{"article", wContent}, {"story", wContent}, {"post", wContent}, {"entry", wContent},
	{"content", wWeak}, {"body", wWeak}, {"main", wWeak}, {"text", wWeak},
	// Weakly boilerplate (Readability's negative class weight).
	{"banner", wNegative}, {"author", wNegative}, {"meta", wNegative}, {"tags", wNegative},
	{"media", wNegative}, {"foot", wNegative}, {"scroll", wNegative}, {"shopping", wNegative},
	{"tool", wNegative}, {"contact", wNegative}, {"hidden", wNegative}, {"date", wNegative},
}

// byPrefix lists the patterns by their first two letters.
var byPrefix = func() (t [26 * 26][]uint8) {
	for i, p := range patterns {
		t[prefixIndex(p.s[0], p.s[1])] = append(t[prefixIndex(p.s[0], p.s[1])], uint8(i))
	}
	return t
}()

// prefixIndex indexes byPrefix by two lower-case letters.
func prefixIndex(a, b byte) int { return int(a-'a')*26 + int(b-'a') }

// tokenWord classifies a whole token of a class or id value (split at
// characters other than letters and digits).
func tokenWord(t []byte) uint8 {
	switch string(t) {
	case "ad", "ads", "adv", "advert", "adsense", "dfp", "nav", "search", "rss", "subnav",
		"tagcloud", "sponsored", "dateline", "timestamp":
		return wBoiler
	}
	return 0
}

// nameWord classifies a whole class name (split at white space).
func nameWord(t []byte) uint8 {
	switch string(t) {
	case "hidden", "hide", "d-none", "sr-only", "visually-hidden", "visuallyhidden",
		"screen-reader-text", "screenreader", "offscreen", "invisible", "is-hidden", "u-hidden",
		"element-invisible", "hidden-print":
		return wHidden
	}
	return 0
}

// maxNameLen bounds how much of a class or id value is classified.
const maxNameLen = 256

// classify returns the word classes of a class or id value. Each
// white-space-separated name is read like an English compound, whose last
// word is its head: "article-comments" and "entry-meta" name boilerplate,
// "comments-article" and "sidebar-article" content, "related-content"
// boilerplate ("content", "body", "main" and "text" are too generic to
// override a boilerplate word) and so is "related-posts" (a plural names a
// list of teasers). The value names content if any of its names
// does, else boilerplate if any does.
func classify(v []byte) uint8 {
	if len(v) > maxNameLen {
		v = v[:maxNameLen]
	}
	var w uint8
	var name nameState
	tok := -1 // start of the current token
	nameStart := 0
	for i := 0; i <= len(v); i++ {
		var c byte = ' '
		if i < len(v) {
			c = v[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
		}
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if tok < 0 {
				tok = i
			}
			if 'a' <= c && i+1 < len(v) {
				d := v[i+1] | 0x20 // lower-case if a letter
				if 'a' <= d && d <= 'z' {
					for _, pi := range byPrefix[prefixIndex(c, d)] {
						p := patterns[pi].s
						if len(v)-i >= len(p) && hasPrefixFold(v[i+2:], p[2:]) {
							w := patterns[pi].word
							if w == wContent && i+len(p) < len(v) && v[i+len(p)]|0x20 == 's' {
								continue // "posts", "articles": a list of them
							}
							name.add(w, i)
						}
					}
				}
			}
			continue
		}
		if tok >= 0 {
			if tw := tokenWord(lowerToken(v[tok:i])); tw != 0 {
				name.add(tw, tok)
			}
			tok = -1
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' {
			if i > nameStart {
				w |= name.verdict() | nameWord(lowerToken(v[nameStart:i]))
			}
			name = nameState{}
			nameStart = i + 1
		}
	}
	if w&wContent != 0 {
		w &^= wBoiler
	}
	return w
}

// nameState collects the words found in one class name.
type nameState struct {
	lastBoiler, lastContent int // positions of the last match, -1 if none
	words                   uint8
}

func (n *nameState) add(w uint8, pos int) {
	if n.words == 0 {
		n.lastBoiler, n.lastContent = -1, -1
	}
	n.words |= w
	switch w {
	case wBoiler:
		n.lastBoiler = pos
	case wContent:
		n.lastContent = pos
	}
}

// verdict is wContent, wBoiler or 0, with wNegative when a negative word or
// a boilerplate word that lost was seen.
func (n *nameState) verdict() uint8 {
	w := n.words
	if w == 0 {
		return 0
	}
	neg := w & wNegative
	switch {
	case w&wBoiler != 0 && n.lastContent > n.lastBoiler:
		return wContent | wNegative
	case w&wBoiler != 0:
		return wBoiler | neg
	case w&(wContent|wWeak) != 0:
		return wContent | neg
	}
	return neg
}

// lowerToken returns t lower-cased in place when it is short (the
// tokenizer's buffer, about to be discarded), for matching whole words.
func lowerToken(t []byte) []byte {
	if len(t) > 24 {
		return nil // longer than any whole word
	}
	return lowerASCII(t)
}

// hasPrefixFold reports whether s starts with the lower-case ASCII p,
// ignoring the case of s.
func hasPrefixFold(s []byte, p string) bool {
	for i := 0; i < len(p); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != p[i] {
			return false
		}
	}
	return true
}

// classifyLabel returns wBoiler if an aria-label names boilerplate.
func classifyLabel(v []byte) uint8 {
	if classify(v)&wBoiler != 0 {
		return wBoiler
	}
	return 0
}

// hasHref reports whether the current start tag has an href attribute.
func hasHref(z *html.Tokenizer) bool {
	for more := true; more; {
		var k []byte
		k, _, more = z.TagAttr()
		if string(k) == "href" {
			return true
		}
	}
	return false
}

// readAttrs reads the attributes of the current start tag.
func readAttrs(z *html.Tokenizer) attrs {
	var at attrs
	var w, label uint8
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "href":
			at.href = true
		case "class":
			at.classHash = hashName(v) | 1
			w |= classify(v)
		case "id":
			w |= classify(v)
		case "role":
			switch string(lowerASCII(v)) {
			case "navigation", "banner", "contentinfo", "complementary", "menu", "menubar",
				"search", "dialog", "alertdialog", "toolbar", "tablist":
				at.flags |= nClass
			case "main":
				at.flags |= nMain
			case "article":
				at.flags |= nArticle
			}
		case "aria-label":
			label |= classifyLabel(v)
		case "itemprop":
			switch l := lowerASCII(v); {
			case bytes.Contains(l, []byte("articlebody")):
				at.flags |= nBody
			case string(l) == "comment" || string(l) == "comments":
				at.flags |= nComment // a reader's comment, whatever its class
			}
		case "itemtype":
			// schema.org's Comment and UserComments: a reader's comment,
			// even in an <article class="comment-body">.
			if l := lowerASCII(v); bytes.HasSuffix(l, []byte("/comment")) || bytes.HasSuffix(l, []byte("/usercomments")) {
				at.flags |= nComment
			}
		case "hidden":
			at.flags |= nHidden
		case "style":
			if hidesElement(v) {
				at.flags |= nHidden
			}
		}
	}
	switch {
	case w&wContent != 0:
		at.flags |= nContent
		if w&(wBoiler|wNegative) != 0 {
			at.flags |= nNegative
		}
	case w&wBoiler != 0:
		at.flags |= nClass
	case w&wNegative != 0:
		at.flags |= nNegative
	}
	if w&wHidden != 0 {
		at.flags |= nHidden
	}
	if label != 0 && at.flags&(nContent|nArticle|nMain|nBody) == 0 {
		at.flags |= nClass
	}
	return at
}

// lowerASCII lower-cases v in place (it is the tokenizer's buffer, about to
// be discarded) and returns it.
func lowerASCII(v []byte) []byte {
	for i, c := range v {
		if 'A' <= c && c <= 'Z' {
			v[i] = c + 'a' - 'A'
		}
	}
	return v
}

// hidesElement reports whether an inline style has display:none or
// visibility:hidden.
func hidesElement(v []byte) bool {
	// Compare with white space removed and ASCII lower-cased.
	const a, b = "display:none", "visibility:hidden"
	ia, ib := 0, 0
	for _, c := range v {
		switch c {
		case ' ', '\t', '\n', '\r', '\f':
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c == a[ia] {
			ia++
			if ia == len(a) {
				return true
			}
		} else if c == a[0] {
			ia = 1
		} else {
			ia = 0
		}
		if c == b[ib] {
			ib++
			if ib == len(b) {
				return true
			}
		} else if c == b[0] {
			ib = 1
		} else {
			ib = 0
		}
	}
	return false
}
