package wire

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/mimeo-dedup/mimeo/bench/corpus"
)

// SpamConfig describes a corpus of wire stories republished by spam sites
// on templates like the project's seed page: the site's brand injected into
// a breadcrumb, the title and the dateline, a brand line and a crawl date,
// and headline lists after the story — "Related" (drawn for each page) and
// "Ranking" and "Recommendation" (the same on every page of the site, or of
// the site's day). Every knob varies what makes such pages hard: how much
// of a page the site-wide lists are, whether documents carry URLs and
// dates, how long stories are, how often copies are truncated, excerpted,
// edited or carry a paragraph of another story. The zero value means the
// defaults; the same SpamConfig always yields the same corpus.
type SpamConfig struct {
	// Sites is the number of spam sites. Default 12.
	Sites int
	// Stories is the number of wire stories. Default 700.
	Stories int
	// OriginalRate is the share of stories whose wire original (a clean
	// page on the wire's site) is in the corpus. Default 0.5; negative:
	// none.
	OriginalRate float64
	// CopiesMin and CopiesMax bound the copies of a story on spam sites
	// (distinct sites). Defaults 1 and 2.
	CopiesMin, CopiesMax int
	// SiteListLines is the number of headlines in each site's site-wide
	// lists ("Ranking", "Recommendation"), drawn per site from
	// [SiteListLines/2, SiteListLines·3/2]. Default 16; negative: none.
	SiteListLines int
	// RelatedLines is the number of per-page "Related" headlines, drawn
	// per page from [RelatedLines/2, RelatedLines·3/2]. Default 10;
	// negative: none.
	RelatedLines int
	// ListDays: a site's site-wide lists change every ListDays days (a
	// crawl over a window of days sees a few versions); 0: never.
	ListDays int
	// NoURLs leaves every document without a URL, as in research dumps.
	NoURLs bool
	// UndatedRate is the share of documents without a date. Default 0;
	// MixedDates writes the dates in assorted formats (RFC 3339 with
	// offsets, RFC 1123, "02-JAN-2006 15:04:05", "2006-01-02 15:04:05",
	// epoch seconds and milliseconds) instead of RFC 3339.
	UndatedRate float64
	MixedDates  bool
	// ShortStories is the share of stories that are briefs of 200–700
	// bytes, on which the furniture weighs most. Default 0.25.
	ShortStories float64
	// TruncateRate, ForeignRate, ExcerptRate, LocalRate and EditRate are
	// the shares of copies that are truncated ("Read more…"), truncated
	// and followed by a paragraph of another story, a three-paragraph
	// excerpt from the middle of a long story, given a local paragraph, or
	// lightly edited. Defaults 0.2, 0.1, 0.05, 0.15, 0.2; negative: none.
	TruncateRate, ForeignRate, ExcerptRate, LocalRate, EditRate float64
	// DigestRate and FollowUpRate are hard negatives per story, as in
	// Config, rendered on spam templates. Defaults 0.05 and 0.1.
	DigestRate, FollowUpRate float64
	// Seed selects the corpus.
	Seed uint64
}

func (c SpamConfig) withDefaults() SpamConfig {
	def := func(x *float64, d float64) {
		if *x == 0 {
			*x = d
		}
		*x = max(*x, 0)
	}
	if c.Sites == 0 {
		c.Sites = 12
	}
	if c.Stories == 0 {
		c.Stories = 700
	}
	if c.CopiesMin == 0 && c.CopiesMax == 0 {
		c.CopiesMin, c.CopiesMax = 1, 2
	}
	if c.SiteListLines == 0 {
		c.SiteListLines = 16
	}
	if c.RelatedLines == 0 {
		c.RelatedLines = 10
	}
	def(&c.OriginalRate, 0.5)
	def(&c.ShortStories, 0.25)
	def(&c.TruncateRate, 0.2)
	def(&c.ForeignRate, 0.1)
	def(&c.ExcerptRate, 0.05)
	def(&c.LocalRate, 0.15)
	def(&c.EditRate, 0.2)
	def(&c.DigestRate, 0.05)
	def(&c.FollowUpRate, 0.1)
	c.UndatedRate = max(c.UndatedRate, 0)
	return c
}

