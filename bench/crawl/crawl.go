// Package crawl builds a labelled test crawl from real page templates: the
// 181 article pages of the article-extraction benchmark in ../shared/data,
// each stripped of its own article and given generated wire stories
// instead. The same story placed in the templates of several sites must be
// clustered; different stories in one template must not be. Some copies
// carry a brand word in their headline or are truncated.
//
// The pages are third-party material: the crawl is generated at run time
// from ../shared/data and never stored in the repository.
package crawl

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	xhtml "golang.org/x/net/html"

	"github.com/mimeo-dedup/mimeo/bench/corpus"
)

// Config configures Generate.
type Config struct {
	// Data is the shared data directory (holding
	// article-extraction-benchmark).
	Data string
	// Stories is the number of generated stories. Each is placed in the
	// templates of Copies different sites, or of MinCopies to MaxCopies
	// (uniformly) when MaxCopies > 0 — a story seen once is a page whose
	// template must link it to nothing.
	Stories, Copies      int
	MinCopies, MaxCopies int
	// TruncateRate, BrandRate and EditRate are drawn in turn for each
	// copy (not the story's first page): truncated to one or two
	// paragraphs and "Read more…"; else branded, a brand in the headline
	// (and, with SpamDateline, in the dateline); else a few words
	// changed. (VariedConfig's 0.2, 0.3, 0.5 give about 20 % truncated,
	// 24 % branded and 28 % edited copies.)
	BrandRate, TruncateRate, EditRate float64
	// SpamDateline puts a branded copy's brand in its dateline too, as
	// spam sites do ("WASHINGTON, Brand News March 3 (AP) -").
	SpamDateline bool
	// BriefRate and FeatureRate are the shares of stories that are briefs
	// (three short paragraphs) and long features (6–12 KB); the others
	// are 1.5–5 KB. Zero both for the 1.5–5 KB stories of DefaultConfig.
	BriefRate, FeatureRate float64
	Seed                   uint64
}

// DefaultConfig returns 60 stories, 4 copies each, a third branded, a
// fifth truncated.
func DefaultConfig(data string) Config {
	return Config{Data: data, Stories: 60, Copies: 4, BrandRate: 0.33, TruncateRate: 0.2, Seed: 1}
}

// VariedConfig returns a crawl in which every knob varies: 240 stories
// on 1 to 5 sites each, a quarter of them briefs and a sixth long
// features, copies lightly edited, branded (headline and dateline) or
// truncated.
func VariedConfig(data string, seed uint64) Config {
	return Config{Data: data, Stories: 240, MinCopies: 1, MaxCopies: 5,
		BrandRate: 0.3, TruncateRate: 0.2, EditRate: 0.5, SpamDateline: true,
		BriefRate: 0.25, FeatureRate: 0.15, Seed: seed}
}

// Page is one generated page.
type Page struct {
	ID, URL, Date string
	HTML          []byte
	Label         string // the story's label
	// Kind is "copy" (the story as published), "edited" (a few words
	// changed), "branded" or "truncated".
	Kind     string
	Template string // the benchmark page whose template it uses
	Length   string // "brief", "story" or "feature"
	// Story is the text placed in the template: the headline and the
	// paragraphs, one a line.
	Story string
}

// Crawl is a generated crawl.
type Crawl struct {
	Pages     []Page
	Templates int // usable templates
}

// Template is a benchmark page cut into the parts around its article.
type Template struct {
	ID, Host, URL string
	tokens        []xhtml.Token
	body          []int // indexes of the text tokens that hold the article
	title, h1     []int // text tokens of <title> and <h1>
	// heads are the text tokens that hold the page's headline, teasers
	// those outside the article that hold the start of its text.
	heads, teasers []int
	head           string // the headline, squashed
	// alt is the og:title when it is the headline in other words than
	// head (nbcdfw.com's h1 and og:title shorten its <title>).
	alt string
	// h1Variant: the h1 is the headline in other words; headAttrs are
	// the attributes (by token) whose value holds the headline.
	h1Variant bool
	headAttrs map[int][]int
	// The article's container: tokens[open] is its start tag and
	// tokens[close] its end tag; -1 when the article has no container
	// of its own (its text tokens are then replaced one by one).
	open, close int
}

