package wire

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mimeo-dedup/mimeo/bench/corpus"
)

// rng adds small helpers to corpus.Rand.
type rng struct{ *corpus.Rand }

// chance reports true with probability pct/100.
func (r rng) chance(pct int) bool { return r.IntN(100) < pct }

// between returns a uniform integer in [lo, hi].
func (r rng) between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// pick returns a uniformly chosen element of s.
func pick[T any](r rng, s []T) T { return s[r.IntN(len(s))] }

// place returns an invented place name.
func (g *generator) place() string { return pick(g.r, placeHeads) + pick(g.r, placeTails) }

// person returns an invented full name.
func (g *generator) person() string {
	return pick(g.r, firstNames) + " " + pick(g.r, surnameHeads) + pick(g.r, surnameTails)
}

// template is the furniture a site puts around every article.
type template struct {
	header       string // the lines at the top of every page
	dateLine     bool   // a line with the day's date below the header
	dateStyle    int    // how the meta line writes the publication time
	metaSep      string // between the author and the date in the meta line
	readTime     bool   // "N min read" in the meta line
	titleSep     string // between a headline and the brand
	brandsTitles bool   // every local headline ends with titleSep and the brand
	related      []relatedBlock
	relatedFirst bool // the first related block is above the article
	bullet       string
	numbered     bool   // related items are numbered instead of bulleted
	share        string // a line below the article, or ""
	footer       string // the lines at the bottom; {YEAR} is the page's year
	section      string // the first path segment of URLs
	slugWords    int    // the most headline words in a URL slug
	readAlso     string // the label of headline links inside an article
}

// relatedBlock is a list of 3–8 headlines under a heading.
type relatedBlock struct {
	heading string
	lo, hi  int
}

// footerFor returns the footer of a page published in year.
func (s *Site) footerFor(year int) string {
	return strings.ReplaceAll(s.tmpl.footer, "{YEAR}", strconv.Itoa(year))
}

// zoneOffsets are the UTC offsets of the sites, in minutes.
var zoneOffsets = []int{-480, -420, -360, -300, -240, -180, 0, 0, 60, 60, 120, 330, 480, 600, 720}