// Validate reports whether GenerateSpam accepts c.
func (c SpamConfig) Validate() error {
	c = c.withDefaults()
	switch {
	case c.Sites < 1 || c.Stories < 1:
		return fmt.Errorf("%w: %d sites, %d stories (want at least one of each)", ErrConfig, c.Sites, c.Stories)
	case c.CopiesMin < 0 || c.CopiesMin > c.CopiesMax:
		return fmt.Errorf("%w: copies %d to %d", ErrConfig, c.CopiesMin, c.CopiesMax)
	case c.CopiesMax > c.Sites:
		return fmt.Errorf("%w: CopiesMax = %d is greater than Sites = %d", ErrConfig, c.CopiesMax, c.Sites)
	case float64(c.Stories)*float64(2+c.CopiesMax) > maxDocs:
		return fmt.Errorf("%w: too many documents", ErrConfig)
	case c.UndatedRate > 1 || c.OriginalRate > 1:
		return fmt.Errorf("%w: a rate above 1", ErrConfig)
	}
	for _, r := range []float64{c.ShortStories, c.TruncateRate, c.ForeignRate, c.ExcerptRate, c.LocalRate, c.EditRate, c.DigestRate, c.FollowUpRate} {
		if math.IsNaN(r) || r > 1000 {
			return fmt.Errorf("%w: rate %v", ErrConfig, r)
		}
	}
	return nil
}

// spamSite is a spam site's template.
type spamSite struct {
	*Site
	brand     string   // injected into breadcrumb, title and dateline: "Poinbank"
	name      string   // after the breadcrumb's title: "-FinTechWorld"
	section   string   // the breadcrumb's section: "reviews"
	viewLine  string   // a second brand line, or ""
	datePre   string   // before the crawl date: "Date:"
	country   string   // in the dateline: "Nigeria"
	rating    bool     // a "veryGood! (N)" widget
	bullet    string   // before list items: "- "
	related   string   // the heading of the per-page list, or ""
	lists     []string // the headings of the site-wide lists
	listSizes []int
	blanks    bool               // blank lines between blocks
	dayLists  map[int][][]string // site-wide lists by day (ListDays)
	titleFmt  string             // how the brand is injected into the title
	dlFmt     string             // and into the dateline
	extras    []string           // lines some sites add after the story
	tail      bool               // keeps the wire's "Follow … coverage" tail
}

var (
	spamBrands   = []string{"Poinbank", "Ventuno", "Quikfolio", "Zentrixa", "Blumora", "Caspera", "Dorvix", "Elmora", "Fintroo", "Gravlo", "Hextra", "Jovira", "Kromba", "Luxaro", "Mivelo", "Nexora", "Orvanta", "Plexio"}
	spamNames    = []string{"FinTechWorld", "NewsHub", "DailyPulse", "InfoStream", "GlobeWire", "TrendWatch", "PrimeNews", "EchoDaily", "MarketBeat24", "WorldBrief"}
	spamSections = []string{"reviews", "news", "world", "finance", "trending", "hot", "global", "insights"}
	spamViews    = []string{"EchoSense View", "TrendPulse Insight", "NewsSphere Focus", "MarketPulse Take", "DeepLens Angle", ""}
	spamLists    = []string{"Ranking", "Recommendation", "Trending", "Most Read", "Hot Topics", "Editor's Picks", "Popular"}
	spamRelated  = []string{"Related", "More like this", "You may also like", "Related news"}
	spamRatings  = []string{"veryGood!", "Good!", "Excellent!", "Like it!"}
	spamExtras   = []string{"Share on social media", "Disclaimer: this article is for information only and does not constitute advice.", "Source: agencies", "Tags: news, world, today"}
	spamCountry  = []string{"Nigeria", "Kenya", "Brazil", "India", "France", "Canada", "Japan", "Mexico", "Egypt", "Peru"}
	wireCoverage = []string{"Africa", "Asia", "Europe", "Latin America", "climate", "business", "politics"}
)

