package wire

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mimeo-dedup/mimeo/bench/corpus"
)

// Corpus is a generated set of labelled documents. Generate returns it; the
// caller owns it and may modify it.
type Corpus struct {
	// Config is the configuration the corpus was generated with, its zero
	// fields replaced by their defaults.
	Config Config
	// Docs holds the documents in their published order: shuffled, so that
	// copies are not next to their originals or to each other. Docs[i].ID
	// encodes i.
	Docs []Doc
	// Stories holds the wire stories; Doc.Story and Doc.Sources index it.
	Stories []Story
	// Sites holds the three wire services followed by the Config.Sites
	// publishing sites.
	Sites []Site
}

// Doc is one document: a web page reduced to its text.
type Doc struct {
	// ID is unique within the corpus and stable: "doc-" and the document's
	// position in Docs, zero-padded to at least six digits. It says nothing
	// about the document's story.
	ID string
	// URL is https://<Site>/<section>/<slug>-<n>: section is "news" on
	// most sites, the slug is made from the headline (the story's for a
	// copy), and n is an article number that grows with the date on each
	// site.
	URL string
	// Date is the publication time in RFC 3339 format, in the site's time
	// zone. Copies are published minutes to days after their original.
	Date string
	// Site is the host name of the publishing site, the host of URL.
	Site string
	// Text is the page text: blocks separated by blank lines.
	Text string
	// Label is the document's cluster in the ground truth: "story-<i>" for
	// an original and its copies, the document's ID for a hard negative.
	// An original without copies is alone with its label.
	Label string
	// Kind says how the document was made.
	Kind Kind
	// Story is the index in Corpus.Stories of the story the document is
	// the original or a copy of, or -1 for a hard negative.
	Story int
	// Sources lists the stories a Digest or FollowUp quotes paragraphs of,
	// in the order they appear; it is nil for other kinds.
	Sources []int
}

// Story is a wire story.
type Story struct {
	// Title is the headline, without final punctuation.
	Title string
	// Dateline is "CITY, Month D (Wire) -", dated in the wire's time zone
	// on the day of the original.
	Dateline string
	// Paragraphs is the body; the dateline precedes the first paragraph.
	Paragraphs []string
	// Wire is the host of the wire service that published the story.
	Wire string
	// Original is the index in Corpus.Docs of the wire's own page.
	Original int
	// Copies is the number of copies of the story in the corpus.
	Copies int
}

// Text returns the story text: the title, a blank line, the dateline and
// the first paragraph, and the other paragraphs after blank lines. It is
// the text of a Verbatim copy.
func (s *Story) Text() string {
	return corpus.Article{Title: s.Title, Dateline: s.Dateline, Paragraphs: s.Paragraphs}.Text()
}

// Site is a publishing site or wire service and its page template.
type Site struct {
	// Host is the host name in the site's URLs, such as
	// "www.dailybaynews.com".
	Host string
	// Brand is the name the site shows, such as "DailyBayNews" or
	// "Metro Herald 24".
	Brand string
	// Wire reports whether the site is a wire service.
	Wire bool

	city     string         // home town, for local stories and paragraphs
	zone     *time.Location // the time zone of the site's dates
	tmpl     template
	next     int // the next article number
	wireName string
}

// The dates of the stories lie in a window of storySpan from epoch.
var epoch = time.Date(2025, time.March, 3, 0, 0, 0, 0, time.UTC)

const storySpan = 90 * 24 * time.Hour

// The size classes of wire stories, in bytes, and their shares in percent.
var storySizes = []struct{ pct, lo, hi int }{
	{15, 400, 900},
	{55, 1500, 3500},
	{30, 3500, 6000},
}

// copyKindWeights gives the share, in percent, of each copy kind.
var copyKindWeights = []struct {
	kind Kind
	pct  int
}{
	{Combined, 40},
	{Template, 14},
	{Brand, 10},
	{Truncated, 10},
	{Local, 9},
	{Edited, 9},
	{Verbatim, 8},
}

// draft is a document before shuffling.
type draft struct {
	site    *Site
	t       time.Time
	title   string // the headline the URL slug is made of
	text    string
	kind    Kind
	story   int
	sources []int
}

// generator holds the state of one Generate call.
type generator struct {
	cfg     Config
	r       rng
	wires   []*Site
	sites   []*Site // publishing sites
	stories []Story
	times   []time.Time // publication time of each story's original
	credits []string    // reporting credit of each story
	cities  []string    // dateline city of each story

	templated map[*Site]bool // sites with Template or Combined copies
	news      *corpus.Generator
	local     *corpus.Generator
	docs      []draft
	sb        strings.Builder
}

