package extract

import "strconv"

// Mode selects what AppendText extracts.
type Mode uint8

const (
	// Auto extracts the main text: the article body and its headline.
	Auto Mode = iota
	// All extracts the whole visible text, boilerplate included.
	All
)

// String returns "auto" or "all".
func (m Mode) String() string {
	switch m {
	case Auto:
		return "auto"
	case All:
		return "all"
	}
	return "Mode(" + strconv.Itoa(int(m)) + ")"
}

// Options configure an Extractor. The zero value means the defaults; a
// field outside its valid range is replaced by its default.
type Options struct {
	// Mode selects what AppendText extracts: Auto (the default) or All.
	Mode Mode

	// MaxLinkDensity is the largest share of a block's characters that may
	// lie inside links (<a href>) for the block to be kept in the main
	// text, in (0, 1]. Default 0.7.
	MaxLinkDensity float64

	// MinChars is the length of main text, in characters, below which the
	// selection is repeated while honouring fewer boilerplate marks (first
	// without those of classes, ids and roles, then without those of tags).
	// Default 250.
	MinChars int
}

const (
	defaultMaxLinkDensity = 0.7
	defaultMinChars       = 250
)

func (o Options) withDefaults() Options {
	if o.Mode > All {
		o.Mode = Auto
	}
	if !(o.MaxLinkDensity > 0 && o.MaxLinkDensity <= 1) {
		o.MaxLinkDensity = defaultMaxLinkDensity
	}
	if o.MinChars <= 0 {
		o.MinChars = defaultMinChars
	}
	return o
}

// MaxInput is the largest page an Extractor reads: longer input is cut to
// its first MaxInput bytes.
const MaxInput = 1 << 30

// An Extractor turns HTML pages into text. It keeps its buffers between
// calls, so that once warmed up it allocates only what the x/net tokenizer
// does (a few buffers per page and a small string per script, style and
// title element). It is not safe for concurrent use: use one per goroutine.
type Extractor struct {
	opt Options
	rd  source
	// noSkip: the tokenizer reads raw text it drops itself (tests).
	noSkip bool

	// Scan state, reset per page.
	text   []byte  // the text of all blocks, one after another
	blocks []block // in document order
	nodes  []node  // the root and block-level elements, in document order
	stack  []frame // open elements
	title  []byte  // the first <title> (or og:title), white space collapsed
	site   siteState
	cur    block // the block being filled
	line   int   // offset in text where the current line starts
	space  bool  // white space seen since the last character of the line

	// Selection state and scratch, reset per page.
	cum     []int32   // cum[i] = characters of blocks[:i]
	cumLk   []int32   // cumLk[i] = link characters of blocks[:i]
	goodCum []int32   // goodCum[i] = characters of long, link-poor blocks among blocks[:i]
	artCum  []int32   // artCum[i] = <article> nodes among nodes[:i]
	mainCum []int32   // mainCum[i] = <main> and itemprop=articleBody nodes among nodes[:i]
	eff     []uint16  // marks of each node, its own and inherited
	teasers []uint8   // tListed, tTeaser of each node
	score   []float32 // container scores
	keep    []bool    // blocks of the main text
	keep2   []bool    // a previous selection
	head    int32     // the headline block, or -1
	// headRegion: the last selection's region holds the headline and
	// prose.
	headRegion bool
}

// New returns an Extractor with the given options (see Options for the
// defaults).
func New(o Options) *Extractor {
	return &Extractor{opt: o.withDefaults()}
}

// Options returns the options in effect, defaults filled in.
func (e *Extractor) Options() Options { return e.opt }

// AppendText appends the text of the HTML page src, as selected by the Mode
// of the options, to dst and returns the extended slice. src is UTF-8
// (invalid bytes are dropped); it is neither modified nor retained. The
// text appended is never longer than len(src)+1 bytes.
func (e *Extractor) AppendText(dst, src []byte) []byte {
	if e.opt.Mode == All {
		return e.AppendAllText(dst, src)
	}
	e.scan(src)
	return e.appendMain(dst)
}

// AppendAllText appends the whole visible text of the HTML page src to dst,
// without removing boilerplate, and returns the extended slice; see
// AppendText.
func (e *Extractor) AppendAllText(dst, src []byte) []byte {
	e.scan(src)
	for i := range e.blocks {
		dst = e.appendBlock(dst, &e.blocks[i])
	}
	return dst
}

// AppendPageText appends the whole visible text of the page AppendText
// read last, as AppendAllText would give it, without reading the page
// again: the lines a site's model learns its furniture from, which the
// main text of a short page may keep.
func (e *Extractor) AppendPageText(dst []byte) []byte {
	for i := range e.blocks {
		dst = e.appendBlock(dst, &e.blocks[i])
	}
	return dst
}

// appendBlock appends the lines of b, each ended by '\n'.
func (e *Extractor) appendBlock(dst []byte, b *block) []byte {
	dst = append(dst, e.text[b.start:b.end]...)
	return append(dst, '\n')
}