// GenerateSpam returns the corpus described by c. It panics if c is not
// valid (see SpamConfig.Validate).
func GenerateSpam(c SpamConfig) *Corpus {
	if err := c.Validate(); err != nil {
		panic(err)
	}
	c = c.withDefaults()
	base := Config{Stories: c.Stories, CopiesMin: c.CopiesMin, CopiesMax: c.CopiesMax, Sites: c.Sites, Seed: c.Seed}.withDefaults()
	g := &generator{cfg: base, r: rng{corpus.NewRand(c.Seed ^ 0x5ba3)}, templated: map[*Site]bool{}}
	g.news = corpus.NewGenerator(corpus.English, g.r.Uint64())
	g.local = corpus.NewGenerator(corpus.English, g.r.Uint64())
	g.makeSites() // the wire services and Sites publishing sites
	sp := make([]*spamSite, len(g.sites))
	for i, s := range g.sites {
		sp[i] = g.spamTemplate(s, c)
	}
	g.makeSpamStories(c)
	for i := range g.stories {
		g.makeSpamCopies(c, sp, i)
	}
	for range int(math.Round(c.DigestRate * float64(c.Stories))) {
		g.makeSpamDigest(c, sp)
	}
	for range int(math.Round(c.FollowUpRate * float64(c.Stories))) {
		g.makeFollowUp()
	}
	corp := g.finish()
	corp.Config = Config{} // not a Config corpus
	g.spamFinish(c, corp)
	return corp
}

// spamTemplate draws the template of a spam site.
func (g *generator) spamTemplate(s *Site, c SpamConfig) *spamSite {
	r := g.r
	t := &spamSite{Site: s, dayLists: map[int][][]string{}}
	t.brand = pick(r, spamBrands)
	t.name = pick(r, spamNames)
	t.section = pick(r, spamSections)
	t.viewLine = pick(r, spamViews)
	t.datePre = pick(r, []string{"Date:", "Time:", "Published:", "Updated "})
	t.country = pick(r, spamCountry)
	t.rating = r.chance(70)
	t.bullet = pick(r, []string{"- ", "• ", "", "> "})
	if c.RelatedLines > 0 && r.chance(85) {
		t.related = pick(r, spamRelated)
	}
	if c.SiteListLines > 0 {
		n := 1 + r.IntN(2)
		for _, i := range r.Perm(len(spamLists))[:n] {
			t.lists = append(t.lists, spamLists[i])
			t.listSizes = append(t.listSizes, max(1, r.between(c.SiteListLines/2, c.SiteListLines*3/2)/n))
		}
	}
	t.blanks = r.chance(30)
	t.titleFmt = pick(r, []string{"%s:%s", "%s: %s", "[%s] %s", "%s | %s"})
	t.dlFmt = pick(r, []string{"%s,%s %s (%s) —", "%s (%s %s/%s) —", "%s, %s %s (%s) -"})
	for _, e := range spamExtras {
		if r.chance(20) {
			t.extras = append(t.extras, e)
		}
	}
	t.tail = r.chance(60)
	return t
}

// siteLists returns the site-wide lists of t on day d.
func (g *generator) siteLists(c SpamConfig, t *spamSite, day int) [][]string {
	key := 0
	if c.ListDays > 0 {
		key = day / c.ListDays
	}
	if l, ok := t.dayLists[key]; ok {
		return l
	}
	l := make([][]string, len(t.lists))
	for i, n := range t.listSizes {
		seen := map[string]bool{}
		for len(l[i]) < n {
			h := g.spamHeadline(-1)
			if !seen[h] {
				seen[h] = true
				l[i] = append(l[i], h)
			}
		}
	}
	t.dayLists[key] = l
	return l
}

// spamHeadline returns a headline for a list: the title of a story other
// than exclude, or a headline of 5 to 18 words, the lengths of the seed
// page's lists (short ones go with the short-line filter, long ones do
// not).
func (g *generator) spamHeadline(exclude int) string {
	r := g.r
	if r.chance(35) && len(g.stories) > 1 {
		for {
			if i := r.IntN(len(g.stories)); i != exclude && g.stories[i].Title != "" {
				return g.stories[i].Title
			}
		}
	}
	words := strings.Fields(strings.TrimRight(g.local.Sentence(), ".!?"))
	for len(words) < 18 {
		words = append(words, strings.Fields(strings.TrimRight(g.local.Sentence(), ".!?"))...)
	}
	return strings.Join(words[:r.between(5, 18)], " ")
}