// makeSites creates the wire services and the publishing sites.
func (g *generator) makeSites() {
	r := g.r
	used := map[string]bool{}
	for _, w := range wireServices {
		s := &Site{Host: w.host, Brand: w.name, Wire: true, wireName: w.name, zone: time.UTC, city: g.place()}
		s.tmpl = template{
			header: w.name + "\nWorld | Business | Markets | Politics | Technology | Health | Sports\n" +
				"Top news | Breaking | Photos | Video",
			dateStyle: 0,
			metaSep:   " | ",
			footer: "© {YEAR} " + w.name + ". All rights reserved. " + w.name +
				" content is distributed to subscribing publishers under licence.\n" +
				"About " + w.name + " | Syndication | Careers | Contact | Privacy | Terms",
			section:   "news",
			slugWords: 10,
		}
		s.next = r.between(100000, 899999)
		used[s.Host], used[s.Brand] = true, true
		g.wires = append(g.wires, s)
	}
	for range g.cfg.Sites {
		var s *Site
		for {
			brand, city := g.brand()
			host := hostFor(brand, r)
			if !used[brand] && !used[host] {
				used[brand], used[host] = true, true
				s = &Site{Host: host, Brand: brand, city: city}
				break
			}
		}
		off := pick(r, zoneOffsets)
		s.zone = time.FixedZone(fmt.Sprintf("UTC%+03d%02d", off/60, abs(off%60)), off*60)
		s.tmpl = g.siteTemplate(s)
		s.next = r.between(1000, 899999)
		g.sites = append(g.sites, s)
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// brand returns an invented brand name and the site's home town.
func (g *generator) brand() (brand, city string) {
	r := g.r
	p := g.place()
	switch r.IntN(10) {
	case 0:
		return "Daily" + p + "News", p
	case 1:
		if r.chance(50) {
			return p + " Herald 24", p
		}
		return p + " Herald", p
	case 2, 3:
		return "The " + p + " " + pick(r, brandPapers), p
	case 4:
		return p + "Today", p
	case 5:
		return "Metro " + pick(r, []string{"Herald", "Post", "Daily", "News"}) + " " +
			pick(r, []string{"24", "360", "1", "7", "Live"}), p
	case 6:
		return p + " " + pick(r, brandOutlets), p
	case 7:
		return "My" + p + "Post", p
	case 8:
		return pick(r, brandRegions) + " " + pick(r, brandOutlets), p
	default:
		return p + " " + pick(r, []string{"News Network", "Press", "Journal", "Online"}), p
	}
}

// hostFor derives a host name from a brand.
func hostFor(brand string, r rng) string {
	name := brand
	if strings.HasPrefix(name, "The ") && r.chance(50) {
		name = name[len("The "):]
	}
	var b strings.Builder
	switch k := r.IntN(100); {
	case k < 55:
		b.WriteString("www.")
	case k < 62:
		b.WriteString("news.")
	}
	for _, c := range strings.ToLower(name) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	b.WriteByte('.')
	b.WriteString(pick(r, tlds))
	return b.String()
}

// siteTemplate draws the page template of a publishing site: short, medium
// or long furniture.
func (g *generator) siteTemplate(s *Site) template {
	r := g.r
	size := 0 // 0 short, 1 medium, 2 long
	switch k := r.IntN(100); {
	case k < 25:
		size = 2
	case k < 65:
		size = 1
	}
	prob := func(short, medium, long int) bool { return r.chance([]int{short, medium, long}[size]) }
	fill := func(f string) string {
		if strings.Contains(f, "%d") {
			return fmt.Sprintf(f, r.between(1870, 2015))
		}
		if strings.Contains(f, "%s") {
			return fmt.Sprintf(f, s.Brand)
		}
		return f
	}

	var t template
	var h []string
	if prob(5, 15, 60) {
		h = append(h, "Skip to main content")
	}
	if prob(0, 15, 55) {
		h = append(h, pick(r, cookieBanners))
	}
	if r.chance(60) {
		tag := pick(r, taglines)
		switch {
		case strings.Contains(tag, "%d"):
			tag = fmt.Sprintf(tag, r.between(1870, 2015))
		case strings.Contains(tag, "%s"):
			tag = fmt.Sprintf(tag, s.city)
		}
		h = append(h, s.Brand+" — "+tag)
	} else {
		h = append(h, s.Brand)
	}
	var nav []string
	if r.chance(80) {
		nav = append(nav, "Home")
	}
	n := []int{r.between(3, 5), r.between(5, 8), r.between(8, 13)}[size]
	for _, i := range r.Perm(len(navItems))[:n] {
		nav = append(nav, navItems[i])
	}
	for _, i := range r.Perm(len(navTail))[:r.between(1, 2)] {
		nav = append(nav, navTail[i])
	}
	h = append(h, strings.Join(nav, pick(r, navSeps)))
	if prob(30, 50, 80) {
		h = append(h, pick(r, accountLines))
	}
	if prob(5, 20, 60) {
		h = append(h, fill(pick(r, promoLines)))
	}
	t.header = strings.Join(h, "\n")

	t.dateLine = r.chance(35)
	t.dateStyle = r.IntN(5)
	t.metaSep = pick(r, []string{" | ", " · ", "\n", " — "})
	t.readTime = r.chance(25)
	t.titleSep = pick(r, []string{" - ", " | ", " — ", " :: ", " – "})
	t.brandsTitles = r.chance(50)

	nrel := []int{r.IntN(2), r.between(1, 2), r.between(2, 3)}[size]
	for _, i := range r.Perm(len(relatedHeadings))[:nrel] {
		lo := r.between(3, 5)
		t.related = append(t.related, relatedBlock{heading: fill(relatedHeadings[i]), lo: lo, hi: r.between(lo, 8)})
	}
	t.relatedFirst = r.chance(30)
	t.bullet = pick(r, bullets)
	t.numbered = r.chance(25)
	if r.chance(50) {
		t.share = pick(r, shareLines)
	}

	var f []string
	if prob(25, 45, 90) {
		f = append(f, fill(pick(r, newsletterLines)))
	}
	if prob(0, 15, 80) {
		groups := r.Perm(len(sitemapGroups))[:r.between(4, len(sitemapGroups))]
		lines := []string{"Sections"}
		for _, i := range groups {
			lines = append(lines, sitemapGroups[i])
		}
		f = append(f, strings.Join(lines, "\n"))
	}
	if prob(20, 40, 70) {
		f = append(f, pick(r, socialLines))
	}
	if prob(15, 40, 80) {
		f = append(f, fill(pick(r, companyLines)))
	}
	if prob(10, 25, 50) {
		f = append(f, fmt.Sprintf("%s, %d %s %s, %s", s.Brand, r.between(1, 240), g.place(), pick(r, streetKinds), s.city))
	}
	if prob(5, 20, 50) {
		f = append(f, pick(r, appLines))
	}
	if prob(0, 20, 70) {
		for _, i := range r.Perm(len(legalLines))[:r.between(1, 2)] {
			f = append(f, fill(legalLines[i]))
		}
	}
	cr := strings.Replace(pick(r, copyrightLines), "%s", s.Brand, 1)
	links := make([]string, 0, 5)
	for _, i := range r.Perm(len(policyLinks))[:r.between(2, 5)] {
		links = append(links, policyLinks[i])
	}
	pl := strings.Join(links, pick(r, []string{" | ", " · ", "  "}))
	if r.chance(70) {
		f = append(f, cr, pl)
	} else {
		f = append(f, pl, cr)
	}
	t.footer = strings.Join(f, "\n")

	t.section = pick(r, sections)
	t.slugWords = r.between(5, 12)
	t.readAlso = pick(r, readAlsoLabels)
	return t
}

// meta returns the line above a headline: author and publication time.
func (s *Site) meta(t time.Time, author string, words int, r rng) string {
	lt := t.In(s.zone)
	var d string
	switch s.tmpl.dateStyle {
	case 0:
		d = "Published " + lt.Format("15:04, 2 January 2006")
	case 1:
		d = lt.Format("January 2, 2006 3:04 PM")
	case 2:
		d = "Updated: " + lt.Format("02/01/2006 15:04")
	case 3:
		d = lt.Format("2 Jan 2006")
	default:
		d = lt.Format("Mon 2 Jan 2006 15.04 MST")
	}
	if s.tmpl.readTime {
		d += " · " + strconv.Itoa(max(1, words/200)) + " min read"
	}
	if author == "" {
		return d
	}
	return author + s.tmpl.metaSep + d
}

// url returns the URL of the site's next article with the given headline.
func (s *Site) url(title string, r rng) string {
	s.next += r.between(1, 40)
	return "https://" + s.Host + "/" + s.tmpl.section + "/" + slug(title, s.tmpl.slugWords) + "-" + strconv.Itoa(s.next)
}

// slug turns a headline into a URL path segment of at most maxWords words.
func slug(title string, maxWords int) string {
	var b strings.Builder
	words := 0
	inWord := false
	for _, c := range strings.ToLower(title) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if !inWord {
				if words == maxWords {
					break
				}
				if words > 0 {
					b.WriteByte('-')
				}
				words++
				inWord = true
			}
			b.WriteRune(c)
			continue
		}
		inWord = false
	}
	if b.Len() == 0 {
		return "story"
	}
	return b.String()
}