// Generate returns the corpus described by cfg. It panics if cfg is not
// valid (see Config.Validate). The output depends only on cfg; Generate is
// safe for concurrent use.
func Generate(cfg Config) *Corpus {
	if err := cfg.Validate(); err != nil {
		panic(err)
	}
	cfg = cfg.withDefaults()
	g := &generator{cfg: cfg, r: rng{corpus.NewRand(cfg.Seed)}, templated: map[*Site]bool{}}
	g.news = corpus.NewGenerator(corpus.English, g.r.Uint64())
	g.local = corpus.NewGenerator(corpus.English, g.r.Uint64())

	g.makeSites()
	g.makeStories()
	for i := range g.stories {
		g.makeCopies(i)
	}
	for range cfg.count(cfg.SameTemplateRate) {
		g.makeSameTemplate()
	}
	if len(g.stories) >= 3 {
		for range cfg.count(cfg.DigestRate) {
			g.makeDigest()
		}
	}
	for range cfg.count(cfg.FollowUpRate) {
		g.makeFollowUp()
	}
	return g.finish()
}

// makeStories draws every wire story and publishes its original.
func (g *generator) makeStories() {
	r := g.r
	g.stories = make([]Story, g.cfg.Stories)
	g.times = make([]time.Time, g.cfg.Stories)
	g.credits = make([]string, g.cfg.Stories)
	g.cities = make([]string, g.cfg.Stories)
	for i := range g.stories {
		k, size := r.IntN(100), storySizes[0]
		for _, s := range storySizes {
			if k < s.pct {
				size = s
				break
			}
			k -= s.pct
		}
		a := g.news.Article(size.lo, size.hi)
		wire := g.wires[r.IntN(len(g.wires))]
		t := epoch.Add(time.Duration(r.IntN(int(storySpan/time.Second))) * time.Second)
		city, _, ok := strings.Cut(a.Dateline, ", ")
		if !ok || city == "" {
			city = strings.ToUpper(g.place())
		}
		lt := t.In(wire.zone)
		s := &g.stories[i]
		*s = Story{
			Title:      a.Title,
			Dateline:   fmt.Sprintf("%s, %s %d (%s) -", city, lt.Month(), lt.Day(), wire.wireName),
			Paragraphs: a.Paragraphs,
			Wire:       wire.Host,
		}
		g.times[i] = t
		g.cities[i] = city
		g.credits[i] = g.credit(titleCase(city))
		text := g.wirePage(wire, t, s.Title, g.storyBlocks(s.Dateline, s.Paragraphs), g.credits[i])
		g.docs = append(g.docs, draft{site: wire, t: t, title: s.Title, text: text, kind: Original, story: i})
	}
}

// storyBlocks returns the body blocks of a story: the dateline joined to
// the first paragraph, then the other paragraphs.
func (g *generator) storyBlocks(dateline string, paras []string) []string {
	blocks := make([]string, len(paras))
	copy(blocks, paras)
	if len(blocks) > 0 && dateline != "" {
		blocks[0] = dateline + " " + blocks[0]
	}
	return blocks
}

// finish shuffles the drafts and turns them into documents.
func (g *generator) finish() *Corpus {
	d := g.docs
	r := g.r
	r.Shuffle(len(d), func(i, j int) { d[i], d[j] = d[j], d[i] })
	// Move documents of the same story apart: swap the second of two
	// neighbours with a random document when that creates no new conflict.
	same := func(i, j int) bool {
		return i >= 0 && j < len(d) && d[i].story >= 0 && d[i].story == d[j].story
	}
	conflict := func(i int) bool { return same(i-1, i) || same(i, i+1) }
	for i := 1; i < len(d); i++ {
		for try := 0; try < 100 && same(i-1, i); try++ {
			j := r.IntN(len(d))
			d[i], d[j] = d[j], d[i]
			if conflict(i) || conflict(j) {
				d[i], d[j] = d[j], d[i]
			}
		}
	}

	// Article numbers grow with the publication time on every site.
	urls := make([]string, len(d))
	order := make([]int, len(d))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return d[a].t.Compare(d[b].t) })
	for _, i := range order {
		urls[i] = d[i].site.url(d[i].title, r)
	}

	c := &Corpus{Config: g.cfg, Docs: make([]Doc, len(d)), Stories: g.stories}
	for _, s := range g.wires {
		c.Sites = append(c.Sites, *s)
	}
	for _, s := range g.sites {
		c.Sites = append(c.Sites, *s)
	}
	width := max(6, len(strconv.Itoa(len(d)-1)))
	for i := range d {
		x := &d[i]
		id := fmt.Sprintf("doc-%0*d", width, i)
		doc := Doc{
			ID:      id,
			URL:     urls[i],
			Date:    x.t.In(x.site.zone).Format(time.RFC3339),
			Site:    x.site.Host,
			Text:    x.text,
			Kind:    x.kind,
			Story:   x.story,
			Sources: x.sources,
			Label:   id,
		}
		if x.story >= 0 {
			doc.Label = "story-" + strconv.Itoa(x.story)
			if x.kind == Original {
				c.Stories[x.story].Original = i
			} else {
				c.Stories[x.story].Copies++
			}
		}
		c.Docs[i] = doc
	}
	return c
}

// titleCase turns "PORT CALLOWAY" into "Port Calloway".
func titleCase(s string) string {
	b := []byte(strings.ToLower(s))
	for i := range b {
		if (i == 0 || b[i-1] == ' ' || b[i-1] == '-') && b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}