// makeSpamStories draws the wire stories and, for OriginalRate of them,
// publishes the wire's clean page.
func (g *generator) makeSpamStories(c SpamConfig) {
	r := g.r
	g.stories = make([]Story, c.Stories)
	g.times = make([]time.Time, c.Stories)
	g.credits = make([]string, c.Stories)
	g.cities = make([]string, c.Stories)
	for i := range g.stories {
		lo, hi := 1500, 6000
		if r.IntN(1000) < int(c.ShortStories*1000) {
			lo, hi = 200, 700
		}
		a := g.news.Article(lo, hi)
		wire := g.wires[r.IntN(len(g.wires))]
		t := epoch.Add(time.Duration(r.IntN(int(storySpan/time.Second))) * time.Second)
		city, _, ok := strings.Cut(a.Dateline, ", ")
		if !ok || city == "" {
			city = strings.ToUpper(g.place())
		}
		s := &g.stories[i]
		*s = Story{Title: a.Title, Dateline: fmt.Sprintf("%s (%s) —", city, wire.wireName), Paragraphs: a.Paragraphs, Wire: wire.Host}
		g.times[i], g.cities[i] = t, city
		g.credits[i] = "Follow " + wire.wireName + "’s " + pick(r, wireCoverage) + " coverage at: https://" + wire.Host + "/hub/" + strings.ToLower(pick(r, wireCoverage))
		if r.IntN(1000) < int(c.OriginalRate*1000) {
			lines := []string{s.Title, s.Dateline + " " + s.Paragraphs[0]}
			lines = append(lines, s.Paragraphs[1:]...)
			g.docs = append(g.docs, draft{site: wire, t: t, title: s.Title, text: strings.Join(lines, "\n\n"), kind: Original, story: i})
		}
	}
}

// makeSpamCopies publishes the copies of story i on distinct spam sites.
func (g *generator) makeSpamCopies(c SpamConfig, sites []*spamSite, i int) {
	r := g.r
	n := r.between(c.CopiesMin, c.CopiesMax)
	st := &g.stories[i]
	for _, k := range r.Perm(len(sites))[:n] {
		s := sites[k]
		t := g.times[i].Add(g.delay())
		paras := st.Paragraphs
		kind := Combined
		marker := ""
		var foreign string
		x := r.IntN(1000)
		cut := func(v float64) bool {
			hit := x < int(v*1000)
			x -= int(v * 1000)
			return hit
		}
		switch {
		case len(paras) >= 6 && cut(c.ExcerptRate):
			at := r.between(2, len(paras)-3)
			paras, kind = paras[at:at+3], Excerpt
		case len(paras) >= 2 && cut(c.TruncateRate):
			paras, kind, marker = paras[:g.truncLen(st, 300)], Truncated, pick(r, truncMarkers)
		case len(paras) >= 2 && cut(c.ForeignRate):
			paras, kind, marker = paras[:g.truncLen(st, 300)], TruncatedForeign, pick(r, truncMarkers)
			// A paragraph of a story out before the copy: a copy cannot
			// quote what is not yet written. Without one, a truncated copy.
			var before []int
			for j := range g.stories {
				if j != i && g.times[j].Before(t) {
					before = append(before, j)
				}
			}
			if len(before) == 0 {
				kind = Truncated
				break
			}
			foreign = pick(r, g.stories[pick(r, before)].Paragraphs)
		case cut(c.EditRate):
			paras, kind = g.edit(paras), Edited
		}
		blocks := append([]string(nil), paras...)
		if kind != Excerpt && len(blocks) > 0 {
			blocks[0] = fmt.Sprintf(s.dlFmt, g.cities[i], s.brand, s.country, g.wireOf(i).wireName) + " " + blocks[0]
		}
		if kind != Excerpt && r.IntN(1000) < int(c.LocalRate*1000) {
			blocks = g.insertLocal(blocks, s.Site, t)
			if kind == Combined {
				kind = Local
			}
		}
		if foreign != "" {
			blocks = append(blocks, foreign)
		}
		if marker != "" {
			blocks = append(blocks, marker)
		} else if s.tail && kind != Excerpt {
			blocks = append(blocks, "____", g.credits[i])
		}
		g.docs = append(g.docs, draft{site: s.Site, t: t, title: st.Title, text: g.spamPage(c, s, t, st.Title, blocks, i), kind: kind, story: i})
	}
}