// page renders an article inside the site's template. exclude is the
// story whose headline must not appear in related lists, or -1.
func (g *generator) page(s *Site, t time.Time, author, title string, body []string, exclude int) string {
	sb := &g.sb
	sb.Reset()
	add := func(block string) {
		if block == "" {
			return
		}
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(block)
	}
	lt := t.In(s.zone)
	add(s.tmpl.header)
	if s.tmpl.dateLine {
		add(lt.Format("Monday, January 2, 2006"))
	}
	rel := s.tmpl.related
	if s.tmpl.relatedFirst && len(rel) > 0 {
		add(g.related(s, rel[0], exclude, t))
		rel = rel[1:]
	}
	words := 0
	for _, b := range body {
		words += strings.Count(b, " ") + 1
	}
	add(s.meta(t, author, words, g.r))
	add(title)
	for _, b := range body {
		add(b)
	}
	add(s.tmpl.share)
	for _, b := range rel {
		add(g.related(s, b, exclude, t))
	}
	add(s.footerFor(lt.Year()))
	return sb.String()
}

// plain renders an article without a template: the title and the blocks.
func plain(title string, blocks []string) string {
	return title + "\n\n" + strings.Join(blocks, "\n\n")
}

// wirePage renders a wire service's page of a story.
func (g *generator) wirePage(w *Site, t time.Time, title string, body []string, credit string) string {
	return g.page(w, t, "By "+g.person(), title, append(body[:len(body):len(body)], credit), -1)
}

