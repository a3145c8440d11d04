package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A block is a run of text between block-level tags: a paragraph, heading,
// list item, cell or text directly inside a div. Its text is
// e.text[start:end], lines separated by '\n', without a final newline.
type block struct {
	start, end int32
	chars      int32 // characters other than white space
	linkChars  int32 // of which inside <a href>
	commas     int32
	node       int32 // innermost block-level element holding the text
	flags      uint8 // bMarked…, set by the selection
}

const (
	bMarked  uint8 = 1 << iota // inside an element marked as boilerplate by its tag
	bClass                     // inside an element marked by class, id, role or aria-label
	bHidden                    // inside a hidden element
	bComment                   // inside a reader's comment (schema.org's Comment)
)

// A node is a block-level element (or an element marked as boilerplate).
// Nodes are stored in document order, so the nodes inside node i are
// nodes[i+1:nodes[i].next], and its blocks are blocks[first:end].
type node struct {
	parent      int32
	next        int32 // index of the first node after this one's subtree
	first, end  int32 // blocks inside
	tag         atom.Atom
	flags       uint16 // nMarked…
	classHash   uint32 // hash of the class attribute, 0 if none
	hasChildren bool   // has block-level children
}

const (
	nMarked   uint16 = 1 << iota // boilerplate by tag (nav, footer, …)
	nClass                       // boilerplate by class, id, role or aria-label
	nHidden                      // hidden attribute, display:none or visibility:hidden, a hiding class
	nContent                     // class or id names content
	nNegative                    // class or id weakly suggests boilerplate (readability's negative weight)
	nArticle                     // <article> or role=article
	nMain                        // <main> or role=main
	nBody                        // itemprop=articleBody
	nComment                     // a reader's comment: itemtype schema.org/Comment, itemprop=comment
)

// A frame is an open element on the stack.
type frame struct {
	key   uint32 // atom, or hashed name with the top bit set for unknown tags
	node  int32  // innermost node at or above this frame
	flags uint8  // fLink…, inherited by children
	kind  uint8  // kInline…
	own   bool   // this frame opened node
}

const (
	fDrop uint8 = 1 << iota // text inside is never text (script-like)
	fLink                   // inside <a href>
	fPre                    // inside <pre>: keep line breaks
)

// maxEndTagSearch bounds how far down the stack an end tag looks for its
// start tag, so that stray end tags in deeply nested input cost O(1).
const maxEndTagSearch = 128

// maxSkipEndTagSearch is the bound for the end tags of elements whose
// content is dropped (svg, select, …).
const maxSkipEndTagSearch = 256

