package extract

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mimeo-dedup/mimeo/shingle"
	"golang.org/x/net/html/atom"
)

// TestAllText checks the text conventions on the whole text (mode All).
func TestAllText(t *testing.T) {
	for _, tc := range []struct {
		name, html, want string
	}{
		{"empty", "", ""},
		{"plain text", "hello world", "hello world\n"},
		{"script and style dropped",
			`<p>a<script>var x = "<p>no</p>";</script>b</p><style>p { color: red }</style><p>c</p>`,
			"ab\nc\n"},
		{"noscript template svg iframe dropped",
			`<p>a<noscript>enable js</noscript><template><p>tmpl</p></template>` +
				`<svg><title>icon</title><text>svg</text></svg><iframe>frame</iframe>b</p>`,
			"ab\n"},
		{"head dropped, title and meta are not text",
			`<html><head><title>The title</title><meta name="x" content="y"><link rel="a"></head>` +
				`<body><p>body</p></body></html>`,
			"body\n"},
		{"comments dropped", `<p>a<!-- a comment <p>x</p> -->b</p>`, "ab\n"},
		{"select, audio, video, canvas dropped",
			`<p>pick<select><option>one<option>two</select>` +
				`<video>no video</video><audio>no audio</audio><canvas>no canvas</canvas>!</p>`,
			"pick!\n"},
		{"entities decoded",
			`<p>&amp; &lt;b&gt; &eacute;&#233;&#x263A; &copy &bne; &#128; &#0; x&nbsp;&nbsp;y</p>`,
			"& <b> éé☺ © =\u20e5 € x y\n"},
		{"br and p break lines", `<p>a<br>b<br/><br>c</p><p>d</p>e`, "a\nb\nc\nd\ne\n"},
		{"white space collapsed within a line", "<p>  a \n\t b  </p><p>\n</p>  <p> c</p>", "a b\nc\n"},
		{"inline elements do not break",
			`<p>foo<b>bar</b> <i>baz</i> <a href="/x">qux</a><span>!</span></p>`,
			"foobar baz qux!\n"},
		{"div text runs", `<div>a<div>b</div>c<span>d</span></div>`, "a\nb\ncd\n"},
		{"headings, lists, quotes, tables",
			`<h1>H</h1><h2>I</h2><ul><li>one<li>two</ul><ol><li>three</li></ol>` +
				`<blockquote>q</blockquote><table><tr><th>h<td>c1<td>c2<tr><td>c3</table>`,
			"H\nI\none\ntwo\nthree\nq\nh\nc1\nc2\nc3\n"},
		{"pre keeps its lines", "<pre>line 1\n   line 2\n\nline 3\n</pre>", "line 1\nline 2\nline 3\n"},
		{"invalid UTF-8 and control characters dropped", "<p>a\xffb\x00c\x01d\u0085e\ufffdf</p>", "abcdef\n"},
		{"NUL in a title is dropped", "<title>\x00\x00T\x00</title><p>x</p>", "x\n"},
		{"unicode spaces collapse, zero-width ones vanish", "<p>a\u2003\u00a0b\u200bc\u00add</p>", "a bcd\n"},
		{"svg icon inside a line", `<p>Share <svg><path d="M0"/></svg> this</p>`, "Share this\n"},
		{"self-closing block is empty", `<p>a<div/>b</p>`, "a\nb\n"},
		{"custom elements are inline", `<p>a<my-widget>b</my-widget>c</p>`, "abc\n"},
		{"CDATA-like text is text", `<p><![CDATA[x]]>y</p>`, "y\n"},
		{"plaintext", `<p>a</p><plaintext><p>b</p>`, "a\n<p>b</p>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := New(Options{Mode: All})
			if got := string(e.AppendText(nil, []byte(tc.html))); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			if got := string(e.AppendAllText(nil, []byte(tc.html))); got != tc.want {
				t.Errorf("AppendAllText: got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// sentences returns n deterministic sentences of ordinary prose, so that a
// test page has paragraphs that look like an article.
func sentences(seed uint64, n int) string {
	r := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(' ')
		}
		k := 10 + r.IntN(10)
		for j := 0; j < k; j++ {
			w := words[r.IntN(len(words))]
			if j == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			if j == k/2 {
				b.WriteByte(',')
			}
			if j+1 < k {
				b.WriteByte(' ')
			}
		}
		b.WriteByte('.')
	}
	return b.String()
}

// paras returns n paragraphs of prose and the text they yield.
func paras(seed uint64, n int) (html, text string) {
	var h, t strings.Builder
	for i := 0; i < n; i++ {
		s := sentences(seed+uint64(i), 3)
		h.WriteString("<p>" + s + "</p>\n")
		t.WriteString(s + "\n")
	}
	return h.String(), t.String()
}

// TestMainText checks each rule of the main-text selection on small pages.
func TestMainText(t *testing.T) {
	body, bodyText := paras(1, 5)
	other, _ := paras(100, 4)
	links := `<ul><li><a href="/a">First related story about things</a></li>` +
		`<li><a href="/b">Second related story about other things</a></li>` +
		`<li><a href="/c">Third related story</a></li></ul>`
	head := `<head><title>The headline of the story | Example News</title></head>`
	for _, tc := range []struct {
		name, html, want string
	}{
		{"nav header footer aside removed",
			`<html>` + head + `<body><header><a href="/">Example News</a><nav>` + links + `</nav>` +
				`<p>` + sentences(7, 2) + `</p></header><main><h1>The headline of the story</h1>` + body +
				`</main><aside><p>` + sentences(8, 3) + `</p></aside><footer><p>` + sentences(9, 3) +
				`</p></footer></body></html>`,
			"The headline of the story\n" + bodyText},
		{"boilerplate classes, ids and roles removed",
			`<html>` + head + `<body><h1>The headline of the story</h1><div class="article-body">` + body + `</div>` +
				`<div class="related-posts"><p>` + sentences(10, 3) + `</p></div>` +
				`<div id="comments"><p>` + sentences(11, 3) + `</p></div>` +
				`<div class="share-buttons"><p>` + sentences(12, 1) + `</p></div>` +
				`<div class="cookie-banner"><p>` + sentences(13, 2) + `</p></div>` +
				`<div class="newsletter-signup"><p>` + sentences(14, 2) + `</p></div>` +
				`<div class="ad ad-slot"><p>` + sentences(15, 2) + `</p></div>` +
				`<div role="complementary"><p>` + sentences(16, 2) + `</p></div>` +
				`<div aria-label="Trending now"><p>` + sentences(17, 2) + `</p></div>` +
				`</body></html>`,
			"The headline of the story\n" + bodyText},
		{"inline boilerplate removed from a paragraph",
			`<h1>The headline of the story</h1><div class="story">` +
				strings.Replace(body, "</p>", ` <span class="advert-label">Sponsored by Example Corp</span> Over.</p>`, 1) + `</div>`,
			"The headline of the story\n" + strings.Replace(bodyText, "\n", "\nOver.\n", 1)},
		{"a container whose class names content is kept",
			`<h1>The headline of the story</h1><div class="sidebar-layout"><div class="entry-content social-enabled">` + body +
				`</div><div class="sidebar"><p>` + sentences(20, 3) + `</p></div></div>`,
			"The headline of the story\n" + bodyText},
		{"a boilerplate class wrapping the whole page is ignored",
			head + `<body><form id="aspnetForm"><div class="site-header-wrapper"><h1>The headline of the story</h1>` +
				body + `</div></form></body>`,
			"The headline of the story\n" + bodyText},
		{"article preferred",
			`<div><div class="x"><p>` + sentences(30, 4) + `</p><p>` + sentences(31, 4) + `</p></div></div>` +
				`<div><article><h1>The headline of the story</h1>` + body + `</article></div>`,
			"The headline of the story\n" + bodyText},
		{"itemprop=articleBody preferred",
			`<h1>The headline of the story</h1><div><div class="x">` + other + `</div></div>` +
				`<div><div itemprop="articleBody">` + body + `</div></div>`,
			"The headline of the story\n" + bodyText},
		{"teasers of other articles are not the article",
			`<article><h1>The headline of the story</h1>` + body + `</article>` +
				`<section><h3>You may like</h3><article><p>` + sentences(40, 3) + `</p></article>` +
				`<article><p>` + sentences(41, 3) + `</p></article><article><p>` + sentences(42, 3) +
				`</p></article><article><p>` + sentences(43, 3) + `</p></article></section>`,
			"The headline of the story\n" + bodyText},
		{"link-dense blocks dropped, a link in a sentence kept",
			`<h1>The headline of the story</h1><div class="content">` + body + links +
				`<p><a href="/x">Read more about the council and its plans for the city</a></p>` +
				`<p>The council said <a href="/y">its plan</a> would cut prices for the workers of the city.</p></div>`,
			"The headline of the story\n" + bodyText + "The council said its plan would cut prices for the workers of the city.\n"},
		{"headline from the title when there is no h1",
			head + `<body><div class="content">` + body + `</div></body>`,
			"The headline of the story\n" + bodyText},
		{"a linked logo h1 is not the headline",
			head + `<body><h1><a href="/">Example News</a></h1><div class="content">` + body + `</div></body>`,
			"The headline of the story\n" + bodyText},
		{"advertisement labels, bylines and share prompts trimmed",
			`<h1>The headline of the story</h1><div class="content"><p>By Jane Doe, May 5</p>` +
				strings.Replace(body, "</p>", "</p><p>Advertisement</p>", 1) +
				`<p>Share this article</p><p>Contributing: John Roe.</p></div>`,
			"The headline of the story\n" + bodyText + "Contributing: John Roe.\n"},
		{"an article body split in parts is joined",
			`<h1>The headline of the story</h1><div class="main"><div class="x"><div class="story-part">` +
				strings.Join(strings.SplitAfter(body, "</p>\n")[:2], "") +
				`</div></div><div class="ad-slot">Advertisement</div><div class="y"><div class="story-part">` +
				strings.Join(strings.SplitAfter(body, "</p>\n")[2:], "") + `</div></div></div>`,
			"The headline of the story\n" + bodyText},
		{"a short page is its text", `<p>Hello, world.</p><nav><a href="/">Home</a></nav>`, "Hello, world.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := New(Options{})
			if got := string(e.AppendText(nil, []byte(tc.html))); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestMalformed feeds broken and hostile input: the extractor must not
// panic, must terminate, and must return valid UTF-8 no longer than the
// documented bound.
func TestMalformed(t *testing.T) {
	const deep = 10000
	r := rand.New(rand.NewPCG(3, 4))
	garbage := make([]byte, 1<<20)
	for i := range garbage {
		garbage[i] = byte(r.Uint32())
	}
	tagSoup := make([]byte, 0, 1<<20)
	pieces := []string{"<div>", "</div>", "<p>", "</p>", "<a href=x>", "</a>", "<svg>", "</svg>", "<li>",
		"<table>", "<td>", "</tr>", "<script>", "</script>", "<!--", "-->", "&amp", "&#", "text ", "<b>",
		"</span>", "<select>", "<title>", "<pre>", "\n", "<br>", "<nav>", "<article>", "<h1>", "\xff"}
	for len(tagSoup) < 1<<20 {
		tagSoup = append(tagSoup, pieces[r.IntN(len(pieces))]...)
	}
	rep := strings.Repeat
	for _, tc := range []struct {
		name string
		html string
	}{
		{"unclosed tags", "<html><body><div><p>one<p>two<ul><li>three<li>four<table><tr><td>five<td>six<b><i>seven"},
		{"stray end tags", "</p></div></span></td></tr></table></body></html>text</a></svg></select>"},
		{"deeply nested divs", rep("<div>", deep) + "hello" + rep("</div>", deep)},
		{"deeply nested unclosed divs", rep("<div>", deep) + "hello"},
		{"deeply nested spans", rep("<span>", deep) + "hello" + rep("</span>", deep)},
		{"deeply nested links", rep("<a href=x>", deep) + "hello"},
		{"deeply nested tables", rep("<table><tr><td>", deep) + "hello"},
		{"deeply nested svg", rep("<svg>", deep) + "hidden" + rep("</svg>", deep) + "shown"},
		{"deeply nested marked elements", rep(`<div class="sidebar">`, deep) + "hello"},
		{"many stray end tags in a deep tree", rep("<div>", deep) + rep("</svg></span></td>", deep)},
		{"many headings and paragraphs", rep("<h1>title<p>"+sentences(1, 2), deep)},
		{"huge attribute", `<div class="` + rep("sidebar-", 1<<17) + `"><p>text</p></div>`},
		{"huge unquoted attribute", `<p style=` + rep("x", 1<<20) + `>text`},
		{"many attributes", `<div ` + rep(`a="b" `, 1<<15) + `>text</div>`},
		{"huge text", "<p>" + rep("word ", 1<<18)},
		{"huge script", "<script>" + rep("x<y;", 1<<18)},
		{"unterminated comment", "<p>a<!-- never closed " + rep("x", 1000)},
		{"unterminated title", "<title>never closed <p>body"},
		{"unclosed select", "<p>a<select><option>b" + rep("<p>"+sentences(2, 3), 100)},
		{"unclosed svg", "<p>a<svg>" + rep("<p>"+sentences(2, 3), 100)},
		{"lone angle brackets", "<<<>>></<//>< p>a<"},
		{"numeric references", "<p>&#0;&#x110000;&#xD800;&#128;&#9999999999;&#x;&#;&</p>"},
		{"NUL bytes", "<p>a\x00b</p><\x00p>c"},
		{"binary garbage", string(garbage)},
		{"tag soup", string(tagSoup)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, mode := range []Mode{Auto, All} {
				checkOutput(t, New(Options{Mode: mode}), []byte(tc.html))
			}
		})
	}
}

// checkOutput extracts src and checks the output invariants.
func checkOutput(t *testing.T, e *Extractor, src []byte) []byte {
	t.Helper()
	out := e.AppendText(nil, src)
	if !utf8.Valid(out) {
		t.Fatalf("%v: output is not valid UTF-8", e.opt.Mode)
	}
	if max := len(src) + 1; len(out) > max {
		t.Fatalf("%v: output of %d bytes from %d bytes of input, more than %d", e.opt.Mode, len(out), len(src), max)
	}
	if len(out) > 0 && out[len(out)-1] != '\n' {
		t.Fatalf("%v: output does not end with a newline", e.opt.Mode)
	}
	for _, line := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		if len(out) > 0 && (line == "" || line[0] == ' ' || line[len(line)-1] == ' ' || strings.Contains(line, "  ")) {
			t.Fatalf("%v: line %q is empty or has untrimmed white space", e.opt.Mode, line)
		}
	}
	return out
}

// TestDeepNestingText checks that deep nesting keeps the text.
func TestDeepNestingText(t *testing.T) {
	const deep = 100000
	for _, mode := range []Mode{Auto, All} {
		e := New(Options{Mode: mode})
		html := strings.Repeat("<div>", deep) + "hello" + strings.Repeat("</div>", deep)
		if got := string(e.AppendText(nil, []byte(html))); got != "hello\n" {
			t.Errorf("%v: got %q, want %q", mode, got, "hello\n")
		}
	}
}

// TestReuse checks that an Extractor carries nothing from one page to the
// next: a reused one gives the same text as a fresh one, page after page.
func TestReuse(t *testing.T) {
	for _, mode := range []Mode{Auto, All} {
		reused := New(Options{Mode: mode})
		var out []byte
		for seed := uint64(0); seed < 40; seed++ {
			size := 2000 + int(seed%7)*9000
			page, _ := genPage(seed, size)
			if seed%5 == 4 {
				page = page[:len(page)/3] // truncated mid-tag
			}
			want := New(Options{Mode: mode}).AppendText(nil, page)
			out = reused.AppendText(out[:0], page)
			if string(out) != string(want) {
				t.Fatalf("%v, page %d: reused extractor differs from a fresh one", mode, seed)
			}
			// dst is appended to, not overwritten.
			prefix := []byte("prefix\n")
			if got := reused.AppendText(prefix, page); string(got) != "prefix\n"+string(want) {
				t.Fatalf("%v, page %d: AppendText does not append", mode, seed)
			}
		}
	}
}

// TestGeneratedPages checks the main text of generated news pages against
// their article body: word 5-gram Jaccard at least 0.9 (the headline is
// extra text), and the All text holds the body (but for the shingles that
// span the figure and boxes between paragraphs).
func TestGeneratedPages(t *testing.T) {
	s, err := shingle.New(shingle.Options{})
	if err != nil {
		t.Fatal(err)
	}
	auto, all := New(Options{}), New(Options{Mode: All})
	for seed := uint64(1); seed <= 20; seed++ {
		for _, size := range []int{8 << 10, 40 << 10, 200 << 10} {
			page, body := genPage(seed, size)
			q := measure(s, auto.AppendText(nil, page), []byte(body))
			if q.jaccard < 0.9 || q.recall < 0.99 {
				t.Errorf("page %d of %d bytes: Jaccard %.3f, recall %.3f", seed, size, q.jaccard, q.recall)
			}
			if q := measure(s, all.AppendText(nil, page), []byte(body)); q.recall < 0.95 {
				t.Errorf("page %d of %d bytes, all text: recall %.3f", seed, size, q.recall)
			}
		}
	}
}

// TestHeadlineFirst checks that the main text of a generated page starts
// with its headline.
func TestHeadlineFirst(t *testing.T) {
	page, _ := genPage(5, 30<<10)
	out := string(New(Options{}).AppendText(nil, page))
	title := page[strings.Index(string(page), `<h1 class="headline">`)+len(`<h1 class="headline">`):]
	title = title[:strings.Index(string(title), "</h1>")]
	if !strings.HasPrefix(out, string(title)+"\n") {
		t.Errorf("main text starts %q, want the headline %q", out[:min(len(out), 80)], title)
	}
}

func TestOptions(t *testing.T) {
	for _, tc := range []struct {
		in, want Options
	}{
		{Options{}, Options{Mode: Auto, MaxLinkDensity: 0.7, MinChars: 250}},
		{Options{Mode: All, MaxLinkDensity: 0.3, MinChars: 10}, Options{Mode: All, MaxLinkDensity: 0.3, MinChars: 10}},
		{Options{Mode: 9, MaxLinkDensity: 1.5, MinChars: -1}, Options{Mode: Auto, MaxLinkDensity: 0.7, MinChars: 250}},
		{Options{MaxLinkDensity: -0.1}, Options{Mode: Auto, MaxLinkDensity: 0.7, MinChars: 250}},
	} {
		if got := New(tc.in).Options(); got != tc.want {
			t.Errorf("New(%+v).Options() = %+v, want %+v", tc.in, got, tc.want)
		}
	}
	for m, want := range map[Mode]string{Auto: "auto", All: "all", 7: "Mode(7)"} {
		if got := m.String(); got != want {
			t.Errorf("Mode(%d).String() = %q, want %q", m, got, want)
		}
	}
}

// TestAllocs checks that a warmed-up Extractor allocates only what the
// tokenizer does: a few buffers per page and one small string per raw-text
// element (script, style, title, …).
func TestAllocs(t *testing.T) {
	page, _ := genPage(2, 100<<10)
	raw := strings.Count(string(page), "<script") + strings.Count(string(page), "<style") +
		strings.Count(string(page), "<title")
	for _, mode := range []Mode{Auto, All} {
		e := New(Options{Mode: mode})
		dst := e.AppendText(nil, page)
		allocs := testing.AllocsPerRun(20, func() { dst = e.AppendText(dst[:0], page) })
		if limit := float64(raw + 8); allocs > limit {
			t.Errorf("%v: %.0f allocations per page, want at most %.0f", mode, allocs, limit)
		}
	}
}

// TestClassify checks how class and id values are read.
func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		v    string
		want uint8 // wBoiler, wContent or 0, ignoring wNegative
	}{
		{"sidebar", wBoiler},
		{"site-header", wBoiler},
		{"main-navigation", wBoiler},
		{"article-comments", wBoiler},
		{"relatedPosts", wBoiler},
		{"related-content", wBoiler},
		{"ad", wBoiler},
		{"ad-slot top", wBoiler},
		{"header ads", wBoiler},
		{"head", 0},
		{"shadow", 0},
		{"download", 0},
		{"entry-content", wContent},
		{"story-body__inner", wContent},
		{"comments-article", wContent},
		{"post-content share-enabled", wContent},
		{"Article-Body", wContent},
		{"content", wContent},
		{"clearfix col-md-8", 0},
	} {
		if got := classify([]byte(tc.v)) &^ (wNegative | wWeak); got != tc.want {
			t.Errorf("classify(%q) = %b, want %b", tc.v, got, tc.want)
		}
	}
	if classify([]byte("visually-hidden"))&wHidden == 0 || classify([]byte("x hidden"))&wHidden == 0 {
		t.Error("hiding class names not recognised")
	}
	if hidesElement([]byte("color: red; DISPLAY : none")) != true || hidesElement([]byte("display: block")) {
		t.Error("hidesElement")
	}
}

// ExampleExtractor_AppendText shows the main text of a small page.
func ExampleExtractor_AppendText() {
	page := []byte(`<html><head><title>Rates rise | Example News</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<h1>Rates rise</h1>
<div class="article-body">
<p>The central bank raised its rate on Thursday, the third rise this year, citing prices.</p>
<p>Officials said further rises were possible &amp; markets fell.<br>Analysts were split.</p>
</div>
<div class="related"><a href="/a">Other story</a></div>
<footer>&copy; Example News</footer>
</body></html>`)
	e := New(Options{})
	fmt.Print(string(e.AppendText(nil, page)))
	// Output:
	// Rates rise
	// The central bank raised its rate on Thursday, the third rise this year, citing prices.
	// Officials said further rises were possible & markets fell.
	// Analysts were split.
}

// ExampleExtractor_AppendAllText shows the whole text of the same kind of
// page, boilerplate included.
func ExampleExtractor_AppendAllText() {
	page := []byte(`<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<h1>Rates rise</h1><p>The bank raised its rate.</p><footer>&copy; Example News</footer>`)
	e := New(Options{})
	fmt.Print(string(e.AppendAllText(nil, page)))
	// Output:
	// Home World
	// Rates rise
	// The bank raised its rate.
	// © Example News
}

// TestShortArticleAmongComments: a story of one paragraph is the main
// text, not the longer readers' comments that schema.org marks as such
// (even in <article class="comment-body">), nor a promotion whose class
// names content but that holds no prose.
func TestShortArticleAmongComments(t *testing.T) {
	// Fewer characters than MinChars (250), so that the selection is
	// tried again with fewer marks, and prose enough (over 200).
	story := "OAKFIELD, October 10 (Meridian Press) - The city council said on Friday that it would delay its vote on the new river bridge until the spring, after the regional budget came in lower than expected and two of its members asked for more time to read it."
	comment := func(i int) string {
		return fmt.Sprintf(`<li class="depth-1"><article id="div-c-%d" class="comment-body" itemtype="https://schema.org/Comment" itemscope>
<footer class="comment-meta">Reader %d, August 22 at 5:57 am</footer>
<div class="comment-content"><p>When I started out, making my website live was the scary level. Fortunately I had already been writing for six months before that, so posts were easy, and once the site was up I enjoyed looking at the numbers every morning, number %d.</p>
<p>The next step was learning to share what I wrote, which was strange since I had no trouble getting on the phone to discuss business or going out and doing live workshops with people I did not know.</p></div></article></li>`, i, i, i)
	}
	var comments strings.Builder
	for i := range 6 {
		comments.WriteString(comment(i))
	}
	// The layout of a page builder (Elementor): widgets in widgets.
	widget := func(kind, inner string) string {
		return `<div class="elementor-element elementor-widget elementor-widget-` + kind + `"><div class="elementor-widget-container">` + inner + `</div></div>`
	}
	page := `<html><head><title>Council Delays Bridge Vote | Example</title></head><body><div class="elementor-section-wrap">` +
		widget("heading", `<h2 class="elementor-heading-title">Council Delays Bridge Vote</h2>`) +
		widget("theme-post-content", `<p>`+story+`</p><p>Read more…</p>`) +
		widget("post-comments", `<ol class="thread">`+comments.String()+`</ol>`) +
		widget("text-editor", `<div class="elementor-text-editor elementor-clearfix"><p><span>Click to watch free on-demand training about online business and visual marketing.</span></p></div>`) +
		`</div></body></html>`
	got := string(New(Options{}).AppendText(nil, []byte(page)))
	if !strings.Contains(got, "delay its vote on the new river bridge") {
		t.Errorf("the story is not in the main text:\n%s", got)
	}
	if strings.Contains(got, "scary level") || strings.Contains(got, "on-demand training") {
		t.Errorf("comments or the promotion in the main text:\n%s", got)
	}
}

// TestReadMoreDropped: the link to the rest of a truncated story is no
// part of its text, however it is written.
func TestReadMoreDropped(t *testing.T) {
	para := "<p>BELPORT, February 6 (Meridian Press) - The market bought the new offer on Tuesday, and the council said that it would look at the bids again in the spring after the budget.</p>"
	for _, label := range []string{"Read more…", "Read More...", "<a href=\"/x\">Continue reading</a>", "READ THE FULL STORY", "Read more »"} {
		page := "<html><head><title>Market Buys Offer</title></head><body><article><h1>Market Buys Offer</h1>" + para + "<p>" + label + "</p></article></body></html>"
		got := string(New(Options{}).AppendText(nil, []byte(page)))
		if !strings.Contains(got, "The market bought the new offer") {
			t.Errorf("%q: the story is lost:\n%s", label, got)
		}
		if l := strings.ToLower(got); strings.Contains(l, "read more") || strings.Contains(l, "continue reading") || strings.Contains(l, "full story") {
			t.Errorf("%q: the label is in the text:\n%s", label, got)
		}
	}
}

// TestTeasersAreNotTheArticle: a short article (a truncated copy of one
// or two sentences) above a "More in …" list whose teasers are <article>s
// with excerpts longer than it: the teasers of other stories are not the
// article, however much prose their excerpts hold.
func TestTeasersAreNotTheArticle(t *testing.T) {
	teaser := func(i int) string {
		return fmt.Sprintf(`<li><article class="more-posts-view post-%d hentry"><figure><a href="/story-%d"><img src="/%d.jpg"></a></figure>
<div class="article-info"><header><h5 class="entry-title"><a href="/story-%d">Other story %d</a></h5><time>November %d, 2019</time></header>
<div class="excerpt">%s</div></div><a href="/story-%d" class="read-more">Read More</a></article></li>`, i, i, i, i, i, i+10, sentences(uint64(100+i), 4), i)
	}
	for _, story := range []string{
		// One paragraph, under MinChars: the selection runs again.
		"MARWICK, June 23 (Meridian Press) - Leah Yarner, the lawyer of the airline, said the strike would end. The aerospace group said it would hire about 900 staff, and the council approved the plan on Friday.",
		// One sentence, under minProse.
		"SORRELMOUTH, August 2 (Continental Wire) - Low rates would be relaxed by the chemicals group in the spring.",
	} {
		var more strings.Builder
		for i := range 5 {
			more.WriteString(teaser(i))
		}
		page := `<html><head><title>Carriers Sell Strikes – Example</title></head><body><div id="page"><main><article class="post hentry">` +
			`<header><h1 class="entry-title">Carriers Sell Strikes</h1><div class="byline">By A. Writer</div></header>` +
			`<div class="article-body"><div class="body-copy"><p>` + story + `</p><p>Read more…</p></div></div>` +
			`<footer class="article-footer"><ul><li>Tags:</li><li><a href="/tag/x">X</a></li></ul></footer></article></main>` +
			`<div class="more-news"><h2 class="widget-title">More in Business</h2><ul>` + more.String() + `</ul></div></div></body></html>`
		got := string(New(Options{}).AppendText(nil, []byte(page)))
		if !strings.Contains(got, story) {
			t.Errorf("the story is not in the main text:\n%s", got)
		}
		for i := range 5 {
			if strings.Contains(got, sentences(uint64(100+i), 4)[:40]) {
				t.Errorf("teaser %d in the main text:\n%s", i, got)
			}
		}
	}
}

// TestTeaserMarks: the teasers are the other <article>s of a listing, not
// an <article> inside the one that holds the headline, even when a
// container holds that one and the teasers.
func TestTeaserMarks(t *testing.T) {
	page := `<html><body><div id="wrap"><article class="post"><h1>Council Delays Bridge Vote</h1>` +
		`<article class="body"><p>` + sentences(1, 4) + `</p><p>` + sentences(2, 4) + `</p></article></article>` +
		`<div class="more"><article class="teaser"><h5><a href="/a">Other story</a></h5><p>` + sentences(3, 3) + `</p></article>` +
		`<article class="teaser"><h5><a href="/b">Another story</a></h5><p>` + sentences(4, 3) + `</p></article></div></div></body></html>`
	e := New(Options{})
	e.AppendText(nil, []byte(page))
	var marks []bool
	for i, n := range e.nodes {
		if n.tag == atom.Article {
			marks = append(marks, e.teaser(int32(i)))
		}
	}
	if want := []bool{false, false, true, true}; !slices.Equal(marks, want) {
		t.Errorf("teaser marks of the <article>s in document order: %v, want %v", marks, want)
	}
}