// makeSpamDigest publishes a briefing quoting a paragraph of each of three
// to six stories, on a spam template.
func (g *generator) makeSpamDigest(c SpamConfig, sites []*spamSite) {
	r := g.r
	s := pick(r, sites)
	k := r.between(3, min(6, len(g.stories)))
	var src []int
	var blocks []string
	var latest time.Time
	for _, i := range r.Perm(len(g.stories))[:k] {
		st := &g.stories[i]
		src = append(src, i)
		blocks = append(blocks, st.Title, st.Paragraphs[0])
		if g.times[i].After(latest) {
			latest = g.times[i]
		}
	}
	// The morning after the latest of the stories it quotes.
	lt := latest.In(s.zone)
	t := time.Date(lt.Year(), lt.Month(), lt.Day()+1, 6, r.IntN(120), r.IntN(60), 0, s.zone)
	title := g.fill(pick(r, digestTitles), s.Site, t)
	g.docs = append(g.docs, draft{site: s.Site, t: t, title: title, text: g.spamPage(c, s, t, title, blocks, -1), kind: Digest, story: -1, sources: src})
}

// spamPage renders a page of a spam site: one line a block, as the seed.
func (g *generator) spamPage(c SpamConfig, s *spamSite, t time.Time, title string, body []string, exclude int) string {
	r := g.r
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	branded := fmt.Sprintf(s.titleFmt, s.brand, title)
	add("Current:Home > "+s.section+branded+" -"+s.name, branded)
	if s.viewLine != "" {
		add(s.viewLine)
	}
	crawl := t.Add(time.Duration(r.IntN(3*24*3600)) * time.Second).In(s.zone)
	add(s.datePre + crawl.Format("2006-01-02 15:04:05"))
	for _, b := range body {
		if s.blanks {
			add("")
		}
		add(b)
	}
	add(s.extras...)
	if s.rating {
		add(fmt.Sprintf("%s (%d)", pick(r, spamRatings), r.between(1, 99)))
	}
	list := func(heading string, items []string) {
		if s.blanks {
			add("")
		}
		add(heading)
		for _, h := range items {
			add(s.bullet + h)
		}
	}
	if s.related != "" {
		n := r.between(max(c.RelatedLines/2, 1), max(c.RelatedLines*3/2, 1))
		var items []string
		for range n {
			items = append(items, g.spamHeadline(exclude))
		}
		list(s.related, items)
	}
	day := int(t.Sub(epoch) / (24 * time.Hour))
	for i, l := range g.siteLists(c, s, day) {
		list(s.lists[i], l)
	}
	return strings.Join(lines, "\n")
}

// spamFinish sets the URLs and dates the configuration asks for.
func (g *generator) spamFinish(c SpamConfig, corp *Corpus) {
	r := g.r
	for i := range corp.Docs {
		d := &corp.Docs[i]
		if c.NoURLs {
			d.URL = ""
		}
		if r.IntN(1000) < int(c.UndatedRate*1000) {
			d.Date = ""
			continue
		}
		if c.MixedDates {
			t, err := time.Parse(time.RFC3339, d.Date)
			if err != nil {
				continue
			}
			switch r.IntN(6) {
			case 0:
				d.Date = t.Format(time.RFC3339) // with its offset
			case 1:
				d.Date = t.Format(time.RFC1123)
			case 2:
				d.Date = strings.ToUpper(t.UTC().Format("02-Jan-2006 15:04:05"))
			case 3:
				d.Date = t.UTC().Format("2006-01-02 15:04:05")
			case 4:
				d.Date = strconv.FormatInt(t.Unix(), 10)
			default:
				d.Date = strconv.FormatInt(t.UnixMilli(), 10)
			}
		}
	}
}