// LoadTemplates reads the benchmark pages of data and returns those whose
// article could be located (two or more of its text runs found in the
// page), sorted by page id.
func LoadTemplates(data string) ([]*Template, error) {
	dir := filepath.Join(data, "article-extraction-benchmark")
	var truth map[string]struct {
		Body string `json:"articleBody"`
		URL  string `json:"url"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(truth))
	for id := range truth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var tpls []*Template
	for _, id := range ids {
		raw, err := readGz(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return nil, err
		}
		t := parseTemplate(id, truth[id].URL, raw, truth[id].Body)
		if len(t.body) >= 2 {
			tpls = append(tpls, t)
		}
	}
	return tpls, nil
}

// Generate builds the crawl.
func Generate(cfg Config) (*Crawl, error) {
	tpls, err := LoadTemplates(cfg.Data)
	if err != nil {
		return nil, err
	}
	most := max(cfg.Copies, cfg.MaxCopies)
	if len(tpls) < most {
		return nil, fmt.Errorf("crawl: only %d usable templates", len(tpls))
	}
	r := corpus.NewRand(cfg.Seed)
	gen := corpus.NewGenerator(corpus.English, cfg.Seed)
	c := &Crawl{Templates: len(tpls)}
	start := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	n := 0
	for s := range cfg.Stories {
		story, length := makeStory(gen, r, cfg)
		label := fmt.Sprintf("story-%d", s)
		published := start.Add(time.Duration(s) * 37 * time.Minute)
		want := cfg.Copies
		if cfg.MaxCopies > 0 {
			want = cfg.MinCopies + r.IntN(cfg.MaxCopies-cfg.MinCopies+1)
		}
		perm := r.Perm(len(tpls))
		hosts := map[string]bool{}
		copies := 0
		for _, ti := range perm {
			if copies == want {
				break
			}
			t := tpls[ti]
			if hosts[t.Host] {
				continue
			}
			hosts[t.Host] = true
			kind := "copy"
			title, dateline, paras := story.Title, story.Dateline, story.Paragraphs
			switch {
			case copies > 0 && r.Float64() < cfg.TruncateRate:
				kind = "truncated"
				k := min(1+r.IntN(2), len(paras))
				paras = append(slices.Clip(paras[:k]), "Read more…")
			case copies > 0 && r.Float64() < cfg.BrandRate:
				kind = "branded"
				b := brand(r, t.Host)
				title = b + title
				if cfg.SpamDateline && dateline != "" {
					dateline = spamDateline(dateline, t.Host)
				}
			case copies > 0 && cfg.EditRate > 0 && r.Float64() < cfg.EditRate:
				kind = "edited"
				paras = edit(r, gen, paras)
			}
			if len(paras) > 0 && dateline != "" {
				paras = append([]string{dateline + " " + paras[0]}, paras[1:]...)
			}
			page := t.Render(title, paras)
			c.Pages = append(c.Pages, Page{
				ID:       fmt.Sprintf("page-%05d", n),
				URL:      fmt.Sprintf("https://%s/news/%s-%d", t.Host, slug(story.Title), n),
				Date:     published.Add(time.Duration(copies) * 3 * time.Hour).Format(time.RFC3339),
				HTML:     page,
				Label:    label,
				Kind:     kind,
				Template: t.ID,
				Length:   length,
				Story:    title + "\n" + strings.Join(paras, "\n") + "\n",
			})
			n++
			copies++
		}
	}
	r.Shuffle(len(c.Pages), func(i, j int) { c.Pages[i], c.Pages[j] = c.Pages[j], c.Pages[i] })
	return c, nil
}

// makeStory draws a story of the lengths cfg asks for.
func makeStory(gen *corpus.Generator, r *corpus.Rand, cfg Config) (corpus.Article, string) {
	if cfg.BriefRate+cfg.FeatureRate <= 0 {
		return gen.Article(1500, 5000), "story"
	}
	x := r.Float64()
	switch {
	case x < cfg.BriefRate:
		a := gen.Article(700, 1200)
		for len(a.Paragraphs) < 3 {
			a.Paragraphs = append(a.Paragraphs, gen.Paragraph())
		}
		a.Paragraphs = a.Paragraphs[:3]
		return a, "brief"
	case x < cfg.BriefRate+cfg.FeatureRate:
		return gen.Article(6000, 12000), "feature"
	}
	return gen.Article(1500, 5000), "story"
}

// edit changes two to five words of the paragraphs, as a copy editor
// does: a word replaced by one of another generated sentence.
func edit(r *corpus.Rand, gen *corpus.Generator, paras []string) []string {
	out := slices.Clone(paras)
	for range 2 + r.IntN(4) {
		i := r.IntN(len(out))
		words := strings.Fields(out[i])
		if len(words) < 4 {
			continue
		}
		other := strings.Fields(gen.Sentence())
		w := r.IntN(len(words))
		words[w] = strings.ToLower(strings.Trim(other[r.IntN(len(other))], ".,;:!?\"'"))
		if w == len(words)-1 {
			words[w] += "."
		}
		out[i] = strings.Join(words, " ")
	}
	return out
}

// spamDateline puts the site's brand into a dateline: "PLACE, Month D
// (Wire) -" becomes "PLACE, Brand News Month D (Wire) -".
func spamDateline(dateline, host string) string {
	name := strings.TrimPrefix(host, "www.")
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	if name == "" {
		return dateline
	}
	name = strings.ToUpper(name[:1]) + name[1:] + " News"
	if i := strings.IndexByte(dateline, ','); i > 0 {
		return dateline[:i] + ", " + name + " " + strings.TrimLeft(dateline[i+1:], " ")
	}
	return name + " " + dateline
}

func brand(r *corpus.Rand, host string) string {
	name := strings.TrimPrefix(host, "www.")
	if i := strings.IndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	switch r.IntN(3) {
	case 0:
		return "EXCLUSIVE: "
	case 1:
		return strings.ToUpper(name) + " | "
	default:
		return "Breaking news: "
	}
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

// parseTemplate tokenizes a page and finds its article: the text tokens
// (40 characters or more) that occur in the known clean body, and the
// deepest element that holds all of them.
func parseTemplate(id, url string, raw []byte, body string) *Template {
	t := &Template{ID: id, URL: url, Host: host(url), open: -1, close: -1}
	normBody := squash(body)
	z := xhtml.NewTokenizer(bytes.NewReader(raw))
	type open struct {
		tag string
		at  int
	}
	var stack []open
	var ogTitle, siteName string
	var texts []int   // text tokens outside title, h1, script and style
	var common []open // the common prefix of the stacks of the body tokens
	closeOf := map[int]int{}
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		tok := z.Token()
		i := len(t.tokens)
		switch tt {
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			if tok.Data == "meta" {
				var prop, content string
				for _, a := range tok.Attr {
					switch a.Key {
					case "property", "name":
						prop = a.Val
					case "content":
						content = a.Val
					}
				}
				if (prop == "og:title" || prop == "twitter:title") && ogTitle == "" {
					ogTitle = squash(content)
				}
				if prop == "og:site_name" && siteName == "" {
					siteName = squash(content)
				}
			}
			if tt == xhtml.StartTagToken && !voidElement[tok.Data] {
				stack = append(stack, open{tok.Data, i})
			}
		case xhtml.EndTagToken:
			for j := len(stack) - 1; j >= 0; j-- {
				if stack[j].tag == tok.Data {
					for _, o := range stack[j:] {
						closeOf[o.at] = i
					}
					stack = stack[:j]
					break
				}
			}
		case xhtml.TextToken:
			in := func(tag string) bool { return len(stack) > 0 && stack[len(stack)-1].tag == tag }
			switch {
			case in("title") && !slices.ContainsFunc(stack, func(o open) bool { return o.tag == "svg" }):
				// The page's title, not an icon's inside an svg sprite.
				t.title = append(t.title, i)
			case slices.ContainsFunc(stack, func(o open) bool { return o.tag == "h1" }):
				// All of the headline, a subtitle in a span of it too.
				t.h1 = append(t.h1, i)
			case in("script") || in("style"):
			default:
				texts = append(texts, i)
				if s := squash(tok.Data); len(s) >= 40 && strings.Contains(normBody, s) {
					if t.body == nil {
						common = slices.Clone(stack)
					} else {
						n := 0
						for n < len(common) && n < len(stack) && common[n] == stack[n] {
							n++
						}
						common = common[:n]
					}
					t.body = append(t.body, i)
				}
			}
		}
		t.tokens = append(t.tokens, tok)
	}
	if n := len(common); n > 0 {
		switch c := common[n-1]; c.tag {
		case "html", "body", "head":
		default:
			if end, ok := closeOf[c.at]; ok {
				t.open, t.close = c.at, end
			}
		}
	}
	// The page's headline wherever it is (an h2, a teaser's h1 is not
	// it): the text that is its og:title, else its title without the
	// site's name. A template of another story holds that story's
	// headline there, and its lead where the page shows a teaser of its
	// own article: both are the new story's in Render.
	head := ogTitle
	if head == "" || !strings.Contains(squash(t.titleText()), head) {
		// A <title> that is only the site's name is no headline: the
		// og:title is (quantamagazine.org).
		if h := squash(trimSiteName(t.titleText())); h != siteName || ogTitle == "" {
			head = h
		}
	}
	t.head = head
	if ogTitle != head && len(ogTitle) >= 12 && ogTitle != siteName {
		t.alt = ogTitle
	}
	isHead := func(s, head string) bool {
		return head != "" && len(s) >= 12 && (s == head || len(s) >= len(head)*3/5 && strings.Contains(head, s))
	}
	inBody := map[int]bool{}
	for _, k := range t.body {
		inBody[k] = true
	}
	for _, k := range append(slices.Clone(t.h1), texts...) {
		s := squash(t.tokens[k].Data)
		switch {
		case isHead(s, head) || isHead(s, t.alt):
			t.heads = append(t.heads, k)
		case !inBody[k] && (t.open < 0 || k < t.open || k > t.close):
			lead := strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(s, "…"), "..."), " ")
			if len(lead) >= 40 && strings.Contains(normBody, lead) {
				t.teasers = append(t.teasers, k)
			}
		}
	}
	slices.Sort(t.heads)
	var h1 strings.Builder
	for _, k := range t.h1 {
		h1.WriteString(t.tokens[k].Data + " ")
	}
	if w := strings.Fields(strings.ToLower(h1.String())); len(w) > 0 {
		in := 0
		for _, x := range w {
			if strings.Contains(strings.ToLower(head), x) {
				in++
			}
		}
		t.h1Variant = 2*in >= len(w) && !slices.ContainsFunc(t.heads, func(k int) bool { return slices.Contains(t.h1, k) })
	}
	if len(head) >= 12 {
		t.headAttrs = map[int][]int{}
		for k, tok := range t.tokens {
			for a, at := range tok.Attr {
				if v := squash(at.Val); strings.Contains(v, head) || t.alt != "" && strings.Contains(v, t.alt) {
					t.headAttrs[k] = append(t.headAttrs[k], a)
				}
			}
		}
	}
	return t
}

// titleText returns the text of the page's <title>.
func (t *Template) titleText() string {
	var b strings.Builder
	for _, k := range t.title {
		b.WriteString(t.tokens[k].Data)
	}
	return b.String()
}

// trimSiteName removes a site's name from a page title: the part after
// the last " | ", " - " or " — " when the part before it is longer.
func trimSiteName(t string) string {
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: "} {
		if i := strings.LastIndex(t, sep); i > len(t)-i {
			return t[:i]
		}
	}
	return t
}

var voidElement = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true,
	"hr": true, "img": true, "input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}

// Render writes the template with the story's title and paragraphs in
// place of the original article: the article's container gets the story's
// paragraphs; without one, the first article text token becomes the story
// and the others are emptied.
func (t *Template) Render(title string, paras []string) []byte {
	var story strings.Builder
	for j, p := range paras {
		if j > 0 {
			story.WriteString("</p>\n<p>")
		}
		story.WriteString(html.EscapeString(p))
	}
	replace := map[int]string{}
	// The first token of an element gets the new text, the others none.
	first := func(ks []int, text string) {
		for i, k := range ks {
			replace[k] = ""
			if i == 0 {
				replace[k] = html.EscapeString(text)
			}
		}
	}
	// The page title keeps the site's name around the headline.
	if orig := squash(t.titleText()); t.head != "" && strings.Contains(orig, t.head) {
		first(t.title, strings.Replace(orig, t.head, title, 1))
	} else {
		first(t.title, title)
	}
	for _, k := range t.heads {
		replace[k] = html.EscapeString(title)
	}
	if len(t.heads) == 0 || t.h1Variant {
		first(t.h1, title)
	}
	// Attributes that name the headline (og:title, a link's title).
	for k, attrs := range t.headAttrs {
		tok := t.tokens[k]
		tok.Attr = slices.Clone(tok.Attr)
		for _, a := range attrs {
			v := squash(tok.Attr[a].Val)
			if strings.Contains(v, t.head) {
				v = strings.Replace(v, t.head, title, 1)
			} else {
				v = strings.Replace(v, t.alt, title, 1)
			}
			tok.Attr[a].Val = v
		}
		replace[k] = tok.String()
	}
	for _, k := range t.teasers {
		replace[k] = html.EscapeString(teaser(strings.Join(paras, " "), len(squash(t.tokens[k].Data))))
	}
	var out bytes.Buffer
	if t.open >= 0 {
		for i := 0; i < len(t.tokens); i++ {
			if i == t.open {
				out.WriteString(t.tokens[i].String())
				out.WriteString("<p>" + story.String() + "</p>")
				i = t.close - 1
				continue
			}
			if s, ok := replace[i]; ok {
				out.WriteString(s)
				continue
			}
			out.WriteString(t.tokens[i].String())
		}
		return out.Bytes()
	}
	for i, k := range t.body {
		if i == 0 {
			replace[k] = story.String()
		} else {
			replace[k] = ""
		}
	}
	for i, tok := range t.tokens {
		if s, ok := replace[i]; ok {
			out.WriteString(s)
			continue
		}
		out.WriteString(tok.String())
	}
	return out.Bytes()
}

// teaser returns the start of text, about n bytes of it cut at a word,
// and "…".
func teaser(text string, n int) string {
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut <= 0 {
		cut = n
	}
	return strings.TrimRight(text[:cut], " ,;:") + "…"
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func host(url string) string {
	s := url
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	return strings.ToLower(s)
}

func readGz(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}

// WriteWARC writes the pages as WARC/1.1 response records, each its own
// gzip member when gz (as Common Crawl files are); a page without a URL
// has no WARC-Target-URI.
func (c *Crawl) WriteWARC(w io.Writer, gz bool) error {
	for _, p := range c.Pages {
		var http bytes.Buffer
		fmt.Fprintf(&http, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n", len(p.HTML))
		http.Write(p.HTML)
		var rec bytes.Buffer
		fmt.Fprintf(&rec, "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: %s\r\n", uuid(p.ID), p.Date)
		if p.URL != "" {
			fmt.Fprintf(&rec, "WARC-Target-URI: %s\r\n", p.URL)
		}
		fmt.Fprintf(&rec, "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n", http.Len())
		rec.Write(http.Bytes())
		rec.WriteString("\r\n\r\n")
		if gz {
			z := gzip.NewWriter(w)
			if _, err := z.Write(rec.Bytes()); err != nil {
				return err
			}
			if err := z.Close(); err != nil {
				return err
			}
		} else if _, err := w.Write(rec.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// uuid makes a stable UUID-shaped id from a page id.
func uuid(id string) string {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(id); i++ {
		h = (h ^ uint64(id[i])) * 1099511628211
	}
	return fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", uint32(h>>32), uint16(h>>16), uint16(h)&0xfff, uint16(h>>4)&0xfff, h&0xffffffffffff)
}

// RecordID is the WARC-Record-ID of a page's record, as mimeo scan
// reports it.
func (c *Crawl) RecordID(p Page) string { return "urn:uuid:" + uuid(p.ID) }

// WriteTruth writes one JSON line per page: {"id", "label", "kind"}, with
// the WARC-Record-ID as the id (what mimeo scan reports for WARC input).
func (c *Crawl) WriteTruth(w io.Writer) error {
	enc := json.NewEncoder(w)
	for _, p := range c.Pages {
		if err := enc.Encode(map[string]string{"id": c.RecordID(p), "label": p.Label, "kind": p.Kind}); err != nil {
			return err
		}
	}
	return nil
}