// scan tokenizes src once and fills e.text, e.blocks, e.nodes and e.title.
func (e *Extractor) scan(src []byte) {
	e.text = e.text[:0]
	e.blocks = e.blocks[:0]
	e.nodes = e.nodes[:0]
	e.stack = e.stack[:0]
	e.title = e.title[:0]
	e.site.reset()
	e.cur = block{node: -1}
	e.line = 0
	e.space = false
	// A root node holds everything, so every block has a node.
	e.nodes = append(e.nodes, node{parent: -1, tag: atom.Html})
	e.stack = append(e.stack, frame{key: uint32(atom.Html), node: 0, kind: kRoot, own: true})

	if len(src) > MaxInput {
		src = src[:MaxInput]
	}
	e.rd.reset(src)
	e.rd.skipped = 0
	z := html.NewTokenizer(&e.rd)
	rawText := rawNone // what to do with the next text token
	for {
		tt := z.Next()
		raw := rawText
		rawText = rawNone
		switch tt {
		case html.ErrorToken:
			e.breakBlock()
			for len(e.stack) > 0 {
				e.pop()
			}
			e.rd.reset(nil)
			return
		case html.TextToken:
			switch raw {
			case rawDrop:
				continue
			case rawTitle:
				if len(e.title) == 0 {
					e.title = appendCollapsed(e.title, z.Text())
				}
				continue
			}
			top := &e.stack[len(e.stack)-1]
			if top.flags&fDrop != 0 {
				continue
			}
			e.appendText(z.Text(), top.flags)
		case html.StartTagToken, html.SelfClosingTagToken:
			rawText = e.startTag(z, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			e.endTag(z)
		}
	}
}

const (
	rawNone uint8 = iota
	rawDrop
	rawTitle
)

// startTag handles a start tag and returns what to do with the text token
// that follows it, for the elements the tokenizer reads as raw text.
func (e *Extractor) startTag(z *html.Tokenizer, selfClosing bool) uint8 {
	name, hasAttr := z.TagName()
	a := atom.Lookup(name)
	info := tagInfo(a)
	drop := e.stack[len(e.stack)-1].flags&fDrop != 0
	switch info.kind {
	case kRaw:
		// script, style, title, …: the tokenizer returns their content as
		// one text token and then their end tag.
		if a == atom.Title && !drop && len(e.title) == 0 {
			return rawTitle
		}
		if info.closesP && !drop {
			e.closeP()
		}
		e.skipRaw(z, a) // dropped: the tokenizer need not read it
		return rawDrop
	case kVoid:
		if drop {
			return rawNone
		}
		switch a {
		case atom.Br:
			e.lineBreak()
		case atom.Hr:
			e.breakBlock()
		case atom.Meta:
			if hasAttr {
				e.meta(z)
			}
		case atom.Link:
			if hasAttr {
				e.link(z)
			}
		}
		return rawNone
	case kIgnore:
		return rawNone
	}
	if selfClosing {
		// <div/> opens a div in HTML, but authors who write it mean an
		// empty element, and in svg it is one.
		if info.kind != kInline && !drop {
			e.breakBlock()
		}
		return rawNone
	}

	// Implied end tags, as the HTML tree builder does for the common cases.
	if info.closesP {
		e.closeP()
	}
	switch a {
	case atom.Li:
		e.closeItem(atom.Li, 0)
	case atom.Dd, atom.Dt:
		e.closeItem(atom.Dd, atom.Dt)
	case atom.Td, atom.Th:
		e.closeCell()
	case atom.Tr:
		e.closeRow()
	case atom.Option:
		e.closeInline(atom.Option)
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		if isHeading(atom.Atom(e.stack[len(e.stack)-1].key)) {
			e.pop()
		}
	case atom.A:
		e.closeInline(atom.A)
	}
	top := &e.stack[len(e.stack)-1]
	f := frame{key: uint32(a), node: top.node, flags: top.flags, kind: info.kind}
	if a == 0 {
		f.key = hashName(name) | 1<<31
	}
	if drop {
		// Inside dropped content only the nesting matters.
		e.stack = append(e.stack, f)
		return rawNone
	}

	var at attrs
	if hasAttr {
		switch {
		case a == atom.A:
			at.href = hasHref(z) // a link's class says little a link's density does not
		case info.kind != kInline || a == atom.Span || a == 0:
			at = readAttrs(z)
		}
	}
	nflags := at.flags
	switch a {
	case atom.A:
		if at.href {
			f.flags |= fLink
		}
	case atom.Pre, atom.Listing, atom.Plaintext:
		f.flags |= fPre
	case atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Button,
		atom.Dialog, atom.Menu, atom.Fieldset, atom.Figcaption:
		nflags |= nMarked
	case atom.Article:
		nflags |= nArticle
	case atom.Main:
		nflags |= nMain
	}
	if info.kind == kSkip {
		// svg icons and the like sit inside lines: no block break.
		f.flags |= fDrop
		e.stack = append(e.stack, f)
		return rawNone
	}
	// Block-level elements, and inline ones marked as boilerplate, break
	// the text into blocks and get a node.
	if info.kind != kInline || nflags&(nMarked|nClass|nHidden) != 0 {
		e.breakBlock()
		p := top.node
		e.nodes[p].hasChildren = true
		f.node = int32(len(e.nodes))
		f.own = true
		if f.kind == kInline {
			f.kind = kBlock
		}
		e.nodes = append(e.nodes, node{
			parent:    p,
			first:     int32(len(e.blocks)),
			tag:       a,
			flags:     nflags,
			classHash: at.classHash,
		})
	}
	e.stack = append(e.stack, f)
	return rawNone
}

// endTag handles an end tag: it closes the matching open element, and the
// elements opened after it, if one is open near enough the top of the stack.
func (e *Extractor) endTag(z *html.Tokenizer) {
	name, _ := z.TagName()
	a := atom.Lookup(name)
	key := uint32(a)
	if a == 0 {
		key = hashName(name) | 1<<31
	}
	info := tagInfo(a)
	switch info.kind {
	case kVoid:
		if a == atom.Br {
			e.lineBreak() // </br> is <br>
		}
		return
	case kRaw, kIgnore:
		return
	}
	n := len(e.stack)
	limit := maxEndTagSearch
	if info.kind == kSkip {
		limit = maxSkipEndTagSearch // never leave dropped content open for long
	}
	for i := n - 1; i > 0 && i >= n-limit; i-- {
		f := &e.stack[i]
		if f.key == key {
			for len(e.stack) > i {
				e.pop()
			}
			return
		}
		if info.kind == kInline && f.kind != kInline {
			break // an inline end tag does not close a block
		}
		if (f.kind == kScope || f.kind == kRoot) && info.kind != kSkip {
			break
		}
	}
	// Unmatched: a stray </p> still ends a paragraph.
	if info.kind != kInline && info.kind != kSkip && e.stack[n-1].flags&fDrop == 0 {
		e.breakBlock()
	}
}

// pop closes the top element.
func (e *Extractor) pop() {
	f := e.stack[len(e.stack)-1]
	if f.kind != kInline && f.flags&fDrop == 0 {
		e.breakBlock()
	}
	if f.own {
		nd := &e.nodes[f.node]
		nd.end = int32(len(e.blocks))
		nd.next = int32(len(e.nodes))
	}
	e.stack = e.stack[:len(e.stack)-1]
}

// closeInline pops an open element with atom a if it is found before any
// element that is not inline (as <a> is closed by <a>).
func (e *Extractor) closeInline(a atom.Atom) {
	n := len(e.stack)
	for i := n - 1; i > 0 && i >= n-32; i-- {
		f := &e.stack[i]
		if f.key == uint32(a) {
			for len(e.stack) > i {
				e.pop()
			}
			return
		}
		if f.kind != kInline {
			return
		}
	}
}

// closeP closes an open <p> before a block that cannot be inside it.
func (e *Extractor) closeP() { e.closeInline(atom.P) }

// closeItem closes an open li (or dd/dt) before a new one, looking through
// inline elements, p and div but not through other blocks.
func (e *Extractor) closeItem(a, b atom.Atom) {
	n := len(e.stack)
	for i := n - 1; i > 0 && i >= n-32; i-- {
		f := &e.stack[i]
		if f.key == uint32(a) || (b != 0 && f.key == uint32(b)) {
			for len(e.stack) > i {
				e.pop()
			}
			return
		}
		if f.kind != kInline && f.key != uint32(atom.P) && f.key != uint32(atom.Div) {
			return
		}
	}
}

// closeCell closes an open td or th before a new cell or row.
func (e *Extractor) closeCell() {
	n := len(e.stack)
	for i := n - 1; i > 0 && i >= n-32; i-- {
		switch atom.Atom(e.stack[i].key) {
		case atom.Td, atom.Th:
			for len(e.stack) > i {
				e.pop()
			}
			return
		case atom.Tr, atom.Table, atom.Tbody, atom.Thead, atom.Tfoot:
			return
		}
	}
}

// closeRow closes an open tr (and its cells) before a new row.
func (e *Extractor) closeRow() {
	n := len(e.stack)
	for i := n - 1; i > 0 && i >= n-32; i-- {
		switch atom.Atom(e.stack[i].key) {
		case atom.Tr:
			for len(e.stack) > i {
				e.pop()
			}
			return
		case atom.Table:
			return
		}
	}
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// hashName hashes an unknown tag name (FNV-1a, 31 bits).
func hashName(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	return h &^ (1 << 31)
}