// credit returns a wire story's reporting credit.
func (g *generator) credit(city string) string {
	if g.r.chance(30) {
		return fmt.Sprintf("(Reporting by %s in %s; additional reporting by %s; Editing by %s)",
			g.person(), city, g.person(), g.person())
	}
	return fmt.Sprintf("(Reporting by %s; Editing by %s)", g.person(), g.person())
}

// related renders a list of headlines under a heading: titles of other
// stories of the corpus mixed with invented local headlines.
func (g *generator) related(s *Site, b relatedBlock, exclude int, t time.Time) string {
	r := g.r
	n := r.between(b.lo, b.hi)
	lines := make([]string, 0, n+1)
	lines = append(lines, b.heading)
	seen := make(map[string]bool, n)
	for i := range n {
		h := g.headline(s, exclude, t)
		for try := 0; seen[h] && try < 10; try++ {
			h = g.headline(s, exclude, t)
		}
		seen[h] = true
		if s.tmpl.numbered {
			lines = append(lines, strconv.Itoa(i+1)+". "+h)
		} else {
			lines = append(lines, s.tmpl.bullet+h)
		}
	}
	return strings.Join(lines, "\n")
}

// headline returns the title of a story other than exclude, or an invented
// local headline.
func (g *generator) headline(s *Site, exclude int, t time.Time) string {
	r := g.r
	if r.chance(50) && len(g.stories) > 1 {
		for {
			if i := r.IntN(len(g.stories)); i != exclude {
				return g.stories[i].Title
			}
		}
	}
	return g.fill(pick(r, headlineTemplates), s, t)
}

// fill replaces the {Slot} names of a template.
func (g *generator) fill(tmpl string, s *Site, t time.Time) string {
	r := g.r
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		b.WriteString(tmpl[:i])
		name := tmpl[i+1 : i+j]
		tmpl = tmpl[i+j+1:]
		lt := t.In(s.zone)
		switch name {
		case "City":
			if r.chance(75) {
				b.WriteString(s.city)
			} else {
				b.WriteString(g.place())
			}
		case "Brand":
			b.WriteString(s.Brand)
		case "Day":
			b.WriteString(weekdays[lt.Weekday()])
		case "Date":
			b.WriteString(lt.Format("January 2"))
		case "N":
			b.WriteString(strconv.Itoa(r.between(2, 400)))
		case "Office":
			b.WriteString(pick(r, offices))
		case "Person":
			b.WriteString(g.person())
		case "Shop":
			b.WriteString(pick(r, shops))
		case "Street":
			b.WriteString(g.place() + " " + pick(r, streetKinds))
		case "Venue":
			b.WriteString(pick(r, venues))
		case "Ord":
			b.WriteString(pick(r, ords))
		case "Age":
			b.WriteString(strconv.Itoa(r.between(58, 99)))
		case "Food":
			b.WriteString(pick(r, foods))
		case "Team":
			b.WriteString(pick(r, teams))
		default:
			panic("wire: unknown template slot " + name)
		}
	}
}
